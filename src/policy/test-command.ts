/**
 * `kube-lint test [DIR]`: runs policies against example manifests and compares with the expected
 * results, so that policy authors keep their policies under CI (in the spirit of `kyverno test`).
 *
 * A test file is named `kube-lint-test.yaml` (or `.yml`); every one under DIR is run:
 *
 *   name: registry allow-list            # optional
 *   config: ../.kube-lint.yaml           # optional: its policies and policyPaths are tested
 *   policies: [../policies/]             # optional: policy files or folders
 *   resources: [good.yaml, bad.yaml]     # manifests, linted together in one run
 *   results:
 *     - policy: allowed-registries       # a policy id, or a ValidatingAdmissionPolicy's name
 *       binding: my-binding              # ValidatingAdmissionPolicy only, optional
 *       resources: [Deployment/web]      # Kind/name or Kind/namespace/name (or `resource:`)
 *       result: fail                     # fail | pass
 *       line: 12                         # optional: a finding at this line
 *       message: registry                # optional: a finding whose message contains this
 *
 * Paths are relative to the test file. Only the policies are run (the built-in rules are off, but
 * for `admission-policy`); a resource that does not parse fails the test.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { rules as builtinRules } from '../../rules/index.js';
import { ConfigError, UsageError } from '../errors.js';
import { lint, type LintOptions } from '../lint.js';
import { collectFiles } from '../load/files.js';
import { isRecord, objectsOfDocument, refOf } from '../load/objects.js';
import { parseYaml, type ParsedDocument } from '../load/parse.js';
import type { RuleSetting } from '../engine/config.js';
import type { Finding, LintResults, ObjectRef } from '../types.js';
import { printable } from '../format/text.js';
import { filesUnder, lineIn } from './load.js';

export const TEST_FILE_NAMES = ['kube-lint-test.yaml', 'kube-lint-test.yml'];
const ADMISSION_RULE = 'admission-policy';

interface TestIo {
  stdout: (text: string) => void;
  cwd: string;
}

export interface ExpectedResult {
  policy: string;
  binding?: string;
  resources: string[];
  result: 'pass' | 'fail';
  line?: number;
  message?: string;
  /** Line of this entry in the test file. */
  at: number;
}

export interface TestFile {
  file: string;
  name?: string;
  config?: string;
  policies: string[];
  resources: string[];
  results: ExpectedResult[];
}

export interface CaseOutcome {
  expected: ExpectedResult;
  resource: string;
  ok: boolean;
  /** Why it failed. */
  detail?: string;
}

function problem(file: string, document: ParsedDocument | undefined, at: (string | number)[], message: string): ConfigError {
  const line = lineIn(document, at);
  return new ConfigError(`${file}${line !== undefined ? `:${line}` : ''}: ${message}`);
}

function stringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  return undefined;
}

