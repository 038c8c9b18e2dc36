/** Runs the built CLI as a user would: a child process in a folder of our choosing. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { rules } from '../../rules/index.js';

export const CLI = path.resolve(import.meta.dirname, '../../dist/cli.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd: string; input?: string | Buffer; env?: NodeJS.ProcessEnv }): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...options.env },
    timeout: 60_000,
    // A JSON report of every fixture is over the default 1 MiB.
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * A config that runs only the given rules, so CLI tests of the engine assert exact output that
 * does not change when rules are added.
 */
export function onlyRules(ids: readonly string[]): string {
  return `extends: recommended\nrules:\n${rules.map((r) => `  ${r.id}: ${ids.includes(r.id) ? r.meta.defaultSeverity : 'off'}\n`).join('')}`;
}

/** A Deployment whose one container floats on nginx:latest (image-tag at 14:18). */
export const LATEST_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: nginx:latest
`;

export const FOUNDATION_CONFIG = onlyRules(['yaml-syntax', 'incomplete-object', 'no-bare-pod', 'image-tag']);

/**
 * A temporary folder with the given files; removed after the test file. Unless the files include
 * one, it gets a `.kube-lint.yaml` running only the foundation's rules (FOUNDATION_CONFIG).
 */
export function tempTree(files: Record<string, string | Buffer>, options: { config?: string | false } = {}): string {
  const root = mkdtempSync(path.join(tmpdir(), 'kube-lint-'));
  // Make it a repository root so config lookup stops here.
  mkdirSync(path.join(root, '.git'));
  const config = options.config ?? FOUNDATION_CONFIG;
  if (config !== false && !('.kube-lint.yaml' in files)) writeFileSync(path.join(root, '.kube-lint.yaml'), config);
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });
  return root;
}
