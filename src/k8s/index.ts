/**
 * The run index: what the cross-resource rules ask about the whole run (objects by identity, pod
 * templates by label, autoscalers by target, PodDisruptionBudgets, defined ConfigMaps/Secrets/...),
 * built once per run in linear time and shared by every rule through `runIndexOf(objects)`.
 *
 * Namespaces: an object without `metadata.namespace` goes wherever the run is applied
 * (`kubectl apply -n team`, `helm install --namespace team`), which the manifests do not say. For
 * references (selectors, scale targets, names of ConfigMaps, ...) it therefore matches every
 * namespace, and a namespaced object matches objects of its own namespace and unset ones. A Helm
 * chart that writes `namespace:` on some templates and not on others stays one application. For
 * identity (duplicate-resource) namespaces must be equal, unset only to unset.
 */
import { distance } from 'fastest-levenshtein';
import { isRecord, type LintObject } from '../load/objects.js';
import type { YamlPath } from '../types.js';
import { isEmptySelector, parseLabelSelector, selectorMatches, type Selector } from './selectors.js';
import { apiGroupOf } from './api-version.js';
import { containersOfPod, getPath, isBuiltinKind, podSpecAt, podSpecOf, type ContainerRef, type PodSpecRef } from './workloads.js';

/** Annotation that marks a workload as deliberately fixed in size (no autoscaler, no replica rule). */
export const FIXED_REPLICAS_ANNOTATION = 'kube-lint.io/fixed-replicas';

/** The namespace of objects without metadata.namespace (and of cluster-scoped objects). */
export const UNSET_NAMESPACE = '';

/** Kinds the API server keeps without a namespace (a namespace written on them is ignored). */
const CLUSTER_SCOPED_KINDS = new Set([
  'APIService',
  'CSIDriver',
  'CSINode',
  'CertificateSigningRequest',
  'ClusterIssuer',
  'ClusterRole',
  'ClusterRoleBinding',
  'ComponentStatus',
  'CustomResourceDefinition',
  'FlowSchema',
  'IngressClass',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'MutatingWebhookConfiguration',
  'Namespace',
  'Node',
  'PersistentVolume',
  'PodSecurityPolicy',
  'PriorityClass',
  'PriorityLevelConfiguration',
  'RuntimeClass',
  'StorageClass',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration',
  'VolumeAttachment',
]);

/** Kinds that moved out of `extensions`: the old and new group name the same stored object. */
const MOVED_FROM_EXTENSIONS: Readonly<Record<string, string>> = {
  Deployment: 'apps',
  DaemonSet: 'apps',
  ReplicaSet: 'apps',
  Ingress: 'networking.k8s.io',
  NetworkPolicy: 'networking.k8s.io',
  PodSecurityPolicy: 'policy',
};

/** The API group, with `extensions` mapped to the group its kind lives in now. */
export function canonicalGroup(kind: string | undefined, group: string): string {
  if (group === 'extensions' && kind !== undefined) return MOVED_FROM_EXTENSIONS[kind] ?? group;
  return group;
}

/** Whether the API server keeps objects of this (built-in or well-known) kind without a namespace. */
export function isClusterScopedKind(kind: string): boolean {
  return CLUSTER_SCOPED_KINDS.has(kind);
}

/** The namespace written on the object; `UNSET_NAMESPACE` when unset or cluster-scoped. */
export function namespaceOf(object: Pick<LintObject, 'kind' | 'namespace'>): string {
  if (object.kind !== undefined && CLUSTER_SCOPED_KINDS.has(object.kind)) return UNSET_NAMESPACE;
  return object.namespace ?? UNSET_NAMESPACE;
}

/** Whether objects of these namespaces may refer to each other (an unset namespace matches any). */
export function namespacesMatch(a: string, b: string): boolean {
  return a === UNSET_NAMESPACE || b === UNSET_NAMESPACE || a === b;
}

