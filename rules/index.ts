/** Every rule, in documentation order. Adding a rule: see CONTRIBUTING.md. */
import type { AnyRule } from '../src/engine/rule.js';
import imageTag from './image-tag.js';
import incompleteObject from './incomplete-object.js';
import noBarePod from './no-bare-pod.js';
import unusedDisable from './unused-disable.js';
import yamlSyntax from './yaml-syntax.js';
import serviceSelector from './service-selector.js';
import serviceTargetPort from './service-target-port.js';
import hpaMissing from './hpa-missing.js';
import hpaTarget from './hpa-target.js';
import hpaRequests from './hpa-requests.js';
import hpaReplicas from './hpa-replicas.js';
import duplicateResource from './duplicate-resource.js';
import minReplicas from './min-replicas.js';
import podDisruptionBudget from './pod-disruption-budget.js';
import danglingReference from './dangling-reference.js';

export const rules: readonly AnyRule[] = [
  yamlSyntax,
  incompleteObject,
  noBarePod,
  imageTag,
  unusedDisable,
  serviceSelector,
  serviceTargetPort,
  hpaMissing,
  hpaTarget,
  hpaRequests,
  hpaReplicas,
  duplicateResource,
  minReplicas,
  podDisruptionBudget,
  danglingReference,
];
