import { defineRule, type RuleReport } from '../src/engine/rule.js';
import { isRecord, type LintObject } from '../src/load/objects.js';
import { formatIntOrPercent, parseIntOrPercent, scaleIntOrPercent, type IntOrPercent } from '../src/k8s/intstr.js';
import { isBuiltinKind } from '../src/k8s/workloads.js';
import { describeWorkload } from '../src/k8s/security.js';
import type { YamlPath } from '../src/types.js';

interface Strategy {
  /** Path of the strategy field (`spec.strategy` or `spec.updateStrategy`). */
  path: YamlPath;
  type: unknown;
  maxSurge: IntOrPercent | undefined;
  maxUnavailable: IntOrPercent | undefined;
  /** Raw values, to tell "unset" (defaulted) from "malformed" (left to the schema). */
  rawSurge: unknown;
  rawUnavailable: unknown;
}

function strategyOf(object: LintObject, field: 'strategy' | 'updateStrategy'): Strategy {
  const spec = isRecord(object.value.spec) ? object.value.spec : {};
  const strategy = isRecord(spec[field]) ? spec[field] : {};
  const rolling = isRecord(strategy.rollingUpdate) ? strategy.rollingUpdate : {};
  return {
    path: ['spec', field],
    type: strategy.type,
    maxSurge: parseIntOrPercent(rolling.maxSurge),
    maxUnavailable: parseIntOrPercent(rolling.maxUnavailable),
    rawSurge: rolling.maxSurge,
    rawUnavailable: rolling.maxUnavailable,
  };
}

/** spec.replicas, or undefined when unset (an autoscaler may own it; the API default is 1). */
function replicasOf(object: LintObject): number | undefined {
  const spec = isRecord(object.value.spec) ? object.value.spec : {};
  return typeof spec.replicas === 'number' && Number.isInteger(spec.replicas) ? spec.replicas : undefined;
}

const isZero = (v: IntOrPercent | undefined): boolean => v !== undefined && v.value === 0;

/** Both zero: nothing may be added and nothing removed, so no pod can ever be replaced. */
function bothZero(object: LintObject, s: Strategy): RuleReport {
  return {
    path: [...s.path, 'rollingUpdate'],
    target: 'key',
    message: `${describeWorkload(object)} sets maxSurge and maxUnavailable to 0, which blocks every rollout (the API server rejects it): allow at least one surge pod (maxSurge: 1) or one unavailable pod`,
  };
}

/**
 * maxUnavailable that lets every replica go down at once. A percentage rounds down, so only 100%
 * (or more) reaches every replica, at any scale. An absolute number counts when it is at least an
 * explicit replica count above 1: one replica is down during any update anyway, and an unset count
 * may be an autoscaler's.
 */
function allUnavailable(object: LintObject, s: Strategy, replicas: number | undefined): RuleReport | undefined {
  const value = s.maxUnavailable;
  if (!value) return undefined;
  const everyReplica =
    value.kind === 'percent'
      ? value.value >= 100
      : replicas !== undefined && replicas >= 2 && scaleIntOrPercent(value, replicas, false) >= replicas;
  if (!everyReplica) return undefined;
  const count = replicas === undefined || replicas < 2 ? 'every replica' : `all ${replicas} replicas`;
  return {
    path: [...s.path, 'rollingUpdate', 'maxUnavailable'],
    message: `${describeWorkload(object)} allows maxUnavailable ${formatIntOrPercent(value)}, so a rollout can take down ${count} at once: lower it (for example 25% or 1) so some pods keep serving`,
  };
}

function checkDeployment(object: LintObject): RuleReport[] {
  const s = strategyOf(object, 'strategy');
  const replicas = replicasOf(object);
  if (s.type === 'Recreate') {
    if (replicas === undefined || replicas < 2) return [];
    return [
      {
        path: [...s.path, 'type'],
        message: `${describeWorkload(object)} runs ${replicas} replicas with the Recreate strategy, which stops all of them before starting new ones: use RollingUpdate unless the old and new versions must never run side by side`,
      },
    ];
  }
  if (s.type !== undefined && s.type !== 'RollingUpdate') return [];
  // Defaults: 25% each. Zero only counts when written, as 0 or 0%.
  if (isZero(s.maxSurge) && isZero(s.maxUnavailable)) return [bothZero(object, s)];
  const report = allUnavailable(object, s, replicas);
  return report ? [report] : [];
}

function checkDaemonSet(object: LintObject): RuleReport[] {
  const s = strategyOf(object, 'updateStrategy');
  if (s.type !== undefined && s.type !== 'RollingUpdate') return [];
  // Defaults: maxUnavailable 1, maxSurge 0; the node count is unknown, so only 100% is judged.
  const surge = s.rawSurge === undefined || s.rawSurge === null ? 0 : s.maxSurge?.value;
  if (surge === 0 && isZero(s.maxUnavailable)) return [bothZero(object, s)];
  const report = s.maxUnavailable?.kind === 'percent' ? allUnavailable(object, s, undefined) : undefined;
  return report ? [report] : [];
}

function checkStatefulSet(object: LintObject): RuleReport[] {
  const s = strategyOf(object, 'updateStrategy');
  if (s.type !== undefined && s.type !== 'RollingUpdate') return [];
  // rollingUpdate.maxUnavailable (MaxUnavailableStatefulSet, default 1); no maxSurge.
  const report = allUnavailable(object, s, replicasOf(object));
  return report ? [report] : [];
}

export default defineRule({
  id: 'rolling-update',
  meta: {
    description:
      'Rolling updates keep pods serving: no all-at-once maxUnavailable, no blocked or Recreate rollouts of replicated Deployments',
    category: 'reliability',
    defaultSeverity: 'warning',
    presets: ['recommended'],
    scope: 'object',
    rationale:
      'The update strategy decides how many pods may be down while a new version rolls out. `maxSurge: 0` with `maxUnavailable: 0` leaves the controller no move (the API server rejects it, and a rollout could never start). A `maxUnavailable` that reaches every replica (100%, or a number at least the explicit replica count) lets the controller stop all old pods before any new pod is ready: an outage on each deploy, and a long one if the new version crashes. `Recreate` does the same by design on a Deployment with several replicas. Percentages resolve as Kubernetes resolves them: maxUnavailable rounds down (99% of 3 replicas is 2, so only 100% reaches every replica) and maxUnavailable: 0 with a maxSurge percentage still surges at least one pod, since maxSurge rounds up. Single-replica workloads (replicas unset means 1) are not reported, since they are down during any update. DaemonSets are checked for 0/0 and 100%; StatefulSets for their maxUnavailable.',
    remediation:
      'Let a rollout add pods before removing old ones:\n\n```yaml\nstrategy:\n  type: RollingUpdate\n  rollingUpdate:\n    maxSurge: 25%\n    maxUnavailable: 0\n```\n\nKeep `Recreate` only for workloads whose versions must not overlap (for example a ReadWriteOnce volume or a schema migration), and then run one replica.',
    defaults: {},
  },
  check({ object }) {
    if (isBuiltinKind(object, 'Deployment')) return checkDeployment(object);
    if (isBuiltinKind(object, 'DaemonSet')) return checkDaemonSet(object);
    if (isBuiltinKind(object, 'StatefulSet')) return checkStatefulSet(object);
    return [];
  },
});
