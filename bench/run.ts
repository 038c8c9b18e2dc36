/**
 * The benchmark: `npm run bench [-- --quick] [--sizes 1000,10000|none] [--runs 5] [--corpus DIR] [--no-shared]`.
 *
 * For generated corpora (and ../shared/corpus when present), as medians of several runs, each in
 * a fresh process: (a) bare js-yaml parsing (the floor), (b) parsing + schema validation (lint
 * with only the rule `schema`), (c) the full default lint with no validator cache and no prebuilt
 * validators, (c') the same with the validator cache filled (every later run), (c'') as (c') on 2
 * threads;
 * objects/s, MB/s, peak RSS, the ratios to (a), the speed-up of threads, and the wall time of the
 * whole CLI process ((c') plus start-up). Also the wall time of a cold CLI run on one small file,
 * with and without the cache, against `node -e 0`. On the generated 10,000 objects, the 20 policies of
 * bench/policies.ts beside the same run without them, in-process and as paired whole CLI processes.
 * Writes bench/results/latest.json and latest.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateCorpus, type Corpus } from './generate.js';
import { BENCH_POLICIES } from './policies.js';
import { DEFAULT_KUBERNETES_VERSION, KUBERNETES_VERSIONS } from '../src/schema/versions.js';

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

if (!existsSync(path.join(root, 'dist', 'cli.js'))) throw new Error('dist/ is missing: run "npm run build" first');

interface Sample {
  /** Per rule (measure `timing`). */
  rulesMs?: Record<string, number>;
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

