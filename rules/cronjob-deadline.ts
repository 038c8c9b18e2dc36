import { defineRule } from '../src/engine/rule.js';
import { isBuiltinKind } from '../src/k8s/workloads.js';
import { describeObject, isRecord } from '../src/load/objects.js';

export default defineRule({
  id: 'cronjob-deadline',
  meta: {
    description: 'CronJobs set startingDeadlineSeconds',
    category: 'reliability',
    defaultSeverity: 'warning',
    presets: ['strict'],
    scope: 'object',
    rationale:
      'Without startingDeadlineSeconds, a CronJob whose controller was down, or whose schedule was missed for another reason, counts every missed run since the last one; past 100 missed schedules it stops scheduling the job at all ("Cannot determine if job needs to be started") until someone intervenes. With a deadline, only runs missed within it are counted, and a run that could not start in time is skipped instead of starting hours late. kube-score reports it by default (cronjob-has-deadline). Severity warning, in `strict`: most CronJobs never meet the case.',
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
        message: `${describeObject(object)} has no startingDeadlineSeconds, so after 100 missed runs it stops being scheduled: set spec.startingDeadlineSeconds`,
      },
    ];
  },
});