/** `namespace "team"`, or `any namespace` for an unset one, for messages. */
export function describeNamespace(namespace: string): string {
  return namespace === UNSET_NAMESPACE ? 'any namespace' : `namespace "${namespace}"`;
}

/** `metadata.name` only: an object with just `generateName` gets a new name on every create. */
export function fixedNameOf(object: LintObject): string | undefined {
  const metadata = object.value.metadata;
  if (!isRecord(metadata)) return undefined;
  const name = metadata.name;
  return typeof name === 'string' && name !== '' ? name : typeof name === 'number' ? String(name) : undefined;
}

const SEP = '\u0000';
const key = (...parts: string[]): string => parts.join(SEP);

/** The identity the API server keys an object by: group, kind, namespace, name. */
export function identityOf(object: LintObject): string | undefined {
  const name = fixedNameOf(object);
  if (object.kind === undefined || name === undefined) return undefined;
  return key(canonicalGroup(object.kind, apiGroupOf(object.apiVersion)), object.kind, namespaceOf(object), name);
}

/** An object that has a pod template (or is a Pod), with the namespace its pods run in. */
export interface PodEntry {
  object: LintObject;
  pod: PodSpecRef;
  namespace: string;
}

/** A reference from an autoscaler to the workload it scales. */
export interface TargetRef {
  /** Canonical API group, when the reference names an apiVersion. */
  group: string | undefined;
  kind: string;
  name: string;
  /** Path of the reference, relative to the autoscaler. */
  path: YamlPath;
}

export type ScalerKind = 'HorizontalPodAutoscaler' | 'ScaledObject' | 'VerticalPodAutoscaler';

export interface ScalerEntry {
  object: LintObject;
  kind: ScalerKind;
  namespace: string;
  target: TargetRef;
}

export interface HpaEntry extends ScalerEntry {
  kind: 'HorizontalPodAutoscaler';
  /** `spec.minReplicas`, 1 when unset. */
  minReplicas: number;
  maxReplicas: number | undefined;
}

export interface PdbEntry {
  object: LintObject;
  namespace: string;
  /** Undefined when the PDB selects no pod (no selector, or an empty one in policy/v1beta1). */
  selector: Selector | undefined;
}

function stringAt(value: unknown, path: YamlPath): string | undefined {
  const found = getPath(value, path);
  return typeof found === 'string' && found !== '' ? found : undefined;
}

function targetRef(value: unknown, path: YamlPath, defaults: { kind?: string; apiVersion?: string } = {}): TargetRef | undefined {
  if (!isRecord(value)) return undefined;
  const kind = typeof value.kind === 'string' && value.kind !== '' ? value.kind : defaults.kind;
  const name = typeof value.name === 'string' && value.name !== '' ? value.name : undefined;
  if (kind === undefined || name === undefined) return undefined;
  const apiVersion = typeof value.apiVersion === 'string' && value.apiVersion !== '' ? value.apiVersion : defaults.apiVersion;
  return { group: apiVersion === undefined ? undefined : canonicalGroup(kind, apiGroupOf(apiVersion)), kind, name, path };
}

/** `spec.replicas` as the API server defaults it: 1 when unset; undefined when not a number. */
export function replicasOf(object: LintObject): number | undefined {
  const replicas = getPath(object.value, ['spec', 'replicas']);
  if (replicas === undefined || replicas === null) return 1;
  return typeof replicas === 'number' && Number.isInteger(replicas) ? replicas : undefined;
}

/** Whether `spec.replicas` is written. */
export function hasReplicasField(object: LintObject): boolean {
  const replicas = getPath(object.value, ['spec', 'replicas']);
  return replicas !== undefined && replicas !== null;
}

/** Deployments and StatefulSets: the workloads that autoscalers and replica counts apply to. */
export function isScalableWorkload(object: LintObject): boolean {
  return isBuiltinKind(object, 'Deployment') || isBuiltinKind(object, 'StatefulSet');
}

