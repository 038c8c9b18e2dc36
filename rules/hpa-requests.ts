import { defineRule, type RunReport } from '../src/engine/rule.js';
import { containersOfEntry, runIndexOf, type PodEntry, type RunIndex } from '../src/k8s/index.js';
import { getPath, type ContainerRef } from '../src/k8s/workloads.js';
import { describeObject, isRecord } from '../src/k8s/values.js';
import type { LintObject } from '../src/engine/rule.js';
import type { YamlPath } from '../src/types.js';

/** A metric that scales on a resource's utilization (usage as a percentage of the request). */
interface UtilizationMetric {
  resource: string;
  /** Only this container (ContainerResource metrics); undefined: every container. */
  container: string | undefined;
  path: YamlPath;
  /** `the default cpu metric` when the HPA sets none. */
  implicit: boolean;
}

/** The default an HPA falls back to when it names no metric: 80% average CPU utilization. */
const DEFAULT_METRIC: UtilizationMetric = { resource: 'cpu', container: undefined, path: ['spec'], implicit: true };

function utilizationMetrics(hpa: LintObject): UtilizationMetric[] {
  const spec = hpa.value.spec;
  if (!isRecord(spec)) return [];
  if (hpa.apiVersion === 'autoscaling/v1') {
    if (spec.targetCPUUtilizationPercentage === undefined) return [DEFAULT_METRIC];
    return [{ resource: 'cpu', container: undefined, path: ['spec', 'targetCPUUtilizationPercentage'], implicit: false }];
  }
  if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) return [DEFAULT_METRIC];
  const out: UtilizationMetric[] = [];
  spec.metrics.forEach((metric: unknown, i) => {
    if (!isRecord(metric)) return;
    const field = metric.type === 'Resource' ? 'resource' : metric.type === 'ContainerResource' ? 'containerResource' : undefined;
    if (field === undefined) return;
    const source = metric[field];
    if (!isRecord(source) || typeof source.name !== 'string') return;
    const base = ['spec', 'metrics', i, field];
    let path: YamlPath | undefined;
    // autoscaling/v2 (and v2beta2): target.type Utilization; v2beta1: targetAverageUtilization.
    if (getPath(source, ['target', 'type']) === 'Utilization') path = [...base, 'target', 'averageUtilization'];
    else if (source.targetAverageUtilization !== undefined) path = [...base, 'targetAverageUtilization'];
    if (path === undefined) return;
    const container = field === 'containerResource' && typeof source.container === 'string' ? source.container : undefined;
    if (field === 'containerResource' && container === undefined) return;
    out.push({ resource: source.name, container, path, implicit: false });
  });
  return out;
}

function hasRequest(index: RunIndex, entry: PodEntry, ref: ContainerRef, resource: string): boolean {
  for (const field of ['requests', 'limits']) {
    // A limit without a request makes the request equal to the limit.
    const values = getPath(ref.container, ['resources', field]);
    if (isRecord(values) && values[resource] !== undefined && values[resource] !== null) return true;
  }
  const podLevel = getPath(entry.pod.spec, ['resources', 'requests', resource]);
  return podLevel !== undefined || index.hasLimitRangeDefault(entry.namespace, resource);
}

export default defineRule({
  id: 'hpa-requests',
  meta: {
    description: 'An HPA scaling on cpu or memory utilization targets containers that request that resource',
    category: 'correctness',
    defaultSeverity: 'error',
    presets: ['recommended'],
    scope: 'run',
    rationale:
      'Utilization is usage divided by the request. When a container of the target has no request for the resource, the HPA cannot compute it (FailedGetResourceMetric: missing request for cpu) and does not scale at all, which is found out under load. ' +
      'The rule reads autoscaling/v2 Resource and ContainerResource metrics with a Utilization target, autoscaling/v2beta1 targetAverageUtilization, and autoscaling/v1 targetCPUUtilizationPercentage; an HPA with no metric scales on 80% CPU utilization by default and is checked as such. A Resource metric needs the request in every container (init containers excluded); a ContainerResource metric only in the container it names, which must exist. A limit without a request counts (the request defaults to the limit), as do pod-level requests and a LimitRange of the namespace with a container default. HPAs whose target is not among the linted objects are left to hpa-target.',
    remediation:
      'Set resources.requests for the resource on every container of the target (or on the named container for ContainerResource metrics), or scale on an AverageValue target, which needs no request.',
    defaults: {},
  },
  checkRun({ objects }) {
    const index = runIndexOf(objects);
    const reports: RunReport[] = [];
    for (const hpa of index.hpas) {
      const target = index.targetsOf(hpa)[0];
      const entry = target === undefined ? undefined : index.podOf(target);
      if (!target || !entry) continue;
      const containers = containersOfEntry(entry, { init: false });
      for (const metric of utilizationMetrics(hpa.object)) {
        const scope = metric.container === undefined ? containers : containers.filter((c) => c.name === metric.container);
        const what = `${describeObject(hpa.object)} scales on ${metric.resource} utilization${metric.implicit ? ' (the default when no metric is set)' : ''}`;
        if (metric.container !== undefined && scope.length === 0) {
          reports.push({
            object: hpa.object,
            path: metric.path,
            message: `${what} of container "${metric.container}" but ${describeObject(target)} has no such container: name one of ${containers.map((c) => `"${c.name}"`).join(', ')}`,
          });
          continue;
        }
        const missing = scope.filter((c) => !hasRequest(index, entry, c, metric.resource)).map((c) => `"${c.name}"`);
        if (missing.length === 0) continue;
        const who = missing.length === 1 ? `container ${missing[0] ?? ''} has` : `containers ${missing.join(', ')} have`;
        reports.push({
          object: hpa.object,
          path: metric.path,
          message: `${what} but ${who} no ${metric.resource} request in ${describeObject(target)}: set resources.requests.${metric.resource}, or use an AverageValue target`,
        });
      }
    }
    return reports;
  },
});
