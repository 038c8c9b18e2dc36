/** kube-lint's public API. */
import { formatResults as formatResultsOf, type FormatName, type FormatOptions } from './format/index.js';
import { formatSarif as formatSarifOf, type SarifFormatOptions } from './format/sarif.js';
import { ruleDescriptors } from './rule-descriptors.js';
import type { LintResults } from './types.js';

export { lint, lintText, prepareConfig, type LintOptions, type PreparedConfig } from './lint.js';
export { DEFAULT_LIMITS, type Limits } from './load/limits.js';
export { loadConfig, resolveConfig, checkConfig, type ConfigFile, type RuleSetting, type ResolvedConfig } from './engine/config.js';
export {
  defineRule,
  type AnyRule,
  type Rule,
  type RuleMeta,
  type RuleReport,
  type RunReport,
  type Category,
  type PresetName,
} from './engine/rule.js';
export {
  formatJson,
  formatStylish,
  formatCompact,
  formatJunit,
  formatGithub,
  FORMATTERS,
  type FormatName,
  type FormatOptions,
  type RuleDescriptor,
} from './format/index.js';
export { ruleDescriptor, ruleDescriptors } from './rule-descriptors.js';

/** Formats results; SARIF describes the rules given as `rules`, by default the built-in ones. */
export function formatResults(results: LintResults, format: FormatName, options: FormatOptions = {}): string {
  return formatResultsOf(results, format, { ...options, rules: options.rules ?? ruleDescriptors() });
}

/** SARIF 2.1.0; describes the rules given as `rules`, by default the built-in ones. */
export function formatSarif(results: LintResults, options: SarifFormatOptions = {}): string {
  return formatSarifOf(results, { ...options, rules: options.rules ?? ruleDescriptors() });
}
export { exitCodeOf, filterSeverity, type FailOn, type ExitPolicy } from './exit.js';
export { UsageError, ConfigError } from './errors.js';
export { rules } from '../rules/index.js';
export { KUBERNETES_VERSIONS, DEFAULT_KUBERNETES_VERSION } from './schema/versions.js';
export { VERSION } from './version.js';
export type * from './types.js';
