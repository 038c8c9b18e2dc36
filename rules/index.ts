/** Every rule, in documentation order. Adding a rule: see CONTRIBUTING.md. */
import type { AnyRule } from '../src/engine/rule.js';
import apiValidation from './api-validation.js';
import apiWarnings from './api-warnings.js';
import addedCapabilities from './added-capabilities.js';
import apparmorProfile from './apparmor-profile.js';
import automountServiceAccountToken from './automount-service-account-token.js';
import admissionPolicy from './admission-policy.js';
import capabilities from './capabilities.js';
import cronjobDeadline from './cronjob-deadline.js';
import danglingReference from './dangling-reference.js';
import deprecatedApi from './deprecated-api.js';
import deprecatedServiceAccountField from './deprecated-service-account-field.js';
import duplicateResource from './duplicate-resource.js';
import ephemeralStorage from './ephemeral-storage.js';
import hostNamespaces from './host-namespaces.js';
import hostPath from './host-path.js';
import hpaMissing from './hpa-missing.js';
import hpaReplicas from './hpa-replicas.js';
import hpaRequests from './hpa-requests.js';
import hpaTarget from './hpa-target.js';
import identicalProbes from './identical-probes.js';
import imageTag from './image-tag.js';
import incompleteObject from './incomplete-object.js';
import inlineSecret from './inline-secret.js';
import invalidName from './invalid-name.js';
import kustomizeReference from './kustomize-reference.js';
import celRule from './cel-rule.js';
import livenessProbe from './liveness-probe.js';
import minReplicas from './min-replicas.js';
import missingServiceAccount from './missing-service-account.js';
import networkPolicy from './network-policy.js';
import noBarePod from './no-bare-pod.js';
import pdbBlocksEviction from './pdb-blocks-eviction.js';
import plaintextSecret from './plaintext-secret.js';
import podDisruptionBudget from './pod-disruption-budget.js';
import privilegeEscalation from './privilege-escalation.js';
import privileged from './privileged.js';
import probePort from './probe-port.js';
import procMount from './proc-mount.js';
import readOnlyRootFs from './read-only-root-fs.js';
import readinessProbe from './readiness-probe.js';
import replicaSpread from './replica-spread.js';
import requestsExceedLimits from './requests-exceed-limits.js';
import resourceLimits from './resource-limits.js';
import resourceRequests from './resource-requests.js';
import rollingUpdate from './rolling-update.js';
import runAsNonRoot from './run-as-non-root.js';
import schema from './schema.js';
import seccompProfile from './seccomp-profile.js';
import seccompUnconfined from './seccomp-unconfined.js';
import selectorMismatch from './selector-mismatch.js';
import selinuxOptions from './selinux-options.js';
import serviceSelector from './service-selector.js';
import serviceTargetPort from './service-target-port.js';
import sshPort from './ssh-port.js';
import statefulsetServiceName from './statefulset-service-name.js';
import unknownKind from './unknown-kind.js';
import unsafeSysctls from './unsafe-sysctls.js';
import unusedDisable from './unused-disable.js';
import volumeTypes from './volume-types.js';
import yamlSyntax from './yaml-syntax.js';

export const rules: readonly AnyRule[] = [
  // Correctness of the files and objects themselves.
  yamlSyntax,
  incompleteObject,
  schema,
  celRule,
  invalidName,
  apiValidation,
  apiWarnings,
  unknownKind,
  deprecatedApi,
  kustomizeReference,
  // Production practices (recommended).
  noBarePod,
  imageTag,
  resourceRequests,
  resourceLimits,
  requestsExceedLimits,
  livenessProbe,
  readinessProbe,
  probePort,
  inlineSecret,
  plaintextSecret,
  selectorMismatch,
  rollingUpdate,
  deprecatedServiceAccountField,
  // Cross-resource checks (recommended).
  serviceSelector,
  serviceTargetPort,
  hpaMissing,
  hpaTarget,
  hpaRequests,
  hpaReplicas,
  duplicateResource,
  pdbBlocksEviction,
  statefulsetServiceName,
  missingServiceAccount,
  // Pod Security Standards, Baseline (recommended).
  privileged,
  hostNamespaces,
  hostPath,
  addedCapabilities,
  procMount,
  unsafeSysctls,
  apparmorProfile,
  selinuxOptions,
  seccompUnconfined,
  // Policies of the repository: ValidatingAdmissionPolicies (the configuration's own policies follow the built-in rules).
  admissionPolicy,
  // Availability and references (strict).
  minReplicas,
  podDisruptionBudget,
  danglingReference,
  replicaSpread,
  identicalProbes,
  cronjobDeadline,
  // Pod Security Standards, Restricted, and hardening (strict).
  volumeTypes,
  privilegeEscalation,
  runAsNonRoot,
  seccompProfile,
  capabilities,
  readOnlyRootFs,
  automountServiceAccountToken,
  networkPolicy,
  sshPort,
  // Off unless configured (all).
  ephemeralStorage,
  // Housekeeping.
  unusedDisable,
];
