/**
 * Ajv errors -> one finding per problem, with a message that says what to do. oneOf/anyOf failures
 * are reduced to the errors of the branch the value was most likely meant to match (or to one
 * "set exactly one of" message), never a cascade of branch noise.
 */
import type { ErrorObject } from 'ajv';
import { closest } from '../suggest.js';
import { formatPath } from '../engine/paths.js';
import { CUSTOM_KEYWORDS, type CustomErrorParams, type IssueRule } from './keywords.js';

export type IssuePath = (string | number)[];

/** A problem found by validation: a path relative to the object, a message, and the rule that reports it. */
export interface SchemaIssue {
  rule: IssueRule;
  path: IssuePath;
  message: string;
  target?: 'key' | 'value';
  /**
   * The problem is a field that is not there ("missing required field", "set at least one of"):
   * what a partial object, such as a kustomize patch, is by design.
   */
  missing?: true;
  /** What kind of problem, where a caller treats some differently (the bundled CRD catalog does). */
  problem?: 'unknown-field' | 'misspelled-field' | 'missing-required';
}

export interface IssueContext {
  /** The object's kind, for "in the Deployment" and kind-specific hints. */
  kind: string;
  /** Why a field is unknown when it is no typo (a field of another Kubernetes version), as "do this" text. */
  unknownFieldHint?: (parentSchema: unknown, key: string) => string | undefined;
}

interface Located {
  error: ErrorObject;
  path: IssuePath;
}

/** JSON pointer -> path segments, numbers for array indexes (found by walking the data). */
export function pointerToPath(pointer: string, data: unknown): IssuePath {
  if (pointer === '') return [];
  const out: IssuePath = [];
  let current: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) {
      const index = Number(key);
      out.push(index);
      current = current[index];
    } else {
      out.push(key);
      current = typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[key] : undefined;
    }
  }
  return out;
}

export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  if (Array.isArray(value)) return 'a list';
  return 'a map';
}

const TYPE_WORDS: Record<string, string> = {
  integer: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'a boolean (true or false)',
  object: 'a map',
  array: 'a list',
  null: 'null',
};

const FORMAT_WORDS: Record<string, string> = {
  int32: 'a 32-bit integer (-2147483648 to 2147483647)',
  int64: 'a 64-bit integer',
  byte: 'base64-encoded',
  'date-time': 'an RFC 3339 date-time such as "2024-01-31T12:00:00Z"',
  date: 'a date such as "2024-01-31"',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  cidr: 'a CIDR such as "10.0.0.0/8"',
  uuid: 'a UUID',
};

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : describeValue(value).replace(/^(number|boolean) /, '');
}

function typeHint(expected: string[], data: unknown): string {
  if (expected.includes('string') && (typeof data === 'number' || typeof data === 'boolean')) return ': quote it';
  if ((expected.includes('integer') || expected.includes('number')) && typeof data === 'string' && /^-?\d+(\.\d+)?$/.test(data)) {
    return ': remove the quotes';
  }
  if (expected.includes('boolean') && typeof data === 'string' && /^(true|false|yes|no|on|off)$/i.test(data)) {
    return ': write true or false without quotes';
  }
  if (expected.length === 1 && expected[0] === 'array' && data !== null && typeof data === 'object')
    return ': write each entry as a "- " list item';
  return '';
}

function schemaProps(error: ErrorObject): string[] {
  const parent = error.parentSchema as { properties?: Record<string, unknown> } | undefined;
  return parent?.properties ? Object.keys(parent.properties) : [];
}

