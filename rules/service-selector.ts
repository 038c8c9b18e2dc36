import { defineRule, type RunReport } from '../src/engine/rule.js';
import {
  describeNamespace,
  fixedNameOf,
  isControllerLabel,
  namespaceOf,
  namespacesMatch,
  POD_NAME_LABEL,
  runIndexOf,
  UNSET_NAMESPACE,
  type PodEntry,
  type RunIndex,
} from '../src/k8s/index.js';
import { describeSelector, isEmptySelector, parseMapSelector, type Selector } from '../src/k8s/selectors.js';
import { anyPlaceholder, mayMatchOnceFilled } from '../src/k8s/placeholders.js';
import { isBuiltinKind } from '../src/k8s/workloads.js';
import { describeObject, isRecord } from '../src/k8s/values.js';

/** Labels shared by more pods than this do not tell pods apart; near misses ignore them. */
const NEAR_MISS_POSTING_LIMIT = 500;

/** The closest miss: a pod template of the namespace sharing the most labels with the selector. */
function nearMiss(index: RunIndex, namespace: string, selector: Selector): string | undefined {
  const wanted = Object.entries(selector.matchLabels).filter(([k]) => !isControllerLabel(k));
  const shared = new Map<PodEntry, number>();
  for (const [k, v] of wanted) {
    const pods = index.podsWithLabel(namespace, k, v, NEAR_MISS_POSTING_LIMIT);
    for (const entry of pods ?? []) shared.set(entry, (shared.get(entry) ?? 0) + 1);
  }
  let best: PodEntry | undefined;
  let bestCount = 0;
  for (const [entry, count] of shared) {
    if (count > bestCount) {
      best = entry;
      bestCount = count;
    }
  }
  if (!best) return undefined;
  const labels = best.pod.labels;
  const podName = selector.matchLabels[POD_NAME_LABEL];
  if (bestCount === wanted.length && podName !== undefined) {
    const name = fixedNameOf(best.object) ?? '';
    return `${describeObject(best.object)} names its pods ${name}-0, ${name}-1, ..., not ${podName}`;
  }
  const lacks = wanted
    .filter(([k, v]) => labels[k] !== v)
    .map(([k, v]) => (labels[k] === undefined ? `no ${k} label` : `${k}=${labels[k] ?? ''}, not ${v}`));
  return `${describeObject(best.object)} has ${lacks.join(' and ')}`;
}

/** Other namespaces whose pods the selector matches. */
/**
 * The namespaces of the run's pods that a selector matches, once per selector and run: many
 * Services of a large run share a selector, and each would scan the same pods again.
 */
const selectedNamespaces = new WeakMap<RunIndex, Map<string, ReadonlySet<string>>>();