function child(measure: string, folder: string, flags: readonly string[]): Sample {
  const out = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'bench', 'child.ts'), measure, folder, ...flags], {
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

function measure(name: string, corpus: Corpus, objects: () => number, flags: readonly string[] = []): Measure {
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) samples.push(child(name, corpus.dir, flags));
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

const withSchemaRule = hasSchemaRule();

interface CorpusResult {
  name: string;
  files: number;
  objects: number;
  mb: number;
  parse: Measure;
  schema: Measure | null;
  /** (c): no validator cache. */
  lint: Measure;
  /** (c'): validator cache filled. */
  lintCached: Measure;
  /** (c''): cache filled, 2 threads. */
  lintThreads: Measure;
  /** Wall time of the CLI process on the corpus, cache filled, default threads. */
  cliWallMs: number;
  ratio: number;
  ratioCached: number;
  threadSpeedup: number;
  /** Where the rules' time goes ((c'), one thread). */
  rules: RuleTimes;
}

function cacheDirFor(name: string): string {
  const dir = path.join(os.tmpdir(), 'kube-lint-bench', `cache-${name.replace(/[^\w]+/g, '-')}`);
  rmSync(dir, { recursive: true, force: true });
  return dir;
}

function benchCorpus(name: string, corpus: Corpus): CorpusResult {
  process.stderr.write(`${name}: ${corpus.files} files, ${(corpus.bytes / 1e6).toFixed(1)} MB ...\n`);
  // The lint run counts the objects (the shared corpus has no count of its own), so it goes first.
  const lint = measure('lint', corpus, () => corpus.objects, ['--cache', 'off']);
  const cache = cacheDirFor(name);
  child('lint', corpus.dir, ['--cache', cache]); // fills the cache; not counted
  const lintCached = measure('lint', corpus, () => corpus.objects, ['--cache', cache]);
  const lintThreads = measure('lint', corpus, () => corpus.objects, ['--cache', cache, '--jobs', '2']);
  const rules = ruleTimes(corpus, cache);
  const parse = measure('parse', corpus, () => corpus.objects);
  const schema = withSchemaRule ? measure('schema', corpus, () => corpus.objects, ['--cache', 'off']) : null;
  const walls: number[] = [];
  for (let i = 0; i < runs; i++) {
    walls.push(wallMs([path.join(root, 'dist', 'cli.js'), corpus.dir, '-f', 'json', '-o', os.devNull], { KUBE_LINT_CACHE_DIR: cache }));
  }
  const ratio = (x: number, y: number): number => Math.round((x / y) * 100) / 100;
  return {
    name,
    files: corpus.files,
    objects: corpus.objects,
    mb: Math.round((corpus.bytes / 1e6) * 10) / 10,
    parse,
    schema,
    lint,
    lintCached,
    lintThreads,
    cliWallMs: Math.round(median(walls)),
    ratio: ratio(lint.medianMs, parse.medianMs),
    ratioCached: ratio(lintCached.medianMs, parse.medianMs),
    threadSpeedup: ratio(lintCached.medianMs, lintThreads.medianMs),
    rules,
  };
}

/**
 * What this round's capabilities cost, by rule: API-server validation (api-validation,
 * api-warnings), the CRD catalog and CEL rules (in `schema`, which validates custom resources;
 * `cel-rule` reuses that validation), ValidatingAdmissionPolicies (admission-policy).
 */
const CAPABILITIES: Record<string, readonly string[]> = {
  'API-server validation': ['api-validation', 'api-warnings'],
  'schema (CRD catalog and CEL included)': ['schema', 'cel-rule'],
  'admission policies': ['admission-policy'],
};

interface RuleTimes {
  /** Medians per rule, in-process, one thread, validator cache filled. */
  rulesMs: Record<string, number>;
  /** The run's own median, for the shares. */
  lintMs: number;
}

function ruleTimes(corpus: Corpus, cache: string): RuleTimes {
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) samples.push(child('timing', corpus.dir, ['--cache', cache]));
  const ids = new Set(samples.flatMap((s) => Object.keys(s.rulesMs ?? {})));
  const rulesMs = Object.fromEntries(
    [...ids].map((id) => [id, Math.round(median(samples.map((s) => s.rulesMs?.[id] ?? 0)))] as const).sort(([, a], [, b]) => b - a),
  );
  return { rulesMs, lintMs: Math.round(median(samples.map((s) => s.ms))) };
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

function wallMs(args: string[], env: NodeJS.ProcessEnv = {}): number {
  const start = performance.now();
  const out = spawnSync(process.execPath, args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = performance.now() - start;
  if (out.error) throw out.error;
  return ms;
}

interface PolicyBench {
  corpus: string;
  policies: number;
  /** In-process medians, cache filled, one thread: without and with the policies. */
  lintMs: number;
  policiesMs: number;
  /** Whole CLI processes, run in pairs (without, with) so that both see the same machine load. */
  cliMs: number;
  cliPoliciesMs: number;
  /** Median of the pairs' differences. */
  cliExtraMs: number;
  findings: number;
  policyFindings: number;
  pairs: number;
}

function policyBench(name: string, corpus: Corpus): PolicyBench {
  process.stderr.write(`${name}: 20 policies ...\n`);
  const cache = cacheDirFor(`${name}-policies`);
  child('lint', corpus.dir, ['--cache', cache]); // fills the cache; not counted
  const plain: Sample[] = [];
  const withPolicies: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    plain.push(child('lint', corpus.dir, ['--cache', cache]));
    withPolicies.push(child('policies', corpus.dir, ['--cache', cache]));
  }
  const configs = path.join(os.tmpdir(), 'kube-lint-bench', 'policy-configs');
  mkdirSync(configs, { recursive: true });
  const without = path.join(configs, 'without.json');
  const withFile = path.join(configs, 'with.json');
  writeFileSync(without, '{}\n');
  writeFileSync(withFile, `${JSON.stringify({ policies: BENCH_POLICIES })}\n`);
  const cli = path.join(root, 'dist', 'cli.js');
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    a.push(wallMs([cli, corpus.dir, '-c', without, '-f', 'json', '-o', os.devNull], { KUBE_LINT_CACHE_DIR: cache }));
    b.push(wallMs([cli, corpus.dir, '-c', withFile, '-f', 'json', '-o', os.devNull], { KUBE_LINT_CACHE_DIR: cache }));
  }
  const findings = plain[0]?.findings ?? 0;
  return {
    corpus: name,
    policies: BENCH_POLICIES.length,
    lintMs: Math.round(median(plain.map((s) => s.ms))),
    policiesMs: Math.round(median(withPolicies.map((s) => s.ms))),
    cliMs: Math.round(median(a)),
    cliPoliciesMs: Math.round(median(b)),
    cliExtraMs: Math.round(median(a.map((x, i) => (b[i] ?? x) - x))),
    findings,
    policyFindings: (withPolicies[0]?.findings ?? 0) - findings,
    pairs: runs,
  };
}

