/**
 * The pre-commit hooks, run the way pre-commit runs them: from the repository root, the hook's
 * `entry` (the `kube-lint` command an install puts on PATH, that is the built CLI) followed by its
 * `args` and, unless `pass_filenames: false`, a batch of staged file names.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_CLI, ROOT, ensureBuilt, runCli } from './helpers/built-cli.js';
import { FOUNDATION_CONFIG } from './helpers/cli.js';

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  types?: string[];
  args?: string[];
  pass_filenames?: boolean;
  require_serial?: boolean;
}

const hooks = parse(readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  bin: Record<string, string>;
  scripts: Record<string, string>;
};

function hook(id: string): Hook {
  const found = hooks.find((h) => h.id === id);
  if (!found) throw new Error(`no hook ${id}`);
  return found;
}

/** Runs a hook as pre-commit does; `files` is one batch of staged file names. */
function runHook(id: string, repo: string, files: string[]) {
  const h = hook(id);
  const [command, ...entryArgs] = h.entry.split(' ');
  expect(pkg.bin[command ?? '']).toBe(path.relative(ROOT, BUILT_CLI));
  return runCli([...entryArgs, ...(h.args ?? []), ...(h.pass_filenames === false ? [] : files)], repo);
}

const DEPLOYMENT =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:latest\n';
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\nspec:\n  containers:\n    - name: c\n      image: busybox:1.36\n';
const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n';
const WORKFLOW = 'name: ci\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n';

let repo: string;

beforeAll(() => {
  ensureBuilt();
  repo = mkdtempSync(path.join(tmpdir(), 'kube-lint-pre-commit-'));
  mkdirSync(path.join(repo, '.git'));
  const files: Record<string, string> = {
    // Only the foundation's rules, so the hooks' output stays exact when rules are added.
    '.kube-lint.yaml': FOUNDATION_CONFIG,
    'k8s/deploy.yaml': DEPLOYMENT,
    'k8s/pod.yaml': POD,
    'k8s/service.yaml': SERVICE,
    '.github/workflows/ci.yml': WORKFLOW,
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(repo, name)), { recursive: true });
    writeFileSync(path.join(repo, name), text);
  }
}, 180_000);

afterAll(() => {
  rmSync(repo, { recursive: true, force: true });
});

describe('.pre-commit-hooks.yaml', () => {
  it('declares a per-file hook and a whole-repository hook, both node', () => {
    expect(hooks.map((h) => h.id)).toEqual(['kube-lint', 'kube-lint-all']);
    expect(hook('kube-lint')).toMatchObject({ entry: 'kube-lint', language: 'node', types: ['yaml'] });
    expect(hook('kube-lint').pass_filenames).toBeUndefined();
    expect(hook('kube-lint-all')).toMatchObject({
      entry: 'kube-lint',
      language: 'node',
      types: ['yaml'],
      pass_filenames: false,
      require_serial: true,
    });
    expect(readFileSync(BUILT_CLI, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('installs as pre-commit installs it: `npm pack` prints only the tarball name', () => {
    // pre-commit runs `npm install` in its clone of this repository (postinstall builds dist/),
    // then `npm pack`, and takes its whole standard output as the tarball's file name. A
    // prepack/prepare/postpack script would add npm's "> kube-lint@x prepare" banner to it.
    const lifecycle = Object.keys(pkg.scripts).filter((s) => ['prepack', 'prepare', 'postpack'].includes(s));
    expect(lifecycle).toEqual([]);
    const packed = spawnSync('npm', ['pack', '--dry-run'], { cwd: ROOT, encoding: 'utf8' });
    expect(packed.status).toBe(0);
    expect(packed.stdout).toBe(`kube-lint-${pkg.version}.tgz\n`);
    // The package holds the bundled command and the validators prebuilt for it.
    const listed = spawnSync('npm', ['pack', '--dry-run', '--json'], { cwd: ROOT, encoding: 'utf8' });
    const files = (JSON.parse(listed.stdout) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path) ?? [];
    expect(files).toContain('dist/cli.js');
    expect(files.filter((f) => /^dist\/validators\/[0-9a-f]{64}\.js\.br$/.test(f)).length).toBeGreaterThanOrEqual(30);
  });

  it('kube-lint fails a batch with an error and reports it', () => {
    const run = runHook('kube-lint', repo, ['k8s/deploy.yaml', '.github/workflows/ci.yml']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      [
        'k8s/deploy.yaml',
        '  10:18  error  container "web" uses image "nginx:latest": the "latest" tag floats, pin a version or digest  image-tag',
        '',
        '✖ 1 problem (1 error, 0 warnings); 1 object in 2 files linted, 1 non-Kubernetes document skipped',
        '',
      ].join('\n'),
    );
    expect(run.status).toBe(1);
  });

  it('kube-lint passes a batch with warnings only, and a clean batch', () => {
    const warned = runHook('kube-lint', repo, ['k8s/pod.yaml']);
    expect(warned.status).toBe(0);
    expect(warned.stdout.trimEnd().split('\n').at(-1)).toBe('⚠ 1 problem (0 errors, 1 warning); 1 object in 1 file linted');
    const clean = runHook('kube-lint', repo, ['k8s/service.yaml']);
    expect(clean.status).toBe(0);
    expect(clean.stdout).toBe('✔ 0 problems (0 errors, 0 warnings); 1 object in 1 file linted\n');
  });

  it('kube-lint-all lints the whole repository once, whatever was staged', () => {
    const run = runHook('kube-lint-all', repo, ['k8s/service.yaml']);
    expect(run.status).toBe(1);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(
      '✖ 2 problems (1 error, 1 warning); 3 objects in 3 files linted, 1 file without Kubernetes objects skipped',
    );
    expect(run.stdout).toContain('k8s/deploy.yaml\n');
    expect(run.stdout).toContain('k8s/pod.yaml\n');
  });
});
