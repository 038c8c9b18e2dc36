/** The SARIF report: valid against the SARIF 2.1.0 schema, complete, and stable across commits. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { artifactLocationOf, FINGERPRINT_KEY, formatSarif as formatSarifOf, SRCROOT } from '../src/format/sarif.js';
import { formatSarif } from '../src/index.js';
import { lint as lintAll } from '../src/lint.js';
import type { RuleDescriptor } from '../src/format/descriptor.js';
import type { LintResults } from '../src/types.js';
import { lint, lintText } from './helpers/foundation.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const SCHEMA_FILE = path.join(ROOT, 'test/schemas/sarif-2.1.0.json');
const SCHEMA_SHA256 = '1c49a0f2b60444c71bb14878e21e0d882198eff4c539861b133093ad89ed798c';

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId?: string };
      region: { startLine: number; startColumn: number; endLine: number; endColumn?: number };
    };
    logicalLocations?: { name: string; fullyQualifiedName: string; kind: string; properties?: { apiVersion: string } }[];
  }[];
  partialFingerprints: Record<string, string>;
  properties: { path: string; object?: Record<string, string>; documentIndex?: number };
}
interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration: { level: string };
  properties: { category: string; tags: string[] };
}
interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; informationUri: string; rules: SarifRule[] } };
    invocations: {
      executionSuccessful: boolean;
      toolExecutionNotifications?: {
        level: string;
        message: { text: string };
        locations?: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[];
      }[];
      ruleConfigurationOverrides?: { descriptor: { id: string; index: number }; configuration: { level: string } }[];
    }[];
    originalUriBaseIds?: Record<string, { uri: string }>;
    results: SarifResult[];
  }[];
}

function validator() {
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object;
  // The schema puts `required` in `anyOf` branches without `properties`, which strict mode rejects.
  const ajv = new Ajv2020({ allErrors: true, strictRequired: false });
  // ajv-formats is CommonJS: its function is both module.exports and module.exports.default.
  ajvFormats.default(ajv);
  return ajv.compile(schema);
}

const validate = validator();

function sarifOf(results: LintResults): SarifLog {
  const text = formatSarif(results, { cwd: ROOT });
  const log = JSON.parse(text) as SarifLog;
  const ok = validate(log);
  expect(validate.errors ?? [], 'schema errors').toEqual([]);
  expect(ok).toBe(true);
  return log;
}

function runOf(log: SarifLog) {
  const run = log.runs[0];
  if (!run) throw new Error('no run');
  return run;
}

describe('sarif format', () => {
  it('uses the schema file it says it uses', () => {
    expect(createHash('sha256').update(readFileSync(SCHEMA_FILE)).digest('hex')).toBe(SCHEMA_SHA256);
  });

  it('the schema validator can fail', () => {
    const log = JSON.parse(formatSarif(lintText('apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n'), {})) as SarifLog;
    const result = runOf(log).results[0];
    if (!result) throw new Error('expected a result');
    expect(validate(log)).toBe(true);
    result.level = 'fatal';
    expect(validate(log)).toBe(false);
    result.level = 'warning';
    const location = result.locations[0];
    if (!location) throw new Error('expected a location');
    location.physicalLocation.region.startLine = 0;
    expect(validate(log)).toBe(false);
  });

  it('the formatter describes the rules it is given, as plain data, and others by their id', () => {
    const results = lintText('apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers: [{name: web, image: nginx:latest}]\n');
    expect(results.rules.map((r) => r.id)).toContain('image-tag');
    const given: RuleDescriptor = {
      id: 'image-tag',
      description: 'Images are pinned',
      rationale: 'A tag moves',
      remediation: 'Pin it',
      docsUrl: 'https://example.com/image-tag',
      defaultSeverity: 'warning',
      category: 'policy',
    };
    const driver = runOf(JSON.parse(formatSarifOf(results, { rules: [given] })) as SarifLog).tool.driver;
    expect(driver.rules.find((r) => r.id === 'image-tag')).toEqual({
      id: 'image-tag',
      name: 'ImageTag',
      shortDescription: { text: 'Images are pinned.' },
      fullDescription: { text: 'Images are pinned. A tag moves.' },
      help: {
        text: 'A tag moves.\n\nHow to fix: Pin it.',
        markdown: '**Why:** A tag moves.\n\n**How to fix:** Pin it.\n\n[Documentation](https://example.com/image-tag)',
      },
      helpUri: 'https://example.com/image-tag',
      defaultConfiguration: { level: 'warning' },
      properties: { category: 'policy', tags: ['kubernetes', 'policy'] },
    });
    expect(driver.rules.find((r) => r.id === 'no-bare-pod')?.shortDescription.text).toBe('kube-lint rule no-bare-pod.');
  });

  it('reports every fixture as valid SARIF 2.1.0 with the rules that ran', async () => {
    // Every rule runs here; the other tests run only the foundation's rules, so their findings are exact.
    const results = await lintAll(['fixtures'], { cwd: ROOT, reportUnusedDisables: true });
    const log = sarifOf(results);
    expect(log.version).toBe('2.1.0');
    const run = runOf(log);
    const driver = run.tool.driver;
    expect(driver.name).toBe('kube-lint');
    expect(driver.informationUri).toMatch(/^https:\/\//);
    expect(driver.rules.map((r) => r.id)).toEqual(results.rules.map((r) => r.id));

    for (const descriptor of driver.rules) {
      const rule = rules.find((r) => r.id === descriptor.id);
      if (!rule) throw new Error(`descriptor ${descriptor.id} is no rule`);
      expect(descriptor.shortDescription.text).toBe(`${rule.meta.description}.`);
      expect(descriptor.fullDescription.text).toContain(rule.meta.rationale);
      expect(descriptor.help.text).toContain(rule.meta.rationale);
      expect(descriptor.help.text).toContain(rule.meta.remediation);
      expect(descriptor.help.markdown).toContain(`**How to fix:** ${rule.meta.remediation}`);
      expect(descriptor.help.markdown).toContain(`[Documentation](${rule.docsUrl})`);
      expect(descriptor.helpUri).toBe(rule.docsUrl);
      expect(descriptor.defaultConfiguration.level).toBe({ error: 'error', warning: 'warning', info: 'note' }[rule.meta.defaultSeverity]);
      expect(descriptor.properties.category).toBe(rule.meta.category);
      expect(descriptor.properties.tags).toEqual(['kubernetes', rule.meta.category]);
    }

    const findings = results.files.flatMap((f) => f.findings);
    expect(run.results).toHaveLength(findings.length);
    expect(run.results.length).toBe(results.summary.errors + results.summary.warnings + results.summary.infos);
    for (const result of run.results) {
      expect(driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
      expect(Object.keys(result.partialFingerprints)).toEqual([FINGERPRINT_KEY]);
    }
    expect(run.originalUriBaseIds).toEqual({ [SRCROOT]: { uri: `${pathToFileURL(ROOT).href}/` } });
    expect(run.invocations[0]?.executionSuccessful).toBe(true);

    const web = run.results.find((r) => r.message.text.startsWith('container "web" uses image "nginx:latest"'));
    expect(web).toMatchObject({
      ruleId: 'image-tag',
      level: 'error',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'fixtures/image-tag/invalid/latest-and-untagged.yaml', uriBaseId: SRCROOT },
            region: { startLine: 17, startColumn: 18, endLine: 17, endColumn: 30 },
          },
        },
      ],
    });
    const bare = run.results.filter((r) => r.ruleId === 'no-bare-pod');
    expect(bare.length).toBeGreaterThan(0);
    expect(new Set(bare.map((r) => r.level))).toEqual(new Set(['warning']));
    const syntax = run.results.filter((r) => r.ruleId === 'yaml-syntax');
    expect(syntax.length).toBeGreaterThan(0);
    expect(syntax.every((r) => r.locations[0]?.logicalLocations === undefined)).toBe(true);
  });

  it('names the object of a finding as a logical location', () => {
    const text =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx\n';
    const run = runOf(sarifOf(lintText(text, { filePath: 'deploy.yaml', cwd: ROOT })));
    expect(run.results[0]?.locations[0]?.logicalLocations).toEqual([
      { name: 'web', fullyQualifiedName: 'Deployment/shop/web', kind: 'resource', properties: { apiVersion: 'apps/v1' } },
    ]);
    expect(run.results.map((r) => r.properties.object)).toEqual(
      run.results.map(() => ({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' })),
    );
  });

  it('keeps a fingerprint when the code moves, and changes it when the finding changes', () => {
    const deployment = (image: string, name = 'web') =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ${image}\n`;
    const resultOf = (text: string, filePath = 'deploy.yaml') => {
      const result = runOf(sarifOf(lintText(text, { filePath, cwd: ROOT }))).results[0];
      if (!result) throw new Error('expected a result');
      return { line: result.locations[0]?.physicalLocation.region.startLine, fingerprint: result.partialFingerprints[FINGERPRINT_KEY] };
    };
    const before = resultOf(deployment('nginx:latest'));
    const moved = resultOf(`# a comment\n\n\n${deployment('nginx:latest')}`);
    expect(before.line).toBe(10);
    expect(moved.line).toBe(13);
    expect(moved.fingerprint).toBe(before.fingerprint);
    expect(before.fingerprint).toMatch(/^[0-9a-f]{32}:1$/);
    expect(resultOf(deployment('redis:latest')).fingerprint).not.toBe(before.fingerprint);
    expect(resultOf(deployment('nginx:latest', 'api')).fingerprint).not.toBe(before.fingerprint);
    expect(resultOf(deployment('nginx:latest'), 'other.yaml').fingerprint).not.toBe(before.fingerprint);
  });

  it('numbers identical findings so that each keeps its own fingerprint', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n    - name: c\n      image: x\n';
    const run = runOf(sarifOf(lintText(`${pod}---\n${pod}`, { filePath: 'twice.yaml', cwd: ROOT })));
    const prints = run.results.filter((r) => r.ruleId === 'image-tag').map((r) => r.partialFingerprints[FINGERPRINT_KEY] ?? '');
    expect(prints).toHaveLength(2);
    expect(prints[0]?.replace(/:\d+$/, '')).toBe(prints[1]?.replace(/:\d+$/, ''));
    expect(prints.map((p) => p.slice(-2))).toEqual([':1', ':2']);
  });

  it('fails closed: a file that cannot be read is a notification and the run is unsuccessful', async () => {
    const results = await lint(['fixtures/image-tag/invalid/latest-and-untagged.yaml', 'no/such-file.yaml'], { cwd: ROOT });
    const run = runOf(sarifOf(results));
    const invocation = run.invocations[0];
    expect(invocation?.executionSuccessful).toBe(false);
    expect(invocation?.toolExecutionNotifications).toEqual([
      {
        level: 'error',
        message: { text: 'no/such-file.yaml: no such file or directory.' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'no/such-file.yaml', uriBaseId: SRCROOT } } }],
      },
    ]);
    expect(run.results.map((r) => r.ruleId)).toEqual(['image-tag', 'image-tag', 'image-tag']);
  });

  it('records a severity set in the config as an override of the rule default', () => {
    const results = lintText('apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n    - name: c\n      image: x:1\n', {
      rules: { 'no-bare-pod': 'error' },
    });
    const run = runOf(sarifOf(results));
    const index = run.tool.driver.rules.findIndex((r) => r.id === 'no-bare-pod');
    expect(run.tool.driver.rules[index]?.defaultConfiguration.level).toBe('warning');
    expect(run.invocations[0]?.ruleConfigurationOverrides).toEqual([
      { descriptor: { id: 'no-bare-pod', index }, configuration: { level: 'error' } },
    ]);
    expect(run.results.map((r) => [r.ruleId, r.level])).toEqual([['no-bare-pod', 'error']]);
  });

  it('writes a zero-width position without endColumn', () => {
    const results = lintText('# kube-lint-disable no-bare-pod\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\n', {
      reportUnusedDisables: true,
      filePath: 'a.yaml',
    });
    const run = runOf(sarifOf(results));
    const unused = run.results.find((r) => r.ruleId === 'unused-disable');
    expect(unused?.locations[0]?.physicalLocation.region).toEqual({ startLine: 1, startColumn: 1, endLine: 1 });
  });

  it('turns paths into URI references', () => {
    expect(artifactLocationOf('k8s/app deploy#1.yaml')).toEqual({ uri: 'k8s/app%20deploy%231.yaml', uriBaseId: SRCROOT });
    expect(artifactLocationOf('<stdin>')).toEqual({ uri: '%3Cstdin%3E', uriBaseId: SRCROOT });
    expect(artifactLocationOf('/srv/k8s/a b.yaml')).toEqual({ uri: 'file:///srv/k8s/a%20b.yaml' });
    expect(artifactLocationOf('C:/k8s/a b.yaml')).toEqual({ uri: 'file:///C:/k8s/a%20b.yaml' });
  });
});
