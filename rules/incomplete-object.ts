import { defineRule } from '../src/engine/rule.js';

/** Findings come from the loader (see src/load/objects.ts); the rule carries their metadata. */
export default defineRule({
  id: 'incomplete-object',
  meta: {
    description: 'Every object has apiVersion, kind and metadata.name',
    category: 'correctness',
    defaultSeverity: 'error',
    presets: ['recommended'],
    scope: 'builtin',
    rationale:
      'The API server cannot route an object without apiVersion and kind, and rejects one without a name (or generateName). YAML with neither apiVersion nor kind is not a Kubernetes object and is skipped, not reported.',
    remediation: 'Add the missing apiVersion, kind or metadata.name.',
    defaults: {},
  },
});
