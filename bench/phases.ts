/**
 * Where one run's time goes, phase by phase, in a fresh process (as the CLI runs): finding files,
 * reading them, the screen (the manifest reader's parse of the files it reads whole, the pre-parse
 * scan of the others), registering the CRDs among them, the single-object rules (and the parse of
 * what the screen left), cross-resource rules and suppressions, the JSON
 * report. Usage: `tsx bench/phases.ts <folder>` after `npm run build` (it runs the built code);
 * the validator cache is the user's, as for the CLI (KUBE_LINT_CACHE_DIR=off for none).
 */
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import type * as LintModule from '../src/lint.js';
import type * as LinterModule from '../src/engine/linter.js';
import type * as FilesModule from '../src/load/files.js';
import type * as FormatModule from '../src/format/index.js';

const [folder] = process.argv.slice(2);
if (!folder) throw new Error('usage: tsx bench/phases.ts <folder>');

const root = path.resolve(import.meta.dirname, '..');
const load = async <T>(file: string): Promise<T> => (await import(pathToFileURL(path.join(root, file)).href)) as T;

const started = performance.now();
const L = await load<typeof LintModule>('dist/src/lint.js');
const { Linter } = await load<typeof LinterModule>('dist/src/engine/linter.js');
const { collectFiles } = await load<typeof FilesModule>('dist/src/load/files.js');
const { formatResults } = await load<typeof FormatModule>('dist/src/format/index.js');

const phases: [string, number][] = [];
let last = started;
const lap = (name: string): void => {
  const now = performance.now();
  phases.push([name, now - last]);
  last = now;
};
lap('load modules');

const cwd = process.cwd();
const { resolved } = L.prepareConfig({});
const setup = L.schemaSetup(resolved, {}, cwd);
const linter = new Linter(resolved, { schemas: setup.registry, limits: L.limitsOf({}) });
const { files } = await collectFiles([folder], { cwd, ignore: [] });
lap('config, find files');
const sources = L.readSources(linter, files, {});
lap('read');
for (const source of sources) source.screened ??= linter.screen(source.text);
lap('screen: the reader parses, else the scan');
for (const { value, source } of L.inputCrds(linter, sources)) setup.registry.addCrd(value, source);
lap('register CRDs (parse what the reader left)');
for (const source of sources) L.addScreened(linter, source);
lap('parse the rest, object rules');
const results = linter.finish();
lap('cross-resource, finish');
setup.registry.flushCaches();
lap('write the cache');
const report = formatResults(results, 'json', { cwd });
lap('JSON report');

const total = performance.now() - started;
const width = Math.max(...phases.map(([name]) => name.length));
for (const [name, ms] of phases) {
  process.stdout.write(
    `${name.padEnd(width)}  ${Math.round(ms).toString().padStart(6)} ms  ${((100 * ms) / total).toFixed(0).padStart(3)}%\n`,
  );
}
process.stdout.write(
  `${'total'.padEnd(width)}  ${Math.round(total).toString().padStart(6)} ms  (${files.length} files, ${results.summary.objects} objects, ${(report.length / 1e6).toFixed(1)} MB of JSON)\n`,
);
