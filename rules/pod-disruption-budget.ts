import { defineRule, type RunReport } from '../src/engine/rule.js';
import {
  isScalableWorkload,
  replicasOf,
  runIndexOf,
  UNSET_NAMESPACE,
  type PdbEntry,
  type PodEntry,
  type RunIndex,
} from '../src/k8s/index.js';
import { isBuiltinKind } from '../src/k8s/workloads.js';
import { describeObject, isRecord } from '../src/load/objects.js';

/** The replicas a workload runs at its floor: the HPA's minReplicas, else spec.replicas. */
function floorReplicas(index: RunIndex, entry: PodEntry): number | undefined {
  if (isBuiltinKind(entry.object, 'Pod')) return 1;
  if (!isScalableWorkload(entry.object) && !isBuiltinKind(entry.object, 'ReplicaSet')) return undefined;
  const hpas = index.hpasOf(entry.object);
  if (hpas.length > 0) return Math.max(...hpas.map((h) => h.minReplicas));
  return replicasOf(entry.object);
}

/** An int-or-percent value: `{percent}` for "25%", `{count}` for 2 or "2". */
function intOrPercent(value: unknown): { count: number } | { percent: number } | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return { count: value };
  if (typeof value !== 'string') return undefined;
  const percent = /^([0-9]+)%$/.exec(value);
  if (percent?.[1] !== undefined) return { percent: Number(percent[1]) };
  return /^[0-9]+$/.test(value) ? { count: Number(value) } : undefined;
}

/** A PDB that lets no pod be evicted: its message, or undefined. */
function blockingBudget(index: RunIndex, pdb: PdbEntry): { path: string[]; message: string } | undefined {
  const spec = pdb.object.value.spec;
  if (!isRecord(spec)) return undefined;
  const who = describeObject(pdb.object);
  const maxUnavailable = intOrPercent(spec.maxUnavailable);
  if (maxUnavailable && ('count' in maxUnavailable ? maxUnavailable.count : maxUnavailable.percent) === 0) {
    return {
      path: ['spec', 'maxUnavailable'],
      message: `${who} has maxUnavailable ${String(spec.maxUnavailable)}, so no pod can ever be evicted and node drains hang: allow at least 1`,
    };
  }
  const minAvailable = intOrPercent(spec.minAvailable);
  if (!minAvailable) return undefined;
  if ('percent' in minAvailable && minAvailable.percent >= 100) {
    return {
      path: ['spec', 'minAvailable'],
      message: `${who} has minAvailable ${String(spec.minAvailable)}, so no pod can ever be evicted and node drains hang: lower it or use maxUnavailable: 1`,
    };
  }
  if (!pdb.selector) return undefined;
  const selected = index.podsSelectedBy(pdb.namespace, pdb.selector);
  if (selected.length === 0) return undefined;
  let total = 0;
  for (const entry of selected) {
    const replicas = floorReplicas(index, entry);
    if (replicas === undefined) return undefined; // a DaemonSet, a Job, a templated count: unknown
    total += replicas;
  }
  if (total === 0) return undefined;
  // The disruption controller rounds percentages up.
  const required = 'count' in minAvailable ? minAvailable.count : Math.ceil((minAvailable.percent * total) / 100);
  if (required < total) return undefined;
  const pods = selected.length === 1 ? describeObject(selected[0]?.object ?? pdb.object) : `${selected.length} workloads`;
  return {
    path: ['spec', 'minAvailable'],
    message: `${who} requires minAvailable ${String(spec.minAvailable)} of the ${total} replica${total === 1 ? '' : 's'} of ${pods}, so no pod can be evicted and node drains hang: ${total === 1 ? 'run 2 replicas or more, or use maxUnavailable: 1' : 'lower minAvailable or use maxUnavailable: 1'}`,
  };
}

export default defineRule({
  id: 'pod-disruption-budget',
  meta: {
    description: 'Multi-replica workloads have a PodDisruptionBudget, and no budget blocks every eviction',
    category: 'reliability',
    defaultSeverity: 'warning',
    presets: ['strict'],
    scope: 'run',
    rationale:
      'Without a PodDisruptionBudget, a node drain (cluster upgrade, autoscaler scale-down, spot reclaim) may evict every replica of a workload at once, and running several replicas buys no availability. A budget that allows no disruption at all (maxUnavailable 0, minAvailable 100% or equal to the replica count) is the opposite failure: drains wait forever and node upgrades stall until someone deletes the budget by hand. ' +
      'A workload counts as multi-replica when spec.replicas is 2 or more, or when an HPA manages it with minReplicas 2 or more. A budget is found by its selector matching the pod template labels in the same namespace (an object without metadata.namespace matches any namespace). minAvailable is compared with the replicas of the linted workloads it selects at their floor (HPA minReplicas), rounding percentages up as the disruption controller does.',
    remediation:
      "Add a policy/v1 PodDisruptionBudget in the workload's namespace whose selector matches its pod labels, with maxUnavailable: 1 (or minAvailable below the replica count).",
    defaults: {},
  },
  checkRun({ objects }) {
    const index = runIndexOf(objects);
    const reports: RunReport[] = [];
    for (const entry of index.pods) {
      if (!isScalableWorkload(entry.object)) continue;
      const replicas = floorReplicas(index, entry);
      if (replicas === undefined || replicas < 2) continue;
      if (index.pdbsSelecting(entry).length > 0) continue;
      const hpa = index.hpasOf(entry.object).length > 0 ? ' at the floor of its HPA' : '';
      reports.push({
        object: entry.object,
        path: ['metadata', 'name'],
        anchor: true,
        message: `${describeObject(entry.object)} runs ${replicas} replicas${hpa} but no PodDisruptionBudget${entry.namespace === UNSET_NAMESPACE ? '' : ` in namespace "${entry.namespace}"`} selects its pods: add one with maxUnavailable: 1`,
      });
    }
    for (const pdb of index.pdbs) {
      const blocking = blockingBudget(index, pdb);
      if (blocking) reports.push({ object: pdb.object, ...blocking });
    }
    return reports;
  },
});
