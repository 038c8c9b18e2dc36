/** The JUnit report, read back with a real XML parser: well-formed, counts right, values escaped. */
import path from 'node:path';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { FILE_TESTCASE, formatJunit, xmlAttr, xmlText } from '../src/format/junit.js';
import { rules } from '../rules/index.js';
import { lint as lintAll, lintText as lintTextAll } from '../src/lint.js';
import { lint, lintText } from './helpers/foundation.js';

const ROOT = path.resolve(import.meta.dirname, '..');

interface Element {
  name: string;
  attributes: Record<string, string>;
  children: Element[];
  text: string;
}

/**
 * Parses with saxes, a strict XML 1.0 parser: anything not well-formed (a bad escape, a character
 * XML forbids, a mismatched tag) throws.
 */
function parseXml(xml: string): Element {
  const parser = new SaxesParser({ xmlns: false });
  const root: Element = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: Element[] = [root];
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    const element: Element = { name: tag.name, attributes: tag.attributes, children: [], text: '' };
    stack.at(-1)?.children.push(element);
    stack.push(element);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', (text) => {
    const top = stack.at(-1);
    if (top) top.text += text;
  });
  parser.write(xml).close();
  expect(root.children).toHaveLength(1);
  return root.children[0] as Element;
}

interface Problem {
  message: string;
  type?: string;
  body: string;
}
interface TestCase {
  name: string;
  classname: string;
  failure?: Problem[];
  error?: Problem[];
  skipped?: Problem[];
  properties?: Record<string, string>;
}
interface TestSuite {
  name: string;
  tests: string;
  failures: string;
  errors: string;
  skipped: string;
  testcase: TestCase[];
}
interface Report {
  testsuites: { name: string; tests: string; failures: string; errors: string; skipped: string; testsuite?: TestSuite[] };
}

function problems(testcase: Element, kind: string): Problem[] | undefined {
  const found = testcase.children
    .filter((c) => c.name === kind)
    .map((c) => ({
      message: c.attributes.message ?? '',
      ...(c.attributes.type !== undefined ? { type: c.attributes.type } : {}),
      body: c.text,
    }));
  return found.length > 0 ? found : undefined;
}

/** The report as plain data, in the shape of the JUnit XML. */
function parse(xml: string): Report {
  const root = parseXml(xml);
  expect(root.name).toBe('testsuites');
  const a = root.attributes;
  const suites = root.children.map((suite): TestSuite => {
    expect(suite.name).toBe('testsuite');
    const s = suite.attributes;
    return {
      name: s.name ?? '',
      tests: s.tests ?? '',
      failures: s.failures ?? '',
      errors: s.errors ?? '',
      skipped: s.skipped ?? '',
      testcase: suite.children.map((testcase): TestCase => {
        expect(testcase.name).toBe('testcase');
        const t: TestCase = { name: testcase.attributes.name ?? '', classname: testcase.attributes.classname ?? '' };
        for (const kind of ['failure', 'error', 'skipped'] as const) {
          const found = problems(testcase, kind);
          if (found) t[kind] = found;
        }
        const properties = testcase.children.find((c) => c.name === 'properties');
        if (properties) {
          t.properties = Object.fromEntries(properties.children.map((p) => [p.attributes.name ?? '', p.attributes.value ?? '']));
        }
        return t;
      }),
    };
  });
  return {
    testsuites: {
      name: a.name ?? '',
      tests: a.tests ?? '',
      failures: a.failures ?? '',
      errors: a.errors ?? '',
      skipped: a.skipped ?? '',
      ...(suites.length > 0 ? { testsuite: suites } : {}),
    },
  };
}

function outcome(testcase: TestCase): string {
  if (testcase.error) return 'error';
  if (testcase.failure) return 'failure';
  if (testcase.skipped) return 'skipped';
  return 'passed';
}

function count(testcases: TestCase[], what: string): string {
  return String(testcases.filter((t) => outcome(t) === what).length);
}