function annotationsOf(object: LintObject): Record<string, unknown> {
  const annotations = getPath(object.value, ['metadata', 'annotations']);
  return isRecord(annotations) ? annotations : {};
}

/** True when the workload carries `kube-lint.io/fixed-replicas: "true"`. */
export function isMarkedFixedSize(object: LintObject): boolean {
  const value = annotationsOf(object)[FIXED_REPLICAS_ANNOTATION];
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}

const ACTIVE_VPA_MODES = new Set(['Auto', 'Recreate', 'InPlaceOrRecreate']);

/** Labels that controllers put on the pods they create; a pod template never shows them. */
const CONTROLLER_LABELS = new Set([
  'pod-template-hash',
  'controller-revision-hash',
  'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index',
  'job-name',
  'batch.kubernetes.io/job-name',
  'controller-uid',
  'batch.kubernetes.io/controller-uid',
  'batch.kubernetes.io/job-completion-index',
]);
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';

/** True for a label that controllers add to the pods they create (never in a pod template). */
export function isControllerLabel(key: string): boolean {
  return CONTROLLER_LABELS.has(key);
}

/** Custom resources whose operator runs pods for them without a template in the manifest. */
const POD_OPERATOR_KINDS = new Set([
  'monitoring.coreos.com/Prometheus',
  'monitoring.coreos.com/PrometheusAgent',
  'monitoring.coreos.com/Alertmanager',
  'monitoring.coreos.com/ThanosRuler',
]);

/** A custom resource (not a Kubernetes API group) that looks like it makes its operator run pods. */
function isPodOperatorResource(object: LintObject): boolean {
  const group = apiGroupOf(object.apiVersion);
  if (!group.includes('.') || group.endsWith('.k8s.io')) return false;
  if (POD_OPERATOR_KINDS.has(`${group}/${object.kind ?? ''}`)) return true;
  const replicas = getPath(object.value, ['spec', 'replicas']);
  return typeof replicas === 'number' && !CUSTOM_TEMPLATE_PATHS[`${group}/${object.kind ?? ''}`];
}

/** Custom resources that carry a plain pod template (their controllers create the pods). */
const CUSTOM_TEMPLATE_PATHS: Readonly<Record<string, YamlPath>> = {
  'argoproj.io/Rollout': ['spec', 'template'],
  'apps.kruise.io/CloneSet': ['spec', 'template'],
};

/** The pod spec of a built-in pod-bearing object, or of a known custom resource with a pod template. */
function podOfAnyKind(object: LintObject): PodSpecRef | undefined {
  const builtin = podSpecOf(object);
  if (builtin) return builtin;
  const template = CUSTOM_TEMPLATE_PATHS[`${apiGroupOf(object.apiVersion)}/${object.kind ?? ''}`];
  return template ? podSpecAt(object, template) : undefined;
}

/** The containers (and init containers) of a pod entry, custom resources with a pod template included. */
export function containersOfEntry(entry: PodEntry, options: { init?: boolean } = {}): ContainerRef[] {
  return containersOfPod(entry.pod, options);
}

/** Splits off requirements on controller-added labels, which the template cannot show. */
function splitSelector(selector: Selector): { base: Selector; podName: string | undefined } {
  const matchLabels: Record<string, string> = {};
  let podName: string | undefined;
  for (const [k, v] of Object.entries(selector.matchLabels)) {
    if (!CONTROLLER_LABELS.has(k)) matchLabels[k] = v;
    else if (k === POD_NAME_LABEL) podName = v;
  }
  const matchExpressions = selector.matchExpressions.filter((r) => !CONTROLLER_LABELS.has(r.key));
  return { base: { matchLabels, matchExpressions }, podName };
}

interface Placed<T> {
  namespace: string;
  value: T;
}

export class RunIndex {
  /** Pod-bearing objects, in run order. */
  readonly pods: PodEntry[] = [];
  readonly hpas: HpaEntry[] = [];
  readonly pdbs: PdbEntry[] = [];

