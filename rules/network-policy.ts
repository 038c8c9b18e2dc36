import { defineRule, type RunReport } from '../src/engine/rule.js';
import { apiGroupOf } from '../src/k8s/api-version.js';
import { managesKind } from '../src/k8s/evidence.js';
import { describeNamespace, namespaceOf, runIndexOf, UNSET_NAMESPACE, type PodEntry } from '../src/k8s/index.js';
import { parseLabelSelector, selectorMatches, type Selector } from '../src/k8s/selectors.js';
import { isBuiltinKind } from '../src/k8s/workloads.js';
import { describeObject, isRecord } from '../src/k8s/values.js';
import type { LintObject } from '../src/engine/rule.js';

const EVERYTHING: Selector = { matchLabels: {}, matchExpressions: [] };

/** A policy's podSelector; an unreadable one is taken to select everything (no finding rather than a wrong one). */
function podSelectorOf(policy: LintObject): Selector {
  const spec = policy.value.spec;
  return (isRecord(spec) ? parseLabelSelector(spec.podSelector ?? {}) : undefined) ?? EVERYTHING;
}

/** Cluster-wide policies of CNI plugins and of the policy API: with one in the run, nothing is judged. */
const CLUSTER_WIDE_POLICY_KINDS = new Set([
  'CiliumClusterwideNetworkPolicy',
  'GlobalNetworkPolicy',
  'AdminNetworkPolicy',
  'BaselineAdminNetworkPolicy',
  'ClusterNetworkPolicy',
]);

/** Namespaced policies of CNI plugins and meshes, whose selectors kube-lint does not evaluate. */
function isOtherPolicy(object: LintObject): boolean {
  if (object.kind === 'CiliumNetworkPolicy' || object.kind === 'AuthorizationPolicy') return true;
  // Calico's own NetworkPolicy kind.
  return object.kind === 'NetworkPolicy' && (object.apiVersion ?? '').startsWith('crd.projectcalico.org/');
}

export default defineRule({
  id: 'network-policy',
  meta: {
    description: 'In a namespace whose NetworkPolicies the run defines, every workload is selected by one',
    category: 'security',
    defaultSeverity: 'warning',
    presets: ['strict'],
    scope: 'run',
    rationale:
      'A pod that no NetworkPolicy selects accepts traffic from anywhere in the cluster and may connect anywhere: in a namespace where the other workloads are fenced in, it is the open door, and it is usually one that was forgotten (a new component, a renamed label). kube-score (pod-networkpolicy) and Polaris (missingNetworkPolicy) report every pod without a policy by default. ' +
      "Evidence: kube-lint reports a workload only when the run defines at least one networking.k8s.io NetworkPolicy in its namespace (compared literally, unset only with unset) in the workload's folder or a folder above it, so a repository that manages its policies elsewhere, or not at all, is not reported, nor is one project of a monorepo because another has policies. Jobs and CronJobs, which run briefly, are not reported. A namespace that also has policies of a CNI plugin or mesh in the run (CiliumNetworkPolicy, Calico NetworkPolicy, Istio AuthorizationPolicy) is skipped, and a run with a cluster-wide policy (CiliumClusterwideNetworkPolicy, Calico GlobalNetworkPolicy, AdminNetworkPolicy) is not judged at all, since those select pods in their own ways. Severity warning, in `strict`: some namespaces fence in only their sensitive workloads on purpose.",
    remediation:
      "Add a default-deny policy for the namespace (`podSelector: {}` with `policyTypes: [Ingress, Egress]`) and allow what each workload needs, or a policy whose podSelector matches this workload's pod labels.",
    defaults: {},
  },
  checkRun({ objects }) {
    if (objects.some((o) => o.kind !== undefined && CLUSTER_WIDE_POLICY_KINDS.has(o.kind))) return [];
    const index = runIndexOf(objects);
    const reports: RunReport[] = [];
    const othersIn = new Set(objects.filter(isOtherPolicy).map((o) => namespaceOf(o)));
    const policies = objects.filter((o) => o.kind === 'NetworkPolicy' && apiGroupOf(o.apiVersion) === 'networking.k8s.io');
    if (policies.length === 0) return [];
    const byNamespace = new Map<string, PolicyIndex>();
    for (const policy of policies) {
      const namespace = namespaceOf(policy);
      let entry = byNamespace.get(namespace);
      if (!entry) byNamespace.set(namespace, (entry = new PolicyIndex()));
      entry.add(podSelectorOf(policy));
    }
    const unset = byNamespace.get(UNSET_NAMESPACE);
    for (const entry of index.pods) {
      const { object, namespace } = entry;
      if (isBuiltinKind(object, 'Job') || isBuiltinKind(object, 'CronJob') || othersIn.has(namespace)) continue;
      // Evidence: a policy in exactly this namespace, in the workload's folder or above.
      if (!managesKind(policies, 'NetworkPolicy', namespace, object)) continue;
      const own = namespace === UNSET_NAMESPACE ? undefined : byNamespace.get(namespace);
      if (own?.selects(entry.pod.labels) || unset?.selects(entry.pod.labels)) continue;
      if (namespace === UNSET_NAMESPACE && [...byNamespace.values()].some((p) => p.selects(entry.pod.labels))) continue;
      reports.push(report(entry));
    }
    return reports;
  },
});

/** The pod selectors of one namespace's policies, found by one of their labels so that many policies stay linear. */
class PolicyIndex {
  private everything = false;
  private readonly byLabel = new Map<string, Selector[]>();
  private readonly other: Selector[] = [];

  add(selector: Selector): void {
    const first = Object.entries(selector.matchLabels)[0];
    if (first === undefined) {
      if (selector.matchExpressions.length === 0) this.everything = true;
      else this.other.push(selector);
      return;
    }
    const key = `${first[0]}=${first[1]}`;
    const list = this.byLabel.get(key);
    if (list) list.push(selector);
    else this.byLabel.set(key, [selector]);
  }

  selects(labels: Readonly<Record<string, string>>): boolean {
    if (this.everything) return true;
    for (const [key, value] of Object.entries(labels)) {
      if (this.byLabel.get(`${key}=${value}`)?.some((s) => selectorMatches(s, labels))) return true;
    }
    return this.other.some((s) => selectorMatches(s, labels));
  }
}

function report(entry: PodEntry): RunReport {
  return {
    object: entry.object,
    path: [...entry.pod.metadataPath, 'labels'],
    message: `${describeObject(entry.object)} is selected by no NetworkPolicy, although the run defines NetworkPolicies in ${describeNamespace(entry.namespace)}: add one whose podSelector matches its pod labels, or a default-deny policy for the namespace`,
  };
}
