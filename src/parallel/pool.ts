/**
 * Linting on several threads. The files are split into contiguous parts of about equal size, one
 * per worker thread (worker.ts); each worker reads, parses and runs the single-object rules on its
 * part. This thread sees every object for the cross-resource rules and hands each report back to
 * the worker that holds the object's parse tree, which places it and applies suppressions.
 *
 * The results are those of one thread, finding for finding: the workers register the run's CRDs in
 * run order, objects reach the cross-resource rules in run order (parts are contiguous), and files
 * are merged in path order. Notices keep their order too, but for those about schemas that do not
 * compile, which come last, once each.
 */
import { celStatsNotice, sumCelStats } from '../schema/cel-rules.js';
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { lazyBuiltin } from '../lazy.js';
import { rules as builtinRules } from '../../rules/index.js';
import type { ResolvedConfig } from '../engine/config.js';
import { mergeResults, runCrossResourceRules, RUN_FILE, type Linter } from '../engine/linter.js';
import type { FileEntry } from '../load/files.js';
import type { KustomizeModel } from '../load/kustomize.js';
import type { LintObject } from '../load/objects.js';
import type { ParsedDocument } from '../load/parse.js';
import type { CrdInfo } from '../schema/crd.js';
import type { LintOptions } from '../lint-options.js';
import type { LintResults, Notice } from '../types.js';
import {
  Mailbox,
  type CrdRegistration,
  type FromWorker,
  type ToWorker,
  type TransferCrash,
  type TransferReport,
  type WorkerInit,
  type WorkerLintOptions,
} from './protocol.js';

/** At most this many threads, whatever the processor count: past it, memory grows faster than speed. */
export const MAX_JOBS = 8;
/**
 * Threads by default only from this many processors on. On the 2-processor machines the benchmark
 * ran on, two threads were 10% slower than one: js-yaml parsed at half speed in each (the two
 * processors share a core's throughput on this memory-bound work), and each thread loads its own
 * validators. `--jobs` still asks for threads on any machine.
 */
export const MIN_PROCESSORS = 4;
/** Below this many bytes of input, starting threads (each loads kube-lint) costs more than it saves. */
export const PARALLEL_MIN_BYTES = 4 * 1024 * 1024;
/** Below this many files, one thread. */
export const PARALLEL_MIN_FILES = 16;

/** The threads `lint()` uses for these files: 1 means this thread. */
export function jobsFor(options: LintOptions, files: readonly FileEntry[]): number {
  // Rules that are not built in, a heap probe and a validator cache are functions or shared
  // state: they stay in this thread.
  if (
    options.readHeap ||
    options.validatorCache ||
    options.timing ||
    (options.ruleSet && !options.ruleSet.every((r) => builtinRules.includes(r)))
  )
    return 1;
  if (options.jobs !== undefined) return Math.max(1, Math.min(Math.floor(options.jobs), files.length));
  const processors = availableParallelism();
  const jobs = Math.min(processors, MAX_JOBS, Math.floor(files.length / 2));
  if (processors < MIN_PROCESSORS || jobs < 2 || files.length < PARALLEL_MIN_FILES) return 1;
  let bytes = 0;
  for (const file of files) {
    bytes += sizeOf(file);
    if (bytes >= PARALLEL_MIN_BYTES) return jobs;
  }
  return 1;
}

/** The options a worker needs: the data among `lint()`'s options. */
export function workerOptionsOf(options: LintOptions): Omit<WorkerLintOptions, 'cwd'> {
  const data: LintOptions = { ...options };
  delete data.stdin;
  delete data.readHeap;
  delete data.ruleSet;
  delete data.validatorCache;
  delete data.timing;
  delete data.shard;
  delete data.jobs;
  delete data.ignore;
  delete data.prepared;
  return options.ruleSet ? { ...data, ruleIds: options.ruleSet.map((r) => r.id) } : data;
}

/** A file's size, looked up once and kept on the entry (jobsFor, then splitFiles, ask for it). */
function sizeOf(file: FileEntry): number {
  if (file.size === undefined) {
    try {
      file.size = statSync(file.absolutePath).size;
    } catch {
      file.size = 0; // the worker reports it
    }
  }
  return file.size;
}

/** Contiguous parts of about equal byte size (never empty). */
export function splitFiles<T>(files: readonly T[], sizes: readonly number[], parts: number): T[][] {
  const total = sizes.reduce((a, b) => a + b, 0);
  const out: T[][] = [];
  let start = 0;
  let acc = 0;
  for (let part = 1; part < parts; part++) {
    const goal = (total * part) / parts;
    let end = start + 1; // each part gets a file at least
    acc += sizes[start] ?? 0;
    // Leave at least one file for each later part.
    while (end < files.length - (parts - part) && acc + (sizes[end] ?? 0) / 2 <= goal) acc += sizes[end++] ?? 0;
    out.push(files.slice(start, end));
    start = end;
  }
  out.push(files.slice(start));
  return out;
}

/** One worker, its messages read in order. */
class Channel {
  private readonly mailbox = new Mailbox<FromWorker>();

  constructor(readonly worker: Worker) {
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'error') this.mailbox.fail(new Error(message.message));
      else this.mailbox.deliver(message);
    });
    worker.on('error', (error) => {
      this.mailbox.fail(error);
    });
    worker.on('exit', (code) => {
      this.mailbox.fail(new Error(`a worker thread stopped (exit code ${code})`));
    });
  }

  send(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  async receive<K extends FromWorker['type']>(type: K): Promise<Extract<FromWorker, { type: K }>> {
    const message = await this.mailbox.receive();
    if (message.type !== type) throw new Error(`a worker thread sent "${message.type}" where "${type}" was expected`);
    return message as Extract<FromWorker, { type: K }>;
  }
}

