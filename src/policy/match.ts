/**
 * Which objects a policy applies to, as the API server decides for a CREATE request: resource rules
 * (API group, version, resource, names, operations, scope), object and namespace selectors, and
 * exclusions; for kube-lint's own policies, kinds, namespaces and names. What a manifest alone
 * cannot settle (a namespace selector when the object's Namespace is not in the run, a namespace
 * list when the object names none) is `unknown`, with the reason: never a silent pass.
 */
import { isClusterScopedKind } from '../k8s/index.js';
import { labelMap, selectorMatches, type Selector } from '../k8s/selectors.js';
import { isRecord, type LintObject } from '../load/objects.js';
import type { MatchSpec, ResourceRule } from './model.js';

export type MatchOutcome = { kind: 'match' } | { kind: 'no' } | { kind: 'unknown'; reason: string };

const MATCH: MatchOutcome = { kind: 'match' };
const NO: MatchOutcome = { kind: 'no' };

/** What the whole run tells about objects: their Namespaces, the CRDs that name their resources. */
export class RunIndex {
  readonly namespaces = new Map<string, LintObject>();
  private readonly crds = new Map<string, { plural?: string; clusterScoped: boolean }>();
  private readonly byType = new Map<string, LintObject[]>();

  constructor(readonly objects: readonly LintObject[]) {
    for (const object of objects) {
      if (object.apiVersion === undefined || object.kind === undefined) continue;
      const key = typeKey(object.apiVersion, object.kind);
      const list = this.byType.get(key);
      if (list) list.push(object);
      else this.byType.set(key, [object]);
      if (object.kind === 'Namespace' && object.apiVersion === 'v1' && object.name !== undefined) this.namespaces.set(object.name, object);
      if (object.kind === 'CustomResourceDefinition') this.addCrd(object.value);
    }
  }

  private addCrd(value: Record<string, unknown>): void {
    const spec = isRecord(value.spec) ? value.spec : {};
    const names = isRecord(spec.names) ? spec.names : {};
    if (typeof spec.group !== 'string' || typeof names.kind !== 'string') return;
    this.crds.set(`${spec.group}/${names.kind}`, {
      ...(typeof names.plural === 'string' ? { plural: names.plural } : {}),
      clusterScoped: spec.scope === 'Cluster',
    });
  }

  /** Objects of exactly this apiVersion and kind, in run order. */
  ofType(apiVersion: string, kind: string): readonly LintObject[] {
    return this.byType.get(typeKey(apiVersion, kind)) ?? [];
  }

  /** The resource (plural, lower-case) of a kind: from a CRD in the run, else as Kubernetes names built-in resources. */
  resourceOf(group: string, kind: string): string {
    return this.crds.get(`${group}/${kind}`)?.plural ?? pluralOf(kind);
  }

  isClusterScoped(group: string, kind: string): boolean {
    return this.crds.get(`${group}/${kind}`)?.clusterScoped ?? isClusterScopedKind(kind);
  }
}

function typeKey(apiVersion: string, kind: string): string {
  return `${apiVersion}\n${kind}`;
}

const IRREGULAR: Readonly<Record<string, string>> = { endpoints: 'endpoints' };

/** `Deployment` -> `deployments`, `NetworkPolicy` -> `networkpolicies`, `Ingress` -> `ingresses`. */
export function pluralOf(kind: string): string {
  const lower = kind.toLowerCase();
  const irregular = IRREGULAR[lower];
  if (irregular !== undefined) return irregular;
  if (/(s|x|z|ch|sh)$/.test(lower)) return `${lower}es`;
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}

/** The group and version of an apiVersion (`apps/v1` -> apps, v1; `v1` -> "", v1). */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** What the request for creating `object` would be about. */
export interface RequestFacts {
  group: string;
  version: string;
  kind: string;
  resource: string;
  name: string;
  /** The object's namespace; undefined for a namespaced object that names none. */
  namespace: string | undefined;
  clusterScoped: boolean;
  labels: Record<string, string>;
}

export function requestFacts(object: LintObject, index: RunIndex): RequestFacts {
  const { group, version } = splitApiVersion(object.apiVersion ?? '');
  const kind = object.kind ?? '';
  const clusterScoped = index.isClusterScoped(group, kind);
  const metadata = isRecord(object.value.metadata) ? object.value.metadata : {};
  return {
    group,
    version,
    kind,
    resource: index.resourceOf(group, kind),
    name: typeof metadata.name === 'string' ? metadata.name : '',
    namespace: clusterScoped ? '' : object.namespace,
    clusterScoped,
    labels: labelMap(metadata.labels),
  };
}

function listed(values: readonly string[], value: string): boolean {
  return values.includes('*') || values.includes(value);
}

function ruleMatches(rule: ResourceRule, facts: RequestFacts): boolean {
  if (!listed(rule.operations, 'CREATE')) return false;
  if (!listed(rule.apiGroups, facts.group) || !listed(rule.apiVersions, facts.version)) return false;
  // `*` is every resource, `*/*` every resource and subresource; a manifest is never a subresource.
  if (!rule.resources.some((r) => r === '*' || r === '*/*' || r === facts.resource)) return false;
  if (rule.resourceNames.length > 0 && !rule.resourceNames.includes(facts.name)) return false;
  if (rule.scope === 'Cluster' && !facts.clusterScoped) return false;
  if (rule.scope === 'Namespaced' && facts.clusterScoped) return false;
  return true;
}

