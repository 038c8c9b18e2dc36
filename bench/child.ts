/**
 * One measurement in a fresh process (so that its peak RSS is its own): prints one JSON line
 * `{ ms, maxRssKb, documents, objects, findings }`. Usage: child.ts parse|schema|lint|policies <folder>
 * [--jobs N] [--cache DIR|off] (lint and schema: threads, and the validator cache folder). `policies`
 * is `lint` with the 20 policies of bench/policies.ts in the configuration; `timing` is `lint` that also
 * prints each rule's time (`rulesMs`, as KUBE_LINT_TIMING measures it).
 * Imports the built library (dist/), as users run it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadAll } from 'js-yaml';
import { BENCH_POLICIES } from './policies.js';

interface LintModule {
  lint: (
    inputs: string[],
    options: Record<string, unknown>,
  ) => Promise<{ summary: { objects: number; errors: number; warnings: number; infos: number } }>;
}
interface TimingModule {
  RuleTiming: new () => { sorted(): [string, number][] };
}
interface RulesModule {
  rules: readonly { id: string }[];
}

const root = path.resolve(import.meta.dirname, '..');
const [measure, folder, ...flags] = process.argv.slice(2);
if (!measure || !folder) throw new Error('usage: child.ts parse|schema|lint|policies|timing <folder> [--jobs N] [--cache DIR|off]');
const flag = (name: string): string | undefined => {
  const at = flags.indexOf(name);
  return at >= 0 ? flags[at + 1] : undefined;
};

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...yamlFiles(full));
    else if (/\.(ya?ml|json)$/i.test(entry.name)) out.push(full);
  }
  return out;
}

const load = async <T>(file: string): Promise<T> => (await import(pathToFileURL(path.join(root, file)).href)) as T;
const { lint } = await load<LintModule>('dist/src/lint.js');
const { RuleTiming } = await load<TimingModule>('dist/src/lint.js');
const { rules } = await load<RulesModule>('dist/rules/index.js');

const start = performance.now();
let documents = 0;
let objects = 0;
let findings = 0;
let rulesMs: Record<string, number> | undefined;
if (measure === 'parse') {
  for (const file of yamlFiles(folder)) {
    try {
      documents += loadAll(readFileSync(file).toString('utf8')).length;
    } catch {
      // a file js-yaml refuses still counts its reading time
    }
  }
} else {
  // Threads and the validator cache as asked (default: one thread, no cache).
  const cache = flag('--cache') ?? 'off';
  const options: Record<string, unknown> = { cwd: folder, jobs: Number(flag('--jobs') ?? 1), cacheDir: cache === 'off' ? false : cache };
  if (measure === 'schema') {
    const schema = rules.find((r) => r.id === 'schema');
    if (!schema) throw new Error('no rule "schema" in this build');
    options.config = { extends: 'all' };
    options.ruleSet = [schema];
  }
  if (measure === 'policies') options.config = { policies: BENCH_POLICIES };
  const timing = measure === 'timing' ? new RuleTiming() : undefined;
  if (timing) options.timing = timing;
  const results = await lint([folder], options);
  if (timing) rulesMs = Object.fromEntries(timing.sorted().map(([id, ms]) => [id, Math.round(ms)]));
  objects = results.summary.objects;
  findings = results.summary.errors + results.summary.warnings + results.summary.infos;
}
const ms = performance.now() - start;
process.stdout.write(`${JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS, documents, objects, findings, rulesMs })}\n`);
