// Builds dist/ after `npm install` in a source checkout: a clone, or the environment pre-commit
// makes for the hook (`npm install` in a clone, then `npm pack`). In an installed package there is
// no src/, and nothing to do.
//
// This runs as `postinstall` rather than `prepare` because `npm pack` runs `prepare` and prints its
// "> kube-lint@x prepare" banner on standard output, where pre-commit reads the name of the tarball.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
if (existsSync(new URL('../src/cli.ts', import.meta.url)) && existsSync(tsc)) {
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [fileURLToPath(new URL('bundle-cli.mjs', import.meta.url))], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [fileURLToPath(new URL('prebuild-validators.mjs', import.meta.url))], { cwd: root, stdio: 'inherit' });
}
