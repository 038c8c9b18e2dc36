/** kube-lint's public API. */
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
  formatResults,
  formatJson,
  formatStylish,
  formatCompact,
  formatSarif,
  formatJunit,
  formatGithub,
  FORMATTERS,
  type FormatName,
  type FormatOptions,
} from './format/index.js';
export { exitCodeOf, filterSeverity, type FailOn, type ExitPolicy } from './exit.js';
export { UsageError, ConfigError } from './errors.js';
export { rules } from '../rules/index.js';
export { KUBERNETES_VERSIONS, DEFAULT_KUBERNETES_VERSION } from './schema/versions.js';
export { VERSION } from './version.js';
export type * from './types.js';
