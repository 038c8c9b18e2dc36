import { defineRule, type RunReport } from '../src/engine/rule.js';
import { blockingBudget } from '../src/k8s/disruption.js';
import { runIndexOf } from '../src/k8s/index.js';

export default defineRule({
  id: 'pdb-blocks-eviction',
  meta: {
    description: 'No PodDisruptionBudget forbids every voluntary eviction',
    category: 'reliability',
    defaultSeverity: 'warning',
    presets: ['recommended'],
    scope: 'run',
    rationale:
      'A PodDisruptionBudget that allows no disruption at all turns every node drain into a hang: `kubectl drain`, cluster upgrades, the cluster autoscaler and spot-instance handlers wait on the eviction forever, and the node upgrade stalls until someone deletes the budget by hand. It happens with maxUnavailable: 0 (or 0%), with minAvailable: 100%, and with a minAvailable equal to (or above) the number of replicas, the usual case being a single-replica workload with minAvailable: 1. ' +
      "minAvailable is compared with the replicas of the linted workloads the budget selects (same namespace, an unset namespace matching any), at their floor (the HPA minReplicas when an HPA manages them), rounding percentages up as the disruption controller does. When a selected workload's replica count is unknown (a DaemonSet, a Job, a templated value), or the budget selects no linted workload, only maxUnavailable 0 and minAvailable 100% are reported. kube-linter (pdb-max-unavailable, pdb-min-available) and Polaris (pdbDisruptionsIsZero) check the same by default. Severity warning: the budget works as written, and the cost shows up only at the next drain.",
    remediation:
      'Use `maxUnavailable: 1` (it works for any replica count), or run more replicas than minAvailable. A workload that must never be interrupted needs replication, not a budget that blocks maintenance.',
    defaults: {},
  },
  checkRun({ objects }) {
    const index = runIndexOf(objects);
    const reports: RunReport[] = [];
    for (const pdb of index.pdbs) {
      const blocking = blockingBudget(index, pdb);
      if (blocking) reports.push({ object: pdb.object, ...blocking });
    }
    return reports;
  },
});
