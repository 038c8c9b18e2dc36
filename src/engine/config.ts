/**
 * Configuration: `.kube-lint.yaml` (or .yml/.json) found from the working folder upward to the
 * repository root, or a file named with `--config`. Data only (YAML or JSON), never code. The
 * config is validated; a bad key or value is a ConfigError naming it.
 */
import { lazyRequire } from '../lazy.js';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type * as AjvModule from 'ajv';
import type { Document as YamlDocument, LineCounter } from 'yaml';
import { closest } from '../suggest.js';
import { ConfigError } from '../errors.js';
import { normalizeKubernetesVersion } from '../schema/versions.js';
import type { Severity, SeverityOrOff } from '../types.js';
import type { ClientKind } from '../k8s/client-config.js';
import { VAR_NAME, type Vars } from '../load/substitute.js';
import { PRESETS, type AnyRule, type PresetName, type Rule } from './rule.js';
import type { PolicySet } from '../policy/load.js';

export const CONFIG_FILE_NAMES = ['.kube-lint.yaml', '.kube-lint.yml', '.kube-lint.json'] as const;

/** A severity as written: kube-lint's names, or ESLint's `warn` and 0 (off), 1 (warning), 2 (error). */
export type SeverityInput = SeverityOrOff | 'warn' | 0 | 1 | 2;
export type RuleSetting = SeverityInput | [SeverityInput] | [SeverityInput, Record<string, unknown>];

/** The configuration file's shape (also accepted inline by the library API). */
export interface ConfigFile {
  extends?: PresetName;
  rules?: Record<string, RuleSetting>;
  kubernetesVersion?: string;
  strict?: boolean;
  ignore?: string[];
  crds?: string[];
  schemas?: string[];
  /** More client-side kinds (never sent to the cluster): skipped like kustomization.yaml. */
  clientKinds?: ClientKindSetting[];
  /** Exit 0 when nothing was linted (no manifest found), instead of 2. */
  allowEmpty?: boolean;
  /** Substitution variables (Flux post-build `${var}`), NAME: value. */
  vars?: Record<string, string | number | boolean>;
  /** Files of substitution variables (YAML or JSON mappings, ConfigMaps or Secrets, or dotenv KEY=VALUE lines), relative to the config. */
  varsFiles?: string[];
  /** kube-lint's own policies, in CEL (see docs/policies.md). */
  policies?: Record<string, unknown>[];
  /** Policy files or folders: ValidatingAdmissionPolicies, bindings, params, `policies:` lists. */
  policyPaths?: string[];
}

/** A client-side kind in the config: an API group (`` for core), and a kind (default: all). */
export interface ClientKindSetting {
  group: string;
  kind?: string;
}

/**
 * Severities as the config and the command line accept them: kube-lint's own names, and ESLint's
 * habits (`warn`, and 0 off, 1 warning, 2 error). They are turned into kube-lint's names on load.
 */
export const SEVERITY_ALIASES: Readonly<Record<string, SeverityOrOff>> = {
  off: 'off',
  info: 'info',
  warning: 'warning',
  warn: 'warning',
  error: 'error',
  '0': 'off',
  '1': 'warning',
  '2': 'error',
};
export const SEVERITY_WORDS = "off, info, warning, error (or ESLint's warn, 0, 1, 2)";

/** The canonical severity of a config or command-line value, or undefined when it is none. */
export function severityOf(value: unknown): SeverityOrOff | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  return Object.hasOwn(SEVERITY_ALIASES, String(value)) ? SEVERITY_ALIASES[String(value)] : undefined;
}

const severityOrOff = {
  description: "off, info, warning, error; ESLint's warn, 0 (off), 1 (warning) and 2 (error) are accepted too",
  enum: ['off', 'info', 'warning', 'warn', 'error', 0, 1, 2],
};

