/**
 * The API server's hand-written validation for built-in kinds, offline: one module per API group
 * (core, apps, batch, autoscaling, networking, rbac, policy, storage, admissionregistration), each
 * function named after the Go function it mirrors. `validateObject` dispatches an object to its
 * kind's validation and returns the errors the API server would answer a create with, plus the
 * warnings it would send back. See docs/api-server-validation.md for what is covered.
 */
import type { LintObject } from '../../load/objects.js';
import { validateDaemonSet, validateDeployment, validateReplicaSet, validateStatefulSet, validateTemplate } from './apps.js';
import { validateWebhookConfiguration } from './admissionregistration.js';
import { validateHorizontalPodAutoscaler } from './autoscaling.js';
import { validateCronJob, validateJob } from './batch.js';
import {
  isPodSpecFragment,
  type PodContext,
  validateConfigMap,
  validateLimitRange,
  validateNonnegativeField,
  validatePersistentVolume,
  validatePersistentVolumeClaimSpec,
  validatePodSpec,
  validateSecret,
  validateService,
} from './core.js';
import { type ApiFinding, FieldPath, rec } from './field.js';
import { validateIngress, validateIngressClass, validateNetworkPolicy } from './networking.js';
import { validatePodDisruptionBudget } from './policy.js';
import { validateRole, validateRoleBinding } from './rbac.js';
import { validateStorageClass } from './storage.js';
import { ingressWarnings, podWarnings, serviceWarnings } from './warnings.js';

export type { ApiFinding } from './field.js';

type Validator = (value: Record<string, unknown>, ctx: PodContext, apiVersion: string) => ApiFinding[];

/** ValidatePod: the pod spec, with the checks that apply to Pods only. */
function validatePod(value: Record<string, unknown>, ctx: PodContext): ApiFinding[] {
  const spec = rec(value.spec);
  if (!spec || isPodSpecFragment(spec)) return [];
  return validatePodSpec(spec, FieldPath.root('spec'), { ...ctx, isPod: true });
}

/** ValidateReplicationController */
function validateReplicationController(value: Record<string, unknown>, ctx: PodContext): ApiFinding[] {
  const spec = rec(value.spec);
  if (!spec) return [];
  const sp = FieldPath.root('spec');
  return [
    ...validateNonnegativeField(spec.replicas, sp.child('replicas')),
    ...validateNonnegativeField(spec.minReadySeconds, sp.child('minReadySeconds')),
    ...validateTemplate(spec, sp, 'ReplicationController', ctx),
  ];
}

/** ValidatePodTemplate */
function validatePodTemplate(value: Record<string, unknown>, ctx: PodContext): ApiFinding[] {
  const spec = rec(rec(value.template)?.spec);
  if (!spec || isPodSpecFragment(spec)) return [];
  return validatePodSpec(spec, FieldPath.root('template', 'spec'), ctx);
}

/** ValidatePersistentVolumeClaim */
function validatePersistentVolumeClaim(value: Record<string, unknown>): ApiFinding[] {
  const spec = rec(value.spec);
  return spec ? validatePersistentVolumeClaimSpec(spec, FieldPath.root('spec')) : [];
}