interface ColdCli {
  /** One small file, validator cache filled (every run after the first). */
  cliMs: number;
  /** The same with no cache (the first run on a machine): the Deployment's validator comes prebuilt. */
  cliNoCacheMs: number;
  /** No cache, and a Kubernetes version with no prebuilt validators: the Deployment's is compiled. */
  cliCompileMs: number;
  /** The version used for cliCompileMs. */
  compileVersion: string;
  nodeMs: number;
  overheadMs: number;
  ratioToNode: number;
  runs: number;
}

function coldCli(): ColdCli {
  const dir = path.join(os.tmpdir(), 'kube-lint-bench', 'cli');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'deployment.yaml');
  writeFileSync(
    file,
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27.2\n',
  );
  const cli = path.join(root, 'dist', 'cli.js');
  const cache = { KUBE_LINT_CACHE_DIR: cacheDirFor('cli') };
  wallMs([cli, file], cache); // fills the cache
  const cached: number[] = [];
  const uncached: number[] = [];
  const compiled: number[] = [];
  const bare: number[] = [];
  const compileVersion = KUBERNETES_VERSIONS.find((v) => v !== DEFAULT_KUBERNETES_VERSION) ?? DEFAULT_KUBERNETES_VERSION;
  for (let i = 0; i < cliRuns; i++) {
    cached.push(wallMs([cli, file], cache));
    uncached.push(wallMs([cli, '--no-cache', file]));
    compiled.push(wallMs([cli, '--no-cache', '-k', compileVersion, file]));
    bare.push(wallMs(['-e', '0']));
  }
  const cliMs = Math.round(median(cached));
  const nodeMs = Math.round(median(bare));
  return {
    cliMs,
    cliNoCacheMs: Math.round(median(uncached)),
    cliCompileMs: Math.round(median(compiled)),
    compileVersion,
    nodeMs,
    overheadMs: cliMs - nodeMs,
    ratioToNode: Math.round((cliMs / nodeMs) * 100) / 100,
    runs: cliRuns,
  };
}

const started = performance.now();
const results: CorpusResult[] = [];
for (const size of sizes) {
  const dir = path.join(os.tmpdir(), 'kube-lint-bench', `generated-${size}`);
  process.stderr.write(`generating ${size} objects ...\n`);
  results.push(benchCorpus(`generated ${size.toLocaleString('en-US')}`, generateCorpus(dir, size)));
}
const tenThousand = sizes.includes(10_000) ? path.join(os.tmpdir(), 'kube-lint-bench', 'generated-10000') : undefined;
const policies = tenThousand ? policyBench('generated 10,000', generateCorpus(tenThousand, 10_000)) : undefined;
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
  policies,
  scaling: undefined as { time: number; memory: number } | undefined,
  totalSeconds: Math.round((performance.now() - started) / 1000),
};