/** What each key of the config means: the JSON Schema's descriptions (see scripts/gen-config-schema.ts). */
export const CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string', description: 'The JSON Schema of this file, for editors.' },
    extends: { description: 'The preset to start from (default recommended).', enum: [...PRESETS] },
    rules: {
      description: 'Rule settings by rule id: a severity, or [severity, {options}].',
      type: ['object', 'null'],
      additionalProperties: {
        anyOf: [
          severityOrOff,
          { type: 'array', minItems: 1, maxItems: 2, items: [severityOrOff, { type: 'object' }], additionalItems: false },
        ],
      },
    },
    kubernetesVersion: {
      description: 'Target Kubernetes version, quoted ("1.33"). Default: the newest bundled.',
      type: ['string', 'number'], // a number gets a clear message below
    },
    strict: { description: 'Reject unknown fields (default true).', type: 'boolean' },
    ignore: {
      description: "Glob patterns of files to leave out, relative to this file's folder.",
      type: ['array', 'null'],
      items: { type: 'string' },
    },
    crds: {
      description: 'CustomResourceDefinition files or folders, relative to this file.',
      type: ['array', 'null'],
      items: { type: 'string' },
    },
    schemas: {
      description: 'Schema folders laid out as {group}/{kind}_{version}.json.',
      type: ['array', 'null'],
      items: { type: 'string' },
    },
    clientKinds: {
      description:
        'More client-side kinds (read by tools, never sent to the cluster), skipped like kustomization.yaml: an API group and a kind (default: every kind of the group).',
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['group'],
        properties: { group: { type: 'string' }, kind: { type: 'string', minLength: 1 } },
      },
    },
    allowEmpty: { description: 'Exit 0 when no Kubernetes manifest is found (default: exit 2).', type: 'boolean' },
    vars: {
      description: 'Substitution variables for Flux post-build placeholders (${NAME}), NAME: value.',
      type: 'object',
      additionalProperties: { type: ['string', 'number', 'boolean'] },
    },
    varsFiles: {
      description: 'Files of substitution variables (YAML/JSON mappings, ConfigMaps or Secrets, dotenv lines), relative to this file.',
      type: 'array',
      items: { type: 'string' },
    },
    // Each policy is checked by src/policy/definitions.ts, which reports problems at their lines.
    policies: { description: "The team's own policies in CEL (see docs/policies.md).", type: 'array', items: { type: 'object' } },
    policyPaths: {
      description: 'Policy files or folders: ValidatingAdmissionPolicies, bindings, params, policies lists.',
      type: 'array',
      items: { type: 'string' },
    },
  },
} as const;

// ajv and yaml are loaded when a configuration is first checked: a cold start without one skips them.
let validator: AjvModule.ValidateFunction | undefined;
function configValidator(): AjvModule.ValidateFunction {
  if (!validator) {
    const { Ajv } = lazyRequire('ajv');
    validator = new Ajv({ allErrors: true, strict: false, validateSchema: false }).compile(CONFIG_SCHEMA);
  }
  return validator;
}

export interface LoadedConfig {
  config: ConfigFile;
  /** The file it came from; undefined for defaults or inline config. */
  filePath?: string;
  /** Folder that relative paths in the config (ignore, crds, schemas) are resolved against. */
  baseDir: string;
  /** The file's text, to find the lines of what it defines (policies). */
  text?: string;
}

/** Finds the config file from `cwd` upward, stopping at the repository root (a folder with .git). */
export function findConfigFile(cwd: string): string | undefined {
  let dir = path.resolve(cwd);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    if (existsSync(path.join(dir, '.git'))) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Where a key or value of the config is written: `source:line:column`, or `source` alone. */
export type ConfigLocator = (at: readonly (string | number)[], key?: boolean) => string;

function yamlLocator(doc: YamlDocument, counter: LineCounter, source: string): ConfigLocator {
  const { isMap, isSeq, isPair, isScalar } = lazyRequire('yaml');
  return (at, key = false) => {
    let node: unknown = doc.contents;
    let keyNode: unknown;
    for (const step of at) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step));
        if (!pair) break;
        keyNode = pair.key;
        node = pair.value;
      } else if (isSeq(node) && typeof step === 'number') {
        keyNode = undefined;
        node = node.items[step];
      } else break;
    }
    const target = (key && keyNode ? keyNode : (node ?? keyNode)) as { range?: [number, number, number] } | undefined;
    if (!target?.range) return source;
    const { line, col } = counter.linePos(target.range[0]);
    return `${source}:${line}:${col}`;
  };
}

export function parseConfigText(text: string, source: string, rules?: readonly AnyRule[]): ConfigFile {
  let data: unknown;
  const { parseDocument, LineCounter } = lazyRequire('yaml');
  const counter = new LineCounter();
  const doc = parseDocument(text, { version: '1.2', uniqueKeys: true, lineCounter: counter });
  const syntax = doc.errors[0];
  if (syntax) {
    const where = syntax.linePos?.[0] ? `${source}:${syntax.linePos[0].line}:${syntax.linePos[0].col}` : source;
    throw new ConfigError(`${where}: not valid YAML or JSON: ${syntax.message.split('\n')[0] ?? ''}`);
  }
  try {
    data = doc.toJS({ maxAliasCount: 20 });
  } catch (error) {
    throw new ConfigError(`${source}: not valid YAML or JSON: ${(error as Error).message.split('\n')[0] ?? ''}`);
  }
  if (data === null || data === undefined) return {};
  return checkConfig(data, source, { locate: yamlLocator(doc, counter, source), ...(rules ? { rules } : {}) });
}

