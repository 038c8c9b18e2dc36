/**
 * What the API server checks in a custom resource beyond OpenAPI validation, from the CRD's
 * structural schema:
 *
 * - `x-kubernetes-validations`: each CEL rule evaluated with `self` = the value at the node that
 *   holds it (as CEL sees it: defaults applied, unknown fields pruned, property names escaped,
 *   `type: number` as double). A finding points at `fieldPath` when the rule gives one, else at the
 *   node. `messageExpression`, else `message`, else "failed rule". Transition rules (reading
 *   `oldSelf`) need the stored object and are skipped (counted). A rule whose evaluation fails
 *   (a missing key, a type mismatch) is counted, not reported: the API server would have defaulted
 *   or rejected the object on other grounds first. A rule that exceeds its budget is reported.
 * - `x-kubernetes-list-type: set | map`: duplicate items, and items with the same keys
 *   (`x-kubernetes-list-map-keys`), are rejected.
 * - `x-kubernetes-embedded-resource`: the embedded object needs apiVersion and kind.
 *
 * Values that carry `${...}` placeholders (Flux post-build substitution, envsubst) are not judged:
 * the text is not what the API server will see.
 *
 * Also: the CEL rules of a CustomResourceDefinition itself must compile and name only fields its
 * schema has (the API server rejects the CRD otherwise).
 */
import {
  celDouble,
  compileCel,
  escapeCelFieldName,
  evaluateCel,
  toCelValue,
  unescapeCelFieldName,
  type CelProgram,
  type CelReference,
} from '../cel/index.js';
import { isRecord } from '../load/objects.js';
import { containsPlaceholder } from '../k8s/placeholders.js';
import type { IssuePath, SchemaIssue } from './issues.js';
import type { SchemaNode } from './types.js';
import { formatPath } from '../engine/paths.js';

/** Counts of one run (summed over the objects validated). */
export interface CelStats {
  /** Rule evaluations. */
  evaluated: number;
  /** Rules not evaluated because they read `oldSelf`. */
  transitionSkipped: number;
  /** Rules not evaluated because the values they read hold `${...}` placeholders. */
  placeholderSkipped: number;
  /** Evaluations that ended in an error (not reported). */
  evaluationErrors: number;
  /** Rules that do not compile (reported on the CRD when it is in the run). */
  compileErrors: number;
}

export function emptyCelStats(): CelStats {
  return { evaluated: 0, transitionSkipped: 0, placeholderSkipped: 0, evaluationErrors: 0, compileErrors: 0 };
}

/** The counts of several workers, added up. */
export function sumCelStats(list: readonly CelStats[]): CelStats {
  const out = emptyCelStats();
  for (const s of list) for (const k of Object.keys(out) as (keyof CelStats)[]) out[k] += s[k];
  return out;
}

/** An info notice with the CEL counts of a run, when rules were left unchecked. */
export function celStatsNotice(stats: CelStats): { level: 'info'; message: string } | undefined {
  const parts: string[] = [];
  if (stats.transitionSkipped > 0)
    parts.push(`${stats.transitionSkipped} transition rules (reading oldSelf) not checked: they compare with the stored object`);
  if (stats.placeholderSkipped > 0)
    parts.push(`${stats.placeholderSkipped} not checked because the values they read hold \${...} placeholders`);
  if (stats.evaluationErrors > 0) parts.push(`${stats.evaluationErrors} evaluations ended in an error and were not reported`);
  // Only what was left unchecked is worth a line; a run where every rule was judged says nothing.
  if (parts.length === 0) return undefined;
  return { level: 'info', message: `CEL validation rules: ${stats.evaluated} evaluated${parts.length > 0 ? `; ${parts.join('; ')}` : ''}` };
}

const VARIABLES = ['self', 'oldSelf'] as const;

function node(v: unknown): SchemaNode | undefined {
  return isRecord(v) ? (v as SchemaNode) : undefined;
}

function typeOf(schema: SchemaNode): string | undefined {
  return typeof schema.type === 'string' ? schema.type : undefined;
}

