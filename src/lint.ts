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
import { DEFAULT_MAX_FILE_BYTES, decodeBuffer, readManifest } from './load/read.js';
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

/** Lints files, folders, glob patterns and `-` (standard input, from `options.stdin`). */
export async function lint(inputs: readonly string[], options: LintOptions = {}): Promise<LintResults> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const { resolved } = prepareConfig(options);
  const linter = new Linter(resolved);

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
    const outcome = typeof stdin === 'string' ? { ok: true as const, text: stdin.replace(/^\uFEFF/, '') } : decodeBuffer(stdin);
    if (outcome.ok) linter.addSource(name, outcome.text);
    else linter.addUnreadable(name, outcome.status, outcome.reason);
  }
  for (const file of files) {
    const outcome = await readManifest(file.absolutePath, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
    if (outcome.ok) linter.addSource(file.displayPath, outcome.text);
    else linter.addUnreadable(file.displayPath, outcome.status, outcome.reason);
  }
  return linter.finish();
}

/** Lints one string as if it were the file `options.filePath` (default `<text>`). */
export function lintText(text: string, options: LintOptions & { filePath?: string } = {}): LintResults {
  const { resolved } = prepareConfig(options);
  const linter = new Linter(resolved);
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const name = options.filePath ? (path.isAbsolute(options.filePath) ? displayPathOf(options.filePath, cwd) : options.filePath) : '<text>';
  linter.addSource(name, text);
  return linter.finish();
}
