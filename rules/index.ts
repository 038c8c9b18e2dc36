/** Every rule, in documentation order. Adding a rule: see CONTRIBUTING.md. */
import type { AnyRule } from '../src/engine/rule.js';
import admissionPolicy from './admission-policy.js';
import capabilities from './capabilities.js';
import danglingReference from './dangling-reference.js';
import deprecatedApi from './deprecated-api.js';
import duplicateResource from './duplicate-resource.js';
import hostNamespaces from './host-namespaces.js';
import hostPath from './host-path.js';
import hpaMissing from './hpa-missing.js';
import hpaReplicas from './hpa-replicas.js';
import hpaRequests from './hpa-requests.js';
import hpaTarget from './hpa-target.js';
import imageTag from './image-tag.js';
import incompleteObject from './incomplete-object.js';
import inlineSecret from './inline-secret.js';
import invalidName from './invalid-name.js';
import livenessProbe from './liveness-probe.js';
import minReplicas from './min-replicas.js';
import noBarePod from './no-bare-pod.js';
import plaintextSecret from './plaintext-secret.js';
import podDisruptionBudget from './pod-disruption-budget.js';
import privilegeEscalation from './privilege-escalation.js';
import privileged from './privileged.js';
import probePort from './probe-port.js';
import readOnlyRootFs from './read-only-root-fs.js';
import readinessProbe from './readiness-probe.js';
import requestsExceedLimits from './requests-exceed-limits.js';
import resourceLimits from './resource-limits.js';
import resourceRequests from './resource-requests.js';
import rollingUpdate from './rolling-update.js';
import runAsNonRoot from './run-as-non-root.js';
import schema from './schema.js';
import seccompProfile from './seccomp-profile.js';
import selectorMismatch from './selector-mismatch.js';
import serviceSelector from './service-selector.js';
import serviceTargetPort from './service-target-port.js';
import unknownKind from './unknown-kind.js';
import unusedDisable from './unused-disable.js';
import yamlSyntax from './yaml-syntax.js';

export const rules: readonly AnyRule[] = [
  // Correctness of the files and objects themselves.
  yamlSyntax,
  incompleteObject,
  schema,
  invalidName,
  unknownKind,
  deprecatedApi,
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
  // Cross-resource checks (recommended).
  serviceSelector,
  serviceTargetPort,
  hpaMissing,
  hpaTarget,
  hpaRequests,
  hpaReplicas,
  duplicateResource,
  // Policies of the repository: ValidatingAdmissionPolicies (the configuration's own policies follow the built-in rules).
  admissionPolicy,
  // Availability and references (strict).
  minReplicas,
  podDisruptionBudget,
  danglingReference,
  // Pod security (strict).
  privileged,
  privilegeEscalation,
  runAsNonRoot,
  readOnlyRootFs,
  hostNamespaces,
  hostPath,
  capabilities,
  seccompProfile,
  // Housekeeping.
  unusedDisable,
];
