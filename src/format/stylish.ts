/** The default terminal report: findings grouped by file, then a summary line. */
import type { Finding, LintResults, Severity } from '../types.js';
import { plural, printable, printableLineStart } from './text.js';

export interface TextFormatOptions {
  /** Use ANSI colours (the CLI sets this only on a TTY without NO_COLOR). */
  color?: boolean;
  /**
   * Wrap the stylish report's lines to this many columns (the CLI: the terminal's width, else
   * COLUMNS, else 100). Messages wrap at spaces under their own column; the rule id is never
   * split. Undefined: no wrapping.
   */
  width?: number;
  /** Add each rule's how-to-fix text and documentation link once, after the findings. */
  verbose?: boolean;
}

/** Narrower than this, the message column stays this wide and the lines overflow. */
const MIN_MESSAGE_WIDTH = 30;

/**
 * Words into lines of at most `width` characters; a word longer than that gets a line of its own.
 * The last word (the rule id) is kept `lastGap` from the others.
 */
export function wrapWords(words: readonly string[], width: number, lastGap = '  '): string[] {
  const lines: string[] = [];
  let line = '';
  words.forEach((word, i) => {
    const gap = i === words.length - 1 ? lastGap : ' ';
    if (line === '') line = word;
    else if (line.length + gap.length + word.length <= width) line += gap + word;
    else {
      lines.push(line);
      line = word;
    }
  });
  if (line !== '') lines.push(line);
  return lines;
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
    const messageColumn = 2 + posWidth + 2 + sevWidth + 2;
    const messageWidth = options.width !== undefined ? Math.max(MIN_MESSAGE_WIDTH, options.width - messageColumn) : Infinity;
    rows.forEach((row, i) => {
      // Findings at the place of the one before (a container with nothing set) show it once.
      const position = i > 0 && rows[i - 1]?.position === row.position ? '' : row.position;
      const words = [...row.message.split(' ').filter((w) => w !== ''), row.ruleId];
      const wrapped = messageWidth === Infinity ? [`${row.message}  ${row.ruleId}`] : wrapWords(words, messageWidth);
      wrapped.forEach((text, j) => {
        const last = j === wrapped.length - 1;
        const body = last ? `${text.slice(0, text.length - row.ruleId.length)}${paint('gray', row.ruleId)}` : text;
        const lead =
          j === 0
            ? `  ${paint('gray', position.padEnd(posWidth))}  ${paint(SEVERITY_STYLE[row.severity], row.severity.padEnd(sevWidth))}  `
            : ' '.repeat(messageColumn);
        lines.push(`${lead}${body}`);
      });
    });
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
  if (options.verbose) lines.push(...howToFix(results, paint, options.width));
  const s = results.summary;
  const bad = s.errors > 0 || s.filesFailed > 0 || results.internalError;
  const mark = bad ? paint('red', '✖') : s.warnings > 0 ? paint('yellow', '⚠') : paint('green', '✔');
  lines.push(`${mark} ${paint('bold', summaryLine(results))}`);
  return `${lines.join('\n')}\n`;
}

/** `--verbose`: each rule with findings, once, with its how-to-fix text and documentation link. */
function howToFix(results: LintResults, paint: (style: Style, text: string) => string, width: number | undefined): string[] {
  const byRule = new Map<string, Finding>();
  for (const file of results.files) for (const f of file.findings) if (!byRule.has(f.ruleId)) byRule.set(f.ruleId, f);
  if (byRule.size === 0) return [];
  const lines = [paint('bold', 'How to fix:')];
  for (const [ruleId, f] of [...byRule].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`  ${paint('bold', ruleId)}${f.docsUrl ? `  ${paint('gray', f.docsUrl)}` : ''}`);
    // Markdown as written, less its code fences: the YAML examples keep their indentation.
    for (const text of (f.remediation ?? '').split('\n')) {
      if (/^\s*```/.test(text)) continue;
      if (text.trim() === '') lines.push('');
      else if (width === undefined || /^\s/.test(text)) lines.push(`    ${printable(text)}`);
      else lines.push(...wrapWords(printable(text).split(' '), Math.max(MIN_MESSAGE_WIDTH, width - 4), ' ').map((l) => `    ${l}`));
    }
  }
  lines.push('');
  return lines;
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
