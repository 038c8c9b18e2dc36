import { defineRule, type RuleReport } from '../src/engine/rule.js';
import { isRecord } from '../src/k8s/values.js';
import type { LintObject } from '../src/engine/rule.js';
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
  };
}

/** spec.replicas, or undefined when unset (an autoscaler may own it; the API default is 1). */
function replicasOf(object: LintObject): number | undefined {
  const spec = isRecord(object.value.spec) ? object.value.spec : {};
  return typeof spec.replicas === 'number' && Number.isInteger(spec.replicas) ? spec.replicas : undefined;
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
  // maxSurge and maxUnavailable both 0 is refused by the API server: rule api-validation reports it.
  const report = allUnavailable(object, s, replicas);
  return report ? [report] : [];
}

function checkDaemonSet(object: LintObject): RuleReport[] {
  const s = strategyOf(object, 'updateStrategy');
  if (s.type !== undefined && s.type !== 'RollingUpdate') return [];
  // The node count is unknown, so only 100% is judged (0/0 is an api-validation error).
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
    description: 'Rolling updates keep pods serving: no all-at-once maxUnavailable, no Recreate rollouts of replicated Deployments',
    category: 'reliability',
    defaultSeverity: 'warning',
    presets: ['recommended'],
    scope: 'object',
    rationale:
      'The update strategy decides how many pods may be down while a new version rolls out. (`maxSurge: 0` with `maxUnavailable: 0`, which the API server rejects, is reported by rule `api-validation`.) A `maxUnavailable` that reaches every replica (100%, or a number at least the explicit replica count) lets the controller stop all old pods before any new pod is ready: an outage on each deploy, and a long one if the new version crashes. `Recreate` does the same by design on a Deployment with several replicas. Percentages resolve as Kubernetes resolves them: maxUnavailable rounds down (99% of 3 replicas is 2, so only 100% reaches every replica) and maxUnavailable: 0 with a maxSurge percentage still surges at least one pod, since maxSurge rounds up. Single-replica workloads (replicas unset means 1) are not reported, since they are down during any update. DaemonSets are checked for 100%; StatefulSets for their maxUnavailable.',
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
