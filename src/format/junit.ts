/**
 * JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure Pipelines, CircleCI).
 *
 * - one `<testsuite>` per file, named by its path;
 * - in it, one `<testcase>` per Kubernetes object with findings (named `Kind namespace/name`, its
 *   identity in `<properties>`: apiVersion, kind, namespace, name), and
 *   one testcase named `(file)` for the file itself, which holds the problems that belong to no
 *   object (YAML syntax, suppression directives) and passes when there are none, so a clean file
 *   still counts as a passed test;
 * - one `<failure type="rule-id">` per finding; an internal error is an `<error>`; a file that
 *   could not be read is an `<error>` on `(file)`, a skipped file a `<skipped>`;
 * - notices about input that is in no file of the report (a Helm chart folder, a link loop) make a
 *   last suite named `kube-lint`.
 *
 * `tests` counts testcases; `failures`, `errors` and `skipped` count testcases in that state (a
 * testcase with an error counts as an error only), so `tests - failures - errors - skipped` is the
 * number that passed, as JUnit readers compute it.
 */
import type { FileResult, Finding, LintResults, ObjectRef } from '../types.js';
import { TOOL_NAME } from '../version.js';

const INTERNAL_ERROR = 'internal-error';
export const FILE_TESTCASE = '(file)';

// Characters XML 1.0 does not allow at all, not even as character references: C0 controls other
// than tab, LF and CR, U+FFFE/U+FFFF, and lone surrogates.
/* eslint-disable no-control-regex -- matching control characters is the point */
const FORBIDDEN =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/* eslint-enable no-control-regex */

function visible(text: string): string {
  return text.replace(FORBIDDEN, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Escapes text content: forbidden characters become visible `\uXXXX`, markup characters entities. */
export function xmlText(text: string): string {
  return visible(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** Escapes an attribute value (double-quoted); tab, LF and CR are kept as character references. */
export function xmlAttr(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

interface Problem {
  element: 'failure' | 'error' | 'skipped';
  type?: string;
  message: string;
  body?: string;
}

interface TestCase {
  name: string;
  /** The object's identity, as `<property>` elements. */
  object?: ObjectRef;
  problems: Problem[];
}

const IDENTITY: readonly (keyof ObjectRef)[] = ['apiVersion', 'kind', 'namespace', 'name'];

type Outcome = 'passed' | 'failure' | 'error' | 'skipped';

function outcomeOf(testcase: TestCase): Outcome {
  if (testcase.problems.some((p) => p.element === 'error')) return 'error';
  if (testcase.problems.some((p) => p.element === 'failure')) return 'failure';
  if (testcase.problems.some((p) => p.element === 'skipped')) return 'skipped';
  return 'passed';
}

function objectName(finding: Finding): string | undefined {
  const o = finding.object;
  if (!o) return undefined;
  const name = o.name ?? '(unnamed)';
  return `${o.kind ?? 'object'} ${o.namespace !== undefined ? `${o.namespace}/` : ''}${name}`;
}

function problemOf(finding: Finding): Problem {
  const body = [
    `${finding.filePath}:${finding.line}:${finding.column}: ${finding.severity}: ${finding.message} [${finding.ruleId}]`,
    ...(finding.path !== '' ? [`path: ${finding.path}`] : []),
    ...(finding.remediation !== undefined ? [`how to fix: ${finding.remediation}`] : []),
    ...(finding.docsUrl !== undefined ? [`docs: ${finding.docsUrl}`] : []),
  ].join('\n');
  return {
    element: finding.ruleId === INTERNAL_ERROR ? 'error' : 'failure',
    type: finding.ruleId,
    message: finding.message,
    body,
  };
}

function testcasesOf(file: FileResult): TestCase[] {
  const fileCase: TestCase = { name: FILE_TESTCASE, problems: [] };
  if (file.status === 'failed') {
    fileCase.problems.push({ element: 'error', type: 'file-failed', message: file.reason ?? 'the file could not be linted' });
  } else if (file.status === 'skipped') {
    fileCase.problems.push({ element: 'skipped', message: file.reason ?? 'skipped' });
  }
  const byObject = new Map<string, TestCase>();
  for (const finding of file.findings) {
    const name = objectName(finding);
    if (name === undefined || !finding.object) {
      fileCase.problems.push(problemOf(finding));
      continue;
    }
    // Keyed by the whole identity: a Flux and a kustomize Kustomization may share kind and name.
    const key = JSON.stringify(IDENTITY.map((k) => finding.object?.[k]));
    let testcase = byObject.get(key);
    if (!testcase) {
      testcase = { name, object: finding.object, problems: [] };
      byObject.set(key, testcase);
    }
    testcase.problems.push(problemOf(finding));
  }
  return [fileCase, ...byObject.values()];
}

function count(testcases: readonly TestCase[], outcome: Outcome): number {
  return testcases.filter((t) => outcomeOf(t) === outcome).length;
}

function counts(testcases: readonly TestCase[]): string {
  return `tests="${testcases.length}" failures="${count(testcases, 'failure')}" errors="${count(testcases, 'error')}" skipped="${count(testcases, 'skipped')}"`;
}

function renderProblem(problem: Problem): string {
  const type = problem.type !== undefined ? ` type="${xmlAttr(problem.type)}"` : '';
  const open = `<${problem.element} message="${xmlAttr(problem.message)}"${type}`;
  return problem.body !== undefined ? `${open}>${xmlText(problem.body)}</${problem.element}>` : `${open}/>`;
}

/**
 * Notices about no file of the report (a folder skipped as a Helm chart, a symbolic link loop)
 * make a suite of their own, so that input that was left out is never silent: an error notice is
 * an `<error>`, the others `<skipped>`.
 */
function noticeSuite(results: LintResults): Suite | undefined {
  const reported = new Set(results.files.map((f) => f.filePath));
  const testcases = results.notices
    .filter((n) => n.filePath === undefined || !reported.has(n.filePath))
    .map((notice): TestCase => ({
      name: notice.filePath ?? '(run)',
      problems: [{ element: notice.level === 'error' ? 'error' : 'skipped', type: notice.level, message: notice.message }],
    }));
  return testcases.length > 0 ? { name: TOOL_NAME, testcases } : undefined;
}

interface Suite {
  name: string;
  testcases: TestCase[];
}

export function formatJunit(results: LintResults): string {
  const suites: Suite[] = results.files.map((file) => ({ name: file.filePath, testcases: testcasesOf(file) }));
  const notices = noticeSuite(results);
  if (notices) suites.push(notices);
  const all = suites.flatMap((s) => s.testcases);
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="${TOOL_NAME}" ${counts(all)} time="0">`];
  for (const suite of suites) {
    const name = xmlAttr(suite.name);
    lines.push(`  <testsuite name="${name}" ${counts(suite.testcases)} time="0">`);
    for (const testcase of suite.testcases) {
      const open = `    <testcase name="${xmlAttr(testcase.name)}" classname="${name}" time="0"`;
      if (testcase.problems.length === 0) {
        lines.push(`${open}/>`);
        continue;
      }
      lines.push(`${open}>`);
      const identity = IDENTITY.flatMap((k) => {
        const value = testcase.object?.[k];
        return value === undefined ? [] : [`        <property name="${k}" value="${xmlAttr(value)}"/>`];
      });
      if (identity.length > 0) lines.push('      <properties>', ...identity, '      </properties>');
      for (const problem of testcase.problems) lines.push(`      ${renderProblem(problem)}`);
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