/** Reads and checks a test file; a mistake in it is a ConfigError at its line. */
export function readTestFile(file: string, shownAs: string): TestFile {
  const parsed = parseYaml(readFileSync(file, 'utf8'));
  const first = parsed.problems[0];
  if (first) throw new ConfigError(`${shownAs}:${first.line}: ${first.message}`);
  const document = parsed.documents[0];
  const value = document?.value;
  if (!isRecord(value)) throw new ConfigError(`${shownAs}: a test file is a mapping with resources and results`);
  const known = ['name', 'config', 'policies', 'resources', 'results'];
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) throw problem(shownAs, document, [key], `unknown key "${key}" (known keys: ${known.join(', ')})`);
  }
  const resources = stringList(value.resources);
  if (!resources || resources.length === 0)
    throw problem(shownAs, document, ['resources'], 'resources must list manifest files or folders');
  const policies = value.policies === undefined ? [] : stringList(value.policies);
  if (!policies) throw problem(shownAs, document, ['policies'], 'policies must list policy files or folders');
  if (value.config !== undefined && typeof value.config !== 'string')
    throw problem(shownAs, document, ['config'], 'config must be a file name');
  if (!Array.isArray(value.results) || value.results.length === 0)
    throw problem(shownAs, document, ['results'], 'results must list the expected results');
  const results = value.results.map((raw, i): ExpectedResult => {
    const at = ['results', i];
    if (!isRecord(raw)) throw problem(shownAs, document, at, 'a result is a mapping with policy, resources and result');
    const keys = ['policy', 'binding', 'resource', 'resources', 'result', 'line', 'message'];
    for (const key of Object.keys(raw)) {
      if (!keys.includes(key)) throw problem(shownAs, document, [...at, key], `unknown key "${key}" (known keys: ${keys.join(', ')})`);
    }
    if (typeof raw.policy !== 'string' || raw.policy === '') throw problem(shownAs, document, at, 'policy is required');
    const names = stringList(raw.resources ?? raw.resource);
    if (!names || names.length === 0)
      throw problem(shownAs, document, at, 'resources (or resource) is required: Kind/name or Kind/namespace/name');
    if (raw.result !== 'pass' && raw.result !== 'fail') throw problem(shownAs, document, [...at, 'result'], 'result must be pass or fail');
    if (raw.line !== undefined && (typeof raw.line !== 'number' || !Number.isInteger(raw.line) || raw.line < 1))
      throw problem(shownAs, document, [...at, 'line'], 'line must be a line number');
    if (raw.binding !== undefined && typeof raw.binding !== 'string')
      throw problem(shownAs, document, [...at, 'binding'], 'binding must be a name');
    if (raw.message !== undefined && typeof raw.message !== 'string')
      throw problem(shownAs, document, [...at, 'message'], 'message must be a string');
    const line = lineIn(document, at) ?? 0;
    return {
      policy: raw.policy,
      ...(raw.binding !== undefined ? { binding: raw.binding } : {}),
      resources: names,
      result: raw.result,
      ...(raw.line !== undefined ? { line: raw.line } : {}),
      ...(raw.message !== undefined ? { message: raw.message } : {}),
      at: line,
    };
  });
  return {
    file,
    ...(typeof value.name === 'string' ? { name: value.name } : {}),
    ...(typeof value.config === 'string' ? { config: value.config } : {}),
    policies,
    resources,
    results,
  };
}

/** `Kind/name` and, with a namespace, `Kind/namespace/name` of an object. */
function namesOf(o: ObjectRef | undefined): string[] {
  if (!o?.kind || o.name === undefined) return [];
  return o.namespace !== undefined ? [`${o.kind}/${o.namespace}/${o.name}`, `${o.kind}/${o.name}`] : [`${o.kind}/${o.name}`];
}

function resourceNames(finding: Finding): string[] {
  return namesOf(finding.object);
}

/** The names of the objects in the resources of a test (`Kind/name`, `Kind/namespace/name`). */
async function objectNames(test: TestFile): Promise<Set<string>> {
  const cwd = path.dirname(test.file);
  const { files } = await collectFiles(test.resources, { cwd, ignore: [] });
  const names = new Set<string>();
  for (const file of files) {
    let parsed;
    try {
      parsed = parseYaml(readFileSync(file.absolutePath, 'utf8'));
    } catch {
      continue; // the run reports it
    }
    for (const document of parsed.documents) {
      for (const object of objectsOfDocument(document, file.displayPath).objects)
        for (const name of namesOf(refOf(object))) names.add(name);
    }
  }
  return names;
}

function findingsOf(results: LintResults, expected: ExpectedResult, resource: string): Finding[] {
  return results.files
    .flatMap((f) => f.findings)
    .filter((f) => {
      if (!resourceNames(f).includes(resource)) return false;
      if (f.ruleId === expected.policy) return true;
      if (f.ruleId !== ADMISSION_RULE) return false;
      const lead = `ValidatingAdmissionPolicy '${expected.policy}'`;
      return f.message.includes(expected.binding !== undefined ? `${lead} with binding '${expected.binding}'` : lead);
    })
    .filter((f) => !f.message.includes('cannot be checked offline'));
}

function where(f: Finding): string {
  return `${f.filePath}:${f.line}`;
}

