/**
 * What a formatter knows of a rule: plain data, so that the formatters depend on no engine type.
 * The faces (CLI, Action, library API) describe the rules of their run with `ruleDescriptors`.
 */
import type { Severity } from '../types.js';

export interface RuleDescriptor {
  id: string;
  /** What the rule checks, as one sentence. */
  description: string;
  /** Why it matters. */
  rationale: string;
  /** How to fix a finding. */
  remediation: string;
  /** The rule's documentation page. */
  docsUrl: string;
  /** The severity the rule has unless the configuration sets another. */
  defaultSeverity: Severity;
  /** `security`, `reliability`, ..., or `policy` for a configuration's policies. */
  category: string;
}
