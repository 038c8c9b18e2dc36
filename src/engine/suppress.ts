/**
 * Suppression: comments in the YAML text and the `kube-lint.io/ignore` annotation.
 *
 *   # kube-lint-disable-next-line rule-a, rule-b -- reason   (the next line with content)
 *   image: nginx  # kube-lint-disable-line rule-a            (this line)
 *   # kube-lint-disable rule-a                               (the whole document it stands in)
 *   metadata.annotations: { kube-lint.io/ignore: "rule-a,rule-b" | "all" }   (the object)
 *
 * A directive without rule names covers every rule. Directives are read from the text, so they
 * work whatever parser produced the documents.
 */
import type { YamlPath } from '../types.js';

export const IGNORE_ANNOTATION = 'kube-lint.io/ignore';

export interface Directive {
  kind: 'next-line' | 'line' | 'document';
  /** Line of the comment itself (1-based). */
  line: number;
  column: number;
  /** Line the directive covers (`next-line`, `line`). */
  targetLine: number;
  /** Rule ids, or 'all'. */
  rules: string[] | 'all';
  /** Rule ids this directive suppressed at least once ('*' for an all-rules directive). */
  used: Set<string>;
}

const NEXT_LINE = /^\s*#\s*kube-lint-disable-next-line(?=\s|$)(.*)$/;
const DOCUMENT = /^\s*#\s*kube-lint-disable(?=\s|$)(.*)$/;
const SAME_LINE = /\s#\s*kube-lint-disable-line(?=\s|$)(.*)$/;

function ruleList(rest: string): string[] | 'all' {
  const withoutReason = rest.split(/\s--\s|\s--$/)[0] ?? '';
  const names = withoutReason
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return names.length === 0 || names.includes('all') ? 'all' : names;
}

/** Reads every directive in a file's text. Cheap: a line scan that skips lines without "kube-lint". */
export function readDirectives(text: string): Directive[] {
  if (!text.includes('kube-lint-disable')) return [];
  // Lines as the parser counts them (on \n only), or a directive would cover the wrong line in a
  // file with a stray \r (found by scripts/fuzz.ts).
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  const directives: Directive[] = [];
  lines.forEach((content, i) => {
    if (!content.includes('kube-lint-disable')) return;
    const line = i + 1;
    const column = content.indexOf('#') + 1;
    let m = NEXT_LINE.exec(content);
    if (m) {
      let target = i + 1;
      while (target < lines.length && /^\s*(#.*)?$/.test(lines[target] ?? '')) target++;
      directives.push({ kind: 'next-line', line, column, targetLine: target + 1, rules: ruleList(m[1] ?? ''), used: new Set() });
      return;
    }
    m = DOCUMENT.exec(content);
    if (m) {
      directives.push({ kind: 'document', line, column, targetLine: line, rules: ruleList(m[1] ?? ''), used: new Set() });
      return;
    }
    m = SAME_LINE.exec(content);
    if (m) {
      directives.push({
        kind: 'line',
        line,
        column: content.length - m[0].length + 2,
        targetLine: line,
        rules: ruleList(m[1] ?? ''),
        used: new Set(),
      });
    }
  });
  return directives;
}

function covers(rules: string[] | 'all', ruleId: string): boolean {
  return rules === 'all' || rules.includes(ruleId);
}

export interface DocumentSpan {
  index: number;
  startLine: number;
  endLine: number;
}

/**
 * Decides whether a finding is suppressed by a comment, and records which directive did it.
 * `documents` gives each document's line span so that `kube-lint-disable` covers its document.
 */
export function suppressedByComment(
  directives: readonly Directive[],
  documents: readonly DocumentSpan[],
  ruleId: string,
  line: number,
): boolean {
  let suppressed = false;
  for (const directive of directives) {
    if (!covers(directive.rules, ruleId)) continue;
    let hit: boolean;
    if (directive.kind === 'document') {
      const doc = documents.find((d) => directive.line >= d.startLine && directive.line <= d.endLine);
      hit = doc !== undefined && line >= doc.startLine && line <= doc.endLine;
    } else {
      hit = directive.targetLine === line;
    }
    if (hit) {
      directive.used.add(directive.rules === 'all' ? '*' : ruleId);
      suppressed = true;
    }
  }
  return suppressed;
}

export interface AnnotationIgnore {
  rules: string[] | 'all';
  path: YamlPath;
  used: Set<string>;
}

/** The object's `kube-lint.io/ignore` annotation, if any. */
export function annotationIgnore(value: Record<string, unknown>): AnnotationIgnore | undefined {
  const metadata = value.metadata;
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const annotations = (metadata as Record<string, unknown>).annotations;
  if (typeof annotations !== 'object' || annotations === null) return undefined;
  const raw = (annotations as Record<string, unknown>)[IGNORE_ANNOTATION];
  if (typeof raw !== 'string') return undefined;
  return { rules: ruleList(raw), path: ['metadata', 'annotations', IGNORE_ANNOTATION], used: new Set() };
}

export function suppressedByAnnotation(ignore: AnnotationIgnore | undefined, ruleId: string): boolean {
  if (!ignore || !covers(ignore.rules, ruleId)) return false;
  ignore.used.add(ignore.rules === 'all' ? '*' : ruleId);
  return true;
}

/** The rule names of a directive or annotation that suppressed nothing. */
export function unusedRules(rules: string[] | 'all', used: ReadonlySet<string>): string[] {
  if (rules === 'all') return used.size === 0 ? ['all'] : [];
  return rules.filter((r) => !used.has(r));
}
