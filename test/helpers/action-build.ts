/**
 * The committed bundle of the Action and the pre-commit hook's command (dist/action/), as
 * scripts/build-action.ts builds it from the current sources, written into a runner-like checkout
 * outside the project (with schemas/ and package.json, as git would check them out): no
 * node_modules above it. Tests of the Action and the hook run this build, so they test the
 * sources on the branch; test/action-bundle.test.ts keeps the committed files equal to it.
 */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildAction, HOOK_COMMAND } from '../../scripts/build-action.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Builds into a new temporary folder and returns it (the caller removes it). */
export async function buildActionCheckout(prefix: string): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  for (const [file, data] of await buildAction()) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), data, { mode: file === HOOK_COMMAND ? 0o755 : 0o644 });
  }
  cpSync(path.join(ROOT, 'schemas'), path.join(dir, 'schemas'), { recursive: true });
  cpSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
  return dir;
}
