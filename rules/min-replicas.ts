import { defineRule, type RunReport } from '../src/engine/rule.js';
import {
  FIXED_REPLICAS_ANNOTATION,
  hasReplicasField,
  isMarkedFixedSize,
  isScalableWorkload,
  readWriteOnceClaim,
  replicasOf,
  runIndexOf,
} from '../src/k8s/index.js';
import { describeObject } from '../src/k8s/values.js';

export interface MinReplicasOptions {
  minReplicas: number;
}

export default defineRule<MinReplicasOptions>({
  id: 'min-replicas',
  meta: {
    description: 'Deployments and StatefulSets run at least two replicas',
    category: 'reliability',
    defaultSeverity: 'warning',
    presets: ['strict'],
    scope: 'run',
    rationale:
      'A single replica is a single point of failure: a node drain, a crash loop, an eviction or a rolling update of the node pool takes the service down until a new pod is scheduled and ready. Two replicas (spread over nodes) keep it serving. ' +
      "spec.replicas unset means 1. Not reported: workloads that a HorizontalPodAutoscaler or KEDA ScaledObject manages (their floor is the autoscaler's minReplicas), workloads scaled to 0, workloads that mount a ReadWriteOnce claim (a second pod could not attach it), and workloads annotated `" +
      FIXED_REPLICAS_ANNOTATION +
      ': "true"` (a deliberate singleton).',
    remediation:
      'Set spec.replicas to 2 or more (or add an HPA with minReplicas >= 2) and spread the pods with topologySpreadConstraints or pod anti-affinity. Annotate a deliberate singleton `' +
      FIXED_REPLICAS_ANNOTATION +
      ': "true"`.',
    options: {
      properties: {
        minReplicas: { type: 'integer', minimum: 1, description: 'The fewest replicas a workload may run.' },
      },
    },
    defaults: { minReplicas: 2 },
  },
  checkRun({ objects, options }) {
    const index = runIndexOf(objects);
    const reports: RunReport[] = [];
    for (const entry of index.pods) {
      const object = entry.object;
      if (!isScalableWorkload(object)) continue;
      const replicas = replicasOf(object);
      if (replicas === undefined || replicas === 0 || replicas >= options.minReplicas) continue;
      if (isMarkedFixedSize(object)) continue;
      if (index.scalersOf(object).some((s) => s.kind !== 'VerticalPodAutoscaler')) continue;
      if (readWriteOnceClaim(index, entry) !== undefined) continue;
      const count = hasReplicasField(object) ? `${replicas} replica${replicas === 1 ? '' : 's'}` : '1 replica (spec.replicas is unset)';
      reports.push({
        object,
        path: ['spec', 'replicas'],
        message: `${describeObject(object)} runs ${count}: set replicas to at least ${options.minReplicas} or add an HPA, or annotate it ${FIXED_REPLICAS_ANNOTATION}: "true" if its size is deliberate`,
      });
    }
    return reports;
  },
});