function messageOf(item: Located, context: IssueContext): SchemaIssue | undefined {
  const { error, path } = item;
  const where = path.length === 0 ? `the ${context.kind}` : formatPath(path);
  const data: unknown = error.data;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const near = closest(key, schemaProps(error));
      const hint = near === undefined ? context.unknownFieldHint?.(error.parentSchema, key) : undefined;
      const message = near
        ? `unknown field "${key}" in ${where} (did you mean "${near}"?)`
        : `unknown field "${key}" in ${where}: ${hint ?? 'remove it or fix its indentation'}`;
      return { rule: 'schema', path: [...path, key], message, target: 'key', problem: near ? 'misspelled-field' : 'unknown-field' };
    }
    case 'required': {
      const key = String(params.missingProperty);
      return { rule: 'schema', path, message: `missing required field "${key}" in ${where}`, missing: true, problem: 'missing-required' };
    }
    case 'type': {
      if (data === null || data === undefined) return undefined; // null means absent
      const expected = (Array.isArray(params.type) ? params.type : String(params.type).split(',')).map(String);
      const words = expected.map((t) => TYPE_WORDS[t] ?? t).join(' or ');
      return { rule: 'schema', path, message: `${where} must be ${words}, got ${describeValue(data)}${typeHint(expected, data)}` };
    }
    case 'format': {
      const format = String(params.format);
      const secretHint =
        format === 'byte' && context.kind === 'Secret' && path[0] === 'data' ? ': encode it, or put plain text under stringData' : '';
      return {
        rule: 'schema',
        path,
        message: `${where} must be ${FORMAT_WORDS[format] ?? `in format ${format}`}, got ${show(data)}${secretHint}`,
      };
    }
    case 'enum': {
      const allowed = (Array.isArray(params.allowedValues) ? params.allowedValues : []) as unknown[];
      const strings = allowed.filter((v): v is string => typeof v === 'string');
      const near =
        typeof data === 'string' ? (strings.find((s) => s.toLowerCase() === data.toLowerCase()) ?? closest(data, strings)) : undefined;
      const list =
        allowed.length <= 12
          ? allowed.map((v) => JSON.stringify(v)).join(', ')
          : `${allowed
              .slice(0, 12)
              .map((v) => JSON.stringify(v))
              .join(', ')}, ...`;
      return {
        rule: 'schema',
        path,
        message: `${where} must be one of ${list}, got ${show(data)}${near ? ` (did you mean "${near}"?)` : ''}`,
      };
    }
    case 'pattern':
      return { rule: 'schema', path, message: `${where} must match the pattern ${String(params.pattern)}, got ${show(data)}` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { rule: 'schema', path, message: `${where} must be ${String(params.comparison)} ${String(params.limit)}, got ${show(data)}` };
    case 'minLength':
      return { rule: 'schema', path, message: `${where} must be at least ${String(params.limit)} characters long, got ${show(data)}` };
    case 'maxLength':
      return {
        rule: 'schema',
        path,
        message: `${where} must be at most ${String(params.limit)} characters long, got ${typeof data === 'string' ? data.length : 0}`,
      };
    case 'minItems':
      return {
        rule: 'schema',
        path,
        message: `${where} must have at least ${String(params.limit)} item(s), got ${Array.isArray(data) ? data.length : 0}`,
      };
    case 'maxItems':
      return {
        rule: 'schema',
        path,
        message: `${where} must have at most ${String(params.limit)} item(s), got ${Array.isArray(data) ? data.length : 0}`,
      };
    case 'minProperties':
      return {
        rule: 'schema',
        path,
        message: `${where} must have at least ${String(params.limit)} entr${params.limit === 1 ? 'y' : 'ies'}`,
      };
    case 'maxProperties':
      return {
        rule: 'schema',
        path,
        message: `${where} must have at most ${String(params.limit)} entr${params.limit === 1 ? 'y' : 'ies'}`,
      };
    case 'uniqueItems':
      return { rule: 'schema', path, message: `${where} has duplicate items (${String(params.j)} and ${String(params.i)}): remove one` };
    case 'multipleOf':
      return { rule: 'schema', path, message: `${where} must be a multiple of ${String(params.multipleOf)}, got ${show(data)}` };
    case 'not':
      return { rule: 'schema', path, message: `${where} has a value this field does not allow` };
    case 'oneOf':
    case 'anyOf':
      return { rule: 'schema', path, message: `${where} does not match any of the forms this field allows` };
    default: {
      if (CUSTOM_KEYWORDS.has(error.keyword)) {
        const custom = params as unknown as CustomErrorParams;
        const full = [...path, ...(custom.subpath ?? [])];
        const message = custom.message
          .replaceAll('{path}', full.length === 0 ? `the ${context.kind}` : formatPath(full))
          .replaceAll('{parent}', where);
        return { rule: custom.rule, path: full, message, ...(custom.target ? { target: custom.target } : {}) };
      }
      return { rule: 'schema', path, message: `${where} ${error.message ?? 'is not valid'}` };
    }
  }
}

function isPrefix(prefix: IssuePath, path: IssuePath): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => segment === path[i]);
}

