/** The table `KUBE_LINT_TIMING` prints: the slowest rules of a run, as ESLint's TIMING does. */

/** `rules`: rule ids and milliseconds, slowest first; `rows`: how many to show. */
export function formatTiming(rules: readonly (readonly [string, number])[], rows: number): string {
  const total = rules.reduce((sum, [, ms]) => sum + ms, 0);
  const shown = rules.slice(0, rows);
  const width = Math.max('all rules'.length, ...shown.map(([id]) => id.length));
  const row = (id: string, ms: number, share: string): string =>
    `${id.padEnd(width)} | ${ms.toFixed(1).padStart(9)} | ${share.padStart(8)}`;
  const lines = shown.map(([id, ms]) => row(id, ms, `${(total > 0 ? (ms / total) * 100 : 0).toFixed(1)}%`));
  return [`${'Rule'.padEnd(width)} | Time (ms) | Relative`, ...lines, row('all rules', total, '100.0%'), ''].join('\n');
}
