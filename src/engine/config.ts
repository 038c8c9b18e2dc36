/**
 * Configuration: `.kube-lint.yaml` (or .yml/.json) found from the working folder upward to the
 * repository root, or a file named with `--config`. Data only (YAML or JSON), never code. The
 * config is validated; a bad key or value is a ConfigError naming it.
 */
import { lazyRequire } from '../lazy.js';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type * as AjvModule from 'ajv';
import { distance } from 'fastest-levenshtein';
import { ConfigError } from '../errors.js';
import { normalizeKubernetesVersion } from '../schema/versions.js';
import type { Severity, SeverityOrOff } from '../types.js';
import type { ClientKind } from '../k8s/client-config.js';
import { VAR_NAME, type Vars } from '../load/substitute.js';
import { PRESETS, type AnyRule, type PresetName, type Rule } from './rule.js';
import type { PolicySet } from '../policy/load.js';

export const CONFIG_FILE_NAMES = ['.kube-lint.yaml', '.kube-lint.yml', '.kube-lint.json'] as const;

export type RuleSetting = SeverityOrOff | [SeverityOrOff] | [SeverityOrOff, Record<string, unknown>];

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

const severityOrOff = { enum: ['off', 'info', 'warning', 'error'] };
export const CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    extends: { enum: [...PRESETS] },
    rules: {
      type: 'object',
      additionalProperties: {
        anyOf: [
          severityOrOff,
          { type: 'array', minItems: 1, maxItems: 2, items: [severityOrOff, { type: 'object' }], additionalItems: false },
        ],
      },
    },
    kubernetesVersion: { type: ['string', 'number'] }, // a number gets a clear message below
    strict: { type: 'boolean' },
    ignore: { type: 'array', items: { type: 'string' } },
    crds: { type: 'array', items: { type: 'string' } },
    schemas: { type: 'array', items: { type: 'string' } },
    clientKinds: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['group'],
        properties: { group: { type: 'string' }, kind: { type: 'string', minLength: 1 } },
      },
    },
    allowEmpty: { type: 'boolean' },
    vars: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
    varsFiles: { type: 'array', items: { type: 'string' } },
    // Each policy is checked by src/policy/definitions.ts, which reports problems at their lines.
    policies: { type: 'array', items: { type: 'object' } },
    policyPaths: { type: 'array', items: { type: 'string' } },
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

export function parseConfigText(text: string, source: string): ConfigFile {
  let data: unknown;
  try {
    const { parse } = lazyRequire('yaml');
    data = parse(text, { version: '1.2', uniqueKeys: true, maxAliasCount: 20 });
  } catch (error) {
    throw new ConfigError(`${source}: not valid YAML or JSON: ${(error as Error).message.split('\n')[0] ?? ''}`);
  }
  if (data === null || data === undefined) return {};
  return checkConfig(data, source);
}

/** Validates a config object and returns it typed; throws ConfigError naming the bad key. */
export function checkConfig(data: unknown, source: string): ConfigFile {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ConfigError(`${source}: the configuration must be a mapping of keys (extends, rules, kubernetesVersion, ...)`);
  }
  const validateConfig = configValidator();
  if (!validateConfig(data)) {
    const error = (validateConfig.errors ?? [])[0];
    const where = error?.instancePath ? error.instancePath.slice(1).replace(/\//g, '.') : '';
    let detail: string;
    if (error?.keyword === 'additionalProperties') {
      const key = String(error.params.additionalProperty);
      detail = `unknown key "${where ? `${where}.` : ''}${key}" (known keys: ${Object.keys(CONFIG_SCHEMA.properties)
        .filter((k) => k !== '$schema')
        .join(', ')})`;
    } else if (error?.keyword === 'enum' || where.startsWith('rules.')) {
      detail = `"${where}" must be one of ${where.startsWith('rules.') ? 'off, info, warning, error, or [severity, {options}]' : JSON.stringify(error?.params.allowedValues)}`;
    } else {
      detail = `"${where}" ${error?.message ?? 'is invalid'}`;
    }
    throw new ConfigError(`${source}: ${detail}`);
  }
  const config = data as ConfigFile;
  for (const name of Object.keys(config.vars ?? {})) {
    if (!VAR_NAME.test(name)) throw new ConfigError(`${source}: "vars.${name}" ${VAR_NAME_RULE}`);
  }
  const version: unknown = config.kubernetesVersion;
  if (typeof version === 'number') {
    throw new ConfigError(
      `${source}: write kubernetesVersion as a quoted string ("1.30"): as a YAML number, ${version} loses its trailing zero`,
    );
  }
  return config;
}

export function loadConfigFile(filePath: string): LoadedConfig {
  let text: string;
  try {
    if (statSync(filePath).isDirectory()) throw new ConfigError(`config file ${filePath} is a folder`);
    text = readFileSync(filePath, 'utf8');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(`cannot read config file ${filePath}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  return { config: parseConfigText(text, filePath), filePath, baseDir: path.dirname(path.resolve(filePath)), text };
}

/**
 * Loads the configuration that applies in `cwd`: an explicit file, else the nearest
 * `.kube-lint.yaml`, else defaults.
 */
export function loadConfig(options: { cwd?: string; configFile?: string } = {}): LoadedConfig {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  if (options.configFile) return loadConfigFile(path.resolve(cwd, options.configFile));
  const found = findConfigFile(cwd);
  return found ? loadConfigFile(found) : { config: {}, baseDir: cwd };
}

export interface ResolvedRule {
  rule: AnyRule;
  severity: Severity;
  options: object;
  /** The severity was set in the config (or on the command line), not taken from the rule's default. */
  explicit?: boolean;
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
  if (typeof setting === 'string') return { severity: setting };
  return setting[1] === undefined ? { severity: setting[0] } : { severity: setting[0], options: setting[1] };
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
    if (!byId.has(id)) {
      const near = closest(id, [...byId.keys()]);
      throw new ConfigError(`unknown rule "${id}" in rules${near ? ` (did you mean "${near}"?)` : ''}; "kube-lint rules" lists them`);
    }
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
    resolved.push({ rule, severity, options, ...(setting !== undefined ? { explicit: true } : {}) });
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

/** The nearest name by edit distance, when it is close enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}