/** Reduces a failed oneOf/anyOf and its branch errors to what the user should fix. */
function reduceJunctor(junctor: Located, branches: Located[]): Located[] {
  const { error } = junctor;
  const passing = (error.params as { passingSchemas?: unknown }).passingSchemas;
  if (Array.isArray(passing)) {
    // oneOf matched by more than one branch: usually "set exactly one of" these fields.
    const requiredSets = requiredOnlyBranches(error);
    if (requiredSets) {
      const names = requiredSets
        .flat()
        .map((n) => `"${n}"`)
        .join(', ');
      return [synthetic(junctor, `set only one of ${names}`)];
    }
    return [synthetic(junctor, `matches more than one of the forms this field allows: keep the fields of one`)];
  }
  const prefix = `${error.schemaPath}/`;
  const byBranch = new Map<number, Located[]>();
  for (const item of branches) {
    const index = Number(item.error.schemaPath.slice(prefix.length).split('/')[0]);
    const list = byBranch.get(index) ?? [];
    list.push(item);
    byBranch.set(index, list);
  }
  if (byBranch.size === 0) return [junctor];
  const allRequired = [...byBranch.values()].every((list) =>
    list.every((i) => i.error.keyword === 'required' && i.path.length === junctor.path.length),
  );
  if (allRequired) {
    const names = [
      ...new Set(
        [...byBranch.values()].flat().map((i) => `"${String((i.error.params as { missingProperty?: unknown }).missingProperty)}"`),
      ),
    ];
    return [synthetic(junctor, `set ${error.keyword === 'oneOf' ? 'exactly' : 'at least'} one of ${names.join(', ')}`, true)];
  }
  const score = (list: Located[]): [number, number] => [
    list.some((i) => i.error.keyword === 'type' && i.path.length === junctor.path.length) ? 1 : 0,
    list.length,
  ];
  const best = [...byBranch.entries()].sort(([ia, a], [ib, b]) => {
    const [ta, na] = score(a);
    const [tb, nb] = score(b);
    return ta - tb || na - nb || ia - ib;
  })[0];
  return best ? best[1] : [junctor];
}

function requiredOnlyBranches(error: ErrorObject): string[][] | undefined {
  const schema = error.schema;
  if (!Array.isArray(schema)) return undefined;
  const sets: string[][] = [];
  for (const branch of schema as unknown[]) {
    if (typeof branch !== 'object' || branch === null) return undefined;
    const keys = Object.keys(branch);
    const required = (branch as { required?: unknown }).required;
    if (keys.length !== 1 || !Array.isArray(required)) return undefined;
    sets.push(required.map(String));
  }
  return sets;
}

function synthetic(junctor: Located, text: string, missing = false): Located {
  return { path: junctor.path, error: { ...junctor.error, keyword: missing ? 'x-missing' : 'x-junctor', message: text } };
}

/** Turns Ajv's errors for `data` into one issue per problem. */
export function translateErrors(errors: readonly ErrorObject[], data: unknown, context: IssueContext): SchemaIssue[] {
  let items: Located[] = errors.map((error) => ({ error, path: pointerToPath(error.instancePath, data) }));
  // Ajv reports a junctor's branch errors before the junctor itself, inner junctors first.
  for (let i = 0; i < items.length; i++) {
    const junctor = items[i];
    if (!junctor || (junctor.error.keyword !== 'oneOf' && junctor.error.keyword !== 'anyOf')) continue;
    const prefix = `${junctor.error.schemaPath}/`;
    const isBranch = (item: Located): boolean => item.error.schemaPath.startsWith(prefix) && isPrefix(junctor.path, item.path);
    const branches = items.slice(0, i).filter(isBranch);
    const replacement = reduceJunctor(junctor, branches);
    const before = items.slice(0, i).filter((item) => !isBranch(item));
    items = [...before, ...replacement, ...items.slice(i + 1)];
    i = before.length + replacement.length - 1;
  }
  // A misspelled required field is one problem: keep "unknown field (did you mean ...)" and drop
  // "missing required field" for the name it suggests.
  const suggested = new Set<string>();
  for (const { error, path } of items) {
    if (error.keyword !== 'additionalProperties') continue;
    const near = closest(String((error.params as { additionalProperty?: unknown }).additionalProperty), schemaProps(error));
    if (near !== undefined) suggested.add(`${JSON.stringify(path)} ${near}`);
  }
  items = items.filter(
    ({ error, path }) =>
      error.keyword !== 'required' ||
      !suggested.has(`${JSON.stringify(path)} ${String((error.params as { missingProperty?: unknown }).missingProperty)}`),
  );
  const out: SchemaIssue[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const issue =
      item.error.keyword === 'x-junctor' || item.error.keyword === 'x-missing'
        ? {
            rule: 'schema' as const,
            path: item.path,
            message: `${item.path.length === 0 ? `the ${context.kind}` : formatPath(item.path)}: ${item.error.message ?? ''}`,
            ...(item.error.keyword === 'x-missing' ? { missing: true as const } : {}),
          }
        : messageOf(item, context);
    if (!issue) continue;
    const key = `${issue.rule} ${JSON.stringify(issue.path)} ${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(issue);
  }
  return out;
}