describe('junit format', () => {
  it('reports every fixture with counts that add up', async () => {
    // Every rule runs here, so the assertions are computed from the results rather than fixed numbers.
    const results = await lintAll(['fixtures'], { cwd: ROOT });
    const report = parse(formatJunit(results));
    const suites = report.testsuites.testsuite ?? [];
    // Plus a suite of the run's notices that name no reported file (CEL rules left unchecked).
    const runNotices = results.notices.some((n) => n.filePath === undefined || !results.files.some((f) => f.filePath === n.filePath));
    expect(suites.map((s) => s.name)).toEqual([...results.files.map((f) => f.filePath), ...(runNotices ? ['kube-lint'] : [])]);
    const all = suites.flatMap((s) => s.testcase);
    expect(report.testsuites).toMatchObject({
      name: 'kube-lint',
      tests: String(all.length),
      failures: count(all, 'failure'),
      errors: count(all, 'error'),
      skipped: count(all, 'skipped'),
    });
    for (const suite of suites) {
      expect(suite.tests).toBe(String(suite.testcase.length));
      expect(suite.failures).toBe(count(suite.testcase, 'failure'));
      expect(suite.errors).toBe(count(suite.testcase, 'error'));
      expect(suite.skipped).toBe(count(suite.testcase, 'skipped'));
      if (suite.name !== 'kube-lint') expect(suite.testcase[0]?.name).toBe(FILE_TESTCASE);
      for (const testcase of suite.testcase) expect(testcase.classname).toBe(suite.name);
    }
    // One failure per finding, typed by rule id.
    const failures = all.flatMap((t) => t.failure ?? []);
    const findings = results.files.flatMap((f) => f.findings);
    expect(failures.map((f) => f.type).sort()).toEqual(findings.map((f) => f.ruleId).sort());
    // A clean file is one passing testcase.
    const cleanFiles = results.files.filter((f) => f.status === 'linted' && f.findings.length === 0).map((f) => f.filePath);
    expect(cleanFiles.length).toBeGreaterThan(0);
    for (const name of cleanFiles) {
      expect(suites.find((s) => s.name === name)).toMatchObject({ tests: '1', failures: '0', errors: '0', skipped: '0' });
    }
  });

  it('groups the findings of a file by object', async () => {
    const results = await lint(['fixtures/image-tag/invalid/cronjob-and-list.yaml'], { cwd: ROOT });
    const suite = parse(formatJunit(results)).testsuites.testsuite?.[0];
    expect(suite).toMatchObject({ name: 'fixtures/image-tag/invalid/cronjob-and-list.yaml', tests: '3', failures: '2', errors: '0' });
    expect(suite?.testcase.map((t) => [t.name, (t.failure ?? []).map((f) => f.type)])).toEqual([
      [FILE_TESTCASE, []],
      ['CronJob nightly', ['image-tag']],
      ['Pod debug', ['no-bare-pod', 'image-tag']],
    ]);
    const failure = suite?.testcase[1]?.failure?.[0];
    expect(failure?.message).toBe('container "job" uses image "busybox" with no tag, which means latest: pin a version or digest');
    expect(failure?.body?.split('\n')[0]).toBe(
      'fixtures/image-tag/invalid/cronjob-and-list.yaml:17:26: error: container "job" uses image "busybox" with no tag, which means latest: pin a version or digest [image-tag]',
    );
    expect(failure?.body).toContain('docs: https://');
  });

  it("carries each object's identity (apiVersion, kind, namespace, name) as testcase properties", () => {
    const deployment = (apiVersion: string) =>
      `apiVersion: ${apiVersion}\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec: {selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers: [{name: web, image: nginx}]}}}\n`;
    const text = `${deployment('apps/v1')}---\n${deployment('extensions/v1beta1')}`;
    const ruleSet = rules.filter((r) => r.id === 'image-tag' || r.id === 'deprecated-api');
    const results = lintTextAll(text, { filePath: 'web.yaml', ruleSet });
    const suite = parse(formatJunit(results)).testsuites.testsuite?.[0];
    expect(suite?.testcase.map((t) => [t.name, t.properties, (t.failure ?? []).map((f) => f.type)])).toEqual([
      [FILE_TESTCASE, undefined, []],
      ['Deployment shop/web', { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' }, ['image-tag']],
      [
        'Deployment shop/web',
        { apiVersion: 'extensions/v1beta1', kind: 'Deployment', namespace: 'shop', name: 'web' },
        ['deprecated-api', 'image-tag'],
      ],
    ]);
  });

  it('puts file-level problems on the (file) testcase', () => {
    const results = lintText('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: "unclosed\n', { filePath: 'broken.yaml' });
    const suite = parse(formatJunit(results)).testsuites.testsuite?.[0];
    expect(suite?.testcase.map((t) => [t.name, outcome(t), (t.failure ?? []).map((f) => f.type)])).toEqual([
      [FILE_TESTCASE, 'failure', ['yaml-syntax']],
    ]);
  });

  it('fails closed: a file that cannot be read is an error, a skipped folder a skipped test', async () => {
    const results = await lint(['fixtures/image-tag/valid/pinned.yaml', 'missing.yaml'], { cwd: ROOT });
    const report = parse(formatJunit(results));
    expect(report.testsuites).toMatchObject({ tests: '2', failures: '0', errors: '1', skipped: '0' });
    const missing = report.testsuites.testsuite?.find((s) => s.name === 'missing.yaml');
    expect(missing?.testcase[0]?.error?.[0]).toMatchObject({ type: 'file-failed', message: 'no such file or directory' });

    const withNotice = {
      ...results,
      notices: [...results.notices, { level: 'info' as const, message: 'Helm chart folder skipped', filePath: 'chart' }],
    };
    const noticed = parse(formatJunit(withNotice));
    expect(noticed.testsuites).toMatchObject({ tests: '3', errors: '1', skipped: '1' });
    const last = noticed.testsuites.testsuite?.at(-1);
    expect(last).toMatchObject({ name: 'kube-lint', tests: '1', skipped: '1' });
    expect(last?.testcase[0]).toMatchObject({ name: 'chart', skipped: [{ message: 'Helm chart folder skipped', type: 'info', body: '' }] });
  });

  it('escapes hostile values, control characters included', () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: "we\\x01b<&>]]>"',
      '  namespace: "ns\\"\'"',
      'spec:',
      '  containers:',
      '    - name: "c\\e[31m\\uD800\\t\\n"',
      '      image: "ngi\\x0Bnx\\uFFFE"',
      '',
    ].join('\n');
    const results = lintText(text, { filePath: 'dir/<a&b>"\'\u0007.yaml', rules: { 'no-bare-pod': 'off' } });
    const xml = formatJunit(results);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/); // eslint-disable-line no-control-regex
    const suite = parse(xml).testsuites.testsuite?.[0];
    expect(suite?.name).toBe('dir/<a&b>"\'\\u0007.yaml');
    const testcase = suite?.testcase[1];
    expect(testcase?.name).toBe('Pod ns"\'/we\\u0001b<&>]]>');
    expect(testcase?.failure?.[0]?.message).toBe(
      'container "c\\u001b[31m\\ud800\t\n" uses image "ngi\\u000bnx\\ufffe" with no tag, which means latest: pin a version or digest',
    );
    expect(testcase?.failure?.[0]?.body).toContain('container "c\\u001b[31m\\ud800\t\n" uses image');
  });

  it('the XML parser rejects what is not well-formed', () => {
    expect(() => parseXml('<a b="x & y"/>')).toThrow();
    expect(() => parseXml('<a>\u0001</a>')).toThrow();
    expect(() => parseXml('<a b="&#1;"/>')).toThrow();
    expect(() => parseXml('<a><b></a>')).toThrow();
  });

  it('escapes text and attributes', () => {
    expect(xmlText('a<b>&c\r\u0000\ud83d\ude00')).toBe('a&lt;b&gt;&amp;c&#13;\\u0000\ud83d\ude00');
    expect(xmlAttr('"x"\t\'y\'\n')).toBe('&quot;x&quot;&#9;&apos;y&apos;&#10;');
  });
});