  /** kind -> metadata.name -> objects, in every namespace. */
  private readonly byName = new Map<string, Map<string, LintObject[]>>();
  /** kind -> namespace -> objects visible from it, built on first use (for hints only). */
  private readonly byNamespace = new Map<string, Map<string, readonly LintObject[]>>();
  private readonly podByObject = new Map<LintObject, PodEntry>();
  private readonly podsByNamespace = new Map<string, PodEntry[]>();
  /** label key -> value -> pods carrying it, in every namespace. */
  private readonly labelPostings = new Map<string, Map<string, PodEntry[]>>();
  /** The same, per namespace: a namespaced lookup reads its own and the unset namespace's only. */
  private readonly namespacedPostings = new Map<string, Map<string, Map<string, PodEntry[]>>>();
  /** Each pod's place in `pods`, to merge two posting lists in run order. */
  private readonly podOrdinal = new Map<PodEntry, number>();
  /** kind -> its named objects, grouped by namespace, and each one's place (see `ofKind`). */
  private readonly kindGroups = new Map<
    string,
    { all: LintObject[]; groups: Map<string, LintObject[]>; ordinal: Map<LintObject, number> }
  >();
  private readonly scalersByTarget = new Map<string, ScalerEntry[]>();
  private readonly generated = new Map<string, Placed<LintObject>[]>();
  private readonly claimTemplates = new Map<string, Placed<LintObject>[]>();
  private readonly limitDefaults = new Map<string, string[]>();
  private readonly operatorResources = new Map<string, Placed<LintObject>[]>();
  private pdbsByPod: Map<PodEntry, PdbEntry[]> | undefined;

  constructor(objects: readonly LintObject[]) {
    for (const object of objects) this.add(object);
  }

  private add(object: LintObject): void {
    const name = fixedNameOf(object);
    const namespace = namespaceOf(object);
    if (name !== undefined && object.kind !== undefined) push(inner(this.byName, object.kind), name, object);
    const pod = podOfAnyKind(object);
    if (pod) this.addPod({ object, pod, namespace });
    else if (name !== undefined && isPodOperatorResource(object)) push(this.operatorResources, name, { namespace, value: object });

    const group = apiGroupOf(object.apiVersion);
    const spec = object.value.spec;
    switch (`${group}/${object.kind ?? ''}`) {
      case 'autoscaling/HorizontalPodAutoscaler': {
        const target = targetRef(isRecord(spec) ? spec.scaleTargetRef : undefined, ['spec', 'scaleTargetRef']);
        if (!target || !isRecord(spec)) break;
        const min = spec.minReplicas;
        const max = spec.maxReplicas;
        const entry: HpaEntry = {
          object,
          kind: 'HorizontalPodAutoscaler',
          namespace,
          target,
          minReplicas: typeof min === 'number' ? min : 1,
          maxReplicas: typeof max === 'number' ? max : undefined,
        };
        this.hpas.push(entry);
        this.addScaler(entry);
        break;
      }
      case 'keda.sh/ScaledObject': {
        const target = targetRef(isRecord(spec) ? spec.scaleTargetRef : undefined, ['spec', 'scaleTargetRef'], {
          kind: 'Deployment',
          apiVersion: 'apps/v1',
        });
        if (target) this.addScaler({ object, kind: 'ScaledObject', namespace, target });
        break;
      }
      case 'autoscaling.k8s.io/VerticalPodAutoscaler': {
        const mode = stringAt(spec, ['updatePolicy', 'updateMode']) ?? 'Auto';
        const target = targetRef(isRecord(spec) ? spec.targetRef : undefined, ['spec', 'targetRef']);
        if (target && ACTIVE_VPA_MODES.has(mode)) this.addScaler({ object, kind: 'VerticalPodAutoscaler', namespace, target });
        break;
      }
      case 'policy/PodDisruptionBudget': {
        let selector = parseLabelSelector(isRecord(spec) ? spec.selector : undefined);
        if (selector && isEmptySelector(selector) && object.apiVersion === 'policy/v1beta1') selector = undefined;
        this.pdbs.push({ object, namespace, selector });
        break;
      }
      case '/LimitRange':
        this.addLimitRange(spec, namespace);
        break;
      case 'external-secrets.io/ExternalSecret':
        this.addGenerated('Secret', namespace, stringAt(spec, ['target', 'name']) ?? name, object);
        break;
      case 'bitnami.com/SealedSecret':
        this.addGenerated('Secret', namespace, stringAt(spec, ['template', 'metadata', 'name']) ?? name, object);
        break;
      case 'cert-manager.io/Certificate':
        this.addGenerated('Secret', namespace, stringAt(spec, ['secretName']), object);
        break;
      case 'secrets.hashicorp.com/VaultStaticSecret':
      case 'secrets.hashicorp.com/VaultDynamicSecret':
      case 'secrets.hashicorp.com/VaultPKISecret':
        this.addGenerated('Secret', namespace, stringAt(spec, ['destination', 'name']), object);
        break;
      case 'onepassword.com/OnePasswordItem':
        this.addGenerated('Secret', namespace, name, object);
        break;
      case 'apps/StatefulSet':
        for (const template of claimTemplateNames(object)) {
          if (name !== undefined) push(this.claimTemplates, `${template}-${name}`, { namespace, value: object });
        }
        break;
    }
  }

