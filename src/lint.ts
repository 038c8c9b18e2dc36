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
import { Linter, type ScreenedSource } from './engine/linter.js';
import { jobsFor, lintInWorkers, workerOptionsOf } from './parallel/pool.js';
import type { AnyRule } from './engine/rule.js';
import { collectFiles, displayPathOf, type FileEntry } from './load/files.js';
import { HeapGuard, readHeap, type HeapReading, type Limits } from './load/limits.js';
import { decodeBuffer, readManifests, tooLargeReason } from './load/read.js';
import type { ParsedFile } from './load/parse.js';
import { sharedValidatorCache, type ValidatorCache } from './schema/registry.js';
import { DiskValidatorCache, defaultCacheDir, prebuiltDir } from './schema/disk-cache.js';
import { crdsOfParsed, mayHoldCrd, setUpSchemas, type SchemaSetup } from './schema/sources.js';
import { UsageError } from './errors.js';
import type { LintResults, Notice } from './types.js';

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
  /** CustomResourceDefinition files or folders, relative to `cwd` (added to the config's `crds`). */
  crds?: string[];
  /** Schema folders laid out as `{group}/{kind}_{version}.json`, relative to `cwd` (added to the config's `schemas`). */
  schemas?: string[];
  /** Do not report kinds without a schema (turns rule `unknown-kind` off). */
  ignoreMissingSchemas?: boolean;
  /** Where compiled validators are kept (default: one cache per process); pass one to count compilations. */
  validatorCache?: ValidatorCache;
  /**
   * Lint only shard `index` (1-based) of `count`: files are split by a hash of their path, so a
   * file stays in its shard as others are added. Cross-resource rules see only the shard's files.
   */
  shard?: { index: number; count: number };
  /**
   * Worker threads to lint with; 1 lints in this thread. Default: one per processor (at most 8)
   * when there are 4 processors or more and the files are many and large enough to pay for
   * starting threads. The results are the same either way (src/parallel/pool.ts).
   */
  jobs?: number;
  /**
   * Folder where compiled schema validators are kept between runs (see schema/disk-cache.ts);
   * `false`: none. Default: KUBE_LINT_CACHE_DIR, else the user's cache folder.
   */
  cacheDir?: string | false;
}

/** FNV-1a, 32 bits: a stable, platform-independent hash of a path. */
function pathHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Whether a file belongs to shard `index` of `count` (see LintOptions.shard). */
export function inShard(displayPath: string, shard: { index: number; count: number }): boolean {
  return pathHash(displayPath) % shard.count === shard.index - 1;
}

/** Parses `i/n` (1 <= i <= n). */
export function parseShard(text: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count)
    throw new UsageError(`--shard takes i/n with 1 <= i <= n (for example 2/4), got "${text}"`);
  return { index, count };
}

export interface PreparedConfig {
  loaded: LoadedConfig;
  resolved: ResolvedConfig;
}

/** Loads and resolves the configuration that `lint()` would use. Throws ConfigError or UsageError. */
export function prepareConfig(options: LintOptions = {}): PreparedConfig {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const loaded: LoadedConfig = options.config
    ? { config: checkConfig(structuredClone(options.config), 'inline configuration', { rules: options.ruleSet ?? allRules }), baseDir: cwd }
    : loadConfig({ cwd, rules: options.ruleSet ?? allRules, ...(options.configFile ? { configFile: options.configFile } : {}) });
  const config: ConfigFile = { ...loaded.config };
  if (options.extends !== undefined) config.extends = options.extends;
  if (options.kubernetesVersion !== undefined) config.kubernetesVersion = options.kubernetesVersion;
  if (options.strict !== undefined) config.strict = options.strict;
  const rules: Record<string, RuleSetting> = { ...config.rules };
  // The flag is asked for on this run: it wins over a config that leaves the rule off.
  const unused = rules['unused-disable'];
  if (options.reportUnusedDisables && (unused === undefined || unused === 'off' || (Array.isArray(unused) && unused[0] === 'off'))) {
    rules['unused-disable'] = 'warning';
  }
  Object.assign(rules, options.rules);
  if (options.ignoreMissingSchemas) rules['unknown-kind'] = 'off';
  config.rules = rules;
  const resolved = resolveConfig(config, options.ruleSet ?? allRules, loaded.baseDir);
  return { loaded, resolved };
}