/** Compares the results of a run with what a test file expects. */
export function compare(test: TestFile, results: LintResults, objects: ReadonlySet<string>): CaseOutcome[] {
  const outcomes: CaseOutcome[] = [];
  for (const expected of test.results) {
    for (const resource of expected.resources) {
      if (!objects.has(resource)) {
        outcomes.push({ expected, resource, ok: false, detail: `no object ${resource} in the resources` });
        continue;
      }
      const found = findingsOf(results, expected, resource);
      if (expected.result === 'pass') {
        const first = found[0];
        outcomes.push(
          first
            ? {
                expected,
                resource,
                ok: false,
                detail: `expected pass, got ${found.length} finding${found.length > 1 ? 's' : ''}: ${first.message} (${where(first)})`,
              }
            : { expected, resource, ok: true },
        );
        continue;
      }
      const matching = found.filter(
        (f) =>
          (expected.line === undefined || f.line === expected.line) &&
          (expected.message === undefined || f.message.includes(expected.message)),
      );
      if (matching.length > 0) outcomes.push({ expected, resource, ok: true });
      else if (found.length === 0) outcomes.push({ expected, resource, ok: false, detail: 'expected fail, got no finding' });
      else {
        const first = found[0] as Finding;
        outcomes.push({
          expected,
          resource,
          ok: false,
          detail: `expected fail${expected.line !== undefined ? ` at line ${expected.line}` : ''}${expected.message !== undefined ? ` with "${expected.message}"` : ''}, got: ${first.message} (${where(first)})`,
        });
      }
    }
  }
  return outcomes;
}

/** The lint options of a test: only the policies, the resources linted together. */
export function testOptions(test: TestFile): LintOptions {
  const dir = path.dirname(test.file);
  const rules: Record<string, RuleSetting> = Object.fromEntries(builtinRules.map((r) => [r.id, r.id === ADMISSION_RULE ? 'error' : 'off']));
  const options: LintOptions = { cwd: dir, rules, policies: test.policies, jobs: 1 };
  if (test.config !== undefined) options.configFile = test.config;
  else options.config = {};
  return options;
}

/** The unresolved-path problems of a run: a resource that could not be read fails the test. */
function runProblems(results: LintResults): string[] {
  const failed = results.files.filter((f) => f.status === 'failed').map((f) => `${f.filePath}: ${f.reason ?? 'could not be read'}`);
  const syntax = results.files.flatMap((f) => f.findings.filter((x) => x.ruleId === 'yaml-syntax').map((x) => `${where(x)}: ${x.message}`));
  return [...failed, ...syntax];
}

export async function testCommand(argv: string[], io: TestIo): Promise<number> {
  if (argv.length > 1 || argv.some((a) => a.startsWith('-')))
    throw new UsageError('kube-lint test takes one folder or test file: kube-lint test [DIR]');
  const target = path.resolve(io.cwd, argv[0] ?? '.');
  let files: string[];
  try {
    files = filesUnder(target, (name) => TEST_FILE_NAMES.includes(name));
  } catch {
    throw new UsageError(`no such folder or file: ${argv[0] ?? '.'}`);
  }
  if (files.length === 0) throw new UsageError(`no ${TEST_FILE_NAMES[0] ?? ''} under ${argv[0] ?? '.'}`);
  let passed = 0;
  let failed = 0;
  const lines: string[] = [];
  for (const file of files) {
    const shownAs = path.relative(io.cwd, file) || file;
    const test = readTestFile(file, shownAs);
    const results = await lint(test.resources, testOptions(test));
    lines.push(`${printable(shownAs)}${test.name !== undefined ? ` (${printable(test.name)})` : ''}`);
    const problems = runProblems(results);
    for (const p of problems) lines.push(`  ✗ resources: ${printable(p)}`);
    failed += problems.length;
    for (const outcome of compare(test, results, await objectNames(test))) {
      const label = `${outcome.expected.policy}  ${outcome.resource}  ${outcome.expected.result}`;
      if (outcome.ok) {
        passed++;
        lines.push(`  ✓ ${printable(label)}`);
      } else {
        failed++;
        lines.push(`  ✗ ${printable(label)} (${printable(shownAs)}:${outcome.expected.at}): ${printable(outcome.detail ?? '')}`);
      }
    }
  }
  lines.push('', `${passed + failed} checks, ${passed} passed, ${failed} failed`);
  io.stdout(`${lines.join('\n')}\n`);
  return failed > 0 ? 1 : 0;
}
