/** Several reports from one run: --format for standard output, --output-file FORMAT=PATH for files. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatJunit } from '../src/format/junit.js';
import { formatSarif } from '../src/index.js';
import { lint } from '../src/lint.js';
import { ensureBuilt, runCli } from './helpers/built-cli.js';
import { FOUNDATION_CONFIG } from './helpers/cli.js';

const kubeLint = runCli;

let dir: string;

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(path.join(tmpdir(), 'kube-lint-reports-'));
  // Only the foundation's rules, so the reports stay exact when rules are added.
  mkdirSync(path.join(dir, '.git'));
  writeFileSync(path.join(dir, '.kube-lint.yaml'), FOUNDATION_CONFIG);
  writeFileSync(
    path.join(dir, 'deploy.yaml'),
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:latest\n',
  );
  writeFileSync(
    path.join(dir, 'pod.yaml'),
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\nspec:\n  containers:\n    - name: c\n      image: busybox:1.36\n',
  );
  mkdirSync(path.join(dir, 'reports'));
}, 180_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('cli --output-file', () => {
  it('writes every report from one run and keeps --format on standard output', async () => {
    const run = kubeLint(
      ['--format', 'compact', '--output-file', 'sarif=reports/results.sarif', '--output-file', 'junit=reports/junit.xml', '.'],
      dir,
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout).toBe(
      [
        'deploy.yaml:10:18: error: container "web" uses image "nginx:latest": the "latest" tag floats, pin a version or digest [image-tag]',
        'pod.yaml:2:7: warning: Pod "debug" has no controller and will not be recreated if it dies: create it from a Deployment, StatefulSet, DaemonSet or Job [no-bare-pod]',
        '2 problems (1 error, 1 warning); 2 objects in 2 files linted',
        '',
      ].join('\n'),
    );
    const results = await lint(['.'], { cwd: dir });
    expect(readFileSync(path.join(dir, 'reports/results.sarif'), 'utf8')).toBe(formatSarif(results, { cwd: dir }));
    expect(readFileSync(path.join(dir, 'reports/junit.xml'), 'utf8')).toBe(formatJunit(results));
  });

  it('applies --quiet to every report', () => {
    const run = kubeLint(['--quiet', '--format', 'compact', '--output-file', 'junit=reports/quiet.xml', '.'], dir);
    expect(run.status).toBe(1);
    expect(run.stdout.split('\n').filter((l) => l.includes('[no-bare-pod]'))).toEqual([]);
    const junit = readFileSync(path.join(dir, 'reports/quiet.xml'), 'utf8');
    expect(junit).toContain('type="image-tag"');
    expect(junit).not.toContain('type="no-bare-pod"');
  });

  it('refuses bad --output-file values with exit code 2 and writes nothing', () => {
    const cases: [string[], string][] = [
      [['--output-file', 'sarif'], 'kube-lint: --output-file takes FORMAT=PATH, e.g. sarif=results.sarif, got "sarif"\n'],
      [
        ['--output-file', 'xml=a.xml'],
        'kube-lint: unknown format "xml" in --output-file: use one of stylish, compact, json, sarif, junit, github\n',
      ],
      [
        ['--output-file', 'sarif=reports/same', '--output-file', 'junit=reports/./same'],
        `kube-lint: two reports would be written to ${path.join(dir, 'reports/same')}: give each report its own path\n`,
      ],
      [['--format', 'json', '--format', 'sarif'], 'kube-lint: give --format once; write more reports with --output-file FORMAT=PATH\n'],
    ];
    for (const [args, message] of cases) {
      const run = kubeLint([...args, '.'], dir);
      expect(run.stderr).toBe(message);
      expect(run.status).toBe(2);
    }
    expect(existsSync(path.join(dir, 'reports/same'))).toBe(false);
  });

  it('creates the folders of a report, as ESLint does', () => {
    const run = kubeLint(['--output-file', 'sarif=new/folder/r.sarif', '-o', 'other/new/report.txt', '.'], dir);
    expect(run.stderr).toBe('');
    expect(JSON.parse(readFileSync(path.join(dir, 'new/folder/r.sarif'), 'utf8'))).toMatchObject({ version: '2.1.0' });
    expect(readFileSync(path.join(dir, 'other/new/report.txt'), 'utf8')).toMatch(/problems? \(/);
  });

  it('says so when a report cannot be written', () => {
    writeFileSync(path.join(dir, 'a-file'), '');
    const run = kubeLint(['--output-file', 'sarif=a-file/r.sarif', '.'], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^kube-lint: cannot write a-file\/r\.sarif: (ENOTDIR|EEXIST)/);
  });

  it('documents the design in --help', () => {
    const run = kubeLint(['--help'], dir);
    expect(run.stdout).toContain('--output-file <FORMAT=PATH>');
    expect(run.stdout).toContain('stylish, compact, json, sarif, junit, github');
  });
});
