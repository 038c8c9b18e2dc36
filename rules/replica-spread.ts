import { defineRule, type RunReport } from '../src/engine/rule.js';
import { replicatedWorkloads } from '../src/k8s/disruption.js';
import { runIndexOf } from '../src/k8s/index.js';
import { describeObject, isRecord } from '../src/k8s/values.js';

export default defineRule({
  id: 'replica-spread',
  meta: {
    description: 'Replicated workloads spread their pods across nodes (pod anti-affinity or topology spread constraints)',
    category: 'reliability',
    defaultSeverity: 'warning',
    presets: ['strict'],
    scope: 'run',
    rationale:
      "The scheduler's default spreading is a preference among many: under pressure, or right after a node joins, it happily puts every replica of a Deployment on the same node, and that node's failure or drain then takes the whole workload down at once, which is what running several replicas was meant to prevent. A podAntiAffinity on kubernetes.io/hostname, or topologySpreadConstraints over nodes or zones, makes the spread explicit. Checked for Deployments and StatefulSets that run 2 replicas or more (spec.replicas, or the minReplicas of an HPA among the linted objects). kube-linter (no-anti-affinity), kube-score (deployment-has-host-podantiaffinity) and Polaris (topologySpreadConstraint) report it by default. Severity warning, in `strict`: clusters with a default topology spread configured in the scheduler already spread pods.",
    remediation:
      'Add a topology spread constraint over nodes (and zones, when the cluster has them):\n\n```yaml\ntopologySpreadConstraints:\n  - maxSkew: 1\n    topologyKey: kubernetes.io/hostname\n    whenUnsatisfiable: ScheduleAnyway\n    labelSelector:\n      matchLabels:\n        app: web\n```\n\nor a preferred podAntiAffinity on `kubernetes.io/hostname` with the same selector.',
    defaults: {},
  },
  checkRun({ objects }) {
    const index = runIndexOf(objects);
    const reports: RunReport[] = [];
    for (const { entry, replicas } of replicatedWorkloads(index)) {
      const spec = entry.pod.spec as unknown as Record<string, unknown>;
      const affinity = spec.affinity;
      if (isRecord(affinity) && isRecord(affinity.podAntiAffinity)) continue;
      if (Array.isArray(spec.topologySpreadConstraints) && spec.topologySpreadConstraints.length > 0) continue;
      reports.push({
        object: entry.object,
        path: ['spec', 'replicas'],
        message: `${describeObject(entry.object)} runs ${replicas} replicas with no pod anti-affinity or topology spread constraint, so they may all land on one node: add topologySpreadConstraints over kubernetes.io/hostname`,
      });
    }
    return reports;
  },
});
