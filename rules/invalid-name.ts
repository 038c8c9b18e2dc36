import { defineRule, type RuleReport } from '../src/engine/rule.js';
import { registryFor } from '../src/schema/registry.js';

/**
 * Names, label keys and values, annotation keys and the total annotation size, checked as the API
 * server's ValidateObjectMeta does. A rule of its own (not part of `schema`) because names are
 * where templating placeholders show up: a team may turn this off and keep schema validation.
 */
export default defineRule({
  id: 'invalid-name',
  meta: {
    description: 'Names, namespaces, label keys and values and annotation keys are in the format the API server accepts',
    category: 'correctness',
    defaultSeverity: 'error',
    presets: ['recommended'],
    scope: 'object',
    rationale:
      'The API server rejects an object whose metadata.name is not a DNS subdomain (a DNS label for Namespaces, StatefulSets and Services, which must also start with a letter; a path segment for RBAC kinds), whose label keys are not qualified names, whose label values are longer than 63 characters or contain other characters than letters, digits, "-", "_" and ".", or whose annotations exceed 256 KiB. Selectors and node selectors are label maps too.',
    remediation:
      'Rename the object with lowercase letters, digits and "-" (the message suggests a name), shorten or simplify label values, and keep large data out of annotations (use a ConfigMap).',
    defaults: {},
  },
  check({ object, env }) {
    if (object.apiVersion === undefined || object.kind === undefined) return [];
    const result = registryFor(env).validate(object.value, object.apiVersion, object.kind);
    return (result?.issues ?? [])
      .filter((issue) => issue.rule === 'invalid-name')
      .map((issue): RuleReport => ({ path: issue.path, message: issue.message, ...(issue.target ? { target: issue.target } : {}) }));
  },
});
