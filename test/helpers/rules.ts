/** Rules made for a test: an object rule with the metadata every rule must have. */
import { defineRule, type ObjectRule, type ObjectContext, type RuleReport } from '../../src/engine/rule.js';

export function testRule(id: string, description: string, check: (context: ObjectContext<object>) => RuleReport[]): ObjectRule {
  return defineRule({
    id,
    meta: {
      description,
      category: 'correctness',
      defaultSeverity: 'error',
      presets: ['recommended'],
      scope: 'object',
      rationale: 'Tests.',
      remediation: 'None.',
      defaults: {},
    },
    check,
  });
}
