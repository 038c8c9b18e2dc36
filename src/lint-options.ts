/**
 * The options of `lint()` and the prepared configuration it may be given: types only, apart from
 * lint.ts so that the worker pool (src/parallel/) can name them without importing lint.ts, which
 * imports the pool.
 */
import type { ConfigFile, LoadedConfig, ResolvedConfig, RuleSetting } from './engine/config.js';
import type { AnyRule } from './engine/rule.js';
import type { HeapReading, Limits } from './load/limits.js';
import type { ValidatorCache } from './schema/registry.js';
import type { RuleTiming } from './engine/linter.js';

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
  /**
   * Substitution variables (Flux post-build `${NAME}`), over the config's `vars` and `varsFiles`.
   * Given (even empty), objects are linted after substitution; not given and not configured,
   * nothing is substituted and placeholders stay unjudged.
   */
  vars?: Record<string, string>;
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
  /** Policy files or folders, relative to `cwd` (added to the config's `policyPaths`). */
  policies?: string[];
  /** The configuration prepareConfig() made for these options, when the caller has it already. */
  prepared?: PreparedConfig;
  /** Do not report kinds without a schema (turns rule `unknown-kind` off). */
  ignoreMissingSchemas?: boolean;
  /**
   * A run that finds no Kubernetes manifest is not a failure (config `allowEmpty`). By default it
   * is (`LintResults.nothingLinted`, exit code 2): a CI job pointed at the wrong folder must not pass.
   */
  allowEmpty?: boolean;
  /** Measures each rule's time into this (see RuleTiming); the run stays on this thread. */
  timing?: RuleTiming;
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

export interface PreparedConfig {
  loaded: LoadedConfig;
  resolved: ResolvedConfig;
  /** Every rule the run chooses from: the built-in ones and the configuration's own policies. */
  ruleSet: readonly AnyRule[];
}
