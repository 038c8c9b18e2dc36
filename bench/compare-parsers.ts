/**
 * The fast parsers against the exact one over folders of real manifests (values, spans, problems,
 * locate() of every path, both targets): `tsx bench/compare-parsers.ts ../shared/corpus
 * ../shared/repos`. What the tests do on fixtures and generated input, for corpora too big to
 * commit. For the manifest reader (src/load/reader.ts) it also reports the share of the bytes it
 * reads itself (the rest: documents it leaves to the exact parser, files it leaves whole to the
 * js-yaml path). Exit 1 on any difference.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseYamlFast } from '../src/load/fast-parse.js';
import { parseYamlExact } from '../src/load/parse.js';
import { readManifests } from '../src/load/reader.js';
import { differences } from '../test/helpers/parsers.js';

const folders = process.argv.slice(2);
if (folders.length === 0) throw new Error('usage: tsx bench/compare-parsers.ts <folder>...');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => {
      if (e.isDirectory()) return e.name === '.git' || e.name === 'node_modules' ? [] : files(path.join(dir, e.name));
      return /\.(ya?ml|json)$/.test(e.name) ? [path.join(dir, e.name)] : [];
    });
}

const fast = { files: 0, exactOnly: 0, askedExact: 0, differing: 0 };
const reader = { files: 0, wholeFileElsewhere: 0, documentsToExact: 0, differing: 0, bytes: 0, bytesRead: 0 };
const report = (label: string, file: string, diffs: string[]): void => {
  process.stdout.write(`${label} ${file}\n  ${diffs.join('\n  ')}\n`);
};
for (const folder of folders) {
  for (const file of files(folder)) {
    const text = readFileSync(file, 'utf8');
    const exact = parseYamlExact(text);

    reader.files++;
    reader.bytes += text.length;
    let handedOver = 0;
    const read = readManifests(text, (documentText) => {
      handedOver += documentText.length;
      reader.documentsToExact++;
      return parseYamlExact(documentText);
    });
    if (!read) {
      reader.wholeFileElsewhere++;
    } else {
      reader.bytesRead += text.length - handedOver;
      const diffs = differences(read, exact, 5);
      if (diffs.length > 0) {
        reader.differing++;
        report('reader', file, diffs);
      }
    }

    fast.files++;
    let asked = false;
    const viaJsYaml = parseYamlFast(text, (documentText) => {
      asked = true;
      return parseYamlExact(documentText);
    });
    if (!viaJsYaml) {
      fast.exactOnly++;
      continue;
    }
    if (asked) fast.askedExact++;
    const diffs = differences(viaJsYaml, exact, 5);
    if (diffs.length > 0) {
      fast.differing++;
      report('js-yaml path', file, diffs);
    }
  }
}
const share = reader.bytes > 0 ? (100 * reader.bytesRead) / reader.bytes : 0;
process.stdout.write(`reader: ${JSON.stringify(reader)}, ${share.toFixed(1)}% of the bytes read by the reader\n`);
process.stdout.write(`js-yaml path: ${JSON.stringify(fast)}\n`);
if (reader.differing > 0 || fast.differing > 0) process.exitCode = 1;
