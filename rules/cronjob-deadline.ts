import { defineRule } from '../src/engine/rule.js';
import { isBuiltinKind } from '../src/k8s/workloads.js';
import { describeObject, isRecord } from '../src/k8s/values.js';

export default defineRule({
  id: 'cronjob-deadline',
  meta: {
    description: 'CronJobs set startingDeadlineSeconds',
    category: 'reliability',
    defaultSeverity: 'warning',
    presets: ['strict'],
    scope: 'object',
    rationale:
      'Without startingDeadlineSeconds, a run that was missed (the controller was down or busy, the CronJob was suspended, a node pool was scaling) starts whenever the controller gets to it, however late: a nightly backup may start in the middle of the working day, and a report for the wrong period goes out. With a deadline, a run that could not start in time is skipped and counted as missed. Before Kubernetes 1.21 the controller also stopped scheduling a CronJob after 100 missed runs without a deadline. kube-score reports it by default (cronjob-has-deadline). Severity warning, in `strict`: most CronJobs never meet the case, and for some starting late is right.',
    remediation:
      'Set `spec.startingDeadlineSeconds` to how late a run may still start, shorter than the interval between runs (for an hourly job, 600 for ten minutes).',
    defaults: {},
  },
  check({ object }) {
    if (!isBuiltinKind(object, 'CronJob')) return [];
    const spec = object.value.spec;
    if (!isRecord(spec) || spec.startingDeadlineSeconds != null) return [];
    return [
      {
        path: ['spec'],
        target: 'key',
        message: `${describeObject(object)} has no startingDeadlineSeconds, so a missed run starts however late the controller gets to it: set spec.startingDeadlineSeconds`,
      },
    ];
  },
});
