/**
 * Parsing with positions, two builds side by side: `tsx bench/parse-paths.ts <folder> <distA>
 * <distB> [rounds]`, where each dist is a built `dist/` folder (e.g. ../main/dist and dist). Each
 * round runs A then B, each in a fresh process that reads every file first, then times
 * `parseYaml` of every file (documents in memory, as the CLI has them) and then one `locate()` of
 * `metadata.name` in every document (every document's positions, as when each has a finding).
 * Prints the medians and the paired ratios.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

interface ParseModule {
  parseYaml: (text: string) => { documents: { locate: (path: (string | number)[]) => unknown }[] };
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : /\.(ya?ml|json)$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

const [mode, ...rest] = process.argv.slice(2);
if (mode === '--child') {
  const [folder, dist] = rest as [string, string];
  const texts = files(folder).map((f) => readFileSync(f, 'utf8'));
  const { parseYaml } = (await import(pathToFileURL(path.resolve(dist, 'src/load/parse.js')).href)) as ParseModule;
  const started = performance.now();
  const parsed = texts.map((text) => parseYaml(text));
  const parseMs = performance.now() - started;
  for (const file of parsed) for (const document of file.documents) document.locate(['metadata', 'name']);
  const totalMs = performance.now() - started;
  process.stdout.write(`${JSON.stringify({ parseMs, totalMs, rssMb: process.memoryUsage().rss / 2 ** 20 })}\n`);
} else {
  const [distA, distB, roundsArg] = rest;
  if (!mode || !distA || !distB) throw new Error('usage: tsx bench/parse-paths.ts <folder> <distA> <distB> [rounds]');
  const rounds = Number(roundsArg ?? 5);
  type Sample = { parseMs: number; totalMs: number; rssMb: number };
  const run = (dist: string): Sample => {
    const out = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--child', mode, dist], { encoding: 'utf8' });
    if (out.status !== 0) throw new Error(out.stderr);
    return JSON.parse(out.stdout) as Sample;
  };
  const a: Sample[] = [];
  const b: Sample[] = [];
  for (let i = 0; i < rounds; i++) {
    a.push(run(distA));
    b.push(run(distB));
  }
  const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[xs.length >> 1] ?? 0;
  const show = (key: keyof Sample): string => {
    const ratios = a.map((s, i) => s[key] / (b[i] as Sample)[key]);
    return `${key}: A ${median(a.map((s) => s[key])).toFixed(0)}, B ${median(b.map((s) => s[key])).toFixed(0)}, A/B paired median ${median(ratios).toFixed(2)}x`;
  };
  process.stdout.write(
    `${mode}, ${rounds} rounds (A = ${distA}, B = ${distB})\n${show('parseMs')}\n${show('totalMs')}\n${show('rssMb')}\n`,
  );
}
