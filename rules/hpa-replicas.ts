import { defineRule, type RunReport } from '../src/engine/rule.js';
import { fixedNameOf, hasReplicasField, runIndexOf } from '../src/k8s/index.js';
import { getPath } from '../src/k8s/workloads.js';
import { describeObject } from '../src/k8s/values.js';

export interface HpaReplicasOptions {
  workloadReplicas: boolean;
}

export default defineRule<HpaReplicasOptions>({
  id: 'hpa-replicas',
  meta: {
    description: 'Autoscaled workloads leave spec.replicas unset',
    category: 'correctness',
    defaultSeverity: 'warning',
    presets: ['recommended'],
    scope: 'run',
    rationale:
      '(An HPA with minReplicas above maxReplicas is rejected by the API server: rule `api-validation` reports it.) ' +
      'A workload that sets spec.replicas while an HPA (or a KEDA ScaledObject) manages it has two owners of one number: every `kubectl apply` or GitOps sync resets the replica count to the manifest value, scaling a busy workload down until the autoscaler catches up minutes later.',
    remediation:
      'Remove spec.replicas from workloads that an autoscaler manages (on first creation the workload starts at 1 and the HPA raises it to minReplicas at once).',
    options: {
      properties: {
        workloadReplicas: {
          type: 'boolean',
          description: 'Also report workloads that set spec.replicas while an autoscaler manages them.',
        },
      },
    },
    defaults: { workloadReplicas: true },
  },
  checkRun({ objects, options }) {
    const index = runIndexOf(objects);
    const reports: RunReport[] = [];
    if (!options.workloadReplicas) return reports;
    for (const entry of index.pods) {
      const object = entry.object;
      if (!hasReplicasField(object)) continue;
      const scaler = index.scalersOf(object).find((s) => s.kind !== 'VerticalPodAutoscaler');
      if (!scaler) continue;
      const replicas = getPath(object.value, ['spec', 'replicas']);
      reports.push({
        object,
        path: ['spec', 'replicas'],
        message: `${describeObject(object)} sets replicas: ${String(replicas)} while ${scaler.kind} ${fixedNameOf(scaler.object) ?? ''} manages its size: remove spec.replicas, or every apply resets the count`,
      });
    }
    return reports;
  },
});
