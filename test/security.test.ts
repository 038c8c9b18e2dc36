/**
 * The built CLI as a stranger's pull request meets it: no network, no process started, no code
 * from the linted tree loaded, the same bytes out for the same input.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli, tempTree } from './helpers/cli.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const TRAP = pathToFileURL(path.join(import.meta.dirname, 'helpers', 'no-network.js')).href;

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:latest
`;

/** Runs the CLI with every network and process API replaced by a trap; returns the attempts made. */
function runTrapped(
  args: string[],
  cwd: string,
  input?: string,
): { code: number | null; stdout: string; stderr: string; attempts: string[] } {
  const log = path.join(tempTree({}), 'attempts.log');
  writeFileSync(log, '');
  const run = runCli(args, {
    cwd,
    ...(input !== undefined ? { input } : {}),
    env: { NODE_OPTIONS: `--import=${TRAP}`, KUBE_LINT_TRAP_LOG: log },
  });
  return { ...run, attempts: readFileSync(log, 'utf8').split('\n').filter(Boolean) };
}

describe('no network, no processes', () => {
  it('the trap works: a script that fetches or spawns is caught', () => {
    const cwd = tempTree({
      'fetch.mjs': "try { await fetch('http://127.0.0.1:9/'); } catch {}\n",
      'spawn.mjs': "import { execSync } from 'node:child_process';\ntry { execSync('true'); } catch {}\n",
      'connect.mjs': "import { connect } from 'node:net';\ntry { connect(9, '127.0.0.1'); } catch {}\n",
    });
    for (const [script, expected] of [
      ['fetch.mjs', 'fetch'],
      ['spawn.mjs', 'child_process.execSync'],
      ['connect.mjs', 'net.connect'],
    ] as const) {
      const log = path.join(cwd, `${script}.log`);
      writeFileSync(log, '');
      const { status } = spawnSync(process.execPath, [`--import=${TRAP}`, script], {
        cwd,
        env: { ...process.env, KUBE_LINT_TRAP_LOG: log },
        timeout: 60_000,
      });
      expect(status).toBe(0);
      expect(readFileSync(log, 'utf8')).toBe(`${expected}\n`);
    }
  });

  it('a full lint of fixtures/ works with the network and child processes cut off, and tries neither', () => {
    const run = runTrapped(['fixtures', '-f', 'json'], ROOT);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { summary: { files: number; objects: number; filesFailed: number } };
    expect(report.summary.files).toBeGreaterThan(10);
    expect(report.summary.objects).toBeGreaterThan(10);
    expect(report.summary.filesFailed).toBe(0);
    expect(run.attempts).toEqual([]);
    // Standard input, help and rule listing too.
    expect(runTrapped(['-', '-f', 'compact'], ROOT, POD).attempts).toEqual([]);
    expect(runTrapped(['rules'], ROOT).attempts).toEqual([]);
  });
});

