/**
 * What every lint of every input must hold, and the mutations applied to real manifests: shared by
 * the property-based tests (test/property.test.ts) and the fuzzer (scripts/fuzz.ts).
 */
import type { LintResults } from '../../src/types.js';

/** The invariants every lint of every text must hold; returns a description of the first broken one. */
export function brokenInvariant(text: string, results: LintResults): string | undefined {
  // Line breaks as YAML has them: \r\n, \r or \n.
  const lineCount = text.split(/\r\n|\r|\n/).length;
  if (results.internalError) return 'internal error';
  for (const file of results.files) {
    for (const f of file.findings) {
      const where = `${f.ruleId} at ${f.line}:${f.column}-${f.endLine}:${f.endColumn} (${lineCount} lines): ${f.message}`;
      if (f.ruleId === 'internal-error') return `internal-error finding: ${f.message}`;
      if (!Number.isInteger(f.line) || f.line < 1 || f.line > lineCount + 1) return `line out of range: ${where}`;
      if (!Number.isInteger(f.column) || f.column < 1) return `column out of range: ${where}`;
      if (!Number.isInteger(f.endLine) || f.endLine < f.line || f.endLine > lineCount + 1) return `endLine out of range: ${where}`;
    }
  }
  return undefined;
}

/** Pieces of YAML, and of hostile text, that random inputs are built from. */
export const TOKENS = [
  'apiVersion: v1',
  'apiVersion: apps/v1',
  'kind: Pod',
  'kind: Deployment',
  'kind: List',
  'kind: CronJob',
  'metadata:',
  'name: web',
  'namespace: prod',
  'annotations:',
  'kube-lint.io/ignore: all',
  '# kube-lint-disable-next-line',
  '# kube-lint-disable image-tag',
  'spec:',
  'template:',
  'jobTemplate:',
  'items:',
  'containers:',
  'initContainers:',
  'image: nginx:latest',
  'image: ',
  'ports:',
  'containerPort: 80',
  '- ',
  '-',
  ': ',
  ':',
  '? ',
  '[',
  ']',
  '{',
  '}',
  ', ',
  '"',
  "'",
  '\\',
  '&a ',
  '*a',
  '*b',
  '<<: ',
  '!!str ',
  '!!binary ',
  '!custom ',
  '|',
  '>-',
  '#',
  ' # comment',
  '---',
  '...',
  '%YAML 1.1',
  '%TAG ! tag:x,2000:',
  '<<<<<<< HEAD',
  '=======',
  '>>>>>>> x',
  '\n',
  '\n',
  '\n',
  '\r\n',
  '\r',
  '  ',
  '    ',
  '\t',
  ' ',
  '.nan',
  '.inf',
  '1e400',
  '0x7fffffffffffffffffff',
  '0o777',
  '~',
  'null',
  'yes',
  'on',
  '2001-12-14',
  '__proto__',
  'constructor',
  '\u00e9',
  '\u2028',
  '\u202e',
  '\u001b[31m',
  '\ufeff',
  '\u0000',
  '\ud800',
  '😀',
];

export type Mutation =
  | { kind: 'delete' | 'duplicate'; at: number }
  | { kind: 'swap'; at: number; with: number }
  | { kind: 'indent'; at: number; by: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'replace'; at: number; text: string };

/** Applies mutations to a manifest: lines for the line-level ones, characters for the others. */
export function mutate(text: string, mutations: readonly Mutation[]): string {
  let lines = text.split('\n');
  for (const m of mutations) {
    const i = lines.length === 0 ? 0 : m.at % lines.length;
    const line = lines[i] ?? '';
    switch (m.kind) {
      case 'delete':
        lines.splice(i, 1);
        break;
      case 'duplicate':
        lines.splice(i, 0, line);
        break;
      case 'swap': {
        const j = lines.length === 0 ? 0 : m.with % lines.length;
        lines[i] = lines[j] ?? '';
        lines[j] = line;
        break;
      }
      case 'indent':
        lines[i] = m.by >= 0 ? ' '.repeat(m.by) + line : line.replace(new RegExp(`^ {0,${-m.by}}`), '');
        break;
      case 'insert':
      case 'replace': {
        const joined = lines.join('\n');
        const at = joined.length === 0 ? 0 : m.at % joined.length;
        lines = (joined.slice(0, at) + m.text + joined.slice(m.kind === 'replace' ? at + 1 : at)).split('\n');
        break;
      }
    }
  }
  return lines.join('\n');
}
