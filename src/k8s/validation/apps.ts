/**
 * The apps API group's validation (k8s.io/kubernetes/pkg/apis/apps/validation/validation.go):
 * Deployments, ReplicaSets, DaemonSets and StatefulSets, after the apps/v1 defaulting
 * (pkg/apis/apps/v1/defaults.go) that decides what an unset strategy means.
 */
import { parseIntOrPercent } from '../intstr.js';
import { type ApiFinding, FieldPath, forbidden, int, invalid, isSet, list, notSupported, rec, required, str } from './field.js';
import { isPlaceholder } from '../placeholders.js';
import {
  isPodSpecFragment,
  type PodContext,
  validateControllerTemplate,
  validateNonnegativeField,
  validatePersistentVolumeClaimSpec,
  validatePodSpec,
} from './core.js';
import { validateLabelSelector } from './meta.js';

/** getIntOrPercentValue: 3 -> 3, "25%" -> 25; undefined when malformed (left to the schema). */
function intOrPercentValue(value: unknown): number | undefined {
  return parseIntOrPercent(value)?.value;
}

/** IsNotMoreThan100Percent */
export function isNotMoreThan100Percent(value: unknown, p: FieldPath): ApiFinding[] {
  const parsed = parseIntOrPercent(value);
  return parsed?.kind === 'percent' && parsed.value > 100 ? [invalid(p, value, 'must not be greater than 100%', 'use at most 100%')] : [];
}

/**
 * The template's pod spec, validated as the API server does for controllers (restartPolicy Always,
 * no activeDeadlineSeconds) and as the pods it creates will be.
 */
export function validateTemplate(spec: Record<string, unknown>, p: FieldPath, owner: string, ctx: PodContext): ApiFinding[] {
  const template = rec(spec.template);
  const podSpec = rec(template?.spec);
  if (!podSpec || isPodSpecFragment(podSpec)) return [];
  const tp = p.child('template', 'spec');
  return [...validateControllerTemplate(podSpec, tp, owner), ...validatePodSpec(podSpec, tp, ctx)];
}

function validateReplicaCounts(spec: Record<string, unknown>, sp: FieldPath): ApiFinding[] {
  const out: ApiFinding[] = [];
  out.push(...validateNonnegativeField(spec.replicas, sp.child('replicas')));
  out.push(...validateNonnegativeField(spec.minReadySeconds, sp.child('minReadySeconds')));
  out.push(...validateNonnegativeField(spec.revisionHistoryLimit, sp.child('revisionHistoryLimit')));
  out.push(...validateLabelSelector(spec.selector, sp.child('selector')));
  return out;
}

/** ValidateRollingUpdateDeployment, on the defaulted values (25% each when unset). */
function validateRollingUpdateDeployment(rolling: Record<string, unknown>, p: FieldPath): ApiFinding[] {
  const out: ApiFinding[] = [];
  const unavailable = isSet(rolling.maxUnavailable) ? rolling.maxUnavailable : '25%';
  const surge = isSet(rolling.maxSurge) ? rolling.maxSurge : '25%';
  if (intOrPercentValue(unavailable) === 0 && intOrPercentValue(surge) === 0) {
    out.push(
      invalid(
        p.child('maxUnavailable').at(isSet(rolling.maxUnavailable) ? p.child('maxUnavailable').yaml : p.yaml),
        unavailable,
        'may not be 0 when `maxSurge` is 0',
        'allow one surge pod (maxSurge: 1) or one unavailable pod',
      ),
    );
  }
  out.push(...isNotMoreThan100Percent(rolling.maxUnavailable, p.child('maxUnavailable')));
  return out;
}

/** ValidateDeploymentStrategy */
function validateDeploymentStrategy(strategy: Record<string, unknown>, p: FieldPath): ApiFinding[] {
  const type = isSet(strategy.type) ? strategy.type : 'RollingUpdate';
  if (isPlaceholder(type)) return [];
  switch (type) {
    case 'Recreate':
      return isSet(strategy.rollingUpdate)
        ? [
            forbidden(
              p.child('rollingUpdate'),
              "may not be specified when strategy `type` is 'Recreate'",
              'remove rollingUpdate, or use type RollingUpdate',
            ),
          ]
        : [];
    case 'RollingUpdate':
      return validateRollingUpdateDeployment(rec(strategy.rollingUpdate) ?? {}, p.child('rollingUpdate'));
    default:
      return [notSupported(p.child('type'), type, ['Recreate', 'RollingUpdate'])];
  }
}

/** ValidateDeploymentSpec */
export function validateDeployment(value: Record<string, unknown>, ctx: PodContext): ApiFinding[] {
  const spec = rec(value.spec);
  if (!spec) return [];
  const sp = FieldPath.root('spec');
  const out = validateReplicaCounts(spec, sp);
  out.push(...validateTemplate(spec, sp, 'ReplicaSet', ctx));
  out.push(...validateDeploymentStrategy(rec(spec.strategy) ?? {}, sp.child('strategy')));
  const deadline = isSet(spec.progressDeadlineSeconds) ? int(spec.progressDeadlineSeconds) : 600;
  const minReady = int(spec.minReadySeconds) ?? 0;
  out.push(...validateNonnegativeField(spec.progressDeadlineSeconds, sp.child('progressDeadlineSeconds')));
  if (deadline !== undefined && deadline <= minReady) {
    const p = sp.child('progressDeadlineSeconds');
    out.push(
      invalid(
        isSet(spec.progressDeadlineSeconds) ? p : p.at(['spec', 'minReadySeconds']),
        deadline,
        'must be greater than minReadySeconds',
        `set progressDeadlineSeconds above ${minReady} (it defaults to 600)`,
      ),
    );
  }
  return out;
}