/** `*` and `?` globs, anchored. */
function globMatches(pattern: string, value: string): boolean {
  if (!pattern.includes('*') && !pattern.includes('?')) return pattern === value;
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`).test(value);
}

function isEmpty(selector: Selector): boolean {
  return Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0;
}

/**
 * A namespace selector, as the API server applies it: a Namespace is matched on its own labels; a
 * cluster-scoped object always matches; a namespaced one on the labels of its Namespace, which
 * must then be in the run.
 */
function namespaceSelectorOutcome(selector: Selector, facts: RequestFacts, index: RunIndex): MatchOutcome {
  if (isEmpty(selector)) return MATCH;
  if (facts.kind === 'Namespace' && facts.group === '') return selectorMatches(selector, facts.labels) ? MATCH : NO;
  if (facts.clusterScoped) return MATCH;
  if (facts.namespace === undefined)
    return { kind: 'unknown', reason: 'it has no metadata.namespace, and the policy selects namespaces by label' };
  const namespace = index.namespaces.get(facts.namespace);
  if (!namespace) {
    return { kind: 'unknown', reason: `its Namespace "${facts.namespace}" is not in the run, and the policy selects namespaces by label` };
  }
  const metadata = isRecord(namespace.value.metadata) ? namespace.value.metadata : {};
  // The API server labels every Namespace with its own name.
  const labels = { ...labelMap(metadata.labels), 'kubernetes.io/metadata.name': facts.namespace };
  return selectorMatches(selector, labels) ? MATCH : NO;
}

/** Conditions that must all hold; the first that fails (or cannot be known) decides. */
function all(checks: (() => MatchOutcome)[]): MatchOutcome {
  let unknown: MatchOutcome | undefined;
  for (const check of checks) {
    const outcome = check();
    if (outcome.kind === 'no') return NO;
    if (outcome.kind === 'unknown') unknown ??= outcome;
  }
  return unknown ?? MATCH;
}

function bool(value: boolean): MatchOutcome {
  return value ? MATCH : NO;
}

/**
 * A ValidatingAdmissionPolicy's `matchConstraints` or a binding's `matchResources`. A binding that
 * lists no resource rules takes those of its policy (`everything`).
 */
export function matchResources(spec: MatchSpec, facts: RequestFacts, index: RunIndex, everything = false): MatchOutcome {
  return all([
    () =>
      bool(
        spec.resourceRules === undefined || spec.resourceRules.length === 0
          ? everything
          : spec.resourceRules.some((r) => ruleMatches(r, facts)),
      ),
    () => bool(!(spec.excludeResourceRules ?? []).some((r) => ruleMatches(r, facts))),
    () => bool(!spec.objectSelector || selectorMatches(spec.objectSelector, facts.labels)),
    () => (spec.namespaceSelector ? namespaceSelectorOutcome(spec.namespaceSelector, facts, index) : MATCH),
  ]);
}

/** The conditions of a custom policy's `match` (or of its `exclude`), all of which must hold. */
function customConditions(spec: MatchSpec, facts: RequestFacts, index: RunIndex): (() => MatchOutcome)[] {
  const checks: (() => MatchOutcome)[] = [];
  const { kinds, apiGroups, apiVersions, names, namespaces, objectSelector, namespaceSelector } = spec;
  if (kinds) checks.push(() => bool(kinds.some((k) => globMatches(k, facts.kind))));
  if (apiGroups) checks.push(() => bool(apiGroups.some((g) => globMatches(g, facts.group))));
  if (apiVersions) checks.push(() => bool(apiVersions.some((v) => globMatches(v, facts.version))));
  if (names) checks.push(() => bool(names.some((n) => globMatches(n, facts.name))));
  if (namespaces) {
    checks.push(() => {
      if (facts.clusterScoped) return NO;
      if (facts.namespace === undefined)
        return { kind: 'unknown', reason: 'it has no metadata.namespace, and the policy applies to some namespaces only' };
      const namespace = facts.namespace;
      return bool(namespaces.some((n) => globMatches(n, namespace)));
    });
  }
  if (objectSelector) checks.push(() => bool(selectorMatches(objectSelector, facts.labels)));
  if (namespaceSelector) checks.push(() => namespaceSelectorOutcome(namespaceSelector, facts, index));
  return checks;
}

/** A custom policy's `match` minus its `exclude`. */
export function matchCustom(spec: MatchSpec, facts: RequestFacts, index: RunIndex): MatchOutcome {
  const included = all(customConditions(spec, facts, index));
  if (included.kind === 'no' || !spec.exclude) return included;
  const excluded = all(customConditions(spec.exclude, facts, index));
  if (excluded.kind === 'match') return NO;
  if (excluded.kind === 'unknown') return excluded;
  return included;
}