/** Each built-in kind by `<apiVersion>/<kind>`: only the served versions whose shape these checks read. */
const VALIDATORS: Readonly<Record<string, Validator>> = {
  'v1/Pod': validatePod,
  'v1/PodTemplate': validatePodTemplate,
  'v1/ReplicationController': validateReplicationController,
  'v1/Service': (v) => validateService(v),
  'v1/Secret': (v) => validateSecret(v),
  'v1/ConfigMap': (v) => validateConfigMap(v),
  'v1/PersistentVolumeClaim': (v) => validatePersistentVolumeClaim(v),
  'v1/PersistentVolume': (v) => validatePersistentVolume(v),
  'v1/LimitRange': (v) => validateLimitRange(v),
  'apps/v1/Deployment': validateDeployment,
  'apps/v1/ReplicaSet': validateReplicaSet,
  'apps/v1/DaemonSet': validateDaemonSet,
  'apps/v1/StatefulSet': validateStatefulSet,
  'batch/v1/Job': validateJob,
  'batch/v1/CronJob': validateCronJob,
  'autoscaling/v1/HorizontalPodAutoscaler': (v, _c, a) => validateHorizontalPodAutoscaler(v, a),
  'autoscaling/v2/HorizontalPodAutoscaler': (v, _c, a) => validateHorizontalPodAutoscaler(v, a),
  'networking.k8s.io/v1/Ingress': (v) => validateIngress(v),
  'networking.k8s.io/v1/IngressClass': (v) => validateIngressClass(v),
  'networking.k8s.io/v1/NetworkPolicy': (v) => validateNetworkPolicy(v),
  'rbac.authorization.k8s.io/v1/Role': (v) => validateRole(v, true),
  'rbac.authorization.k8s.io/v1/ClusterRole': (v) => validateRole(v, false),
  'rbac.authorization.k8s.io/v1/RoleBinding': (v) => validateRoleBinding(v, true),
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': (v) => validateRoleBinding(v, false),
  'policy/v1/PodDisruptionBudget': (v) => validatePodDisruptionBudget(v),
  'storage.k8s.io/v1/StorageClass': (v) => validateStorageClass(v),
  'admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration': (v) => validateWebhookConfiguration(v, false),
  'admissionregistration.k8s.io/v1/MutatingWebhookConfiguration': (v) => validateWebhookConfiguration(v, true),
};

/** Where each workload keeps its pod template, for the create-time warnings. */
const TEMPLATE_BASES: Readonly<Record<string, readonly string[]>> = {
  'v1/ReplicationController': ['spec', 'template'],
  'v1/PodTemplate': ['template'],
  'apps/v1/Deployment': ['spec', 'template'],
  'apps/v1/ReplicaSet': ['spec', 'template'],
  'apps/v1/DaemonSet': ['spec', 'template'],
  'apps/v1/StatefulSet': ['spec', 'template'],
  'batch/v1/Job': ['spec', 'template'],
  'batch/v1/CronJob': ['spec', 'jobTemplate', 'spec', 'template'],
};

function warningsOf(key: string, value: Record<string, unknown>, version: string): ApiFinding[] {
  if (key === 'v1/Service') return serviceWarnings(value, version);
  if (key === 'networking.k8s.io/v1/Ingress') return ingressWarnings(value);
  if (key === 'v1/Pod') {
    const spec = rec(value.spec);
    return spec ? podWarnings(spec, rec(value.metadata), FieldPath.root()) : [];
  }
  const base = Object.hasOwn(TEMPLATE_BASES, key) ? TEMPLATE_BASES[key] : undefined;
  if (!base) return [];
  const template = FieldPath.of(base);
  let node: unknown = value;
  for (const segment of base) node = rec(node)?.[segment];
  const spec = rec(rec(node)?.spec);
  return spec ? podWarnings(spec, rec(rec(node)?.metadata), template) : [];
}

const cache = new WeakMap<object, { version: string; findings: ApiFinding[] }>();

/** The API server's errors and create-time warnings for one object (memoised per object and version). */
export function validateObject(object: Pick<LintObject, 'apiVersion' | 'kind' | 'value'>, version: string): ApiFinding[] {
  const cached = cache.get(object.value);
  if (cached?.version === version) return cached.findings;
  const key = `${object.apiVersion ?? ''}/${object.kind ?? ''}`;
  const validator = Object.hasOwn(VALIDATORS, key) ? VALIDATORS[key] : undefined;
  const findings: ApiFinding[] = [];
  if (validator && object.apiVersion !== undefined) {
    findings.push(...validator(object.value, { version, isPod: false }, object.apiVersion));
    findings.push(...warningsOf(key, object.value, version));
  }
  cache.set(object.value, { version, findings });
  return findings;
}
