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

export const rules: readonly AnyRule[] = [
  yamlSyntax,
  incompleteObject,
  noBarePod,
  imageTag,
  unusedDisable,
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
];
