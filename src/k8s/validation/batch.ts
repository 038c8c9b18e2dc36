/**
 * The batch API group's validation (k8s.io/kubernetes/pkg/apis/batch/validation/validation.go):
 * Jobs and CronJobs. A Job's pod template gets restartPolicy Always from the pod defaulting when it
 * sets none, which the Job validation then refuses: the commonest rejected Job.
 */
import { parseStandardCron, isKnownTimeZone } from './cron.js';
import { type ApiFinding, FieldPath, forbidden, invalid, isSet, list, notSupported, rec, required, str } from './field.js';
import { isPlaceholder } from '../placeholders.js';
import { isPodSpecFragment, type PodContext, restartPolicyOf, validateNonnegativeField, validatePodSpec } from './core.js';
import { validateLabelSelector } from './meta.js';

const UID_LABELS = ['controller-uid', 'batch.kubernetes.io/controller-uid'];
const NAME_LABELS = ['job-name', 'batch.kubernetes.io/job-name'];

/**
 * The API server merges controller-uid into a selector it generates, then requires the selector
 * to match the labels it gives the Job's pods (controller-uid and job-name): a selector on any
 * other label is refused.
 */
function matchesGeneratedLabels(selector: unknown, name: string | undefined): boolean {
  const s = rec(selector);
  if (!s || list(s.matchExpressions).length > 0) return false;
  return Object.entries(rec(s.matchLabels) ?? {}).every(
    ([k, v]) => UID_LABELS.includes(k) || (NAME_LABELS.includes(k) && (v === name || isPlaceholder(v))) || isPlaceholder(k),
  );
}

/** validateJobSpec */
export function validateJobSpec(
  spec: Record<string, unknown>,
  sp: FieldPath,
  ctx: PodContext,
  isCronJob: boolean,
  name?: string,
): ApiFinding[] {
  const out: ApiFinding[] = [];
  for (const f of [
    'parallelism',
    'completions',
    'activeDeadlineSeconds',
    'backoffLimit',
    'ttlSecondsAfterFinished',
    'backoffLimitPerIndex',
    'maxFailedIndexes',
  ]) {
    out.push(...validateNonnegativeField(spec[f], sp.child(f)));
  }
  const mode = str(spec.completionMode) ?? 'NonIndexed';
  if (mode === 'Indexed' && !isSet(spec.completions)) {
    out.push(
      required(
        sp.child('completions').at(sp.child('completionMode').yaml),
        'when completion mode is Indexed',
        'set completions (the number of indexes)',
      ),
    );
  }
  if (isSet(spec.backoffLimitPerIndex) && mode !== 'Indexed') {
    out.push(forbidden(sp.child('backoffLimitPerIndex'), 'requires indexed completion mode', 'set completionMode: Indexed or remove it'));
  }
  if (isSet(spec.maxFailedIndexes) && !isSet(spec.backoffLimitPerIndex)) {
    out.push(
      required(
        sp.child('backoffLimitPerIndex').at(sp.child('maxFailedIndexes').yaml),
        'when maxFailedIndexes is specified',
        'set backoffLimitPerIndex',
      ),
    );
  }
  if (!isCronJob && isSet(spec.selector) && spec.manualSelector !== true && !matchesGeneratedLabels(spec.selector, name)) {
    out.push(
      invalid(
        sp.child('selector'),
        spec.selector,
        '`selector` not auto-generated',
        'remove the selector (the API server generates one), or set manualSelector: true',
      ),
    );
  }
  out.push(...validateLabelSelector(spec.selector, sp.child('selector')));
  const podSpec = rec(rec(spec.template)?.spec);
  if (!podSpec || isPodSpecFragment(podSpec)) return out;
  const tp = sp.child('template', 'spec');
  const policy = restartPolicyOf(podSpec);
  if (policy !== 'OnFailure' && policy !== 'Never' && !isPlaceholder(policy)) {
    const fix = isSet(podSpec.restartPolicy)
      ? 'use OnFailure or Never'
      : 'set restartPolicy: OnFailure or Never (it defaults to Always, which a Job refuses)';
    out.push(
      notSupported(
        tp.child('restartPolicy').at(isSet(podSpec.restartPolicy) ? tp.child('restartPolicy').yaml : tp.yaml),
        policy,
        ['OnFailure', 'Never'],
        fix,
      ),
    );
  } else if (policy === 'OnFailure' && isSet(spec.podFailurePolicy)) {
    out.push(
      invalid(
        tp.child('restartPolicy'),
        policy,
        'only "Never" is supported when podFailurePolicy is specified',
        'use restartPolicy: Never',
      ),
    );
  }
  out.push(...validatePodSpec(podSpec, tp, ctx));
  return out;
}

/** ValidateJob */
export function validateJob(value: Record<string, unknown>, ctx: PodContext): ApiFinding[] {
  const spec = rec(value.spec);
  return spec ? validateJobSpec(spec, FieldPath.root('spec'), ctx, false, str(rec(value.metadata)?.name)) : [];
}

/** validateScheduleFormat */
function validateScheduleFormat(schedule: string, p: FieldPath): ApiFinding[] {
  const out: ApiFinding[] = [];
  const error = parseStandardCron(schedule);
  if (error !== undefined)
    out.push(invalid(p, schedule, error, 'use five fields (minute hour day-of-month month day-of-week) or a macro such as @hourly'));
  if (schedule.includes('TZ')) {
    out.push(invalid(p, schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead', 'move the zone to spec.timeZone'));
  }
  return out;
}

/** validateTimeZone */
function validateTimeZone(zone: string, p: FieldPath): ApiFinding[] {
  if (zone === '') return [invalid(p, zone, 'timeZone must be nil or non-empty string', 'remove timeZone or name a zone')];
  if (zone.toLowerCase() === 'local')
    return [
      invalid(
        p,
        zone,
        'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones',
        'name a zone such as Etc/UTC or Europe/Paris',
      ),
    ];
  return isKnownTimeZone(zone)
    ? []
    : [invalid(p, zone, `unknown time zone ${zone}`, 'use a name from the IANA time zone database, such as America/New_York')];
}

/** ValidateCronJobSpec */
export function validateCronJob(value: Record<string, unknown>, ctx: PodContext): ApiFinding[] {
  const spec = rec(value.spec);
  if (!spec) return [];
  const sp = FieldPath.root('spec');
  const out: ApiFinding[] = [];
  const schedule = str(spec.schedule);
  if (schedule === '') out.push(required(sp.child('schedule'), '', 'set a cron schedule'));
  else if (schedule !== undefined && !isPlaceholder(schedule)) out.push(...validateScheduleFormat(schedule, sp.child('schedule')));
  const zone = str(spec.timeZone);
  if (zone !== undefined && !isPlaceholder(zone)) out.push(...validateTimeZone(zone, sp.child('timeZone')));
  for (const f of ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit'])
    out.push(...validateNonnegativeField(spec[f], sp.child(f)));
  const jobSpec = rec(rec(spec.jobTemplate)?.spec);
  if (jobSpec) out.push(...validateJobSpec(jobSpec, sp.child('jobTemplate', 'spec'), ctx, true));
  return out;
}
