// Builds dist/ after `npm install` or `npm ci` in a source checkout (a clone), as the `prepare`
// script: npm runs `prepare` for a local install and before `npm pack`/`npm publish`, never
// when the package is installed from the registry or a tarball, so `npm install kube-lint`
// runs no install script. In an installed package there is no src/, and nothing to do.
//
// (The pre-commit hook no longer installs from source: it runs the committed bundle
// dist/action/cli.js, see .pre-commit-hooks.yaml.)
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