const fmt = (n: number): string => n.toLocaleString('en-US');
const cell = (m: Measure | null): string => (m ? `${fmt(m.medianMs)} ms, ${fmt(m.objectsPerSecond)} obj/s, ${m.mbPerSecond} MB/s` : 'n/a');
const scaling = (() => {
  const small = results.find((r) => r.name === 'generated 10,000');
  const large = results.find((r) => r.name === 'generated 100,000');
  if (!small || !large) return undefined;
  return {
    time: Math.round((large.lintCached.medianMs / small.lintCached.medianMs) * 100) / 100,
    memory: Math.round((large.lintCached.peakRssMb / small.lintCached.peakRssMb) * 100) / 100,
  };
})();
report.scaling = scaling;
const lines = [
  `# kube-lint benchmark`,
  '',
  `${report.date}, Node ${report.node}, ${report.cpus} CPUs (${report.cpuModel}), load average ${report.loadAverage.join(' ')}; medians of ${runs} runs, each in a fresh process.`,
  '',
  "(a) js-yaml `loadAll`, the floor; (b) parse + schema validation; (c) the full default lint with no validator cache and no prebuilt validators (every validator compiled: the library's first run); (c') with the cache filled (every later run); (c'') as (c') on 2 threads. Times are inside the process (start-up excluded); the last column is the whole CLI process, as (c').",
  '',
  "| corpus | files | objects | MB | (a) js-yaml parse | (b) parse + schema | (c) full lint | (c') cached | (c'') 2 threads | CLI wall (c') |",
  '| --- | ---: | ---: | ---: | --- | --- | --- | --- | --- | ---: |',
  ...results.map(
    (r) =>
      `| ${r.name} | ${fmt(r.files)} | ${fmt(r.objects)} | ${r.mb} | ${cell(r.parse)} | ${cell(r.schema)} | ${cell(r.lint)} | ${cell(r.lintCached)} | ${cell(r.lintThreads)} | ${fmt(r.cliWallMs)} ms |`,
  ),
  '',
  "| corpus | (c)/(a) | (c')/(a) | 2 threads: speed-up over one | peak RSS (c) | peak RSS (c') | peak RSS (c'') |",
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...results.map(
    (r) =>
      `| ${r.name} | ${r.ratio} | ${r.ratioCached} | ${r.threadSpeedup}x | ${r.lint.peakRssMb} MB | ${r.lintCached.peakRssMb} MB | ${r.lintThreads.peakRssMb} MB |`,
  ),
  '',
  '### Where the rules spend their time',
  '',
  "In-process, one thread, validator cache filled, medians of each rule's own time (`KUBE_LINT_TIMING`); the share is of the whole in-process run (reading and parsing included). Capabilities of the last round: " +
    Object.keys(CAPABILITIES).join('; ') +
    '.',
  '',
  '| corpus | run | slowest rules | ' + Object.keys(CAPABILITIES).join(' | ') + ' |',
  '| --- | ---: | --- | ' +
    Object.keys(CAPABILITIES)
      .map(() => '---:')
      .join(' | ') +
    ' |',
  ...results.map((r) => {
    const share = (ms: number): string => `${fmt(ms)} ms (${Math.round((ms / r.rules.lintMs) * 1000) / 10}%)`;
    const slowest = Object.entries(r.rules.rulesMs)
      .slice(0, 5)
      .map(([id, ms]) => `${id} ${fmt(ms)}`)
      .join(', ');
    const groups = Object.values(CAPABILITIES).map((ids) => share(ids.reduce((sum, id) => sum + (r.rules.rulesMs[id] ?? 0), 0)));
    return `| ${r.name} | ${fmt(r.rules.lintMs)} ms | ${slowest} | ${groups.join(' | ')} |`;
  }),
  '',
  ...(scaling
    ? [`Scaling, 100,000 against 10,000 objects ((c')): ${scaling.time}x the time, ${scaling.memory}x the peak memory.`, '']
    : []),
  ...(policies
    ? [
        `Policies: ${policies.policies} custom CEL policies (bench/policies.ts) over the ${policies.corpus} objects, one thread, validator cache filled: ${fmt(policies.lintMs)} ms without, ${fmt(policies.policiesMs)} ms with (${Math.round((policies.policiesMs / policies.lintMs) * 100) / 100}x; ${fmt(policies.policyFindings)} policy findings). Whole CLI processes in ${policies.pairs} pairs: ${fmt(policies.cliMs)} ms without, ${fmt(policies.cliPoliciesMs)} ms with, median difference ${fmt(policies.cliExtraMs)} ms.`,
        '',
      ]
    : []),
  `Cold CLI on one small file: ${cli.cliMs} ms with the validator cache filled, ${cli.cliNoCacheMs} ms without (its validator prebuilt), ${cli.cliCompileMs} ms compiling it (\`--no-cache -k ${cli.compileVersion}\`); \`node -e 0\`: ${cli.nodeMs} ms; cached, ${cli.ratioToNode}x \`node -e 0\`, without a cache ${Math.round((cli.cliNoCacheMs / cli.nodeMs) * 100) / 100}x (medians of ${cli.runs} runs).`,
  '',
];
const markdown = lines.join('\n');
mkdirSync(resultsDir, { recursive: true });
writeFileSync(path.join(resultsDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(path.join(resultsDir, 'latest.md'), markdown);
process.stdout.write(`${markdown}\nTotal ${report.totalSeconds} s. Wrote bench/results/latest.json and latest.md.\n`);