// ---------------------------------------------------------------------------------------------
// Values as CEL sees them

/**
 * The value at a schema node as the API server hands it to CEL: defaults applied, unknown fields
 * pruned (unless preserved), property names escaped, numbers of `type: number` as doubles. Plain
 * data, for toCelValue.
 */
export function celView(schema: SchemaNode | undefined, value: unknown, root = false): unknown {
  if (value === null || value === undefined || !schema) return value;
  if (schema['x-kubernetes-int-or-string'] === true) return value;
  const type = typeOf(schema);
  if (typeof value === 'number') return type === 'number' ? celDouble(value) : value;
  if (Array.isArray(value)) {
    const items = node(schema.items);
    return items ? value.map((v) => celView(items, v)) : value;
  }
  if (!isRecord(value)) return value;
  const props = node(schema.properties);
  const extra = node(schema.additionalProperties);
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  const embedded = schema['x-kubernetes-embedded-resource'] === true;
  if (!props && !extra) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === null || v === undefined) continue;
    const prop = props && Object.hasOwn(props, key) ? node(props[key]) : undefined;
    if (prop) {
      const name = escapeCelFieldName(key);
      if (name !== undefined) out[name] = celView(prop, v);
    } else if (extra) out[key] = celView(extra, v);
    else if (preserve) out[key] = v;
    else if ((root || embedded) && (key === 'apiVersion' || key === 'kind')) out[key] = v;
    else if ((root || embedded) && key === 'metadata' && isRecord(v)) out[key] = pickMetadata(v);
  }
  if (props) {
    for (const [key, p] of Object.entries(props)) {
      const prop = node(p);
      const name = escapeCelFieldName(key);
      if (!prop || name === undefined || out[name] !== undefined || prop.default === undefined) continue;
      out[name] = celView(prop, prop.default);
    }
  }
  if (root && isRecord(value.metadata)) out.metadata = pickMetadata(value.metadata);
  return out;
}

/** At the root of a custom resource, CEL sees metadata.name and metadata.generateName only. */
function pickMetadata(metadata: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (typeof metadata.name === 'string') out.name = metadata.name;
  if (typeof metadata.generateName === 'string') out.generateName = metadata.generateName;
  return out;
}

// ---------------------------------------------------------------------------------------------
// fieldPath

