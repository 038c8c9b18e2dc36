/**
 * The options of a lint run, shared by the command line (src/cli.ts) and the Action's `args` input
 * (src/action.ts): one commander definition, one translation to lint() options.
 */
import type { Command } from 'commander';
import { rules as allRules } from '../rules/index.js';
import { SEVERITY_WORDS, checkConfig, closest, severityOf, type RuleSetting } from './engine/config.js';
import { PRESETS, type PresetName } from './engine/rule.js';
import { UsageError } from './errors.js';
import type { FailOn } from './exit.js';
import { FORMATTERS } from './format/index.js';
import { lazyRequire } from './lazy.js';
import { parseShard, type LintOptions } from './lint.js';
import { DEFAULT_MAX_FILE_BYTES } from './load/read.js';
import { parseVarAssignments } from './load/substitute.js';
import { KUBERNETES_VERSIONS } from './schema/versions.js';

/** The options of a lint run, as commander hands them over. */
export interface LintFlags {
  format?: string[];
  output?: string;
  outputFile?: string[];
  config?: string;
  preset?: string;
  rule?: string[];
  kubernetesVersion?: string;
  strict?: boolean;
  crd?: string[];
  schemas?: string[];
  ignoreMissingSchemas?: boolean;
  ignorePattern?: string[];
  stdinFilename?: string;
  failOn?: string;
  maxWarnings?: string;
  quiet?: boolean;
  verbose?: boolean;
  reportUnusedDisables?: boolean;
  maxFileSize?: string;
  shard?: string;
  jobs?: string;
  cacheDir?: string;
  cache: boolean;
  color?: boolean;
  printConfig?: string;
  var?: string[];
  allowEmpty?: boolean;
  policy?: string[];
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

export function formatList(): string {
  return Object.keys(FORMATTERS).join(', ');
}

/** Defines the options of a lint run on a command. */
export function addLintOptions(command: Command): Command {
  return command
    .option('-f, --format <name>', `${formatList()} (default stylish)`, collect)
    .option('-o, --output <file>', 'write that report to FILE (its folder is created) instead of standard output')
    .option('--output-file <FORMAT=PATH>', 'also write a report in FORMAT to PATH; repeatable', collect)
    .option('-c, --config <file>', 'use this config file instead of searching for .kube-lint.yaml')
    .option('--print-config <file>', 'print the configuration that applies to FILE (JSON) and exit')
    .option('--preset <name>', `preset to start from: ${PRESETS.join(', ')} (overrides "extends")`)
    .option('--rule <setting>', "set a rule: ID=SEVERITY, or 'ID: [SEVERITY, {options}]'; repeatable", collect)
    .option('-k, --kubernetes-version <v>', `target Kubernetes version: ${KUBERNETES_VERSIONS.join(', ')} (default newest)`)
    .option('--strict', 'reject unknown fields (the default)')
    .option('--no-strict', 'let unknown fields pass')
    .option('--crd <path>', 'CustomResourceDefinition file or folder to validate custom resources with; repeatable', collect)
    .option('--schemas <dir>', 'schema folder laid out as {group}/{kind}_{version}.json; repeatable', collect)
    .option('--ignore-missing-schemas', 'do not report kinds without a schema (rule unknown-kind off)')
    .option('--ignore-pattern <glob>', 'leave out matching files; repeatable', collect)
    .option(
      '--var <NAME=VALUE>',
      "substitution variable for ${NAME} (Flux post-build), over the config's vars and varsFiles; repeatable",
      collect,
    )
    .option(
      '--policy <path>',
      'policy file or folder (ValidatingAdmissionPolicies, bindings, params, kube-lint policies); repeatable',
      collect,
    )
    .option('--allow-empty', 'exit 0 when no Kubernetes manifest is found (default: exit 2)')
    .option('--stdin-filename <name>', 'name to show for standard input')
    .option('--fail-on <level>', 'lowest severity that fails the run: error, warning, info, never (default error)')
    .option('--max-warnings <n>', 'fail when there are more than N warnings')
    .option('-q, --quiet', 'report errors only')
    .option('--verbose', "add each rule's how-to-fix text and documentation link to the stylish report")
    .option('--report-unused-disables', 'report suppressions that suppress nothing')
    .option('--max-file-size <bytes>', `skip (and fail) files larger than this (default ${DEFAULT_MAX_FILE_BYTES})`)
    .option(
      '--shard <i/n>',
      "lint only shard I of N (files split by a hash of their path); cross-resource rules see only the shard's files",
    )
    .option('--cache-dir <dir>', 'where compiled schema validators are kept (default: KUBE_LINT_CACHE_DIR, else ~/.cache/kube-lint)')
    .option('--no-cache', 'read and write no cache (the validators prebuilt with kube-lint are still used)')
    .option('-j, --jobs <n>', 'threads to lint with; 1 = this thread only (default: automatic on large inputs)')
    .option('--color', 'force colours')
    .option('--no-color', 'disable colours');
}

export function wholeNumber(value: string, flag: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} takes a whole number, got "${value}"`);
  return Number(value);
}

/**
 * `--rule` values: `ID=SEVERITY`, or ESLint's form, a YAML (or JSON) mapping such as
 * `'image-tag: [error, {requireDigest: true}]'`. Checked like the config file's `rules`.
 */
export function ruleOverrides(values: readonly string[]): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = {};
  for (const value of values) {
    const simple = /^([a-z0-9-]+)=([a-z0-9]+)$/.exec(value);
    let settings: unknown;
    if (simple?.[1] && simple[2]) {
      settings = { [simple[1]]: severityOf(simple[2]) ?? simple[2] };
    } else {
      try {
        settings = lazyRequire('yaml').parse(value, { version: '1.2', uniqueKeys: true, maxAliasCount: 0 });
      } catch {
        settings = undefined;
      }
      if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
        throw new UsageError(`--rule takes ID=SEVERITY or 'ID: [SEVERITY, {options}]' (severities: ${SEVERITY_WORDS}), got "${value}"`);
      }
    }
    try {
      Object.assign(out, checkConfig({ rules: settings }, `--rule "${value}"`, { rules: allRules }).rules);
    } catch (error) {
      throw new UsageError((error as Error).message.replace(/^--rule "[^\n]*": "rules\.([^"]+)"/, `--rule "${value}": "$1"`));
    }
  }
  return out;
}

/** `--fail-on` in kube-lint's words or ESLint's (warn; 2 error, 1 warning; off and 0 never). */
export function failOnOf(value: string | undefined): FailOn {
  if (value === undefined || value === 'never') return value === 'never' ? 'never' : 'error';
  const severity = severityOf(value);
  if (severity === undefined) throw new UsageError(`--fail-on takes error, warning (warn), info or never, got "${value}"`);
  return severity === 'off' ? 'never' : severity;
}

export function lintOptionsOf(flags: LintFlags, cwd: string): LintOptions {
  if (flags.preset !== undefined && !(PRESETS as readonly string[]).includes(flags.preset)) {
    const near = closest(flags.preset, PRESETS);
    throw new UsageError(`unknown preset "${flags.preset}"${near ? ` (did you mean "${near}"?)` : ''}: use one of ${PRESETS.join(', ')}`);
  }
  const options: LintOptions = { cwd, rules: ruleOverrides(flags.rule ?? []) };
  if (flags.config !== undefined) options.configFile = flags.config;
  if (flags.preset !== undefined) options.extends = flags.preset as PresetName;
  if (flags.kubernetesVersion !== undefined) options.kubernetesVersion = flags.kubernetesVersion;
  if (flags.strict !== undefined) options.strict = flags.strict;
  if (flags.ignorePattern) options.ignore = flags.ignorePattern;
  if (flags.crd) options.crds = flags.crd;
  if (flags.schemas) options.schemas = flags.schemas;
  if (flags.ignoreMissingSchemas) options.ignoreMissingSchemas = true;
  if (flags.var) options.vars = parseVarAssignments(flags.var, '--var');
  if (flags.policy) options.policies = flags.policy;
  if (flags.allowEmpty) options.allowEmpty = true;
  if (flags.reportUnusedDisables) options.reportUnusedDisables = true;
  if (flags.stdinFilename !== undefined) options.stdinFilename = flags.stdinFilename;
  if (flags.maxFileSize !== undefined) options.maxFileBytes = wholeNumber(flags.maxFileSize, '--max-file-size');
  if (flags.shard !== undefined) options.shard = parseShard(flags.shard);
  if (!flags.cache) options.cacheDir = false;
  else if (flags.cacheDir !== undefined) options.cacheDir = flags.cacheDir;
  if (flags.jobs !== undefined) {
    options.jobs = wholeNumber(flags.jobs, '--jobs');
    if (options.jobs < 1) throw new UsageError('--jobs takes 1 or more');
  }
  return options;
}

export function maxWarningsOf(flags: LintFlags): number {
  return flags.maxWarnings !== undefined ? wholeNumber(flags.maxWarnings, '--max-warnings') : -1;
}