/** ValidateReplicaSetSpec */
export function validateReplicaSet(value: Record<string, unknown>, ctx: PodContext): ApiFinding[] {
  const spec = rec(value.spec);
  if (!spec) return [];
  const sp = FieldPath.root('spec');
  return [...validateReplicaCounts(spec, sp), ...validateTemplate(spec, sp, 'ReplicaSet', ctx)];
}

/** ValidateRollingUpdateDaemonSet, on the defaulted values (maxUnavailable 1, maxSurge 0 when unset). */
function validateRollingUpdateDaemonSet(rolling: Record<string, unknown>, p: FieldPath): ApiFinding[] {
  const out: ApiFinding[] = [];
  const unavailable = isSet(rolling.maxUnavailable) ? rolling.maxUnavailable : 1;
  const surge = isSet(rolling.maxSurge) ? rolling.maxSurge : 0;
  out.push(...isNotMoreThan100Percent(rolling.maxUnavailable, p.child('maxUnavailable')));
  out.push(...isNotMoreThan100Percent(rolling.maxSurge, p.child('maxSurge')));
  const u = intOrPercentValue(unavailable);
  const s = intOrPercentValue(surge);
  if (u === undefined || s === undefined) return out;
  if (u !== 0 && s !== 0) {
    out.push(
      invalid(
        p.child('maxSurge'),
        surge,
        'may not be set when maxUnavailable is non-zero',
        isSet(rolling.maxUnavailable)
          ? 'set maxUnavailable: 0 to surge, or remove maxSurge'
          : 'maxUnavailable defaults to 1: set maxUnavailable: 0 to surge',
      ),
    );
  } else if (u === 0 && s === 0) {
    out.push(
      required(
        p.child('maxUnavailable').at(isSet(rolling.maxUnavailable) ? p.child('maxUnavailable').yaml : p.yaml),
        'cannot be 0 when maxSurge is 0',
        'allow one unavailable pod per node (maxUnavailable: 1) or one surge pod',
      ),
    );
  }
  return out;
}

/** ValidateDaemonSetSpec and ValidateDaemonSetUpdateStrategy */
export function validateDaemonSet(value: Record<string, unknown>, ctx: PodContext): ApiFinding[] {
  const spec = rec(value.spec);
  if (!spec) return [];
  const sp = FieldPath.root('spec');
  const out: ApiFinding[] = [];
  out.push(...validateNonnegativeField(spec.minReadySeconds, sp.child('minReadySeconds')));
  out.push(...validateNonnegativeField(spec.revisionHistoryLimit, sp.child('revisionHistoryLimit')));
  out.push(...validateLabelSelector(spec.selector, sp.child('selector')));
  out.push(...validateTemplate(spec, sp, 'DaemonSet', ctx));
  const strategy = rec(spec.updateStrategy) ?? {};
  const type = isSet(strategy.type) ? strategy.type : 'RollingUpdate';
  if (type === 'RollingUpdate')
    out.push(...validateRollingUpdateDaemonSet(rec(strategy.rollingUpdate) ?? {}, sp.child('updateStrategy', 'rollingUpdate')));
  else if (type !== 'OnDelete' && !isPlaceholder(type))
    out.push(notSupported(sp.child('updateStrategy', 'type'), type, ['RollingUpdate', 'OnDelete']));
  return out;
}

/** ValidateStatefulSetSpec */
export function validateStatefulSet(value: Record<string, unknown>, ctx: PodContext): ApiFinding[] {
  const spec = rec(value.spec);
  if (!spec) return [];
  const sp = FieldPath.root('spec');
  const out = validateReplicaCounts(spec, sp);
  const claims = list(spec.volumeClaimTemplates);
  const claimNames = claims.map((c) => str(rec(rec(c)?.metadata)?.name)).filter((n): n is string => n !== undefined);
  out.push(...validateTemplate(spec, sp, 'StatefulSet', { ...ctx, extraVolumes: claimNames }));
  const strategy = rec(spec.updateStrategy) ?? {};
  const type = isSet(strategy.type) ? strategy.type : 'RollingUpdate';
  const up = sp.child('updateStrategy');
  if (type === 'OnDelete') {
    if (isSet(strategy.rollingUpdate))
      out.push(
        invalid(
          up.child('rollingUpdate'),
          strategy.rollingUpdate,
          "only allowed for updateStrategy 'RollingUpdate'",
          'remove rollingUpdate, or use type RollingUpdate',
        ),
      );
  } else if (type === 'RollingUpdate') {
    const rolling = rec(strategy.rollingUpdate);
    if (rolling) out.push(...validateNonnegativeField(rolling.partition, up.child('rollingUpdate', 'partition')));
  } else if (!isPlaceholder(type)) {
    out.push(notSupported(up.child('type'), type, ['OnDelete', 'RollingUpdate']));
  }
  const ordinalStart = int(rec(spec.ordinals)?.start);
  if (ordinalStart !== undefined && ordinalStart < 0)
    out.push(invalid(sp.child('ordinals', 'start'), ordinalStart, 'must be greater than or equal to 0', 'start at 0 or more'));
  claims.forEach((c, i) => {
    const claimSpec = rec(rec(c)?.spec);
    if (claimSpec) out.push(...validatePersistentVolumeClaimSpec(claimSpec, sp.child('volumeClaimTemplates').index(i).child('spec')));
  });
  return out;
}
