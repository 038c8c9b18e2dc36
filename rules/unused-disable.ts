import { defineRule } from '../src/engine/rule.js';

/** Findings come from the engine's suppression step; on with --report-unused-disables. */
export default defineRule({
  id: 'unused-disable',
  meta: {
    description: 'Suppression comments and kube-lint.io/ignore annotations suppress something',
    category: 'correctness',
    defaultSeverity: 'warning',
    presets: [],
    scope: 'builtin',
    rationale:
      'A suppression that no longer matches a finding hides the next real problem of that rule at that place. Reported only with --report-unused-disables (or when configured on).',
    remediation: 'Remove the kube-lint-disable comment or the rule from the kube-lint.io/ignore annotation.',
    defaults: {},
  },
});
