/** docs/editors.md: the problem matcher it documents reads every finding of the compact format. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempTree } from './helpers/cli.js';

const DOC = readFileSync(path.resolve(import.meta.dirname, '../docs/editors.md'), 'utf8');

interface Matcher {
  problemMatcher: {
    owner: string;
    pattern: { regexp: string; file: number; line: number; column: number; severity: number; message: number; code: number }[];
  }[];
}

describe('the documented problem matcher', () => {
  const block = /<!-- problem-matcher:start[^\n]*\n+```json\n([\s\S]*?)```\n+<!-- problem-matcher:end -->/.exec(DOC)?.[1] ?? '';
  const matcher = JSON.parse(block) as Matcher;
  const pattern = matcher.problemMatcher[0]?.pattern[0];

  it('reads every compact line of a run, paths with colons and spaces included', () => {
    const manifest = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: "nginx:latest"\n';
    const cwd = tempTree({ 'a dir/pod: one.yaml': manifest }, { config: 'extends: recommended\n' });
    const run = runCli(['-f', 'compact', '.'], { cwd });
    const report = JSON.parse(runCli(['-f', 'json', '.'], { cwd }).stdout) as {
      files: { filePath: string; findings: { line: number; column: number; severity: string; message: string; ruleId: string }[] }[];
    };
    const expected = report.files.flatMap((f) =>
      f.findings.map((x) => [f.filePath, String(x.line), String(x.column), x.severity, x.message, x.ruleId]),
    );
    expect(expected.length).toBeGreaterThan(3);
    const re = new RegExp(pattern?.regexp ?? '$^');
    const matched = run.stdout
      .split('\n')
      .map((line) => re.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) =>
        [pattern?.file, pattern?.line, pattern?.column, pattern?.severity, pattern?.message, pattern?.code].map((i) => m[i ?? 0]),
      );
    expect(matched).toEqual(expected);
  });
});