/** Ajv's errors, one message per place (anyOf reports each branch; the reader needs one line). */
function schemaProblems(errors: readonly AjvModule.ErrorObject[], data: unknown, locate: ConfigLocator): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const error of errors) {
    const at = error.instancePath
      .split('/')
      .slice(1)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const where = at.join('.');
    if (error.keyword === 'additionalProperties') {
      const key = String(error.params.additionalProperty);
      const known = Object.keys(CONFIG_SCHEMA.properties).filter((k) => k !== '$schema');
      const near = closest(key, known);
      out.push(
        `${locate([...at, key], true)}: unknown key "${where ? `${where}.` : ''}${key}"${near ? ` (did you mean "${near}"?)` : ''} (known keys: ${known.join(', ')})`,
      );
      continue;
    }
    const ruleSetting = at[0] === 'rules' && at.length >= 2;
    const place = ruleSetting ? at.slice(0, 2).join('.') : where;
    if (seen.has(place)) continue;
    seen.add(place);
    let detail: string;
    if (ruleSetting) detail = `"${place}" must be one of ${SEVERITY_WORDS}, or [severity, {options}]`;
    else if (error.keyword === 'enum') {
      const allowed = (error.params.allowedValues as unknown[]).map(String);
      const value: unknown = at.reduce<unknown>((node, step) => (node as Record<string, unknown> | undefined)?.[step], data);
      const near = typeof value === 'string' ? closest(value, allowed) : undefined;
      detail = `"${where}" must be one of ${JSON.stringify(error.params.allowedValues)}${near ? ` (did you mean "${near}"?)` : ''}`;
    } else detail = `"${where}" ${error.message ?? 'is invalid'}`;
    out.push(`${locate(ruleSetting ? at.slice(0, 2) : at)}: ${detail}`);
  }
  return out;
}

/** A rule setting with its severity in kube-lint's words (warn, 0, 1, 2 are ESLint's). */
function canonicalSetting(setting: RuleSetting): RuleSetting {
  if (!Array.isArray(setting)) return severityOf(setting) ?? setting;
  const [severity, options] = setting as [unknown, Record<string, unknown>?];
  const canonical = severityOf(severity) ?? (severity as SeverityOrOff);
  return options === undefined ? [canonical] : [canonical, options];
}

/**
 * Validates a config object and returns it typed, with severities in kube-lint's words. Every
 * problem is reported at once, in one ConfigError with one line per problem (`file:line:col: ...`
 * when the config came from a file). With `rules`, unknown rule ids and bad options are among them.
 */
export function checkConfig(
  data: unknown,
  source: string,
  context: { locate?: ConfigLocator; rules?: readonly AnyRule[] } = {},
): ConfigFile {
  const locate = context.locate ?? (() => source);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ConfigError(`${source}: the configuration must be a mapping of keys (extends, rules, kubernetesVersion, ...)`);
  }
  // A key whose entries are all commented out (`rules:` alone, as `kube-lint init` writes) is unset.
  data = Object.fromEntries(Object.entries(data).filter(([, value]) => value !== null));
  const validateConfig = configValidator();
  const problems = validateConfig(data) ? [] : schemaProblems(validateConfig.errors ?? [], data, locate);
  const config = data as ConfigFile;
  for (const name of Object.keys(config.vars ?? {})) {
    if (!VAR_NAME.test(name)) throw new ConfigError(`${source}: "vars.${name}" ${VAR_NAME_RULE}`);
  }
  const version: unknown = config.kubernetesVersion;
  if (typeof version === 'number') {
    problems.push(
      `${locate(['kubernetesVersion'])}: write kubernetesVersion as a quoted string ("1.30"): as a YAML number, ${version} loses its trailing zero`,
    );
  }
  const settings = config.rules && typeof config.rules === 'object' && !Array.isArray(config.rules) ? config.rules : undefined;
  if (settings) {
    for (const [id, setting] of Object.entries(settings)) settings[id] = canonicalSetting(setting);
  }
  // Policies are rules too, with ids of their own: with policies in play, unknown ids are left to
  // resolveConfig, which knows them (src/lint.ts prepareConfig).
  const hasPolicies = config.policies !== undefined || config.policyPaths !== undefined;
  if (context.rules && settings) problems.push(...ruleProblems(settings, context.rules, locate, hasPolicies));
  if (problems.length > 0) throw new ConfigError(problems.join('\n'));
  return config;
}

