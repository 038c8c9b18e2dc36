/**
 * Fuzzes kube-lint with mutated manifests: fixtures/**\/*.yaml, and ../shared/corpus when present
 * (or --corpus DIR). Most inputs go through `lintText` in this process (fast); a share is written
 * to files and linted by the built CLI (`node dist/cli.js`), several files per process.
 *
 *   npm run fuzz                              60 seconds, a random seed
 *   npm run fuzz -- --seconds 300 --seed 42   longer, reproducible
 *   options: --corpus DIR  --out DIR (default fuzz-failures/)  --batch N (files per CLI run, 16)
 *            --cli-share F (fraction of inputs sent to the CLI, 0.2)  --time-limit MS (per input, 10000)
 *            --compare-max N (inputs of up to N characters are also parsed by the manifest reader and
 *            the exact parser, and must agree: values, spans, problems, every range; 100000)
 *
 * Fails (exit 1) on an exit code other than 0/1/2, a stack trace on stderr, an internal-error
 * finding, a finding outside the text, an exception, an input over the time limit, or a difference
 * between the manifest reader and the exact parser. Each failing input is saved under --out with
 * a note of why, to become a regression fixture.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { lintText } from '../src/lint.js';
import type { LintResults } from '../src/types.js';
import { brokenInvariant, mutate, TOKENS, type Mutation } from '../test/helpers/invariants.js';
import { compareReader } from '../test/helpers/parsers.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    seed: { type: 'string' },
    corpus: { type: 'string' },
    out: { type: 'string', default: path.join(ROOT, 'fuzz-failures') },
    batch: { type: 'string', default: '16' },
    'cli-share': { type: 'string', default: '0.2' },
    'time-limit': { type: 'string', default: '10000' },
    'compare-max': { type: 'string', default: '100000' },
  },
});

const seconds = Number(values.seconds);
const seed = values.seed !== undefined ? Number(values.seed) : Date.now() % 2 ** 31;
const batchSize = Math.max(1, Number(values.batch));
const cliShare = Number(values['cli-share']);
const timeLimit = Number(values['time-limit']);
const parserCompareMaxChars = Number(values['compare-max']);
let compared = 0;

/** mulberry32: small, fast, seeded. */
function random(seedValue: number): () => number {
  let a = seedValue >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = random(seed);
const int = (n: number): number => Math.floor(rand() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;

function manifestFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .flatMap((e) => (e.isDirectory() ? manifestFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort();
}

const corpusDir = values.corpus ?? path.resolve(ROOT, '..', 'shared', 'corpus');
const sources = [...manifestFiles(path.join(ROOT, 'fixtures')), ...(existsSync(corpusDir) ? manifestFiles(corpusDir) : [])]
  .filter((f) => statSync(f).size < 2_000_000)
  .map((f) => readFileSync(f, 'utf8'));

/** Whole-text mutations the line-level ones in test/helpers/invariants.ts do not make. */
const HAVOC: ((text: string) => string)[] = [
  (t) => t.replace(/\n/g, '\r\n'),
  (t) => `\ufeff${t}`,
  (t) => {
    const at = int(t.length + 1);
    return `${t.slice(0, at)}${'['.repeat(1 + int(400))}${t.slice(at)}`;
  },
  (t) => {
    const lines = t.split('\n');
    const at = int(lines.length);
    lines.splice(at, 0, '<<<<<<< HEAD', ...lines.slice(at, at + 2), '=======', '>>>>>>> theirs');
    return lines.join('\n');
  },
  (t) => t.replace(/^( +)/gm, (m) => (rand() < 0.1 ? '\t' + m.slice(1) : m)),
  (t) => {
    const anchor = `&x${int(9)} `;
    return t.replace(/: (\S)/, `: ${anchor}$1`).replace(/(\n\s+\w+: )\S+/, `$1*x${int(9)}`);
  },
  (t) => `${t}\n---\n${t}`,
  (t) => t.slice(0, int(t.length + 1)),
  (t) => t.replace(/"/g, () => (rand() < 0.2 ? '' : '"')),
  (t) => {
    const lines = t.split('\n');
    const at = int(lines.length);
    lines.splice(at, 0, ...Array.from({ length: 1 + int(50) }, (_, i) => `${' '.repeat(i)}k${i}:`));
    return lines.join('\n');
  },
  (t) => {
    // Type confusion: a value of the wrong shape, or a name that Object.prototype also has.
    const lines = t.split('\n');
    const candidates = lines.map((l, i) => (/^\s*-?\s*[\w./-]+:\s*\S/.test(l) ? i : -1)).filter((i) => i >= 0);
    if (candidates.length === 0) return t;
    const at = pick(candidates);
    lines[at] = (lines[at] ?? '').replace(/:\s*\S.*$/, `: ${pick(ODD_VALUES)}`);
    return lines.join('\n');
  },
];

const ODD_VALUES = [
  '{}',
  '[]',
  '~',
  '""',
  '0',
  '-1',
  '1e400',
  '.nan',
  '.inf',
  'true',
  '[1, [2, [3]]]',
  '{a: {b: {c: d}}}',
  '[{}, ~, 1]',
  'toString',
  'constructor',
  '__proto__',
  'hasOwnProperty',
  '!!binary aGVsbG8=',
  '2001-12-14',
  '0x7fffffffffffffffffffff',
  '"\\u001b[31m"',
  "'##[error]x'",
];

function randomMutation(): Mutation {
  switch (int(6)) {
    case 0:
      return { kind: 'delete', at: int(1e6) };
    case 1:
      return { kind: 'duplicate', at: int(1e6) };
    case 2:
      return { kind: 'swap', at: int(1e6), with: int(1e6) };
    case 3:
      return { kind: 'indent', at: int(1e6), by: int(9) - 4 };
    case 4:
      return { kind: 'insert', at: int(1e7), text: pick(TOKENS) };
    default:
      return { kind: 'replace', at: int(1e7), text: String.fromCharCode(int(0x3000)) };
  }
}

function makeInput(): string {
  let text = pick(sources);
  const rounds = 1 + int(4);
  for (let r = 0; r < rounds; r++) {
    text = rand() < 0.7 ? mutate(text, Array.from({ length: 1 + int(5) }, randomMutation)) : pick(HAVOC)(text);
  }
  return text;
}

interface Failure {
  reason: string;
  input: string | Buffer;
}

const failures: Failure[] = [];
const seen = new Set<string>();

function record(reason: string, input: string | Buffer): void {
  const hash = createHash('sha256').update(input).digest('hex').slice(0, 12);
  if (seen.has(hash)) return;
  seen.add(hash);
  failures.push({ reason, input });
  mkdirSync(values.out, { recursive: true });
  writeFileSync(path.join(values.out, `${hash}.yaml`), input);
  writeFileSync(path.join(values.out, `${hash}.txt`), `${reason}\nseed ${seed}\n`);
  process.stderr.write(`FAIL ${hash}: ${reason.split('\n')[0] ?? ''}\n`);
}

/** The manifest reader against the exact parser: values, spans, problems, every range. */
function compareParsersOn(text: string): void {
  // Every path of a large file is slow to locate with the exact parser: the reader's share of
  // the inputs is the smaller files (most mutated fixtures, many corpus files).
  if (text.length > parserCompareMaxChars) return;
  compared++;
  let differences: string[];
  try {
    differences = compareReader(text).differences;
  } catch (error) {
    record(`parser comparison threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, text);
    return;
  }
  if (differences.length > 0) record(`reader and exact parser differ:\n${differences.join('\n')}`, text);
}

function lintInProcess(text: string): void {
  compareParsersOn(text);
  const started = performance.now();
  let results: LintResults;
  try {
    results = lintText(text, { config: { extends: 'all' }, filePath: 'fuzz.yaml' });
  } catch (error) {
    record(`lintText threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, text);
    return;
  }
  const ms = performance.now() - started;
  if (ms > timeLimit) record(`slow: ${Math.round(ms)} ms in process`, text);
  const broken = brokenInvariant(text, results);
  if (broken) record(broken, text);
}

interface JsonReport {
  files: { filePath: string; findings: LintResults['files'][number]['findings'] }[];
}

function runCli(dir: string, names: string[]): { status: number | null; stdout: string; stderr: string; ms: number; timedOut: boolean } {
  const started = performance.now();
  const result = spawnSync(process.execPath, [CLI, '-f', 'json', ...names], {
    cwd: dir,
    encoding: 'utf8',
    timeout: timeLimit * names.length,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1' },
  });
  const timedOut = result.error !== undefined && 'code' in result.error && result.error.code === 'ETIMEDOUT';
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, ms: performance.now() - started, timedOut };
}

/** What is wrong with one CLI run, if anything. */
function cliProblem(run: ReturnType<typeof runCli>, texts: Map<string, string>): string | undefined {
  if (run.timedOut) return `CLI timed out after ${Math.round(run.ms)} ms`;
  if (run.status === null || ![0, 1, 2].includes(run.status)) return `CLI exit code ${String(run.status)}`;
  if (/\n\s+at /.test(`\n${run.stderr}`)) return `stack trace on stderr: ${run.stderr}`;
  let report: JsonReport;
  try {
    report = JSON.parse(run.stdout) as JsonReport;
  } catch {
    return `stdout is not JSON (exit ${run.status}): ${run.stdout.slice(0, 200)} ${run.stderr.slice(0, 500)}`;
  }
  for (const file of report.files) {
    const text = texts.get(file.filePath);
    if (text === undefined) continue;
    const broken = brokenInvariant(text, { internalError: false, files: [file] } as unknown as LintResults);
    if (broken) return `${file.filePath}: ${broken}`;
  }
  return undefined;
}

function lintWithCli(inputs: (string | Buffer)[]): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'kube-lint-fuzz-'));
  try {
    const texts = new Map<string, string>();
    const names = inputs.map((input, i) => {
      const name = `f${i}.yaml`;
      writeFileSync(path.join(dir, name), input);
      texts.set(name, typeof input === 'string' ? input.replace(/^\ufeff/, '') : new TextDecoder().decode(input));
      return name;
    });
    const problem = cliProblem(runCli(dir, names), texts);
    if (!problem) return;
    // Find the input(s) to blame, one file at a time.
    let blamed = false;
    names.forEach((name, i) => {
      const alone = cliProblem(runCli(dir, [name]), texts);
      const input = inputs[i];
      if (alone && input !== undefined) {
        record(`CLI: ${alone}`, input);
        blamed = true;
      }
    });
    if (!blamed) record(`CLI batch: ${problem}`, inputs.map((x) => (typeof x === 'string' ? x : x.toString('latin1'))).join('\n---\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Now and then, raw bytes: invalid UTF-8, NULs, UTF-16. */
function toBytes(text: string): string | Buffer {
  const roll = rand();
  if (roll < 0.05) return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  if (roll < 0.1) {
    const bytes = Buffer.from(text);
    if (bytes.length > 0) bytes[int(bytes.length)] = int(256);
    return bytes;
  }
  return text;
}

if (!existsSync(CLI)) {
  process.stderr.write(`fuzz: ${CLI} is missing: run npm run build first\n`);
  process.exit(2);
}
process.stdout.write(`fuzz: seed ${seed}, ${sources.length} source files, ${seconds} s\n`);
const deadline = performance.now() + seconds * 1000;
let inProcess = 0;
let viaCli = 0;
let batch: (string | Buffer)[] = [];
while (performance.now() < deadline) {
  const text = makeInput();
  if (rand() < cliShare) {
    batch.push(toBytes(text));
    if (batch.length >= batchSize) {
      lintWithCli(batch);
      viaCli += batch.length;
      batch = [];
    }
  } else {
    lintInProcess(text);
    inProcess++;
  }
}
if (batch.length > 0) {
  lintWithCli(batch);
  viaCli += batch.length;
}
process.stdout.write(
  `fuzz: ${inProcess + viaCli} inputs tried (${inProcess} in process, ${viaCli} through the CLI, ${compared} parsed by the reader and the exact parser), ${failures.length} failing${failures.length > 0 ? `, saved in ${values.out}` : ''}\n`,
);
process.exitCode = failures.length > 0 ? 1 : 0;
