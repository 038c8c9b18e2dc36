/**
 * Reading policy definitions from plain data: kube-lint's own policies (the `policies:` section of
 * the config, or of a policy file) and admissionregistration.k8s.io ValidatingAdmissionPolicies
 * and their bindings. Every problem is collected with its YAML path, never thrown: the caller
 * reports them all at once, at their lines (a configuration error, or findings on linted input).
 * The checks are those the API server makes when such an object is created.
 */
import { isRecord } from '../load/objects.js';
import type { Selector } from '../k8s/selectors.js';
import type { Category, Severity, YamlPath } from '../types.js';
import type {
  BindingDefinition,
  DefinitionProblem,
  Expression,
  FailurePolicy,
  MatchSpec,
  NamedExpression,
  Origin,
  ParamRef,
  PolicyDefinition,
  ResourceRule,
  Validation,
  ValidationAction,
} from './model.js';

export const ADMISSION_GROUP = 'admissionregistration.k8s.io';
const ADMISSION_VERSIONS = new Set(['v1', 'v1beta1', 'v1alpha1']);
export const POLICY_KIND = 'ValidatingAdmissionPolicy';
export const BINDING_KIND = 'ValidatingAdmissionPolicyBinding';

export function isAdmissionObject(value: unknown, kind: typeof POLICY_KIND | typeof BINDING_KIND): value is Record<string, unknown> {
  if (!isRecord(value) || value.kind !== kind || typeof value.apiVersion !== 'string') return false;
  const [group, version] = value.apiVersion.split('/');
  return group === ADMISSION_GROUP && version !== undefined && ADMISSION_VERSIONS.has(version);
}

const CATEGORIES: readonly Category[] = ['reliability', 'security', 'efficiency', 'correctness'];
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const OPERATIONS = ['*', 'CREATE', 'UPDATE', 'DELETE', 'CONNECT'];
const CEL_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Kubernetes' qualified name (matchConditions names): an optional DNS prefix and a name of 63 characters. */
const QUALIFIED_NAME =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
export const POLICY_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Collects problems while reading; each read names the path of what it reads. */
class Reader {
  constructor(readonly problems: DefinitionProblem[]) {}

  problem(path: YamlPath, message: string, target?: 'key'): void {
    this.problems.push({ path, message, ...(target ? { target } : {}) });
  }

  map(value: unknown, path: YamlPath, what: string): Record<string, unknown> | undefined {
    if (value === undefined || value === null) return undefined;
    if (isRecord(value)) return value;
    this.problem(path, `${what} must be a mapping`);
    return undefined;
  }

  /** Unknown keys are mistakes (a typo such as `messageExpresion` would silently drop a check). */
  keys(map: Record<string, unknown>, path: YamlPath, known: readonly string[], what: string): void {
    for (const key of Object.keys(map)) {
      if (!known.includes(key)) this.problem([...path, key], `unknown key "${key}" in ${what} (known keys: ${known.join(', ')})`, 'key');
    }
  }

  string(map: Record<string, unknown>, key: string, path: YamlPath, required = false): string | undefined {
    const value = map[key];
    if (value === undefined || value === null) {
      if (required) this.problem(path, `${key} is required`);
      return undefined;
    }
    if (typeof value !== 'string' || (required && value.trim() === '')) {
      this.problem([...path, key], `${key} must be a ${required ? 'non-empty ' : ''}string`);
      return undefined;
    }
    return value;
  }