  private addPod(entry: PodEntry): void {
    this.podOrdinal.set(entry, this.pods.length);
    this.pods.push(entry);
    this.podByObject.set(entry.object, entry);
    push(this.podsByNamespace, entry.namespace, entry);
    const own = inner(this.namespacedPostings, entry.namespace);
    for (const [label, value] of Object.entries(entry.pod.labels)) {
      push(inner(this.labelPostings, label), value, entry);
      push(inner(own, label), value, entry);
    }
  }

  /**
   * The pods visible from the namespace that carry this label value, in run order: the global
   * list filtered, read from the namespace's own postings and the unset namespace's (linear in
   * what it returns, however many namespaces the run has).
   */
  private postings(namespace: string, label: string, value: string): readonly PodEntry[] {
    if (namespace === UNSET_NAMESPACE) return this.labelPostings.get(label)?.get(value) ?? [];
    const own = this.namespacedPostings.get(namespace)?.get(label)?.get(value) ?? [];
    const unset = this.namespacedPostings.get(UNSET_NAMESPACE)?.get(label)?.get(value) ?? [];
    if (unset.length === 0) return own;
    if (own.length === 0) return unset;
    return mergeInOrder(own, unset, (entry) => this.podOrdinal.get(entry) ?? 0);
  }

  private addScaler(entry: ScalerEntry): void {
    push(this.scalersByTarget, key(entry.target.kind, entry.target.name), entry);
  }

  private addGenerated(kind: string, namespace: string, name: string | undefined, by: LintObject): void {
    if (name !== undefined) push(this.generated, key(kind, name), { namespace, value: by });
  }

  private addLimitRange(spec: unknown, namespace: string): void {
    const limits = getPath(spec, ['limits']);
    if (!Array.isArray(limits)) return;
    for (const limit of limits) {
      if (!isRecord(limit) || limit.type !== 'Container') continue;
      for (const field of ['default', 'defaultRequest']) {
        const values = limit[field];
        if (isRecord(values)) for (const resource of Object.keys(values)) push(this.limitDefaults, resource, namespace);
      }
    }
  }

  /** Whether the run holds a named object of this kind. */
  hasKind(kind: string): boolean {
    return this.byName.has(kind);
  }

  /** Objects of this kind and name visible from the namespace; of this API group when given. */
  find(kind: string, namespace: string, name: string, group?: string): LintObject[] {
    return this.findInAnyNamespace(kind, name).filter(
      (o) =>
        namespacesMatch(namespaceOf(o), namespace) && (group === undefined || canonicalGroup(o.kind, apiGroupOf(o.apiVersion)) === group),
    );
  }

