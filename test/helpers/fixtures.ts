/**
 * The fixture-driven rule tester. Layout:
 *
 *   fixtures/<rule-id>/valid/<case>.yaml      no finding of the rule expected
 *   fixtures/<rule-id>/invalid/<case>.yaml    each expected finding marked `# expect: <rule-id>`, or
 *                                              `# expect: <rule-id> "<exact message>"` to assert the message too,
 *                                              `# expect: <rule-id>:warning` to assert the severity too
 *   fixtures/<rule-id>/{valid,invalid}/<case>/ a folder: its files are linted together (one run),
 *                                              for cross-resource rules
 *
 * A header comment `# kube-lint-test: {"options": {...}, "config": {...}}` in a case's first file
 * sets the rule's options and other config (kubernetesVersion, strict, crds, ...). Each case runs
 * with only its rule on; too few and too many findings both fail.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ConfigFile } from '../../src/engine/config.js';
import type { AnyRule } from '../../src/engine/rule.js';
import { lint } from '../../src/lint.js';
import type { Finding, LintResults, Severity } from '../../src/types.js';

export const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures');

export interface FixtureCase {
  ruleId: string;
  kind: 'valid' | 'invalid';
  name: string;
  /** Absolute path of the file or folder. */
  target: string;
  files: string[];
}

export interface Expectation {
  file: string;
  line: number;
  ruleId: string;
  /** The exact message, when the marker gives one. */
  message?: string;
  /** The finding's severity, when the marker gives one (`# expect: privileged:warning`). */
  severity?: Severity;
}

export interface CaseHeader {
  options?: Record<string, unknown>;
  config?: ConfigFile;
  severity?: 'error' | 'warning' | 'info';
}

const HEADER = /^#\s*kube-lint-test:\s*(\{.*\})\s*$/m;
const MARKER = '[a-z0-9-]+(?::(?:error|warning|info))?';
const EXPECT = new RegExp(`#\\s*expect:\\s*(${MARKER}(?:\\s*,\\s*${MARKER})*)(?:\\s+"(.*)")?\\s*$`);

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort();
}

export function casesOf(ruleId: string): FixtureCase[] {
  const out: FixtureCase[] = [];
  for (const kind of ['valid', 'invalid'] as const) {
    const dir = path.join(FIXTURES, ruleId, kind);
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch {
      continue;
    }
    for (const name of entries) {
      const target = path.join(dir, name);
      const files = statSync(target).isDirectory() ? listFiles(target) : [target];
      out.push({ ruleId, kind, name, target, files });
    }
  }
  return out;
}

export function readHeader(files: readonly string[]): CaseHeader {
  for (const file of files) {
    const m = HEADER.exec(readFileSync(file, 'utf8'));
    if (m?.[1]) return JSON.parse(m[1]) as CaseHeader;
  }
  return {};
}

export function expectationsOf(files: readonly string[], cwd: string): Expectation[] {
  const out: Expectation[] = [];
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split(/\r\n|\r|\n/);
    lines.forEach((text, i) => {
      const m = EXPECT.exec(text);
      if (!m?.[1]) return;
      const message = m[2];
      for (const marker of m[1].split(',')) {
        const [id, severity] = marker.trim().split(':') as [string, Severity | undefined];
        out.push({
          file: path.relative(cwd, file).split(path.sep).join('/'),
          line: i + 1,
          ruleId: id,
          ...(severity !== undefined ? { severity } : {}),
          ...(message !== undefined ? { message } : {}),
        });
      }
    });
  }
  return out;
}

/** Runs one case with only `rule` on. */
export async function runCase(rule: AnyRule, fixture: FixtureCase, ruleSet: readonly AnyRule[] = [rule]): Promise<LintResults> {
  const header = readHeader(fixture.files);
  const severity = header.severity ?? rule.meta.defaultSeverity;
  const config: ConfigFile = {
    ...header.config,
    extends: 'all',
    rules: { [rule.id]: header.options ? [severity, header.options] : severity },
  };
  return lint([fixture.target], { cwd: FIXTURES, config, ruleSet });
}

export function findingKey(f: Pick<Finding, 'filePath' | 'line' | 'ruleId'>): string {
  return `${f.filePath}:${f.line} ${f.ruleId}`;
}

export function expectationKey(e: Expectation): string {
  return `${e.file}:${e.line} ${e.ruleId}${e.severity !== undefined ? `:${e.severity}` : ''}${e.message !== undefined ? ` ${e.message}` : ''}`;
}

/**
 * The finding's key for comparison with `expected`: with its severity and its message when a marker
 * on its line asserts them for its rule.
 */
export function findingKeyAgainst(
  f: Pick<Finding, 'filePath' | 'line' | 'ruleId' | 'message' | 'severity'>,
  expected: readonly Expectation[],
): string {
  const key = findingKey(f);
  const marker = expected.filter((e) => `${e.file}:${e.line} ${e.ruleId}` === key);
  const severity = marker.some((e) => e.severity !== undefined) ? `:${f.severity}` : '';
  const message = marker.some((e) => e.message !== undefined) ? ` ${f.message}` : '';
  return `${key}${severity}${message}`;
}