/** `.spec.ports[0]`, `.metadata['name.x']`, `['a']`: the path relative to the rule's node. */
export function parseFieldPath(fieldPath: string): IssuePath | undefined {
  const out: IssuePath = [];
  let rest = fieldPath.trim();
  while (rest !== '') {
    let m: RegExpExecArray | null;
    if ((m = /^\.([A-Za-z0-9_$-]+)/.exec(rest))) out.push(m[1] ?? '');
    else if ((m = /^\['((?:[^'\\]|\\.)*)'\]/.exec(rest))) out.push((m[1] ?? '').replace(/\\(.)/g, '$1'));
    else if ((m = /^\[([0-9]+)\]/.exec(rest))) out.push(Number(m[1]));
    else return undefined;
    rest = rest.slice(m[0].length);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Evaluating the rules of a custom resource

interface Rule {
  rule: string;
  message?: string;
  messageExpression?: string;
  fieldPath?: string;
  reason?: string;
}

function rulesOf(schema: SchemaNode): Rule[] {
  const list = schema['x-kubernetes-validations'];
  if (!Array.isArray(list)) return [];
  return list.filter((r): r is Rule & SchemaNode => isRecord(r) && typeof r.rule === 'string');
}

function readsOldSelf(program: CelProgram): boolean {
  return /\boldSelf\b/.test(program.expression);
}

/** The values a rule reads (the paths of its references below `self`), for the placeholder check. */
function valuesRead(references: readonly CelReference[], self: unknown): unknown[] {
  const paths = references.filter((r) => r.variable === 'self' && r.path.length > 0);
  if (paths.length === 0) return [self];
  const out: unknown[] = [];
  const walk = (value: unknown, path: readonly string[]): void => {
    if (value === undefined || value === null) return;
    if (path.length === 0) {
      out.push(value);
      return;
    }
    const [head = '', ...rest] = path;
    if (head === '[]') {
      if (Array.isArray(value)) for (const v of value) walk(v, rest);
      else if (isRecord(value)) for (const v of Object.values(value)) walk(v, rest);
      return;
    }
    if (isRecord(value)) walk(value[unescapeCelFieldName(head)], rest);
  };
  for (const r of paths) walk(self, r.path);
  return out;
}

function shortRule(rule: string): string {
  const one = rule.replace(/\s+/g, ' ').trim();
  return one.length > 100 ? `${one.slice(0, 97)}...` : one;
}

const REASONS: Readonly<Record<string, string>> = {
  FieldValueForbidden: 'forbidden',
  FieldValueRequired: 'required',
  FieldValueDuplicate: 'duplicate',
};

function evaluateRule(rule: Rule, self: () => unknown, raw: unknown, at: IssuePath, stats: CelStats): SchemaIssue | undefined {
  const compiled = compileCel(rule.rule, VARIABLES);
  if (!compiled.ok) {
    stats.compileErrors++;
    return undefined;
  }
  const program = compiled.program;
  if (readsOldSelf(program)) {
    stats.transitionSkipped++;
    return undefined;
  }
  if (valuesRead(program.references, raw).some(containsPlaceholder)) {
    stats.placeholderSkipped++;
    return undefined;
  }
  const bindings = { self: self() };
  stats.evaluated++;
  const result = evaluateCel(program, bindings);
  const fieldPath = rule.fieldPath !== undefined ? parseFieldPath(rule.fieldPath) : undefined;
  const path = [...at, ...(fieldPath ?? [])];
  if (!result.ok) {
    if (result.kind === 'limit') {
      return {
        rule: 'cel-rule',
        path,
        message: `CEL rule \`${shortRule(rule.rule)}\` of the CRD did not finish (${result.error.replace(/^evaluation stopped after /, '')}): the API server rejects an object whose rules exceed their cost budget; make the lists it iterates over shorter`,
      };
    }
    stats.evaluationErrors++;
    return undefined;
  }
  if (result.value === true) return undefined;
  let message = typeof rule.message === 'string' && rule.message !== '' ? rule.message : undefined;
  if (typeof rule.messageExpression === 'string') {
    const m = compileCel(rule.messageExpression, VARIABLES);
    if (m.ok) {
      const r = evaluateCel(m.program, bindings);
      if (r.ok && typeof r.value === 'string' && r.value.trim() !== '') message = r.value;
    }
  }
  const reason = rule.reason !== undefined ? REASONS[rule.reason] : undefined;
  return {
    rule: 'cel-rule',
    path,
    message: `${message ?? `failed rule: ${shortRule(rule.rule)}`}${reason ? ` (${reason})` : ''} (CEL rule \`${shortRule(rule.rule)}\` of the CRD)`,
  };
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isRecord(value))
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

function listIssues(schema: SchemaNode, list: unknown[], at: IssuePath): SchemaIssue[] {
  const type = schema['x-kubernetes-list-type'];
  const out: SchemaIssue[] = [];
  if (type === 'set') {
    const seen = new Map<string, number>();
    list.forEach((item, i) => {
      if (containsPlaceholder(item)) return;
      const k = canonical(item);
      const first = seen.get(k);
      if (first === undefined) seen.set(k, i);
      else
        out.push({
          rule: 'schema',
          path: [...at, i],
          message: `${formatPath(at)}[${i}] repeats item ${first} (${JSON.stringify(item)}): the API server rejects duplicates in this list (x-kubernetes-list-type: set); remove one`,
        });
    });
  } else if (type === 'map' && Array.isArray(schema['x-kubernetes-list-map-keys'])) {
    const keys = schema['x-kubernetes-list-map-keys'].filter((k): k is string => typeof k === 'string');
    const props = node(node(schema.items)?.properties) ?? {};
    const seen = new Map<string, number>();
    list.forEach((item, i) => {
      if (!isRecord(item) || containsPlaceholder(item)) return;
      const values = keys.map((k) => item[k] ?? node(props[k])?.default);
      if (values.some((v) => v === undefined)) return;
      const k = canonical(values);
      const first = seen.get(k);
      if (first === undefined) seen.set(k, i);
      else {
        const what = keys.map((key, n) => `${key} ${JSON.stringify(values[n])}`).join(' and ');
        out.push({
          rule: 'schema',
          path: [...at, i],
          message: `${formatPath(at)}[${i}] has the same ${what} as item ${first}: the API server rejects two items with the same ${keys.join(', ')} in this list (x-kubernetes-list-type: map); merge or rename them`,
        });
      }
    });
  }
  return out;
}

function embeddedIssues(value: Record<string, unknown>, at: IssuePath): SchemaIssue[] {
  const out: SchemaIssue[] = [];
  for (const field of ['apiVersion', 'kind'] as const) {
    const v = value[field];
    if (typeof v !== 'string' || v === '') {
      out.push({
        rule: 'schema',
        path: at,
        message: `${formatPath(at)} is an embedded Kubernetes object (x-kubernetes-embedded-resource) without ${field}: set ${field}, the API server requires it`,
      });
    }
  }
  return out;
}

/**
 * The findings for a custom resource (`value`, nulls removed) against its CRD schema (the
 * original one, CEL rules and x-kubernetes-* markers included). `skip(path)` tells whether OpenAPI
 * validation already reported a problem at or below `path` (then the CEL rules there are not run).
 */
export function customResourceIssues(
  schema: SchemaNode,
  value: unknown,
  stats: CelStats,
  skip: (path: IssuePath) => boolean = () => false,
): SchemaIssue[] {
  const out: SchemaIssue[] = [];
  const walk = (s: SchemaNode, v: unknown, at: IssuePath, root: boolean): void => {
    if (v === undefined || v === null) return;
    const rules = rulesOf(s);
    if (rules.length > 0 && !skip(at)) {
      let view: unknown;
      const self = (): unknown => (view ??= toCelValue(celView(s, v, root)));
      for (const rule of rules) {
        const issue = evaluateRule(rule, self, v, at, stats);
        if (issue) out.push(issue);
      }
    }
    if (Array.isArray(v)) {
      out.push(...listIssues(s, v, at));
      const items = node(s.items);
      if (items)
        v.forEach((item, i) => {
          walk(items, item, [...at, i], false);
        });
      return;
    }
    if (!isRecord(v)) return;
    if (s['x-kubernetes-embedded-resource'] === true && !containsPlaceholder(v)) out.push(...embeddedIssues(v, at));
    const props = node(s.properties);
    const extra = node(s.additionalProperties);
    for (const [key, child] of Object.entries(v)) {
      const p = props && Object.hasOwn(props, key) ? node(props[key]) : undefined;
      if (p) walk(p, child, [...at, key], false);
      else if (extra) walk(extra, child, [...at, key], false);
    }
  };
  walk(schema, value, [], true);
  return out;
}

// ---------------------------------------------------------------------------------------------
// CRD authors

/** Whether a schema node declares the field a CEL reference selects; undefined = cannot tell. */
function resolveReference(schema: SchemaNode, path: readonly string[], root: boolean): string | undefined {
  let s: SchemaNode | undefined = schema;
  let atRoot = root;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i] ?? '';
    if (!s) return undefined;
    if (s['x-kubernetes-preserve-unknown-fields'] === true || s['x-kubernetes-int-or-string'] === true) return undefined;
    if (seg === '[]') {
      s = node(s.items) ?? node(s.additionalProperties);
      if (!s) return undefined;
      atRoot = false;
      continue;
    }
    const name = unescapeCelFieldName(seg);
    const props = node(s.properties);
    const embedded = atRoot || s['x-kubernetes-embedded-resource'] === true;
    if (props && Object.hasOwn(props, name)) {
      s = node(props[name]);
      if (embedded && name === 'metadata') return undefined;
      atRoot = false;
      continue;
    }
    if (embedded && (name === 'apiVersion' || name === 'kind' || name === 'metadata')) return undefined;
    if (!props || node(s.additionalProperties) || s.additionalProperties === true) return undefined;
    if (typeOf(s) !== 'object' && typeOf(s) !== undefined) return undefined;
    return `no such field: '${seg}' is not in the schema of ${['self', ...path.slice(0, i)].join('.').replace(/\.\[\]/g, '[]')}`;
  }
  return undefined;
}