/** Unknown rule ids and options a rule refuses, each at its place. */
function ruleProblems(
  settings: Record<string, RuleSetting>,
  rules: readonly AnyRule[],
  locate: ConfigLocator,
  policyIds = false,
): string[] {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const problems: string[] = [];
  for (const [id, setting] of Object.entries(settings)) {
    const rule = byId.get(id);
    if (!rule) {
      if (policyIds) continue;
      problems.push(`${locate(['rules', id], true)}: ${unknownRule(id, [...byId.keys()])}`);
      continue;
    }
    if (!Array.isArray(setting) || setting[1] === undefined || severityOf(setting[0]) === undefined) continue;
    try {
      (rule as Rule).resolveOptions(setting[1]);
    } catch (error) {
      problems.push(`${locate(['rules', id, 1])}: ${(error as Error).message}`);
    }
  }
  return problems;
}

export function unknownRule(id: string, known: readonly string[]): string {
  const near = closest(id, known);
  return `unknown rule "${id}" in rules${near ? ` (did you mean "${near}"?)` : ''}; "kube-lint rules" lists them`;
}

export function loadConfigFile(filePath: string, rules?: readonly AnyRule[]): LoadedConfig {
  let text: string;
  try {
    if (statSync(filePath).isDirectory()) throw new ConfigError(`config file ${filePath} is a folder`);
    text = readFileSync(filePath, 'utf8');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(`cannot read config file ${filePath}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  return { config: parseConfigText(text, filePath, rules), filePath, baseDir: path.dirname(path.resolve(filePath)), text };
}

/**
 * Loads the configuration that applies in `cwd`: an explicit file, else the nearest
 * `.kube-lint.yaml`, else defaults.
 */
export function loadConfig(options: { cwd?: string; configFile?: string; rules?: readonly AnyRule[] } = {}): LoadedConfig {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  if (options.configFile) return loadConfigFile(path.resolve(cwd, options.configFile), options.rules);
  const found = findConfigFile(cwd);
  return found ? loadConfigFile(found, options.rules) : { config: {}, baseDir: cwd };
}

export interface ResolvedRule {
  rule: AnyRule;
  severity: Severity;
  options: object;
}

export interface ResolvedConfig {
  rules: ResolvedRule[];
  kubernetesVersion: string;
  strict: boolean;
  ignore: string[];
  crds: string[];
  schemas: string[];
  /** Client-side kinds added by the config, in the form the linter's table takes. */
  clientKinds: ClientKind[];
  allowEmpty: boolean;
  baseDir: string;
  /** Substitution variables; undefined when none were given (then nothing is substituted). */
  vars?: Vars;
  /** Policies loaded and compiled (src/policy/load.ts); set by prepareConfig. */
  policies?: PolicySet;
}

function settingParts(setting: RuleSetting): { severity: SeverityOrOff; options?: Record<string, unknown> } {
  const [severity, options] = Array.isArray(setting) ? setting : [setting];
  const canonical = severityOf(severity) ?? (severity as SeverityOrOff);
  return options === undefined ? { severity: canonical } : { severity: canonical, options };
}

export function inPreset(rule: AnyRule, preset: PresetName): boolean {
  if (preset === 'all') return true;
  if (preset === 'strict') return rule.meta.presets.includes('strict') || rule.meta.presets.includes('recommended');
  return rule.meta.presets.includes('recommended');
}

/** Turns a config (merged with command-line overrides) into the list of rules to run. */
export function resolveConfig(config: ConfigFile, rules: readonly AnyRule[], baseDir: string): ResolvedConfig {
  const preset = config.extends ?? 'recommended';
  const byId = new Map(rules.map((r) => [r.id, r]));
  for (const id of Object.keys(config.rules ?? {})) {
    if (!byId.has(id)) throw new ConfigError(unknownRule(id, [...byId.keys()]));
  }
  const resolved: ResolvedRule[] = [];
  for (const rule of rules) {
    const setting = config.rules?.[rule.id];
    let severity: SeverityOrOff = inPreset(rule, preset) ? rule.meta.defaultSeverity : 'off';
    let rawOptions: Record<string, unknown> | undefined;
    if (setting !== undefined) {
      const parts = settingParts(setting);
      severity = parts.severity;
      rawOptions = parts.options;
    }
    if (severity === 'off') continue;
    let options: object;
    try {
      options = (rule as Rule).resolveOptions(rawOptions);
    } catch (error) {
      throw new ConfigError((error as Error).message, { cause: error });
    }
    resolved.push({ rule, severity, options });
  }
  const versionInput = config.kubernetesVersion;
  return {
    rules: resolved,
    kubernetesVersion: normalizeKubernetesVersion(versionInput),
    strict: config.strict ?? true,
    ignore: config.ignore ?? [],
    crds: config.crds ?? [],
    schemas: config.schemas ?? [],
    clientKinds: (config.clientKinds ?? []).map((k) => ({
      group: k.group,
      kinds: k.kind === undefined || k.kind === '*' ? '*' : [k.kind],
      tool: 'the configuration (clientKinds)',
    })),
    allowEmpty: config.allowEmpty ?? false,
    baseDir,
    ...varsOf(config, baseDir),
  };
}

const VAR_NAME_RULE = 'is not a variable name: use letters, digits and "_", not starting with a digit';

/**
 * The substitution variables of a config: its `varsFiles` in order, then its `vars` (later ones
 * win). Nothing when the config gives neither: then no substitution happens at all.
 */
function varsOf(config: ConfigFile, baseDir: string): { vars?: Vars } {
  if (config.vars === undefined && config.varsFiles === undefined) return {};
  const vars: Record<string, string> = {};
  (config.varsFiles ?? []).forEach((file, i) => Object.assign(vars, readVarsFile(path.resolve(baseDir, file), `varsFiles[${i}]`)));
  for (const [name, value] of Object.entries(config.vars ?? {})) vars[name] = String(value);
  return { vars };
}

/**
 * A file of substitution variables: a YAML or JSON mapping of names to scalars, a ConfigMap or
 * Secret (its data, as Flux's `substituteFrom` reads it), or dotenv lines (`NAME=value`, `export`
 * and `#` comments allowed, quotes around a value removed). `key` names it in errors.
 */
export function readVarsFile(filePath: string, key: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(
      `${key}: cannot read ${filePath}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message}`,
    );
  }
  let data: unknown;
  try {
    data = lazyRequire('yaml').parse(text, { version: '1.2', schema: 'failsafe', maxAliasCount: 20 });
  } catch {
    data = undefined; // not YAML: perhaps dotenv
  }
  if (typeof data === 'object' && data !== null && !Array.isArray(data))
    return varsOfMapping(data as Record<string, unknown>, filePath, key);
  return varsOfDotenv(text, filePath, key);
}

function varsOfMapping(data: Record<string, unknown>, filePath: string, key: string): Record<string, string> {
  let entries = Object.entries(data);
  if ((data.kind === 'ConfigMap' || data.kind === 'Secret') && typeof data.apiVersion === 'string') {
    const decode =
      data.kind === 'Secret' ? (v: unknown) => (typeof v === 'string' ? Buffer.from(v, 'base64').toString('utf8') : v) : (v: unknown) => v;
    const field = (name: string): [string, unknown][] => {
      const value = data[name];
      return typeof value === 'object' && value !== null ? Object.entries(value) : [];
    };
    entries = [...field('data').map(([k, v]): [string, unknown] => [k, decode(v)]), ...field('stringData')];
  }
  const vars: Record<string, string> = {};
  for (const [name, value] of entries) {
    if (!VAR_NAME.test(name)) throw new ConfigError(`${key}: ${filePath}: "${name}" ${VAR_NAME_RULE}`);
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw new ConfigError(`${key}: ${filePath}: "${name}" must be a string, number or boolean`);
    }
    vars[name] = String(value);
  }
  return vars;
}

function varsOfDotenv(text: string, filePath: string, key: string): Record<string, string> {
  const vars: Record<string, string> = {};
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = /^(?:export\s+)?([^=\s]+)\s*=\s*(.*)$/.exec(line);
    if (!m) throw new ConfigError(`${key}: ${filePath}:${i + 1}: expected NAME=value (a YAML mapping or dotenv lines), got "${line}"`);
    const [, name = '', value = ''] = m;
    if (!VAR_NAME.test(name)) throw new ConfigError(`${key}: ${filePath}:${i + 1}: "${name}" ${VAR_NAME_RULE}`);
    vars[name] = /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value;
  });
  return vars;
}

export { closest } from '../suggest.js';