export function limitsOf(options: LintOptions): Partial<Limits> {
  return options.maxFileBytes !== undefined ? { ...options.limits, maxFileBytes: options.maxFileBytes } : { ...options.limits };
}

export function schemaSetup(resolved: ResolvedConfig, options: LintOptions, cwd: string): SchemaSetup {
  const fromConfig = (paths: readonly string[]) => paths.map((p) => ({ path: p, base: resolved.baseDir, origin: 'config' as const }));
  const fromCli = (paths: readonly string[] | undefined) => (paths ?? []).map((p) => ({ path: p, base: cwd, origin: 'cli' as const }));
  return setUpSchemas({
    kubernetesVersion: resolved.kubernetesVersion,
    strict: resolved.strict,
    crds: [...fromConfig(resolved.crds), ...fromCli(options.crds)],
    schemas: [...fromConfig(resolved.schemas), ...fromCli(options.schemas)],
    ...(options.validatorCache ? { cache: options.validatorCache } : {}),
    ...diskCacheOf(options, cwd),
  });
}

const diskCaches = new Map<string, DiskValidatorCache>();

/**
 * The disk cache of validators the options ask for (one object per folder and process), over the
 * validators prebuilt with the command when it has them (used even without a cache folder: they
 * are part of the package, like its schemas).
 */
function diskCacheOf(options: LintOptions, cwd: string): { disk?: DiskValidatorCache } {
  const base =
    options.cacheDir === false ? undefined : options.cacheDir !== undefined ? path.resolve(cwd, options.cacheDir) : defaultCacheDir();
  const dir = base === undefined ? undefined : path.join(base, 'validators');
  const prebuilt = prebuiltDir();
  if (dir === undefined && prebuilt === undefined) return {};
  let disk = diskCaches.get(dir ?? '');
  if (!disk) {
    disk = new DiskValidatorCache(dir, prebuilt);
    diskCaches.set(dir ?? '', disk);
  }
  return { disk };
}

/**
 * What this thread did for its validators so far (worker threads count their own): compiled, loaded
 * from a cache folder, loaded from the validators prebuilt with the command. For KUBE_LINT_DEBUG.
 */
export function validatorStats(): { compiled: number; cached: number; prebuilt: number } {
  let cached = 0;
  let prebuilt = 0;
  for (const disk of diskCaches.values()) {
    cached += disk.stats.hits - disk.stats.prebuilt;
    prebuilt += disk.stats.prebuilt;
  }
  return { compiled: sharedValidatorCache.compilations, cached, prebuilt };
}

export interface Source {
  name: string;
  text: string;
  screened?: ScreenedSource;
  parsed?: ParsedFile;
}

/**
 * The CustomResourceDefinitions among the sources, in order. Only files that mention
 * CustomResourceDefinition are parsed, as the linter would parse them (screened first, so input it
 * refuses is never parsed), and their screening and parse are kept for it.
 */
export function inputCrds(linter: Linter, sources: Source[]): { value: Record<string, unknown>; source: string }[] {
  const found: { value: Record<string, unknown>; source: string }[] = [];
  for (const source of sources) {
    if (!mayHoldCrd(source.text)) continue;
    source.screened = linter.screen(source.text);
    try {
      source.parsed = linter.parseScreened(source.screened);
    } catch {
      continue; // the linter reports the failure
    }
    if (!source.parsed) continue;
    for (const value of crdsOfParsed(source.parsed, source.name)) found.push({ value, source: source.name });
  }
  return found;
}

/** Adds a source to the linter, with what `inputCrds` already learnt of it. */
export function addScreened(linter: Linter, source: Source): void {
  linter.addSource(source.name, source.text, {
    ...(source.screened ? { screened: source.screened } : {}),
    ...(source.parsed ? { parsed: source.parsed } : {}),
  });
}

