/**
 * The library API with only the foundation's rules: tests of the engine and of the report formats
 * assert exact findings, which must not change when rules are added.
 */
import { rules } from '../../rules/index.js';
import { lint as lintAll, lintText as lintTextAll, type LintOptions } from '../../src/lint.js';
import type { LintResults } from '../../src/types.js';

export const FOUNDATION_RULES: readonly string[] = ['yaml-syntax', 'incomplete-object', 'no-bare-pod', 'image-tag', 'unused-disable'];
export const FOUNDATION_RULE_SET = rules.filter((r) => FOUNDATION_RULES.includes(r.id));

/** `lint()` choosing from the foundation's rules only. */
export function lint(inputs: readonly string[], options: LintOptions = {}): Promise<LintResults> {
  return lintAll(inputs, { ruleSet: FOUNDATION_RULE_SET, ...options });
}

/** `lintText()` choosing from the foundation's rules only. */
export function lintText(text: string, options: LintOptions & { filePath?: string } = {}): LintResults {
  return lintTextAll(text, { ruleSet: FOUNDATION_RULE_SET, ...options });
}
