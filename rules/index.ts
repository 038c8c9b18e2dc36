/** Every rule, in documentation order. Adding a rule: see CONTRIBUTING.md. */
import type { AnyRule } from '../src/engine/rule.js';
import capabilities from './capabilities.js';
import deprecatedApi from './deprecated-api.js';
import hostNamespaces from './host-namespaces.js';
import hostPath from './host-path.js';
import imageTag from './image-tag.js';
import incompleteObject from './incomplete-object.js';
import inlineSecret from './inline-secret.js';
import invalidName from './invalid-name.js';
import livenessProbe from './liveness-probe.js';
import noBarePod from './no-bare-pod.js';
import plaintextSecret from './plaintext-secret.js';
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