function otherNamespaces(index: RunIndex, namespace: string, selector: Selector): string[] {
  if (namespace === UNSET_NAMESPACE) return [];
  let known = selectedNamespaces.get(index);
  if (!known) selectedNamespaces.set(index, (known = new Map<string, ReadonlySet<string>>()));
  const key = JSON.stringify([
    Object.entries(selector.matchLabels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    selector.matchExpressions,
  ]);
  let all = known.get(key);
  if (!all) known.set(key, (all = new Set(index.podsSelectedBy(UNSET_NAMESPACE, selector).map((e) => e.namespace))));
  return [...all].filter((n) => n !== namespace && n !== UNSET_NAMESPACE).sort();
}

export interface ServiceSelectorOptions {
  ignoreSelectors: string[];
}

/** Labels of pods every cluster runs outside the manifests (monitoring Services select them). */
const CLUSTER_COMPONENTS = [
  'k8s-app=kube-dns',
  'k8s-app=kube-proxy',
  'k8s-app=kubelet',
  'component=etcd',
  'component=kube-apiserver',
  'component=kube-controller-manager',
  'component=kube-scheduler',
];

export default defineRule<ServiceSelectorOptions>({
  id: 'service-selector',
  meta: {
    description: 'A Service selector matches the pods of a workload in its namespace',
    category: 'correctness',
    defaultSeverity: 'warning',
    presets: ['recommended'],
    scope: 'run',
    rationale:
      'A Service sends traffic only to pods whose labels match every key of its selector, in its own namespace. A typo in a label, a label changed on the Deployment but not on the Service, or a Service in another namespace leaves the Service without endpoints: clients get connection refused while every object looks healthy. ' +
      'The rule compares each Service with the pod templates of every linted workload (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob). It judges a Service only when its namespace holds at least one linted pod template (or the selected pods are found in another namespace), and skips ExternalName Services and Services without a selector (their endpoints are managed by hand). Pods that an operator runs for a custom resource are not in the manifests: a Service is skipped when a selector value is the name of a custom resource of its namespace that has spec.replicas or is a Prometheus, Alertmanager or ThanosRuler (operators label their pods with the resource name). Services selecting Kubernetes control-plane components (ignoreSelectors) are skipped too; for other pods created outside the manifests add their labels to ignoreSelectors, or suppress the finding. ' +
      'An object without metadata.namespace matches any namespace, since it goes wherever the manifests are applied. Labels that controllers add to pods (pod-template-hash, statefulset.kubernetes.io/pod-name, ...) are taken as present. Argo Rollouts and OpenKruise CloneSets count as workloads.',
    remediation:
      'Make the Service selector a subset of the pod template labels (spec.template.metadata.labels) of the workload it fronts, in the same namespace, or lint the Service together with that workload.',
    options: {
      properties: {
        ignoreSelectors: {
          type: 'array',
          items: { type: 'string', pattern: '^[^=]+=.*$' },
          description:
            'Labels written `key=value`: a Service whose selector requires one of them is not checked (pods that the manifests do not create, or labels set at run time such as `vault-active=true`). The default lists Kubernetes control-plane components.',
        },
      },
    },
    defaults: { ignoreSelectors: CLUSTER_COMPONENTS },
  },
  checkRun({ objects, options }) {
    const index = runIndexOf(objects);
    if (index.pods.length === 0) return [];
    const ignored = new Set(options.ignoreSelectors);
    // Pod templates whose labels a tool fills in (usually none): looked at per Service, so kept apart.
    const templated = index.pods.filter((entry) => anyPlaceholder(Object.values(entry.pod.labels)));
    const reports: RunReport[] = [];
    for (const object of objects) {
      if (!isBuiltinKind(object, 'Service')) continue;
      const spec = object.value.spec;
      if (!isRecord(spec) || spec.type === 'ExternalName') continue;
      const selector = parseMapSelector(spec.selector);
      if (!selector || isEmptySelector(selector)) continue;
      if (Object.entries(selector.matchLabels).some(([k, v]) => ignored.has(`${k}=${v}`))) continue;
      // A label left for a tool to fill in (`app: ${APP}`), here or on a pod template, cannot be compared.
      if (anyPlaceholder(Object.values(selector.matchLabels))) continue;
      const namespace = namespaceOf(object);
      const fillable = (entry: PodEntry): boolean =>
        namespacesMatch(entry.namespace, namespace) && mayMatchOnceFilled(selector.matchLabels, entry.pod.labels);
      if (templated.some(fillable)) continue;
      if (index.podsSelectedBy(namespace, selector).length > 0) continue;
      const elsewhere = otherNamespaces(index, namespace, selector);
      // Pods an operator runs for a custom resource (a Prometheus named "k8s" -> prometheus=k8s).
      if (index.operatorResourceNamed(namespace, Object.values(selector.matchLabels))) continue;
      // A namespace without any linted workload: its pods are managed elsewhere, nothing to judge.
      if (elsewhere.length === 0 && index.podsIn(namespace).length === 0) continue;
      const near = nearMiss(index, namespace, selector);
      let hint = 'fix the selector or the pod labels';
      if (elsewhere.length > 0) {
        const names = elsewhere.map((n) => `"${n}"`).join(', ');
        hint = `pods with these labels run in namespace ${names}: put the Service in the namespace of its pods`;
      } else if (near !== undefined) hint = `${near}: fix the selector or the pod labels`;
      reports.push({
        object,
        path: ['spec', 'selector'],
        message: `${describeObject(object)} selects ${describeSelector(selector)} but no linted pod template in ${describeNamespace(namespace)} has these labels; ${hint}`,
      });
    }
    return reports;
  },
});
