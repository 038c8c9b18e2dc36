/**
 * The benchmark: `npm run bench [-- --quick] [--sizes 1000,10000|none] [--runs 5] [--corpus DIR] [--no-shared]`.
 *
 * For generated corpora (and ../shared/corpus when present), as medians of several runs, each in
 * a fresh process: (a) bare js-yaml parsing (the floor), (b) parsing + schema validation (lint
 * with only the rule `schema`, when this build has it), (c) the full default lint; objects/s,
 * MB/s, peak RSS, and the ratio (c)/(a). Also the wall time of a cold CLI run on one small file
 * against `node -e 0`. Writes bench/results/latest.json and latest.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateCorpus, type Corpus } from './generate.js';

const root = path.resolve(import.meta.dirname, '..');
const resultsDir = path.join(root, 'bench', 'results');

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    sizes: { type: 'string' },
    runs: { type: 'string' },
    'no-shared': { type: 'boolean', default: false },
    corpus: { type: 'string' },
  },
});
const quick = values.quick;
const sizes =
  values.sizes === 'none'
    ? []
    : values.sizes
      ? values.sizes.split(',').map((s) => Number(s.trim()))
      : quick
        ? [1_000, 10_000]
        : [1_000, 10_000, 100_000];
if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error(`--sizes takes whole numbers, got "${values.sizes ?? ''}"`);
const runs = values.runs ? Number(values.runs) : quick ? 3 : 5;
const cliRuns = quick ? 5 : 10;

if (!existsSync(path.join(root, 'dist', 'src', 'cli.js'))) throw new Error('dist/ is missing: run "npm run build" first');

interface Sample {
  ms: number;
  maxRssKb: number;
  documents: number;
  objects: number;
  findings: number;
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function child(measure: string, folder: string): Sample {
  const out = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'bench', 'child.ts'), measure, folder], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (out.status !== 0) throw new Error(`bench child ${measure} ${folder} failed:\n${out.stderr}`);
  return JSON.parse(out.stdout.trim().split('\n').pop() ?? '') as Sample;
}

interface Measure {
  medianMs: number;
  runsMs: number[];
  objectsPerSecond: number;
  mbPerSecond: number;
  peakRssMb: number;
  findings?: number;
}

function measure(name: string, corpus: Corpus, objects: () => number): Measure {
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) samples.push(child(name, corpus.dir));
  const medianMs = median(samples.map((s) => s.ms));
  const result: Measure = {
    medianMs: Math.round(medianMs),
    runsMs: samples.map((s) => Math.round(s.ms)),
    objectsPerSecond: 0,
    mbPerSecond: Math.round((corpus.bytes / 1e6 / (medianMs / 1000)) * 10) / 10,
    peakRssMb: Math.round(median(samples.map((s) => s.maxRssKb)) / 1024),
  };
  if (name !== 'parse') {
    corpus.objects = samples[0]?.objects ?? corpus.objects;
    result.findings = samples[0]?.findings ?? 0;
  }
  result.objectsPerSecond = Math.round(objects() / (medianMs / 1000));
  return result;
}

/** Whether this build has the rule `schema` (measure (b) is n/a otherwise). */
function hasSchemaRule(): boolean {
  const script = `import(${JSON.stringify(path.join(root, 'dist', 'rules', 'index.js'))}).then((m) => process.stdout.write(String(m.rules.some((r) => r.id === 'schema'))))`;
  return spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' }).stdout === 'true';
}

interface CorpusResult {
  name: string;
  files: number;
  objects: number;
  mb: number;
  parse: Measure;
  schema: Measure | null;
  lint: Measure;
  ratio: number;
}

function benchCorpus(name: string, corpus: Corpus): CorpusResult {
  process.stderr.write(`${name}: ${corpus.files} files, ${(corpus.bytes / 1e6).toFixed(1)} MB ...\n`);
  // The lint run counts the objects (the shared corpus has no count of its own), so it goes first.
  const lint = measure('lint', corpus, () => corpus.objects);
  const parse = measure('parse', corpus, () => corpus.objects);
  const schema = hasSchemaRule() ? measure('schema', corpus, () => corpus.objects) : null;
  return {
    name,
    files: corpus.files,
    objects: corpus.objects,
    mb: Math.round((corpus.bytes / 1e6) * 10) / 10,
    parse,
    schema,
    lint,
    ratio: Math.round((lint.medianMs / parse.medianMs) * 100) / 100,
  };
}

