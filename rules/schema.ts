import { defineRule, type RuleReport } from '../src/engine/rule.js';
import { registryFor } from '../src/schema/registry.js';

/**
 * Findings of schema validation (src/schema): the object as the API server would decode and
 * validate it. Names, labels and annotations are rule `invalid-name`; kinds without a schema are
 * rule `unknown-kind`.
 */
export default defineRule({
  id: 'schema',
  meta: {
    description: 'Objects match the schema of their apiVersion and kind: no unknown fields, right types, required fields set',
    category: 'correctness',
    defaultSeverity: 'error',
    presets: ['recommended'],
    scope: 'object',
    appliesTo: ['resource', 'patch'],
    rationale:
      'The API server rejects an object with a field of the wrong type, a missing required field, a malformed quantity or port, and (with strict field validation, the kubectl default) an unknown field. A misspelled field is worse when validation is off: it is dropped silently and the setting never takes effect. Checking against the schema of the target Kubernetes version (and of CRDs for custom resources) finds these before deploying.',
    remediation:
      'Fix the field the message names: correct the spelling or indentation of unknown fields, give values the expected type (quote strings, unquote numbers), add required fields. Use --no-strict (config strict: false) to allow unknown fields, and --kubernetes-version to validate against the version you run.',
    defaults: {},
  },
  check({ object, env }) {
    if (object.apiVersion === undefined || object.kind === undefined) return [];
    const patch = object.role === 'patch';
    const result = registryFor(env).validate(object.value, object.apiVersion, object.kind);
    return (
      (result?.issues ?? [])
        .filter((issue) => issue.rule === 'schema')
        // A kustomize patch is partial by design, and may carry strategic-merge directives ($patch,
        // $setElementOrder/..., $retainKeys, $deleteFromPrimitiveList/...): its fields are checked
        // for type and spelling, never for being complete.
        .filter((issue) => !patch || (!issue.missing && !issue.path.some((key) => typeof key === 'string' && key.startsWith('$'))))
        .map((issue): RuleReport => ({ path: issue.path, message: issue.message, ...(issue.target ? { target: issue.target } : {}) }))
    );
  },
});