/** One notice per CRD or catalog schema that did not compile. */
export function brokenSchemaNotices(setup: SchemaSetup): Notice[] {
  return [...setup.registry.brokenSchemas].map(([what, message]) => ({
    level: 'warning' as const,
    message: `${what.replace('\n', ' ')} is not validated: its schema does not compile (${message})`,
  }));
}

/**
 * Adds the sources to the linter. CRDs among them are registered first, so that a custom resource
 * is validated against a CRD that comes later in the run (another file, or further down).
 */
function addSources(linter: Linter, setup: SchemaSetup, sources: Source[]): void {
  for (const { value, source } of inputCrds(linter, sources)) setup.registry.addCrd(value, source);
  for (const source of sources) addScreened(linter, source);
  for (const notice of brokenSchemaNotices(setup)) linter.notice(notice);
}

/**
 * Reads files a few at a time into sources; a file that cannot be read is reported to the linter.
 * Should the heap fill up (many large files), the rest are reported as failed rather than the
 * process dying.
 */
export function readSources(linter: Linter, files: readonly FileEntry[], options: Pick<LintOptions, 'readHeap'>): Source[] {
  const { maxFileBytes, maxHeapFraction } = linter.limits;
  const sources: Source[] = [];
  let done = 0;
  const heap = new HeapGuard(maxHeapFraction, options.readHeap);
  for (const [file, outcome] of readManifests(files, { maxBytes: maxFileBytes })) {
    if (heap.check()) break;
    if (outcome.ok) sources.push({ name: file.displayPath, text: outcome.text });
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
  return sources;
}

/** Lints files, folders, glob patterns and `-` (standard input, from `options.stdin`). */
export async function lint(inputs: readonly string[], options: LintOptions = {}): Promise<LintResults> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const { resolved } = prepareConfig(options);
  const setup = schemaSetup(resolved, options, cwd);
  const linter = new Linter(resolved, { schemas: setup.registry, limits: limitsOf(options) });
  for (const warning of setup.warnings) linter.notice({ level: 'warning', ...warning });
  const { maxFileBytes } = linter.limits;

  const paths = inputs.filter((i) => i !== '-');
  const { files: found, problems } = await collectFiles(paths, {
    cwd,
    ignore: [
      { patterns: resolved.ignore, base: resolved.baseDir },
      { patterns: options.ignore ?? [], base: cwd },
    ],
  });
  const shard = options.shard;
  const files = shard ? found.filter((f) => inShard(f.displayPath, shard)) : found;
  for (const problem of problems) {
    if (problem.kind === 'missing' || problem.kind === 'no-match' || problem.kind === 'unreadable') {
      linter.addUnreadable(problem.path, 'failed', problem.message);
    } else {
      linter.notice({ level: problem.kind === 'helm-chart' ? 'info' : 'warning', message: problem.message, filePath: problem.path });
    }
  }
  const sources: Source[] = [];
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
    if (outcome.ok) sources.push({ name, text: outcome.text });
    else linter.addUnreadable(name, outcome.status, outcome.reason);
  }
  if (sources.length === 0) {
    const jobs = jobsFor(options, files);
    if (jobs > 1) {
      const results = await lintInWorkers({ linter, config: resolved, options: { ...workerOptionsOf(options), cwd }, files, jobs });
      if (results) return results;
    }
  }
  sources.push(...readSources(linter, files, options));
  addSources(linter, setup, sources);
  const results = linter.finish();
  setup.registry.flushCaches();
  return results;
}

/** Lints one string as if it were the file `options.filePath` (default `<text>`). */
export function lintText(text: string, options: LintOptions & { filePath?: string } = {}): LintResults {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const { resolved } = prepareConfig(options);
  const setup = schemaSetup(resolved, options, cwd);
  const linter = new Linter(resolved, { schemas: setup.registry, limits: limitsOf(options) });
  for (const warning of setup.warnings) linter.notice({ level: 'warning', ...warning });
  const name = options.filePath ? (path.isAbsolute(options.filePath) ? displayPathOf(options.filePath, cwd) : options.filePath) : '<text>';
  addSources(linter, setup, [{ name, text }]);
  const results = linter.finish();
  setup.registry.flushCaches();
  return results;
}