  /** Objects of a kind with this name in every namespace (for "it is in namespace x" hints). */
  findInAnyNamespace(kind: string, name: string): readonly LintObject[] {
    return this.byName.get(kind)?.get(name) ?? [];
  }

  /** Named objects of a kind visible from the namespace (for "did you mean" hints). */
  ofKind(kind: string, namespace: string): readonly LintObject[] {
    const cache = inner(this.byNamespace, kind);
    let visible = cache.get(namespace);
    if (visible === undefined) {
      // The objects of the kind (by name, then run order) grouped by namespace once, so that each
      // namespace asked for costs what it holds, not a pass over every namespace's objects.
      let grouped = this.kindGroups.get(kind);
      if (!grouped) {
        grouped = { all: [...(this.byName.get(kind)?.values() ?? [])].flat(), groups: new Map(), ordinal: new Map() };
        for (const [i, object] of grouped.all.entries()) {
          push(grouped.groups, namespaceOf(object), object);
          grouped.ordinal.set(object, i);
        }
        this.kindGroups.set(kind, grouped);
      }
      if (namespace === UNSET_NAMESPACE) {
        visible = grouped.all;
      } else {
        const own = grouped.groups.get(namespace) ?? [];
        const unset = grouped.groups.get(UNSET_NAMESPACE) ?? [];
        const ordinal = grouped.ordinal;
        visible = unset.length === 0 ? own : own.length === 0 ? unset : mergeInOrder(own, unset, (o) => ordinal.get(o) ?? 0);
      }
      cache.set(namespace, visible);
    }
    return visible;
  }

  /**
   * Objects defined more than once: same API group, kind, namespace (compared literally, unset
   * only with unset) and name. Each list is in run order.
   */
  duplicateGroups(): LintObject[][] {
    const out: LintObject[][] = [];
    for (const byName of this.byName.values()) {
      for (const list of byName.values()) {
        if (list.length < 2) continue;
        const groups = new Map<string, LintObject[]>();
        for (const object of list) {
          const identity = identityOf(object);
          if (identity !== undefined) push(groups, identity, object);
        }
        for (const group of groups.values()) if (group.length > 1) out.push(group);
      }
    }
    return out;
  }

  /** The pod entry of a pod-bearing object. */
  podOf(object: LintObject): PodEntry | undefined {
    return this.podByObject.get(object);
  }

  /** Pod entries visible from the namespace. */
  podsIn(namespace: string): readonly PodEntry[] {
    if (namespace === UNSET_NAMESPACE) return this.pods;
    const own = this.podsByNamespace.get(namespace) ?? [];
    const unset = this.podsByNamespace.get(UNSET_NAMESPACE) ?? [];
    return unset.length === 0 ? own : [...own, ...unset];
  }

  /**
   * Pod entries visible from the namespace that carry this label; undefined when more than
   * `limit` pods of the run carry it (a label that common tells pods apart poorly).
   */
  podsWithLabel(namespace: string, label: string, value: string, limit = Infinity): readonly PodEntry[] | undefined {
    const all = this.labelPostings.get(label)?.get(value) ?? [];
    if (all.length > limit) return undefined;
    return this.postings(namespace, label, value);
  }

