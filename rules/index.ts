/** Every rule, in documentation order. Adding a rule: see CONTRIBUTING.md. */
import type { AnyRule } from '../src/engine/rule.js';
import deprecatedApi from './deprecated-api.js';
import imageTag from './image-tag.js';
import incompleteObject from './incomplete-object.js';
import invalidName from './invalid-name.js';
import noBarePod from './no-bare-pod.js';
import schema from './schema.js';
import unknownKind from './unknown-kind.js';
import unusedDisable from './unused-disable.js';
import yamlSyntax from './yaml-syntax.js';

export const rules: readonly AnyRule[] = [
  yamlSyntax,
  incompleteObject,
  schema,
  invalidName,
  unknownKind,
  deprecatedApi,
  noBarePod,
  imageTag,
  unusedDisable,
];
