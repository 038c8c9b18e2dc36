/** The default terminal report: findings grouped by file, then a summary line. */
import type { Finding, LintResults, Severity } from '../types.js';
import { plural, printable, printableLineStart } from './text.js';

export interface TextFormatOptions {
  /** Use ANSI colours (the CLI sets this only on a TTY without NO_COLOR). */
  color?: boolean;
}

const CODES = { red: 31, yellow: 33, blue: 34, gray: 90, bold: 1, underline: 4, green: 32 } as const;
type Style = keyof typeof CODES;

function painter(color: boolean): (style: Style, text: string) => string {
  return color ? (style, text) => `\u001b[${CODES[style]}m${text}\u001b[0m` : (_style, text) => text;
}

const SEVERITY_STYLE: Record<Severity, Style> = { error: 'red', warning: 'yellow', info: 'blue' };

export function summaryLine(results: LintResults): string {
  const s = results.summary;
  const problems = s.errors + s.warnings + s.infos;
  const parts = [plural(s.errors, 'error'), plural(s.warnings, 'warning')];
  if (s.infos > 0) parts.push(plural(s.infos, 'info', 'infos'));
  const scope = [`${plural(s.objects, 'object')} in ${plural(s.filesLinted, 'file')} linted`];
  if ((s.unparsedDocuments ?? 0) > 0) scope.push(`${plural(s.unparsedDocuments ?? 0, 'document')} not parsed`);
  if ((s.patchObjects ?? 0) > 0) scope.push(`${plural(s.patchObjects ?? 0, 'kustomize patch', 'kustomize patches')} among them`);
  if ((s.clientConfigDocuments ?? 0) > 0)
    scope.push(`${plural(s.clientConfigDocuments ?? 0, 'client-side config document')} (kustomization.yaml, ...)`);
  if (s.skippedDocuments > 0) scope.push(`${plural(s.skippedDocuments, 'non-Kubernetes document')} skipped`);
  const notManifests = s.filesNotManifests ?? 0;
  const templates = s.filesTemplates ?? 0;
  const otherSkipped = s.filesSkipped - notManifests - templates;
  if (notManifests > 0) scope.push(`${plural(notManifests, 'file')} without Kubernetes objects skipped`);
  if (templates > 0) scope.push(`${plural(templates, 'template file')} skipped`);
  if (otherSkipped > 0) scope.push(`${plural(otherSkipped, 'file')} skipped`);
  if (s.filesFailed > 0) scope.push(`${plural(s.filesFailed, 'file')} FAILED`);
  if (s.suppressed > 0) scope.push(`${s.suppressed} suppressed`);
  if ((s.unjudgedValues ?? 0) > 0) scope.push(`${plural(s.unjudgedValues ?? 0, 'placeholder value')} not judged`);
  return `${plural(problems, 'problem')} (${parts.join(', ')}); ${scope.join(', ')}`;
}

export function formatStylish(results: LintResults, options: TextFormatOptions = {}): string {
  const paint = painter(options.color ?? false);
  const lines: string[] = [];
  for (const file of results.files) {
    // Files that are no manifests are counted in the summary, not listed.
    if (file.findings.length === 0 && (file.status === 'linted' || file.skipKind !== undefined)) continue;
    lines.push(paint('underline', printableLineStart(file.filePath)));
    if (file.status !== 'linted') {
      lines.push(`  ${paint(file.status === 'failed' ? 'red' : 'yellow', file.status)}  ${printable(file.reason ?? '')}`);
    }
    const rows = file.findings.map((f: Finding) => ({
      position: `${f.line}:${f.column}`,
      severity: f.severity,
      message: printable(f.message),
      ruleId: f.ruleId,
    }));
    const posWidth = Math.max(0, ...rows.map((r) => r.position.length));
    const sevWidth = Math.max(0, ...rows.map((r) => r.severity.length));
    for (const row of rows) {
      lines.push(
        `  ${paint('gray', row.position.padEnd(posWidth))}  ${paint(SEVERITY_STYLE[row.severity], row.severity.padEnd(sevWidth))}  ${row.message}  ${paint('gray', row.ruleId)}`,
      );
    }
    lines.push('');
  }
  const fileNotices = new Set(results.files.filter((f) => f.status !== 'linted' && f.skipKind === undefined).map((f) => f.filePath));
  for (const notice of results.notices) {
    if (notice.filePath !== undefined && fileNotices.has(notice.filePath)) continue;
    const where = notice.filePath !== undefined ? `${printable(notice.filePath)}: ` : '';
    lines.push(
      `${paint(notice.level === 'error' ? 'red' : notice.level === 'warning' ? 'yellow' : 'blue', notice.level)}: ${where}${printable(notice.message)}`,
    );
  }
  if (results.notices.some((n) => n.filePath === undefined || !fileNotices.has(n.filePath))) lines.push('');
  const s = results.summary;
  const bad = s.errors > 0 || s.filesFailed > 0 || results.internalError;
  const mark = bad ? paint('red', '✖') : s.warnings > 0 ? paint('yellow', '⚠') : paint('green', '✔');
  lines.push(`${mark} ${paint('bold', summaryLine(results))}`);
  return `${lines.join('\n')}\n`;
}

/** One line per finding, `file:line:column: severity: message [rule-id]`, for editors and grep. */
export function formatCompact(results: LintResults): string {
  const lines: string[] = [];
  for (const file of results.files) {
    if (file.status !== 'linted' && file.skipKind === undefined)
      lines.push(`${printableLineStart(file.filePath)}: ${file.status}: ${printable(file.reason ?? '')}`);
    for (const f of file.findings) {
      lines.push(`${printableLineStart(f.filePath)}:${f.line}:${f.column}: ${f.severity}: ${printable(f.message)} [${f.ruleId}]`);
    }
  }
  lines.push(summaryLine(results));
  return `${lines.join('\n')}\n`;
}
