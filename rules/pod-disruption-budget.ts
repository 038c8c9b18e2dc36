import { defineRule, type RunReport } from '../src/engine/rule.js';
import { replicatedWorkloads } from '../src/k8s/disruption.js';
import { runIndexOf, UNSET_NAMESPACE } from '../src/k8s/index.js';
import { describeObject } from '../src/k8s/values.js';

export default defineRule({
  id: 'pod-disruption-budget',
  meta: {
    description: 'Multi-replica workloads have a PodDisruptionBudget',
    category: 'reliability',
    defaultSeverity: 'warning',
    presets: ['strict'],
    scope: 'run',
    rationale:
      'Without a PodDisruptionBudget, a node drain (cluster upgrade, autoscaler scale-down, spot reclaim) may evict every replica of a workload at once, and running several replicas buys no availability. A budget that allows no disruption at all is the opposite failure, reported by `pdb-blocks-eviction` (in `recommended`). ' +
      'A workload counts as multi-replica when spec.replicas is 2 or more, or when an HPA manages it with minReplicas 2 or more. A budget is found by its selector matching the pod template labels in the same namespace (an object without metadata.namespace matches any namespace).',
    remediation:
      "Add a policy/v1 PodDisruptionBudget in the workload's namespace whose selector matches its pod labels, with maxUnavailable: 1 (or minAvailable below the replica count).",
    defaults: {},
  },
  checkRun({ objects }) {
    const index = runIndexOf(objects);
    const reports: RunReport[] = [];
    for (const { entry, replicas } of replicatedWorkloads(index)) {
      if (index.pdbsSelecting(entry).length > 0) continue;
      const hpa = index.hpasOf(entry.object).length > 0 ? ' at the floor of its HPA' : '';
      reports.push({
        object: entry.object,
        path: ['metadata', 'name'],
        anchor: true,
        message: `${describeObject(entry.object)} runs ${replicas} replicas${hpa} but no PodDisruptionBudget${entry.namespace === UNSET_NAMESPACE ? '' : ` in namespace "${entry.namespace}"`} selects its pods: add one with maxUnavailable: 1`,
      });
    }
    return reports;
  },
});
