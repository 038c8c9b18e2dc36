/** Every rule, in documentation order. Adding a rule: see CONTRIBUTING.md. */
import type { AnyRule } from '../src/engine/rule.js';
import imageTag from './image-tag.js';
import incompleteObject from './incomplete-object.js';
import noBarePod from './no-bare-pod.js';
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
  yamlSyntax,
  incompleteObject,
  noBarePod,
  imageTag,
  unusedDisable,
  privileged,
  privilegeEscalation,
  runAsNonRoot,
  readOnlyRootFs,
  hostNamespaces,
  hostPath,
  capabilities,
  seccompProfile,
];
