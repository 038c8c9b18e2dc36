/**
 * The pre-commit hooks, run the way pre-commit runs them: from the repository root, the hook's
 * `entry` (language: script, so a file of the hook's repository: the committed bundle
 * dist/action/cli.js, here built from the sources) followed by its `args` and, unless
 * `pass_filenames: false`, the staged file names. And, where pre-commit is installed, by
 * pre-commit itself (`pre-commit try-repo`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/built-cli.js';
import { buildActionCheckout } from './helpers/action-build.js';
import { FOUNDATION_CONFIG, onlyRules } from './helpers/cli.js';

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
  scripts: Record<string, string>;
};

/** The hook's repository as pre-commit clones it, with dist/action/ built from the sources. */
let hookRepo = '';

function hook(id: string): Hook {
  const found = hooks.find((h) => h.id === id);
  if (!found) throw new Error(`no hook ${id}`);
  return found;
}

/** Runs a hook as pre-commit does (language: script: the entry file itself, executed); `files` are the staged file names. */
function runHook(id: string, repo: string, files: string[]) {
  const h = hook(id);
  const [command = '', ...entryArgs] = h.entry.split(' ');
  const run = spawnSync(path.join(hookRepo, command), [...entryArgs, ...(h.args ?? []), ...(h.pass_filenames === false ? [] : files)], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', COLUMNS: '' },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const DEPLOYMENT =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:latest\n';
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\nspec:\n  containers:\n    - name: c\n      image: busybox:1.36\n';
const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n';
const WORKFLOW = 'name: ci\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n';

let repo: string;

beforeAll(async () => {
  hookRepo = await buildActionCheckout('kube-lint-hook-');
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
  rmSync(hookRepo, { recursive: true, force: true });
});

describe('.pre-commit-hooks.yaml', () => {
  it('declares a staged-files hook and a whole-repository hook, both the committed command, both serial', () => {
    expect(hooks.map((h) => h.id)).toEqual(['kube-lint', 'kube-lint-all']);
    // Cross-resource rules need every staged object in one run: never parallel batches.
    expect(hook('kube-lint')).toMatchObject({ entry: 'dist/action/cli.js', language: 'script', types: ['yaml'], require_serial: true });
    expect(hook('kube-lint').pass_filenames).toBeUndefined();
    expect(hook('kube-lint-all')).toMatchObject({
      entry: 'dist/action/cli.js',
      language: 'script',
      types: ['yaml'],
      pass_filenames: false,
      require_serial: true,
    });
    const command = readFileSync(path.join(hookRepo, 'dist/action/cli.js'), 'utf8');
    expect(command.split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('installs from the package with no install script', () => {
    // npm 11 lists preinstall, install, postinstall and prepare as install scripts needing approval
    // (and asks for it even when installing from a tarball); the package has none of them.
    const install = Object.keys(pkg.scripts).filter((s) => ['preinstall', 'install', 'postinstall', 'prepare'].includes(s));
    expect(install).toEqual([]);
    const listed = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    const files = (JSON.parse(listed.stdout) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path) ?? [];
    expect(files).toContain('dist/cli.js');
    expect(files).toContain('kube-lint.schema.json');
    expect(files.filter((f) => f.startsWith('scripts/'))).toEqual([]);
    expect(files.filter((f) => /^dist\/validators\/[0-9a-f]{64}\.js\.br$/.test(f)).length).toBeGreaterThanOrEqual(30);
  });

  it('kube-lint fails with an error and reports it', () => {
    const run = runHook('kube-lint', repo, ['k8s/deploy.yaml', '.github/workflows/ci.yml']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      [
        'k8s/deploy.yaml',
        '  10:18  error  container "web" uses image "nginx:latest": the "latest" tag floats, pin a version or',
        '                digest  image-tag',
        '',
        '✖ 1 problem (1 error, 0 warnings); 1 object in 2 files linted, 1 non-Kubernetes document skipped',
        '',
      ].join('\n'),
    );
    expect(run.status).toBe(1);
  });

  it('kube-lint passes with warnings only, and when clean', () => {
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

  const hasPreCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!hasPreCommit)(
    'pre-commit try-repo installs the hook without a build and lints the staged files in one run',
    () => {
      // The hook's repository as committed: the tracked files and the built dist/action/.
      const source = mkdtempSync(path.join(tmpdir(), 'kube-lint-hook-repo-'));
      const user = mkdtempSync(path.join(tmpdir(), 'kube-lint-hook-user-'));
      const home = mkdtempSync(path.join(tmpdir(), 'kube-lint-pre-commit-home-'));
      try {
        cpSync(path.join(ROOT, '.pre-commit-hooks.yaml'), path.join(source, '.pre-commit-hooks.yaml'));
        cpSync(path.join(hookRepo, 'dist'), path.join(source, 'dist'), { recursive: true });
        cpSync(path.join(hookRepo, 'schemas'), path.join(source, 'schemas'), { recursive: true });
        cpSync(path.join(hookRepo, 'package.json'), path.join(source, 'package.json'));
        const git = (cwd: string, ...args: string[]) =>
          execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd, encoding: 'utf8' });
        git(source, 'init', '-q');
        git(source, 'add', '-A');
        git(source, 'commit', '-qm', 'hook');
        git(user, 'init', '-q');
        mkdirSync(path.join(user, 'k8s'));
        writeFileSync(path.join(user, '.kube-lint.yaml'), onlyRules(['image-tag', 'service-selector', 'liveness-probe']));
        writeFileSync(path.join(user, 'k8s/service.yaml'), SERVICE);
        const labelled = DEPLOYMENT.replace(
          'spec:\n  template:\n',
          'spec:\n  selector: { matchLabels: { app: web } }\n  template:\n    metadata: { labels: { app: web } }\n',
        );
        writeFileSync(path.join(user, 'k8s/deploy.yaml'), labelled);
        writeFileSync(path.join(user, 'k8s/unstaged.yaml'), POD);
        git(user, 'add', 'k8s/service.yaml', 'k8s/deploy.yaml', '.kube-lint.yaml');
        const run = spawnSync('pre-commit', ['try-repo', source, 'kube-lint'], {
          cwd: user,
          encoding: 'utf8',
          env: { ...process.env, PRE_COMMIT_HOME: home, NO_COLOR: '1' },
        });
        expect(run.status).toBe(1);
        // No npm, no build: the environment is the clone.
        expect(run.stdout).not.toMatch(/npm|added \d+ packages|tsc/);
        // The staged files in one run: the Service finds the pods of the staged Deployment (in a
        // run of its own, service-selector would report that no pod template has app=web).
        expect(run.stdout).toContain('k8s/deploy.yaml\n');
        expect(run.stdout).not.toContain('service-selector');
        expect(run.stdout).toMatch(
          /\n✖ 2 problems \(1 error, 1 warning\); 2 objects in 3 files linted, 1 non-Kubernetes document skipped\n/,
        );
        expect(run.stdout).not.toContain('unstaged.yaml');
      } finally {
        for (const dir of [source, user, home]) rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