/**
 * What the checks of a CRD's rules need of a compiled expression: why it does not compile, or the
 * fields it reads. Plain data, kept on disk between runs (see DiskValidatorCache.celOutline):
 * parsing the rules of a large CRD takes longer than validating it.
 */
export type CelOutline = { error: string } | { references: CelReference[] };

/** The outline of `expression` (with `self` and `oldSelf`), by compiling it. */
export function compileOutline(expression: string): CelOutline {
  const compiled = compileCel(expression, VARIABLES);
  if (!compiled.ok) return { error: compiled.error };
  return { references: compiled.program.references.map(({ variable, path, has }) => ({ variable, path: [...path], has })) };
}

/** Why a CEL rule of a schema node would make the API server reject its CRD, or undefined. */
export function crdRuleProblem(
  schema: SchemaNode,
  expression: string,
  root: boolean,
  outline: (expression: string) => CelOutline = compileOutline,
): string | undefined {
  const compiled = outline(expression);
  if ('error' in compiled) return compiled.error;
  for (const ref of compiled.references) {
    if (ref.variable !== 'self' && ref.variable !== 'oldSelf') continue;
    const problem = resolveReference(schema, ref.path, root);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/**
 * The problems of the CEL rules in a CRD object (`value`: the CustomResourceDefinition).
 * `outline`: how expressions are compiled (default: compileOutline; the registry passes one that
 * reads and fills the disk cache).
 */
export function crdRuleIssues(value: unknown, outline: (expression: string) => CelOutline = compileOutline): SchemaIssue[] {
  if (!isRecord(value) || !isRecord(value.spec)) return [];
  const out: SchemaIssue[] = [];
  const versions = Array.isArray(value.spec.versions) ? value.spec.versions : [];
  const check = (schema: SchemaNode, at: IssuePath, root: boolean): void => {
    rulesOf(schema).forEach((rule, i) => {
      if (containsPlaceholder(rule.rule)) return;
      const problem = crdRuleProblem(schema, rule.rule, root, outline);
      if (problem !== undefined) {
        out.push({
          rule: 'cel-rule',
          path: [...at, 'x-kubernetes-validations', i, 'rule'],
          message: `CEL rule \`${shortRule(rule.rule)}\` does not compile: ${problem}; the API server rejects this CustomResourceDefinition`,
        });
      }
      if (typeof rule.messageExpression === 'string') {
        const m = crdRuleProblem(schema, rule.messageExpression, root, outline);
        if (m !== undefined)
          out.push({
            rule: 'cel-rule',
            path: [...at, 'x-kubernetes-validations', i, 'messageExpression'],
            message: `messageExpression \`${shortRule(rule.messageExpression)}\` does not compile: ${m}; the API server rejects this CustomResourceDefinition`,
          });
      }
    });
    const props = node(schema.properties);
    if (props) for (const [k, p] of Object.entries(props)) if (node(p)) check(node(p) as SchemaNode, [...at, 'properties', k], false);
    const items = node(schema.items);
    if (items) check(items, [...at, 'items'], false);
    const extra = node(schema.additionalProperties);
    if (extra) check(extra, [...at, 'additionalProperties'], false);
  };
  versions.forEach((v, i) => {
    const schema = isRecord(v) && isRecord(v.schema) ? node(v.schema.openAPIV3Schema) : undefined;
    if (schema) check(schema, ['spec', 'versions', i, 'schema', 'openAPIV3Schema'], true);
  });
  return out;
}
