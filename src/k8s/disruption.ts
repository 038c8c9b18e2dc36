/**
 * PodDisruptionBudgets: the replicas a workload runs at its floor, and budgets that let no pod be
 * evicted at all.
 */
import { describeObject, isRecord } from '../load/objects.js';
import { isScalableWorkload, replicasOf, type PdbEntry, type PodEntry, type RunIndex } from './index.js';
import { isBuiltinKind } from './workloads.js';

/** The replicas a workload runs at its floor: the HPA's minReplicas, else spec.replicas. */
export function floorReplicas(index: RunIndex, entry: PodEntry): number | undefined {
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
export function blockingBudget(index: RunIndex, pdb: PdbEntry): { path: string[]; message: string } | undefined {
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

/** Deployments and StatefulSets that run 2 replicas or more at their floor, with that count. */
export function replicatedWorkloads(index: RunIndex): { entry: PodEntry; replicas: number }[] {
  const out: { entry: PodEntry; replicas: number }[] = [];
  for (const entry of index.pods) {
    if (!isScalableWorkload(entry.object)) continue;
    const replicas = floorReplicas(index, entry);
    if (replicas !== undefined && replicas >= 2) out.push({ entry, replicas });
  }
  return out;
}
