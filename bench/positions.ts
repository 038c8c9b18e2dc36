/**
 * Eager positions (js-yaml's listener on while parsing) against lazy ones (a document parsed
 * again with the listener the first time locate() asks), for several shares of documents with
 * findings. Usage: tsx bench/positions.ts <folder> [runs]. Run after `npm run build`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

interface FastModule {
  parseYamlFast: (
    text: string,
    exact: () => never,
    mode: 'eager' | 'lazy',
  ) => { documents: { value: unknown; locate: (p: (string | number)[]) => unknown }[] } | undefined;
}

const [folder, runsArg] = process.argv.slice(2);
if (!folder) throw new Error('usage: tsx bench/positions.ts <folder> [runs]');
const runs = Number(runsArg ?? 5);
const root = path.resolve(import.meta.dirname, '..');
const { parseYamlFast } = (await import(pathToFileURL(path.join(root, 'dist/src/load/fast-parse.js')).href)) as FastModule;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : /\.(ya?ml|json)$/.test(e.name) ? [path.join(dir, e.name)] : []));
}
const texts = files(folder).map((f) => readFileSync(f, 'utf8'));
const noExact = (): never => {
  throw new Error('not measured');
};

function run(mode: 'eager' | 'lazy', share: number): number {
  const start = process.cpuUsage();
  let n = 0;
  for (const text of texts) {
    let parsed;
    try {
      parsed = parseYamlFast(text, noExact, mode);
    } catch {
      continue;
    }
    for (const doc of parsed?.documents ?? []) {
      // Every k-th document has a finding; it asks for a few paths, as rules do.
      if (share > 0 && n++ % Math.round(1 / share) === 0) {
        try {
          doc.locate(['metadata', 'name']);
          doc.locate(['spec', 'template', 'spec', 'containers', 0, 'image']);
          doc.locate(['spec', 'missing']);
        } catch {
          // the exact parser is not part of this measurement
        }
      }
    }
  }
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? 0;
const rows: string[] = ['| documents with findings | eager (ms CPU) | lazy (ms CPU) |', '| ---: | ---: | ---: |'];
for (const share of [0, 0.1, 0.25, 0.5, 1]) {
  const eager: number[] = [];
  const lazy: number[] = [];
  for (let i = 0; i < runs; i++) {
    eager.push(run('eager', share));
    lazy.push(run('lazy', share));
  }
  rows.push(`| ${share * 100}% | ${Math.round(median(eager))} | ${Math.round(median(lazy))} |`);
}
process.stdout.write(`${folder}, ${texts.length} files, medians of ${runs} runs\n${rows.join('\n')}\n`);