  /**
   * Pod entries visible from the namespace whose labels the selector matches. Label postings pick
   * the candidates, so many Services and workloads stay linear. Requirements on labels that
   * controllers add to pods (pod-template-hash, statefulset.kubernetes.io/pod-name, ...) are
   * taken as met; a pod-name value must name a pod of the StatefulSet (`<name>-<ordinal>`).
   */
  podsSelectedBy(namespace: string, selector: Selector): PodEntry[] {
    const { base, podName } = splitSelector(selector);
    let candidates: readonly PodEntry[] | undefined;
    for (const [label, value] of Object.entries(base.matchLabels)) {
      const list = this.postings(namespace, label, value);
      if (candidates === undefined || list.length < candidates.length) candidates = list;
      if (candidates.length === 0) return [];
    }
    if (candidates === undefined) {
      for (const requirement of base.matchExpressions) {
        const values = this.labelPostings.get(requirement.key);
        if (requirement.operator === 'Exists') candidates = [...(values?.values() ?? [])].flat();
        else if (requirement.operator === 'In') candidates = [...new Set(requirement.values.flatMap((v) => values?.get(v) ?? []))];
        else continue;
        break;
      }
    }
    const ordinal = podName === undefined ? undefined : /^(.+)-[0-9]+$/.exec(podName)?.[1];
    return (candidates ?? this.podsIn(namespace)).filter(
      (entry) =>
        namespacesMatch(entry.namespace, namespace) &&
        selectorMatches(base, entry.pod.labels) &&
        (podName === undefined || (isBuiltinKind(entry.object, 'StatefulSet') && fixedNameOf(entry.object) === ordinal)),
    );
  }

  /** Autoscalers (HPA, KEDA ScaledObject, active VPA) whose target is this object. */
  scalersOf(object: LintObject): ScalerEntry[] {
    const name = fixedNameOf(object);
    if (object.kind === undefined || name === undefined) return [];
    const group = canonicalGroup(object.kind, apiGroupOf(object.apiVersion));
    const namespace = namespaceOf(object);
    const scalers = this.scalersByTarget.get(key(object.kind, name)) ?? [];
    return scalers.filter((s) => namespacesMatch(s.namespace, namespace) && (s.target.group === undefined || s.target.group === group));
  }

  /** HorizontalPodAutoscalers whose scaleTargetRef is this object. */
  hpasOf(object: LintObject): HpaEntry[] {
    return this.scalersOf(object).filter((s): s is HpaEntry => s.kind === 'HorizontalPodAutoscaler');
  }

  /** The objects an autoscaler's target reference resolves to. */
  targetsOf(scaler: ScalerEntry): LintObject[] {
    return this.find(scaler.target.kind, scaler.namespace, scaler.target.name, scaler.target.group);
  }

  /** PodDisruptionBudgets whose selector matches the pod template of this entry. */
  pdbsSelecting(entry: PodEntry): PdbEntry[] {
    if (!this.pdbsByPod) {
      const map = new Map<PodEntry, PdbEntry[]>();
      for (const pdb of this.pdbs) {
        if (!pdb.selector) continue;
        for (const pod of this.podsSelectedBy(pdb.namespace, pdb.selector)) push(map, pod, pdb);
      }
      this.pdbsByPod = map;
    }
    return this.pdbsByPod.get(entry) ?? [];
  }

  /** Defined objects of a core kind (ConfigMap, Secret, ...) with this name, visible from the namespace. */
  defined(kind: string, namespace: string, name: string): LintObject[] {
    return this.find(kind, namespace, name, '');
  }

  /** What creates an object of this name when the run does not define it (ExternalSecret, ...). */
  generatorOf(kind: string, namespace: string, name: string): LintObject | undefined {
    const direct = (this.generated.get(key(kind, name)) ?? []).find((g) => namespacesMatch(g.namespace, namespace));
    if (direct) return direct.value;
    if (kind !== 'PersistentVolumeClaim') return undefined;
    const prefix = /^(.+)-[0-9]+$/.exec(name)?.[1];
    if (prefix === undefined) return undefined;
    return (this.claimTemplates.get(prefix) ?? []).find((g) => namespacesMatch(g.namespace, namespace))?.value;
  }

  /**
   * A custom resource visible from the namespace, named like one of the values (the way operators
   * label the pods they run: `prometheus: k8s`, `app.kubernetes.io/instance: main`).
   */
  operatorResourceNamed(namespace: string, values: readonly string[]): LintObject | undefined {
    for (const value of values) {
      const found = (this.operatorResources.get(value) ?? []).find((p) => namespacesMatch(p.namespace, namespace));
      if (found) return found.value;
    }
    return undefined;
  }

