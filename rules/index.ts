/** Every rule, in documentation order. Adding a rule: see CONTRIBUTING.md. */
import type { AnyRule } from '../src/engine/rule.js';
import imageTag from './image-tag.js';
import incompleteObject from './incomplete-object.js';
import inlineSecret from './inline-secret.js';
import livenessProbe from './liveness-probe.js';
import noBarePod from './no-bare-pod.js';
import plaintextSecret from './plaintext-secret.js';
import probePort from './probe-port.js';
import readinessProbe from './readiness-probe.js';
import requestsExceedLimits from './requests-exceed-limits.js';
import resourceLimits from './resource-limits.js';
import resourceRequests from './resource-requests.js';
import rollingUpdate from './rolling-update.js';
import selectorMismatch from './selector-mismatch.js';
import unusedDisable from './unused-disable.js';
import yamlSyntax from './yaml-syntax.js';
import privileged from './privileged.js';
import privilegeEscalation from './privilege-escalation.js';
import runAsNonRoot from './run-as-non-root.js';
import readOnlyRootFs from './read-only-root-fs.js';
import hostNamespaces from './host-namespaces.js';
import hostPath from './host-path.js';
import capabilities from './capabilities.js';
import seccompProfile from './seccomp-profile.js';

export const rules: readonly AnyRule[] = [
  // Correctness of the files themselves.
  yamlSyntax,
  incompleteObject,
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