  oneOf<T extends string>(map: Record<string, unknown>, key: string, path: YamlPath, allowed: readonly T[]): T | undefined {
    const value = map[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      this.problem([...path, key], `${key} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
      return undefined;
    }
    return value as T;
  }

  strings(map: Record<string, unknown>, key: string, path: YamlPath): string[] | undefined {
    const value = map[key];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
      this.problem([...path, key], `${key} must be a list of strings`);
      return undefined;
    }
    return value;
  }

  list(map: Record<string, unknown>, key: string, path: YamlPath): unknown[] {
    const value = map[key];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.problem([...path, key], `${key} must be a list`);
      return [];
    }
    return value;
  }

  expression(map: Record<string, unknown>, key: string, path: YamlPath, required: boolean): Expression | undefined {
    const text = this.string(map, key, path, required);
    return text === undefined ? undefined : { text, path: [...path, key] };
  }

  selector(map: Record<string, unknown>, key: string, path: YamlPath): Selector | undefined {
    const raw = this.map(map[key], [...path, key], key);
    if (!raw) return undefined;
    const at = [...path, key];
    this.keys(raw, at, ['matchLabels', 'matchExpressions'], key);
    const matchLabels: Record<string, string> = {};
    const labels = this.map(raw.matchLabels, [...at, 'matchLabels'], 'matchLabels') ?? {};
    for (const [k, v] of Object.entries(labels)) {
      if (typeof v === 'string') matchLabels[k] = v;
      else this.problem([...at, 'matchLabels', k], `the value of label "${k}" must be a string (quote it)`);
    }
    const matchExpressions: Selector['matchExpressions'] = [];
    this.list(raw, 'matchExpressions', at).forEach((item, i) => {
      const p = [...at, 'matchExpressions', i];
      const req = this.map(item, p, 'a match expression');
      if (!req) return;
      this.keys(req, p, ['key', 'operator', 'values'], 'a match expression');
      const k = this.string(req, 'key', p, true);
      const operator = this.oneOf(req, 'operator', p, ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const);
      if (req.operator === undefined) this.problem(p, 'operator is required');
      const values = this.strings(req, 'values', p) ?? [];
      if ((operator === 'In' || operator === 'NotIn') && values.length === 0)
        this.problem(p, `operator ${operator} needs at least one value`);
      if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0)
        this.problem([...p, 'values'], `operator ${operator} takes no values`);
      if (k !== undefined && operator !== undefined) matchExpressions.push({ key: k, operator, values });
    });
    return { matchLabels, matchExpressions };
  }

  /** `variables` or `matchConditions`: named expressions, names unique. */
  named(map: Record<string, unknown>, key: 'variables' | 'matchConditions', path: YamlPath): NamedExpression[] {
    const out: NamedExpression[] = [];
    const seen = new Set<string>();
    this.list(map, key, path).forEach((item, i) => {
      const p = [...path, key, i];
      const entry = this.map(item, p, `an entry of ${key}`);
      if (!entry) return;
      this.keys(entry, p, ['name', 'expression'], `an entry of ${key}`);
      const name = this.string(entry, 'name', p, true);
      const expression = this.expression(entry, 'expression', p, true);
      if (name === undefined || !expression) return;
      if (key === 'variables' && !CEL_IDENTIFIER.test(name)) {
        this.problem([...p, 'name'], `variable name "${name}" must be a CEL identifier (letters, digits, _; not starting with a digit)`);
      } else if (key === 'matchConditions' && !QUALIFIED_NAME.test(name)) {
        this.problem([...p, 'name'], `match condition name "${name}" must be a qualified name (letters, digits, -, _ and .)`);
      }
      if (seen.has(name))
        this.problem([...p, 'name'], `${key === 'variables' ? 'variable' : 'match condition'} "${name}" is defined twice`);
      seen.add(name);
      out.push({ name, expression });
    });
    return out;
  }

  validations(map: Record<string, unknown>, path: YamlPath, custom: boolean): Validation[] {
    const out: Validation[] = [];
    const items = this.list(map, 'validations', path);
    if (items.length === 0 && (map.validations === undefined || Array.isArray(map.validations)))
      this.problem(map.validations === undefined ? path : [...path, 'validations'], 'validations must list at least one validation');
    const known = custom
      ? ['expression', 'message', 'messageExpression', 'fieldPath', 'reason']
      : ['expression', 'message', 'messageExpression', 'reason'];
    items.forEach((item, i) => {
      const p = [...path, 'validations', i];
      const entry = this.map(item, p, 'a validation');
      if (!entry) return;
      this.keys(entry, p, known, 'a validation');
      const expression = this.expression(entry, 'expression', p, true);
      const message = this.string(entry, 'message', p);
      if (message !== undefined && /[\r\n]/.test(message)) this.problem([...p, 'message'], 'message must be one line');
      const messageExpression = this.expression(entry, 'messageExpression', p, false);
      const fieldPath = custom ? this.string(entry, 'fieldPath', p) : undefined;
      if (fieldPath !== undefined && parseFieldPath(fieldPath) === undefined)
        this.problem([...p, 'fieldPath'], `fieldPath "${fieldPath}" must be a path such as spec.replicas or spec.containers[0].image`);
      const reason = this.oneOf(entry, 'reason', p, ['Unauthorized', 'Forbidden', 'Invalid', 'RequestEntityTooLarge'] as const);
      if (!expression) return;
      out.push({
        expression,
        ...(message !== undefined ? { message } : {}),
        ...(messageExpression ? { messageExpression } : {}),
        ...(fieldPath !== undefined ? { fieldPath } : {}),
        ...(reason !== undefined ? { reason } : {}),
      });
    });
    return out;
  }

  resourceRules(map: Record<string, unknown>, key: string, path: YamlPath): ResourceRule[] {
    const out: ResourceRule[] = [];
    this.list(map, key, path).forEach((item, i) => {
      const p = [...path, key, i];
      const rule = this.map(item, p, `an entry of ${key}`);
      if (!rule) return;
      this.keys(rule, p, ['apiGroups', 'apiVersions', 'resources', 'resourceNames', 'operations', 'scope'], `an entry of ${key}`);
      const operations = this.strings(rule, 'operations', p) ?? [];
      operations.forEach((op, j) => {
        if (!OPERATIONS.includes(op)) this.problem([...p, 'operations', j], `operation "${op}" must be one of ${OPERATIONS.join(', ')}`);
      });
      for (const field of ['apiGroups', 'apiVersions', 'resources', 'operations'] as const) {
        if (rule[field] === undefined) this.problem(p, `${field} is required (use ["*"] for all)`);
      }
      out.push({
        apiGroups: this.strings(rule, 'apiGroups', p) ?? [],
        apiVersions: this.strings(rule, 'apiVersions', p) ?? [],
        resources: this.strings(rule, 'resources', p) ?? [],
        resourceNames: this.strings(rule, 'resourceNames', p) ?? [],
        operations,
        scope: this.oneOf(rule, 'scope', p, ['*', 'Cluster', 'Namespaced'] as const) ?? '*',
      });
    });
    return out;
  }

  /** A VAP's `matchConstraints` or a binding's `matchResources`. */
  matchResources(raw: Record<string, unknown>, path: YamlPath): MatchSpec {
    this.keys(
      raw,
      path,
      ['namespaceSelector', 'objectSelector', 'resourceRules', 'excludeResourceRules', 'matchPolicy'],
      'match resources',
    );
    this.oneOf(raw, 'matchPolicy', path, ['Exact', 'Equivalent'] as const);
    const spec: MatchSpec = {};
    if (raw.resourceRules !== undefined) spec.resourceRules = this.resourceRules(raw, 'resourceRules', path);
    if (raw.excludeResourceRules !== undefined) spec.excludeResourceRules = this.resourceRules(raw, 'excludeResourceRules', path);
    const objectSelector = this.selector(raw, 'objectSelector', path);
    if (objectSelector) spec.objectSelector = objectSelector;
    const namespaceSelector = this.selector(raw, 'namespaceSelector', path);
    if (namespaceSelector) spec.namespaceSelector = namespaceSelector;
    return spec;
  }

  /** A custom policy's `match` or `exclude`. */
  customMatch(raw: Record<string, unknown>, path: YamlPath, nested: boolean): MatchSpec {
    const keys = ['kinds', 'apiGroups', 'apiVersions', 'namespaces', 'names', 'labelSelector', 'namespaceSelector'];
    this.keys(raw, path, nested ? keys : [...keys, 'exclude'], nested ? 'exclude' : 'match');
    const spec: MatchSpec = {};
    for (const key of ['kinds', 'apiGroups', 'apiVersions', 'namespaces', 'names'] as const) {
      const list = this.strings(raw, key, path);
      if (list) spec[key] = list;
    }
    const objectSelector = this.selector(raw, 'labelSelector', path);
    if (objectSelector) spec.objectSelector = objectSelector;
    const namespaceSelector = this.selector(raw, 'namespaceSelector', path);
    if (namespaceSelector) spec.namespaceSelector = namespaceSelector;
    if (!nested) {
      const exclude = this.map(raw.exclude, [...path, 'exclude'], 'exclude');
      if (exclude) {
        spec.exclude = this.customMatch(exclude, [...path, 'exclude'], true);
        if (Object.keys(exclude).length === 0) this.problem([...path, 'exclude'], 'exclude is empty: it would leave out every object');
      }
    }
    return spec;
  }
}

/** `spec.containers[0].image`, `metadata.labels['app.kubernetes.io/name']` -> path segments. */
export function parseFieldPath(text: string): (string | number)[] | undefined {
  const out: (string | number)[] = [];
  const re = /\.?([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[(['"])((?:(?!\3).)*)\3\]/y;
  let i = 0;
  const trimmed = text.trim();
  while (i < trimmed.length) {
    re.lastIndex = i;
    const m = re.exec(trimmed);
    if (!m || (m[1] !== undefined && i === 0 && trimmed.startsWith('.'))) return undefined;
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push(m[4] ?? '');
    i = re.lastIndex;
  }
  return out.length > 0 ? out : undefined;
}

const CUSTOM_KEYS = [
  'id',
  'description',
  'severity',
  'category',
  'docsUrl',
  'remediation',
  'match',
  'matchConditions',
  'variables',
  'validations',
  'params',
  'failurePolicy',
];

/** One entry of a `policies:` list (kube-lint's own policy). */
export function readCustomPolicy(value: unknown, origin: Origin, problems: DefinitionProblem[]): PolicyDefinition | undefined {
  const read = new Reader(problems);
  const path = origin.path;
  const map = read.map(value, path, 'a policy');
  if (!map) {
    if (value === undefined || value === null) read.problem(path, 'a policy must be a mapping with id, description and validations');
    return undefined;
  }
  read.keys(map, path, CUSTOM_KEYS, 'a policy');
  const id = read.string(map, 'id', path, true);
  if (id !== undefined && !POLICY_ID.test(id))
    read.problem([...path, 'id'], `policy id "${id}" must be kebab-case (lower-case words joined by -)`);
  const description = read.string(map, 'description', path, true);
  const severity = read.oneOf(map, 'severity', path, SEVERITIES) ?? 'error';
  const category = read.oneOf(map, 'category', path, CATEGORIES) ?? 'correctness';
  const docsUrl = read.string(map, 'docsUrl', path);
  const remediation = read.string(map, 'remediation', path);
  const matchRaw = read.map(map.match, [...path, 'match'], 'match');
  const match = matchRaw ? read.customMatch(matchRaw, [...path, 'match'], false) : {};
  const matchConditions = read.named(map, 'matchConditions', path);
  const variables = read.named(map, 'variables', path);
  const validations = read.validations(map, path, true);
  const failurePolicy = read.oneOf(map, 'failurePolicy', path, ['Fail', 'Ignore'] as const) ?? 'Fail';
  if (id === undefined || description === undefined) return undefined;
  return {
    kind: 'custom',
    name: id,
    origin,
    match,
    matchConditions,
    variables,
    validations,
    failurePolicy,
    ...(map.params !== undefined ? { params: map.params } : {}),
    meta: {
      description,
      severity,
      category,
      ...(docsUrl !== undefined ? { docsUrl } : {}),
      ...(remediation !== undefined ? { remediation } : {}),
    },
  };
}

/** The name and spec of an admissionregistration object; no spec: undefined (a problem). */
function nameAndSpec(
  read: Reader,
  value: Record<string, unknown>,
  path: YamlPath,
  keys: readonly string[],
): { name: string | undefined; spec: Record<string, unknown>; specPath: YamlPath } | undefined {
  const name = metadataName(read, value, path);
  const specPath = [...path, 'spec'];
  const spec = read.map(value.spec, specPath, 'spec');
  if (!spec) {
    read.problem(path, 'spec is required');
    return undefined;
  }
  read.keys(spec, specPath, keys, 'spec');
  return { name, spec, specPath };
}

function metadataName(read: Reader, value: Record<string, unknown>, path: YamlPath): string | undefined {
  const metadata = read.map(value.metadata, [...path, 'metadata'], 'metadata');
  if (!metadata) {
    read.problem(path, 'metadata.name is required');
    return undefined;
  }
  return read.string(metadata, 'name', [...path, 'metadata'], true);
}

const VAP_SPEC_KEYS = ['paramKind', 'matchConstraints', 'validations', 'failurePolicy', 'auditAnnotations', 'matchConditions', 'variables'];

/** A ValidatingAdmissionPolicy object. */
export function readAdmissionPolicy(
  value: Record<string, unknown>,
  origin: Origin,
  problems: DefinitionProblem[],
): PolicyDefinition | undefined {
  const read = new Reader(problems);
  const found = nameAndSpec(read, value, origin.path, VAP_SPEC_KEYS);
  if (!found) return undefined;
  const { name, spec, specPath } = found;
  let paramKind: PolicyDefinition['paramKind'];
  const rawParamKind = read.map(spec.paramKind, [...specPath, 'paramKind'], 'paramKind');
  if (rawParamKind) {
    const p = [...specPath, 'paramKind'];
    const apiVersion = read.string(rawParamKind, 'apiVersion', p, true);
    const kind = read.string(rawParamKind, 'kind', p, true);
    if (apiVersion !== undefined && kind !== undefined) paramKind = { apiVersion, kind };
  }
  const constraints = read.map(spec.matchConstraints, [...specPath, 'matchConstraints'], 'matchConstraints');
  const match = constraints ? read.matchResources(constraints, [...specPath, 'matchConstraints']) : {};
  if (!constraints || match.resourceRules === undefined)
    read.problem(constraints ? [...specPath, 'matchConstraints'] : specPath, 'matchConstraints.resourceRules is required');
  const matchConditions = read.named(spec, 'matchConditions', specPath);
  const variables = read.named(spec, 'variables', specPath);
  const validations = read.validations(spec, specPath, false);
  const failurePolicy = read.oneOf(spec, 'failurePolicy', specPath, ['Fail', 'Ignore'] as const) ?? 'Fail';
  if (name === undefined) return undefined;
  return {
    kind: 'admission',
    name,
    origin,
    match,
    matchConditions,
    variables,
    validations,
    failurePolicy,
    ...(paramKind ? { paramKind } : {}),
  };
}

/** A ValidatingAdmissionPolicyBinding object. */
export function readBinding(value: Record<string, unknown>, origin: Origin, problems: DefinitionProblem[]): BindingDefinition | undefined {
  const read = new Reader(problems);
  const found = nameAndSpec(read, value, origin.path, ['policyName', 'paramRef', 'matchResources', 'validationActions']);
  if (!found) return undefined;
  const { name, spec, specPath } = found;
  const policyName = read.string(spec, 'policyName', specPath, true);
  let paramRef: ParamRef | undefined;
  const rawRef = read.map(spec.paramRef, [...specPath, 'paramRef'], 'paramRef');
  if (rawRef) {
    const p = [...specPath, 'paramRef'];
    read.keys(rawRef, p, ['name', 'namespace', 'selector', 'parameterNotFoundAction'], 'paramRef');
    const refName = read.string(rawRef, 'name', p);
    const namespace = read.string(rawRef, 'namespace', p);
    const selector = read.selector(rawRef, 'selector', p);
    if ((refName === undefined) === (selector === undefined)) read.problem(p, 'paramRef needs exactly one of name and selector');
    const action = read.oneOf(rawRef, 'parameterNotFoundAction', p, ['Allow', 'Deny'] as const);
    if (rawRef.parameterNotFoundAction === undefined) read.problem(p, 'paramRef.parameterNotFoundAction is required (Allow or Deny)');
    paramRef = {
      ...(refName !== undefined ? { name: refName } : {}),
      ...(namespace !== undefined ? { namespace } : {}),
      ...(selector ? { selector } : {}),
      parameterNotFoundAction: action ?? 'Deny',
    };
  }
  const rawMatch = read.map(spec.matchResources, [...specPath, 'matchResources'], 'matchResources');
  const match = rawMatch ? read.matchResources(rawMatch, [...specPath, 'matchResources']) : undefined;
  const actionsRaw = read.strings(spec, 'validationActions', specPath);
  const actions: ValidationAction[] = [];
  (actionsRaw ?? []).forEach((action, i) => {
    if (action === 'Deny' || action === 'Warn' || action === 'Audit') {
      if (actions.includes(action)) read.problem([...specPath, 'validationActions', i], `validation action ${action} is listed twice`);
      actions.push(action);
    } else read.problem([...specPath, 'validationActions', i], `validation action "${action}" must be Deny, Warn or Audit`);
  });
  if (actionsRaw === undefined || actionsRaw.length === 0) read.problem(specPath, 'validationActions is required: Deny, Warn or Audit');
  if (actions.includes('Deny') && actions.includes('Warn'))
    read.problem([...specPath, 'validationActions'], 'validationActions may not hold both Deny and Warn');
  if (name === undefined || policyName === undefined) return undefined;
  return { name, policyName, origin, actions, ...(paramRef ? { paramRef } : {}), ...(match ? { match } : {}) };
}

/** The failure policy value type, exported for the evaluator. */
export type { FailurePolicy };