describe('nothing from the linted tree is executed', () => {
  it('JavaScript config files (.kube-lint.js, .cjs, .mjs, .ts, kube-lint.config.js) are never loaded', () => {
    const payload = (name: string): string =>
      `require('fs').writeFileSync(require('path').join(__dirname, 'PWNED-${name}'), 'x'); module.exports = { rules: {} };\n`;
    const esm = (name: string): string =>
      `import { writeFileSync } from 'node:fs';\nwriteFileSync(new URL('./PWNED-${name}', import.meta.url), 'x');\nexport default { rules: {} };\n`;
    const cwd = tempTree({
      '.kube-lint.js': payload('js'),
      '.kube-lint.cjs': payload('cjs'),
      '.kube-lint.mjs': esm('mjs'),
      '.kube-lint.ts': esm('ts'),
      'kube-lint.config.js': payload('config'),
      'apps/.kube-lint.js': payload('nested'),
      'apps/pod.yaml': POD,
      'package.json': JSON.stringify({ name: 'hostile', type: 'commonjs', 'kube-lint': { rules: { 'image-tag': 'off' } } }),
    });
    const run = runTrapped(['.', '-f', 'compact'], cwd);
    expect(run.attempts).toEqual([]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('apps/pod.yaml:8:14: error: container "web" uses image "nginx:latest"');
    expect(readdirSync(cwd).filter((f) => f.startsWith('PWNED'))).toEqual([]);
    expect(existsSync(path.join(cwd, 'apps', 'PWNED-nested'))).toBe(false);
  });
});

describe('determinism', () => {
  it('the same input gives byte-identical output, whatever the order of the inputs (json and stylish)', () => {
    const folders = readdirSync(path.join(ROOT, 'fixtures')).map((f) => `fixtures/${f}`);
    for (const format of ['json', 'stylish']) {
      const first = runCli(['fixtures', '-f', format], { cwd: ROOT });
      const again = runCli(['fixtures', '-f', format], { cwd: ROOT });
      const reversed = runCli([...[...folders].reverse(), '-f', format], { cwd: ROOT });
      expect(first.stdout.length).toBeGreaterThan(1000);
      expect(again.stdout).toBe(first.stdout);
      expect(reversed.stdout).toBe(first.stdout);
      expect([again.code, reversed.code]).toEqual([first.code, first.code]);
    }
  });
});

describe('limits at the command line', () => {
  it('standard input over --max-file-size fails with exit 2 and one clear line, and is not read whole', () => {
    const run = runCli(['-', '--max-file-size', '1000', '-f', 'compact'], { cwd: tempTree({}), input: 'a: 1\n'.repeat(100_000) });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe(
      '<stdin>: failed: standard input is over the 1000-byte limit (--max-file-size): split it or raise the limit\n0 problems (0 errors, 0 warnings); 0 objects in 0 files linted, 1 file FAILED\n',
    );
    expect(run.stderr).toBe('');
  });

  it('hostile files in a tree: each gets its message, the others are linted, nothing crashes', () => {
    const cwd = tempTree({
      'ok.yaml': POD,
      'deep.yaml': `a: ${'['.repeat(100_000)}\n`,
      'conflict.yaml': `a: 1\n<<<<<<< HEAD\nb: 1\n=======\nb: 2\n>>>>>>> x\n`,
      'bomb.yaml': `apiVersion: v1\nkind: ConfigMap\na: &a [x, x, x, x, x, x, x, x, x, x]\n${Array.from(
        { length: 8 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(', ')}]`,
      ).join('\n')}\n`,
      'many.yaml': 'a: 1\n---\n'.repeat(20_000),
      'binary.yaml': Buffer.from([0, 1, 2, 3]),
    });
    const run = runCli(['.', '-f', 'compact'], { cwd });
    expect(run.stderr).toBe('');
    expect(run.stdout).not.toMatch(/\n\s+at /);
    expect(run.code).toBe(2);
    expect(run.stdout.split('\n')).toEqual([
      'binary.yaml: skipped: binary file (contains NUL bytes), not YAML',
      expect.stringMatching(/^bomb\.yaml:1:1: error: .*alias.* \[yaml-syntax\]$/),
      'conflict.yaml:2:1: error: unresolved merge conflict marker "<<<<<<<": resolve the conflict; the file is not linted until then [yaml-syntax]',
      'conflict.yaml:4:1: error: unresolved merge conflict marker "=======": resolve the conflict; the file is not linted until then [yaml-syntax]',
      'conflict.yaml:6:1: error: unresolved merge conflict marker ">>>>>>>": resolve the conflict; the file is not linted until then [yaml-syntax]',
      'deep.yaml:1:259: error: nesting deeper than 256 levels: the file is not parsed [yaml-syntax]',
      'many.yaml: failed: more than 10000 YAML documents (the next one starts at line 20000): split the file',
      'ok.yaml:2:7: warning: Pod "web" has no controller and will not be recreated if it dies: create it from a Deployment, StatefulSet, DaemonSet or Job [no-bare-pod]',
      'ok.yaml:8:14: error: container "web" uses image "nginx:latest": the "latest" tag floats, pin a version or digest [image-tag]',
      '7 problems (6 errors, 1 warning); 1 object in 4 files linted, 3 documents not parsed, 1 file skipped, 1 file FAILED',
      '',
    ]);
  });
});
