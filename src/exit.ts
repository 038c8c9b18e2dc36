import type { LintResults, Severity } from './types.js';

export type FailOn = Severity | 'never';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

export interface ExitPolicy {
  /** Lowest severity that fails the run (default `error`). */
  failOn?: FailOn;
  /** Fail when there are more warnings than this (like ESLint's --max-warnings). -1 = no limit. */
  maxWarnings?: number;
}

/**
 * 0: nothing at or above the failing level. 1: findings at the failing level, or warnings over
 * --max-warnings. 2: an internal error, input that could not be read (never reported clean), or
 * no manifest found at all (`nothingLinted`).
 */
export function exitCodeOf(results: LintResults, policy: ExitPolicy = {}): number {
  if (results.internalError || results.summary.filesFailed > 0 || results.nothingLinted) return EXIT_ERROR;
  const { errors, warnings, infos } = results.summary;
  const failOn = policy.failOn ?? 'error';
  if (failOn !== 'never') {
    if (errors > 0) return EXIT_FINDINGS;
    if ((failOn === 'warning' || failOn === 'info') && warnings > 0) return EXIT_FINDINGS;
    if (failOn === 'info' && infos > 0) return EXIT_FINDINGS;
  }
  const max = policy.maxWarnings ?? -1;
  if (max >= 0 && warnings > max) return EXIT_FINDINGS;
  return EXIT_OK;
}

/** Keeps only findings of at least `min` severity, recounting (for --quiet). */
export function filterSeverity(results: LintResults, min: Severity): LintResults {
  const rank = { info: 1, warning: 2, error: 3 } as const;
  const files = results.files.map((f) => {
    const findings = f.findings.filter((x) => rank[x.severity] >= rank[min]);
    return {
      ...f,
      findings,
      errorCount: findings.filter((x) => x.severity === 'error').length,
      warningCount: findings.filter((x) => x.severity === 'warning').length,
      infoCount: findings.filter((x) => x.severity === 'info').length,
    };
  });
  const sum = (pick: (f: (typeof files)[number]) => number): number => files.reduce((n, f) => n + pick(f), 0);
  return {
    ...results,
    files,
    summary: { ...results.summary, errors: sum((f) => f.errorCount), warnings: sum((f) => f.warningCount), infos: sum((f) => f.infoCount) },
  };
}
