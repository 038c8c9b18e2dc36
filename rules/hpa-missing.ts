import { defineRule, type RunReport } from '../src/engine/rule.js';
import {
  FIXED_REPLICAS_ANNOTATION,
  hasReadWriteOnceTemplates,
  isMarkedFixedSize,
  isScalableWorkload,
  readWriteOnceClaim,
  replicasOf,
  runIndexOf,
} from '../src/k8s/index.js';
import { describeObject } from '../src/k8s/values.js';

export interface HpaMissingOptions {
  kinds: ('Deployment' | 'StatefulSet')[];
}

export default defineRule<HpaMissingOptions>({
  id: 'hpa-missing',
  meta: {
    description: 'Deployments and StatefulSets are scaled by a HorizontalPodAutoscaler',
    category: 'reliability',
    defaultSeverity: 'warning',
    presets: ['recommended'],
    scope: 'run',
    rationale:
      'A fixed replica count is sized for one load: too small for a peak (latency, then errors) and too large the rest of the time (wasted requests). A HorizontalPodAutoscaler follows the load between a floor and a ceiling. ' +
      'Not reported: workloads that a HorizontalPodAutoscaler, a KEDA ScaledObject or a VerticalPodAutoscaler in Auto/Recreate mode targets; workloads scaled to 0; workloads that mount a ReadWriteOnce PersistentVolumeClaim (or a claim not among the linted objects) and StatefulSets with ReadWriteOnce volumeClaimTemplates, whose size is tied to their volumes; and workloads annotated `' +
      FIXED_REPLICAS_ANNOTATION +
      ': "true"`, the way to say that the size is deliberate (a singleton controller, a licence-bound service).',
    remediation:
      'Add an autoscaling/v2 HorizontalPodAutoscaler whose scaleTargetRef names the workload (kind, name, apiVersion apps/v1), with minReplicas, maxReplicas and a cpu or memory Utilization target, and give the containers resource requests. If the size is deliberate, annotate the workload `' +
      FIXED_REPLICAS_ANNOTATION +
      ': "true"`.',
    options: {
      properties: {
        kinds: {
          type: 'array',
          items: { enum: ['Deployment', 'StatefulSet'] },
          uniqueItems: true,
          description: 'Workload kinds that need an autoscaler.',
        },
      },
    },
    defaults: { kinds: ['Deployment', 'StatefulSet'] },
  },
  checkRun({ objects, options }) {
    const index = runIndexOf(objects);
    const kinds = new Set<string>(options.kinds);
    const reports: RunReport[] = [];
    for (const entry of index.pods) {
      const object = entry.object;
      if (!isScalableWorkload(object) || !kinds.has(object.kind ?? '')) continue;
      if (replicasOf(object) === 0 || isMarkedFixedSize(object)) continue;
      if (index.scalersOf(object).length > 0) continue;
      if (readWriteOnceClaim(index, entry) !== undefined || hasReadWriteOnceTemplates(object)) continue;
      reports.push({
        object,
        path: ['metadata', 'name'],
        anchor: true,
        message: `${describeObject(object)} has no HorizontalPodAutoscaler: add one whose scaleTargetRef names it, or annotate it ${FIXED_REPLICAS_ANNOTATION}: "true" if its size is deliberate`,
      });
    }
    return reports;
  },
});
