/**
 * The messages between `lint()` and its worker threads (see pool.ts for the sequence). Everything
 * here crosses threads by structured clone: plain data only.
 */
import type { KustomizeModel } from '../load/kustomize.js';
import type { ObjectRole } from '../load/objects.js';
import type { CelStats } from '../schema/cel-rules.js';
import type { FileEntry } from '../load/files.js';
import type { CrdInfo } from '../schema/crd.js';
import type { LintOptions } from '../lint-options.js';
import type { LintResults, Notice, Severity, YamlPath } from '../types.js';

/** The options a worker lints with: those of `lint()` that are data. */
export type WorkerLintOptions = Omit<
  LintOptions,
  'stdin' | 'readHeap' | 'ruleSet' | 'validatorCache' | 'shard' | 'jobs' | 'ignore' | 'prepared'
> & {
  cwd: string;
  /** Ids of the built-in rules to choose from, when `lint()` was given a subset of them. */
  ruleIds?: string[];
};

export interface WorkerInit {
  options: WorkerLintOptions;
  files: FileEntry[];
  /** What the run's kustomizations say, read once by the main thread over all files. */
  kustomize: KustomizeModel;
}

/** A CRD found in a worker's files; `info` without schemas (`schema` unset) unless asked for. */
export interface FoundCrd {
  info: CrdInfo;
  source: string;
}

/** One CRD to register, in run order: one of the worker's own (`local`: its index) or another's. */
export type CrdRegistration = { local: number } | { info: CrdInfo; source: string };

/** An object as the cross-resource rules see it, without its parse tree (which stays in the worker). */
export interface TransferObject {
  apiVersion: string | undefined;
  kind: string | undefined;
  name: string | undefined;
  namespace: string | undefined;
  value: Record<string, unknown>;
  filePath: string;
  documentIndex: number;
  basePath: (string | number)[];
  role: ObjectRole;
}

/** A cross-resource rule's report on the worker's object number `object`. */
export interface TransferReport {
  ruleId: string;
  object: number;
  path: YamlPath;
  message: string;
  target?: 'key' | 'value';
  severity?: Severity;
}

export interface TransferCrash {
  ruleId: string;
  filePath: string;
  message: string;
}

export type ToWorker =
  | { type: 'want'; ids: number[] }
  | { type: 'register'; crds: CrdRegistration[] }
  | { type: 'reports'; reports: TransferReport[]; crashes: TransferCrash[] };

export type FromWorker =
  /** Sources read and parsed; what CRDs they define and which custom kinds (`group\nkind`) they use. */
  | { type: 'crds'; crds: FoundCrd[]; kinds: string[] }
  /** The full infos (schemas included) of the CRDs asked for with `want`, in that order. */
  | { type: 'crd-schemas'; infos: CrdInfo[] }
  /** Single-object rules done; the objects, in order, for the cross-resource rules. */
  | { type: 'objects'; objects: TransferObject[] }
  /** Done: the worker's files; notices about schemas that do not compile apart (they are merged). */
  | { type: 'results'; results: LintResults; schemaNotices: Notice[]; celStats: CelStats }
  | { type: 'error'; message: string };

/**
 * Messages read in order, whichever comes first: the message or the read. Once failed (a thread
 * that stopped), every read then waiting or to come is rejected with the first failure.
 */
export class Mailbox<T> {
  private readonly inbox: T[] = [];
  private waiting: { resolve: (message: T) => void; reject: (error: Error) => void } | undefined;
  private failure: Error | undefined;

  deliver(message: T): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) waiting.resolve(message);
    else this.inbox.push(message);
  }

  fail(error: Error): void {
    this.failure ??= error;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(this.failure);
  }

  receive(): Promise<T> {
    const next = this.inbox.shift();
    if (next !== undefined) return Promise.resolve(next);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }
}