  /** True when a LimitRange visible from the namespace gives containers a default for this resource. */
  hasLimitRangeDefault(namespace: string, resource: string): boolean {
    return (this.limitDefaults.get(resource) ?? []).some((ns) => namespacesMatch(ns, namespace));
  }
}

/** "Did you mean" compares with every candidate; it is skipped beyond this many. */
const SIMILAR_NAME_LIMIT = 250;

/**
 * The name among the objects closest to `name` by edit distance, when close enough to be a typo
 * (for "did you mean" hints). Skipped for long candidate lists, to keep the run linear.
 */
export function similarName(name: string, objects: readonly LintObject[]): string | undefined {
  if (objects.length > SIMILAR_NAME_LIMIT) return undefined;
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const object of objects) {
    const candidate = fixedNameOf(object);
    if (candidate === undefined || candidate === name) continue;
    const d = distance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Two lists, each in the order `place` gives, merged in that order. */
function mergeInOrder<T>(a: readonly T[], b: readonly T[], place: (item: T) => number): T[] {
  const merged: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && place(a[i] as T) < place(b[j] as T))) merged.push(a[i++] as T);
    else merged.push(b[j++] as T);
  }
  return merged;
}

/** The inner map of a two-level map, created on first use. */
function inner<K, K2, V>(map: Map<K, Map<K2, V>>, k: K): Map<K2, V> {
  let found = map.get(k);
  if (!found) {
    found = new Map();
    map.set(k, found);
  }
  return found;
}

function push<K, V>(map: Map<K, V[]>, k: K, value: V): void {
  const list = map.get(k);
  if (list) list.push(value);
  else map.set(k, [value]);
}

const cache = new WeakMap<readonly LintObject[], RunIndex>();

/**
 * The index of a run, built on first use and shared by every rule of the run. The engine hands
 * all run rules the same array; rules must not change it.
 */
export function runIndexOf(objects: readonly LintObject[]): RunIndex {
  let index = cache.get(objects);
  if (!index) {
    index = new RunIndex(objects);
    cache.set(objects, index);
  }
  return index;
}

/** The first ReadWriteOnce(-Pod) claim the workload's pods mount (or an undefined claim, assumed RWO). */
export function readWriteOnceClaim(index: RunIndex, entry: PodEntry): string | undefined {
  const volumes = (entry.pod.spec as unknown as Record<string, unknown>).volumes;
  if (!Array.isArray(volumes)) return undefined;
  for (const volume of volumes) {
    const claimName = stringAt(volume, ['persistentVolumeClaim', 'claimName']);
    if (claimName === undefined) continue;
    const claim = index.defined('PersistentVolumeClaim', entry.namespace, claimName)[0];
    if (!claim) return claimName; // unknown: most claims are ReadWriteOnce
    const modes = getPath(claim.value, ['spec', 'accessModes']);
    if (!Array.isArray(modes) || modes.some((m) => m === 'ReadWriteOnce' || m === 'ReadWriteOncePod')) return claimName;
  }
  return undefined;
}

/** Names of a StatefulSet's volumeClaimTemplates. */
export function claimTemplateNames(object: LintObject): string[] {
  const templates = getPath(object.value, ['spec', 'volumeClaimTemplates']);
  if (!Array.isArray(templates)) return [];
  return templates.flatMap((t) => {
    const name = stringAt(t, ['metadata', 'name']);
    return name === undefined ? [] : [name];
  });
}

/** True when a StatefulSet asks for ReadWriteOnce volumes per pod (volumeClaimTemplates). */
export function hasReadWriteOnceTemplates(object: LintObject): boolean {
  const templates = getPath(object.value, ['spec', 'volumeClaimTemplates']);
  if (!Array.isArray(templates)) return false;
  return templates.some((t) => {
    const modes = getPath(t, ['spec', 'accessModes']);
    return !Array.isArray(modes) || modes.some((m) => m === 'ReadWriteOnce' || m === 'ReadWriteOncePod');
  });
}
