/**
 * The library API: `lint(inputs, options)` and `lintText(text, options)`. The CLI and the GitHub
 * Action are thin shells over these.
 */
import { celStatsNotice } from './schema/cel-rules.js';
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
import { INTERNAL_ERROR_RULE, Linter, RuleTiming, type ScreenedSource } from './engine/linter.js';

export { RuleTiming };
import { jobsFor, lintInWorkers, workerOptionsOf } from './parallel/pool.js';
import { collectFiles, displayPathOf, type FileEntry } from './load/files.js';
import { buildKustomizeModel, type KustomizeModel } from './load/kustomize.js';
import { HeapGuard, readHeap, type Limits } from './load/limits.js';
import { decodeBuffer, readManifests, tooLargeReason } from './load/read.js';
import type { ParsedFile } from './load/parse.js';
import { sharedValidatorCache } from './schema/registry.js';
import { DiskValidatorCache, defaultCacheDir, prebuiltDir } from './schema/disk-cache.js';
import { crdsOfParsed, mayHoldCrd, setUpSchemas, type SchemaSetup } from './schema/sources.js';
import { UsageError } from './errors.js';
import { VAR_NAME } from './load/substitute.js';
import { celBackend } from './policy/cel.js';
import { loadPolicies } from './policy/load.js';
import { customPolicyRule } from './policy/rules.js';
import type { LintResults, Notice } from './types.js';
import type { LintOptions, PreparedConfig } from './lint-options.js';

export type { LintOptions, PreparedConfig } from './lint-options.js';

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

/** Loads and resolves the configuration that `lint()` would use. Throws ConfigError or UsageError. */
export function prepareConfig(options: LintOptions = {}): PreparedConfig {
  if (options.prepared) return options.prepared;
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const loaded: LoadedConfig = options.config
    ? { config: checkConfig(structuredClone(options.config), 'inline configuration', { rules: options.ruleSet ?? allRules }), baseDir: cwd }
    : loadConfig({ cwd, rules: options.ruleSet ?? allRules, ...(options.configFile ? { configFile: options.configFile } : {}) });
  const config: ConfigFile = { ...loaded.config };
  if (options.extends !== undefined) config.extends = options.extends;
  if (options.kubernetesVersion !== undefined) config.kubernetesVersion = options.kubernetesVersion;
  if (options.strict !== undefined) config.strict = options.strict;
  if (options.vars !== undefined) {
    for (const name of Object.keys(options.vars)) {
      if (!VAR_NAME.test(name))
        throw new UsageError(`vars: "${name}" is not a variable name: use letters, digits and "_", not starting with a digit`);
    }
    config.vars = { ...config.vars, ...options.vars };
  }
  const rules: Record<string, RuleSetting> = { ...config.rules };
  // The flag is asked for on this run: it wins over a config that leaves the rule off.
  const unused = rules['unused-disable'];
  if (options.reportUnusedDisables && (unused === undefined || unused === 'off' || (Array.isArray(unused) && unused[0] === 'off'))) {
    rules['unused-disable'] = 'warning';
  }
  Object.assign(rules, options.rules);
  if (options.ignoreMissingSchemas) rules['unknown-kind'] = 'off';
  config.rules = rules;
  const builtin = options.ruleSet ?? allRules;
  const policies = loadPolicies(
    {
      inline: config.policies ?? [],
      ...(loaded.filePath !== undefined ? { configFile: loaded.filePath } : {}),
      ...(loaded.text !== undefined ? { configText: loaded.text } : {}),
      paths: [
        ...(config.policyPaths ?? []).map((p) => ({ path: p, base: loaded.baseDir })),
        ...(options.policies ?? []).map((p) => ({ path: p, base: cwd })),
      ],
      cwd,
    },
    celBackend,
    new Set([...allRules.map((r) => r.id), INTERNAL_ERROR_RULE]),
  );
  const ruleSet = [...builtin, ...policies.custom.map((p) => customPolicyRule(p, policies))];
  const resolved = { ...resolveConfig(config, ruleSet, loaded.baseDir), policies };
  return { loaded, resolved, ruleSet };
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
  /** Named by the user (see FileEntry.explicit); standard input and lintText are. */
  explicit?: boolean;
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
    explicit: source.explicit ?? true,
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
  const cel = celStatsNotice(setup.registry.celStats);
  if (cel) linter.notice(cel);
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
    if (outcome.ok) sources.push({ name: file.displayPath, text: outcome.text, explicit: file.explicit === true });
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

/** What the kustomization files among `files` say (see load/kustomize.ts). */
export function kustomizeModelOf(files: readonly FileEntry[], cwd: string, maxBytes: number): KustomizeModel {
  return buildKustomizeModel(
    files,
    (absolute) => displayPathOf(absolute, cwd),
    (absolute) => {
      for (const [, outcome] of readManifests([{ absolutePath: absolute }], { maxBytes })) return outcome.ok ? outcome.text : undefined;
      return undefined;
    },
  );
}

/** Lints files, folders, glob patterns and `-` (standard input, from `options.stdin`). */
export async function lint(inputs: readonly string[], options: LintOptions = {}): Promise<LintResults> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const { resolved } = prepareConfig(options);
  const setup = schemaSetup(resolved, options, cwd);
  const linter = new Linter(resolved, {
    schemas: setup.registry,
    limits: limitsOf(options),
    ...(options.timing ? { timing: options.timing } : {}),
  });
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
  // Kustomizations are read over every file found (a shard's patches may be listed in another's).
  const kustomize = kustomizeModelOf(found, cwd, maxFileBytes);
  linter.useKustomize(kustomize);
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
      const results = await lintInWorkers({
        linter,
        config: resolved,
        options: { ...workerOptionsOf(options), cwd },
        files,
        jobs,
        kustomize,
      });
      if (results) return checkNotEmpty(results, inputs, options.allowEmpty ?? resolved.allowEmpty);
    }
  }
  sources.push(...readSources(linter, files, options));
  addSources(linter, setup, sources);
  const results = linter.finish();
  setup.registry.flushCaches();
  return checkNotEmpty(results, inputs, options.allowEmpty ?? resolved.allowEmpty);
}