/**
 * Starts a worker on worker.js beside this file; from the TypeScript sources (under the test
 * runner), on worker.ts through tsx's loader.
 */
function startWorker(workerData: WorkerInit): Worker {
  const { Worker } = lazyBuiltin('node:worker_threads');
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./worker.js', import.meta.url), { workerData, stdout: false });
  const source = JSON.stringify(new URL('./worker.ts', import.meta.url).href);
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${source}); });`;
  return new Worker(boot, { eval: true, workerData, stdout: false });
}

/** A document whose parse tree stayed in its worker: cross-resource rules get its index, not positions. */
function remoteDocument(index: number, value: unknown): ParsedDocument {
  const away = (): never => {
    throw new Error('positions are not available to cross-resource rules (the parse tree is in a worker thread)');
  };
  return {
    index,
    value,
    get startLine() {
      return away();
    },
    get endLine() {
      return away();
    },
    get contentLine() {
      return away();
    },
    locate: away,
  };
}

export interface ParallelRun {
  /** The run's linter: it holds the notices and files reported before the files were read. */
  linter: Linter;
  config: ResolvedConfig;
  options: WorkerLintOptions;
  files: readonly FileEntry[];
  jobs: number;
  kustomize: KustomizeModel;
}

/**
 * Lints `files` on `jobs` worker threads. Undefined when a thread fails (it should not): the caller
 * then lints in this thread, with a notice saying so.
 */
export async function lintInWorkers(run: ParallelRun): Promise<LintResults | undefined> {
  const { linter, config, options, files, jobs, kustomize } = run;
  const parts = splitFiles(files, files.map(sizeOf), jobs).filter((p) => p.length > 0);
  const channels = parts.map((part) => new Channel(startWorker({ options, files: part, kustomize })));
  try {
    // 1. What each part defines and uses.
    const found = await Promise.all(channels.map((c) => c.receive('crds')));
    const crds = found.flatMap((m, owner) => m.crds.map((crd, id) => ({ ...crd, owner, id })));
    const kinds = found.map((m) => new Set(m.kinds));
    const kindKey = (info: CrdInfo): string => `${info.group}\n${info.kind}`;
    // The schemas a part needs from the others: those of the kinds it has.
    const wanted = channels.map(() => new Set<number>());
    for (const crd of crds) {
      kinds.forEach((has, part) => {
        if (part !== crd.owner && has.has(kindKey(crd.info))) wanted[crd.owner]?.add(crd.id);
      });
    }
    const full = new Map<string, CrdInfo>();
    await Promise.all(
      channels.map(async (channel, owner) => {
        const ids = [...(wanted[owner] ?? [])];
        if (ids.length === 0) return;
        channel.send({ type: 'want', ids });
        const { infos } = await channel.receive('crd-schemas');
        ids.forEach((id, i) => full.set(`${owner}:${id}`, infos[i] as CrdInfo));
      }),
    );

    // 2. Every CRD to every part, in run order; then the single-object rules run.
    channels.forEach((channel, part) => {
      const list: CrdRegistration[] = crds.map((crd) =>
        crd.owner === part
          ? { local: crd.id }
          : { info: kinds[part]?.has(kindKey(crd.info)) ? (full.get(`${crd.owner}:${crd.id}`) ?? crd.info) : crd.info, source: crd.source },
      );
      channel.send({ type: 'register', crds: list });
    });
    const sent = await Promise.all(channels.map((c) => c.receive('objects')));

    // 3. Cross-resource rules over every object, in run order; each report goes to its object's part.
    const objects: LintObject[] = [];
    const owners = new Map<LintObject, { part: number; id: number }>();
    sent.forEach(({ objects: list }, part) => {
      list.forEach(({ documentIndex, ...rest }, id) => {
        const object: LintObject = { ...rest, document: remoteDocument(documentIndex, rest.value) };
        objects.push(object);
        owners.set(object, { part, id });
      });
    });
    const reports: TransferReport[][] = channels.map(() => []);
    const crashes: TransferCrash[][] = channels.map(() => []);
    runCrossResourceRules(config.rules, objects, linter.environment, {
      report: (ruleId, { object, ...report }) => {
        const owner = owners.get(object);
        if (owner) reports[owner.part]?.push({ ruleId, object: owner.id, ...report });
      },
      crash: (ruleId, error) => {
        const first = objects[0];
        const owner = first ? owners.get(first) : undefined;
        if (first && owner) {
          crashes[owner.part]?.push({ ruleId, filePath: first.filePath, message: error instanceof Error ? error.message : String(error) });
        } else linter.addRunCrash(ruleId, RUN_FILE, error);
      },
    });
    channels.forEach((channel, part) => {
      channel.send({ type: 'reports', reports: reports[part] ?? [], crashes: crashes[part] ?? [] });
    });
    const done = await Promise.all(channels.map((c) => c.receive('results')));

    const here = linter.finalize();
    const notices: Notice[] = [...here.notices, ...done.flatMap((d) => d.results.notices)];
    const seen = new Set<string>();
    for (const notice of done.flatMap((d) => d.schemaNotices)) {
      if (seen.has(notice.message)) continue;
      seen.add(notice.message);
      notices.push(notice);
    }
    const celNotice = celStatsNotice(sumCelStats(done.map((d) => d.celStats)));
    if (celNotice) notices.push(celNotice);
    return mergeResults([here, ...done.map((d) => d.results)], notices, config);
  } catch (error) {
    linter.notice({
      level: 'warning',
      message: `linting on ${channels.length} threads failed (${error instanceof Error ? error.message : String(error)}); linted in one thread instead`,
    });
    return undefined;
  } finally {
    await Promise.all(channels.map((c) => c.worker.terminate()));
  }
}
