/**
 * The library API: `lint(inputs, options)` and `lintText(text, options)`. The CLI and the GitHub
 * Action are thin shells over these.
 */
import path from 'node:path';
import { rules as allRules } from '../rules/index.js';
import {
  checkConfig,
  loadConfig,
  resolveConfig,
  type ConfigFile,
  type LoadedConfig,
  type ResolvedConfig,
  type RuleSetting,
} from './engine/config.js';
import { Linter } from './engine/linter.js';
import type { AnyRule } from './engine/rule.js';
import { collectFiles, displayPathOf } from './load/files.js';
import { HeapGuard, readHeap, type HeapReading, type Limits } from './load/limits.js';
import { decodeBuffer, readManifests, tooLargeReason } from './load/read.js';
import type { LintResults } from './types.js';

export interface LintOptions {
  /** Folder that relative inputs, config lookup and displayed paths start from. Default: process.cwd(). */
  cwd?: string;
  /** A config file to use instead of looking for `.kube-lint.yaml`. */
  configFile?: string;
  /** An inline configuration; when given, no config file is read. */
  config?: ConfigFile;
  /** Overrides of the configuration (as the CLI flags do). */
  kubernetesVersion?: string;
  strict?: boolean;
  extends?: ConfigFile['extends'];
  rules?: Record<string, RuleSetting>;
  /** More ignore globs, relative to `cwd`. */
  ignore?: string[];
  /** Report suppressions that suppress nothing (turns on rule `unused-disable`). */
  reportUnusedDisables?: boolean;
  /** Standard input (text or raw bytes), linted when an input is `-`. */
  stdin?: string | Buffer;
  /** Name shown for standard input. Default `<stdin>`. */
  stdinFilename?: string;
  /** Files larger than this are not read (reported as failed). Default 32 MiB. */
  maxFileBytes?: number;
  /** Limits on hostile input (see src/load/limits.ts); `maxFileBytes` above wins over `limits.maxFileBytes`. */
  limits?: Partial<Limits>;
  /** For tests: how the heap is measured for `limits.maxHeapFraction`. */
  readHeap?: () => HeapReading;
  /** The rules to choose from (default: every built-in rule). */
  ruleSet?: readonly AnyRule[];
}

export interface PreparedConfig {
  loaded: LoadedConfig;
  resolved: ResolvedConfig;
}

/** Loads and resolves the configuration that `lint()` would use. Throws ConfigError or UsageError. */
export function prepareConfig(options: LintOptions = {}): PreparedConfig {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const loaded: LoadedConfig = options.config
    ? { config: checkConfig(structuredClone(options.config), 'inline configuration'), baseDir: cwd }
    : loadConfig({ cwd, ...(options.configFile ? { configFile: options.configFile } : {}) });
  const config: ConfigFile = { ...loaded.config };
  if (options.extends !== undefined) config.extends = options.extends;
  if (options.kubernetesVersion !== undefined) config.kubernetesVersion = options.kubernetesVersion;
  if (options.strict !== undefined) config.strict = options.strict;
  const rules: Record<string, RuleSetting> = { ...config.rules };
  if (options.reportUnusedDisables && rules['unused-disable'] === undefined) rules['unused-disable'] = 'warning';
  Object.assign(rules, options.rules);
  config.rules = rules;
  const resolved = resolveConfig(config, options.ruleSet ?? allRules, loaded.baseDir);
  return { loaded, resolved };
}

function limitsOf(options: LintOptions): Partial<Limits> {
  return options.maxFileBytes !== undefined ? { ...options.limits, maxFileBytes: options.maxFileBytes } : { ...options.limits };
}

/** Lints files, folders, glob patterns and `-` (standard input, from `options.stdin`). */
export async function lint(inputs: readonly string[], options: LintOptions = {}): Promise<LintResults> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const { resolved } = prepareConfig(options);
  const linter = new Linter(resolved, limitsOf(options));
  const { maxFileBytes, maxHeapFraction } = linter.limits;

  const paths = inputs.filter((i) => i !== '-');
  const { files, problems } = await collectFiles(paths, {
    cwd,
    ignore: [
      { patterns: resolved.ignore, base: resolved.baseDir },
      { patterns: options.ignore ?? [], base: cwd },
    ],
  });
  for (const problem of problems) {
    if (problem.kind === 'missing' || problem.kind === 'no-match' || problem.kind === 'unreadable') {
      linter.addUnreadable(problem.path, 'failed', problem.message);
    } else {
      linter.notice({ level: problem.kind === 'helm-chart' ? 'info' : 'warning', message: problem.message, filePath: problem.path });
    }
  }
  if (inputs.includes('-')) {
    const name = options.stdinFilename ?? '<stdin>';
    const stdin = options.stdin ?? '';
    const size = typeof stdin === 'string' ? Buffer.byteLength(stdin, 'utf8') : stdin.length;
    const outcome =
      size > maxFileBytes
        ? { ok: false as const, status: 'failed' as const, reason: tooLargeReason(undefined, maxFileBytes, 'standard input') }
        : typeof stdin === 'string'
          ? { ok: true as const, text: stdin }
          : decodeBuffer(stdin);
    if (outcome.ok) linter.addSource(name, outcome.text);
    else linter.addUnreadable(name, outcome.status, outcome.reason);
  }
  // Files are read a few at a time, ahead of the linter, and linted in order. Should the heap fill
  // up (many large files), the rest are reported as failed rather than the process dying.
  let done = 0;
  const heap = new HeapGuard(maxHeapFraction, options.readHeap);
  for await (const [file, outcome] of readManifests(files, { maxBytes: maxFileBytes })) {
    if (heap.check()) break;
    if (outcome.ok) linter.addSource(file.displayPath, outcome.text);
    else linter.addUnreadable(file.displayPath, outcome.status, outcome.reason);
    done++;
  }
  if (done < files.length) {
    const reading = (options.readHeap ?? readHeap)();
    const mb = (n: number): number => Math.round(n / 1024 / 1024);
    const reason = `not linted: kube-lint's memory was nearly full (${mb(reading.used)} of ${mb(reading.limit)} MiB) after the files before it; lint fewer files per run, or give Node more memory (NODE_OPTIONS=--max-old-space-size=<MiB>)`;
    // One notice for them all: the memory left must go to the report.
    linter.notice({ level: 'error', message: `${files.length - done} files ${reason}` });
    for (let i = done; i < files.length; i++) linter.addUnreadable(files[i]?.displayPath ?? '', 'failed', reason, { notice: false });
  }
  return linter.finish();
}

/** Lints one string as if it were the file `options.filePath` (default `<text>`). */
export function lintText(text: string, options: LintOptions & { filePath?: string } = {}): LintResults {
  const { resolved } = prepareConfig(options);
  const linter = new Linter(resolved, limitsOf(options));
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const name = options.filePath ? (path.isAbsolute(options.filePath) ? displayPathOf(options.filePath, cwd) : options.filePath) : '<text>';
  linter.addSource(name, text);
  return linter.finish();
}