/** Whether a run linted nothing at all: no object, no client configuration, no finding, no failure. */
export function isEmptyRun(results: LintResults): boolean {
  const s = results.summary;
  return (
    s.objects === 0 &&
    (s.clientConfigDocuments ?? 0) === 0 &&
    (s.unparsedDocuments ?? 0) === 0 &&
    s.errors + s.warnings + s.infos === 0 &&
    s.filesFailed === 0 &&
    !results.internalError
  );
}

/** Marks a run that found no manifest (unless allowed), with a notice that says what was searched. */
function checkNotEmpty(results: LintResults, inputs: readonly string[], allowEmpty: boolean): LintResults {
  if (allowEmpty || !isEmptyRun(results)) return results;
  const where = inputs.map((i) => (i === '-' ? 'standard input' : i)).join(', ');
  const seen = results.summary.files > 0 ? ` (${results.summary.files} files read, none holds a Kubernetes object)` : '';
  results.notices.push({
    level: 'error',
    message: `no Kubernetes manifests found in ${where}${seen}: nothing was linted. Check the path, or pass --allow-empty (config allowEmpty: true) where an empty folder is expected`,
  });
  results.nothingLinted = true;
  return results;
}

/** Lints one string as if it were the file `options.filePath` (default `<text>`). */
export function lintText(text: string, options: LintOptions & { filePath?: string } = {}): LintResults {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const { resolved } = prepareConfig(options);
  const setup = schemaSetup(resolved, options, cwd);
  const linter = new Linter(resolved, {
    schemas: setup.registry,
    limits: limitsOf(options),
    ...(options.timing ? { timing: options.timing } : {}),
  });
  for (const warning of setup.warnings) linter.notice({ level: 'warning', ...warning });
  const name = options.filePath ? (path.isAbsolute(options.filePath) ? displayPathOf(options.filePath, cwd) : options.filePath) : '<text>';
  addSources(linter, setup, [{ name, text }]);
  const results = linter.finish();
  setup.registry.flushCaches();
  return results;
}