/** The shared corpus beside the repository (../shared/corpus; ../../shared/corpus from a worktree), or --corpus. */
function sharedCorpus(): Corpus | undefined {
  if (values['no-shared']) return undefined;
  const candidates = values.corpus
    ? [path.resolve(values.corpus)]
    : [path.resolve(root, '../shared/corpus'), path.resolve(root, '../../shared/corpus')];
  const dir = candidates.find((d) => existsSync(d));
  if (!dir) return undefined;
  const files = spawnSync(process.execPath, ['-e', FILE_STATS, dir], { encoding: 'utf8' });
  const { count, bytes } = JSON.parse(files.stdout) as { count: number; bytes: number };
  return { dir, files: count, objects: 0, bytes };
}

const FILE_STATS = `
const fs = require('node:fs'), path = require('node:path');
let count = 0, bytes = 0;
const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) { const f = path.join(d, e.name);
  if (e.isDirectory()) walk(f); else if (/\\.(ya?ml|json)$/i.test(e.name)) { count++; bytes += fs.statSync(f).size; } } };
walk(process.argv[1]); process.stdout.write(JSON.stringify({ count, bytes }));`;

function wallMs(args: string[]): number {
  const start = performance.now();
  const out = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  const ms = performance.now() - start;
  if (out.error) throw out.error;
  return ms;
}

function coldCli(): { cliMs: number; nodeMs: number; overheadMs: number; runs: number } {
  const dir = path.join(os.tmpdir(), 'kube-lint-bench', 'cli');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'deployment.yaml');
  writeFileSync(
    file,
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27.2\n',
  );
  const cli: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < cliRuns; i++) {
    cli.push(wallMs([path.join(root, 'dist', 'src', 'cli.js'), file]));
    bare.push(wallMs(['-e', '0']));
  }
  const cliMs = Math.round(median(cli));
  const nodeMs = Math.round(median(bare));
  return { cliMs, nodeMs, overheadMs: cliMs - nodeMs, runs: cliRuns };
}

const started = performance.now();
const results: CorpusResult[] = [];
for (const size of sizes) {
  const dir = path.join(os.tmpdir(), 'kube-lint-bench', `generated-${size}`);
  process.stderr.write(`generating ${size} objects ...\n`);
  results.push(benchCorpus(`generated ${size.toLocaleString('en-US')}`, generateCorpus(dir, size)));
}
const shared = sharedCorpus();
if (shared) results.push(benchCorpus(values.corpus ? path.basename(shared.dir) : 'shared/corpus', shared));
const cli = coldCli();

const report = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100),
  runs,
  corpora: results,
  coldCli: cli,
  totalSeconds: Math.round((performance.now() - started) / 1000),
};

const fmt = (n: number): string => n.toLocaleString('en-US');
const cell = (m: Measure | null): string => (m ? `${fmt(m.medianMs)} ms, ${fmt(m.objectsPerSecond)} obj/s, ${m.mbPerSecond} MB/s` : 'n/a');
const lines = [
  `# kube-lint benchmark`,
  '',
  `${report.date}, Node ${report.node}, ${report.cpus} CPUs (${report.cpuModel}), load average ${report.loadAverage.join(' ')}; medians of ${runs} runs, each in a fresh process.`,
  '',
  '| corpus | files | objects | MB | (a) js-yaml parse | (b) parse + schema | (c) full lint | peak RSS (c) | (c)/(a) |',
  '| --- | ---: | ---: | ---: | --- | --- | --- | ---: | ---: |',
  ...results.map(
    (r) =>
      `| ${r.name} | ${fmt(r.files)} | ${fmt(r.objects)} | ${r.mb} | ${cell(r.parse)} | ${cell(r.schema)} | ${cell(r.lint)} | ${r.lint.peakRssMb} MB | ${r.ratio} |`,
  ),
  '',
  `Cold CLI on one small file: ${cli.cliMs} ms; \`node -e 0\`: ${cli.nodeMs} ms; kube-lint's own start-up: ${cli.overheadMs} ms (medians of ${cli.runs} runs).`,
  '',
];
const markdown = lines.join('\n');
mkdirSync(resultsDir, { recursive: true });
writeFileSync(path.join(resultsDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(path.join(resultsDir, 'latest.md'), markdown);
process.stdout.write(`${markdown}\nTotal ${report.totalSeconds} s. Wrote bench/results/latest.json and latest.md.\n`);
