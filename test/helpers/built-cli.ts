/**
 * The built command, dist/cli.js: what `npm install` puts on PATH as `kube-lint`, and what
 * pre-commit runs. `npm test` builds before testing; run on its own, a test calls `ensureBuilt()`,
 * which rebuilds only when a source file is newer than the build (one build at a time).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const BUILT_CLI = path.join(ROOT, 'dist/cli.js');
const LOCK = path.join(ROOT, 'node_modules/.cache/kube-lint-build.lock');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function isFresh(): boolean {
  let built: number;
  try {
    built = statSync(BUILT_CLI).mtimeMs;
  } catch {
    return false;
  }
  return Math.max(newestSource(path.join(ROOT, 'src')), newestSource(path.join(ROOT, 'rules'))) <= built;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function ensureBuilt(): void {
  if (isFresh()) return;
  mkdirSync(path.dirname(LOCK), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${LOCK}`);
      sleep(200);
    }
  }
  try {
    if (!isFresh()) {
      execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT });
      execFileSync(process.execPath, [path.join(ROOT, 'scripts/bundle-cli.mjs')], { cwd: ROOT });
      execFileSync(process.execPath, [path.join(ROOT, 'scripts/prebuild-validators.mjs')], { cwd: ROOT });
    }
  } finally {
    rmdirSync(LOCK);
  }
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI in `cwd`, without colours. */
export function runCli(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Run {
  const run = spawnSync(process.execPath, [BUILT_CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
