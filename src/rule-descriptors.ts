/**
 * Rules as the formatters see them: the faces (CLI, Action, library API) map the rules of a run
 * to plain `RuleDescriptor`s, so that src/format/ needs no engine type.
 */
import { rules as builtinRules } from '../rules/index.js';
import type { AnyRule } from './engine/rule.js';
import type { RuleDescriptor } from './format/descriptor.js';

export function ruleDescriptor(rule: AnyRule): RuleDescriptor {
  const { description, rationale, remediation, defaultSeverity, category } = rule.meta;
  return { id: rule.id, description, rationale, remediation, docsUrl: rule.docsUrl, defaultSeverity, category };
}

/** The descriptors of a run's rules (default: the built-in rules). */
export function ruleDescriptors(ruleSet: readonly AnyRule[] = builtinRules): RuleDescriptor[] {
  return ruleSet.map(ruleDescriptor);
}
