/** Every output format: a pure function of the results and options to a string. */
import type { LintResults } from '../types.js';
import type { RuleDescriptor } from './descriptor.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatSarif } from './sarif.js';
import { formatCompact, formatStylish, type TextFormatOptions } from './stylish.js';

export interface FormatOptions extends TextFormatOptions {
  /** Folder that relative paths in reports are relative to (SARIF, GitHub). */
  cwd?: string;
  /** The rules' metadata (SARIF): the run's rules, the configuration's policies included. */
  rules?: readonly RuleDescriptor[];
}

export type Formatter = (results: LintResults, options: FormatOptions) => string;

export const FORMATTERS = {
  stylish: formatStylish,
  compact: formatCompact,
  json: (results: LintResults) => formatJson(results),
  sarif: (results: LintResults, options: FormatOptions) =>
    formatSarif(results, {
      ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
      ...(options.rules !== undefined ? { rules: options.rules } : {}),
    }),
  junit: (results: LintResults) => formatJunit(results),
  github: (results: LintResults) => formatGithub(results),
} satisfies Record<string, Formatter>;

export type FormatName = keyof typeof FORMATTERS;

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(FORMATTERS, name);
}

export function formatResults(results: LintResults, format: FormatName, options: FormatOptions = {}): string {
  return FORMATTERS[format](results, options);
}

export type { RuleDescriptor } from './descriptor.js';
export { formatJson } from './json.js';
export { formatSarif } from './sarif.js';
export { formatJunit } from './junit.js';
export { formatGithub } from './github.js';
export { formatCompact, formatStylish, summaryLine } from './stylish.js';
