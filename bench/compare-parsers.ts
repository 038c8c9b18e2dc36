/**
 * The fast parser against the exact one over a folder of real manifests (values, spans, problems,
 * locate() of every path): `tsx bench/compare-parsers.ts ../shared/corpus`. What the tests do on
 * fixtures and generated input, for a corpus too big to commit.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseYamlFast } from '../src/load/fast-parse.js';
import { parseYamlExact } from '../src/load/parse.js';
import { differences } from '../test/helpers/parsers.js';

const folder = process.argv[2];
if (!folder) throw new Error('usage: tsx bench/compare-parsers.ts <folder>');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : /\.(ya?ml|json)$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

const counts = { files: 0, fast: 0, exactOnly: 0, askedExact: 0, differing: 0 };
for (const file of files(folder)) {
  counts.files++;
  const text = readFileSync(file, 'utf8');
  const exact = parseYamlExact(text);
  let asked = false;
  const fast = parseYamlFast(text, (documentText) => {
    asked = true;
    return parseYamlExact(documentText);
  });
  if (!fast) {
    counts.exactOnly++;
    continue;
  }
  counts.fast++;
  const diffs = differences(fast, exact, 5);
  if (asked) counts.askedExact++;
  if (diffs.length > 0) {
    counts.differing++;
    process.stdout.write(`${file}\n  ${diffs.join('\n  ')}\n`);
  }
}
process.stdout.write(`${JSON.stringify(counts)}\n`);
if (counts.differing > 0) process.exitCode = 1;
