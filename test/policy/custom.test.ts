/**
 * kube-lint's own policies (fixtures/policies/custom): one policy for each part (match and exclude,
 * matchConditions, variables and params, messageExpression, fieldPath), each finding asserted with
 * its line in the stylish, JSON and SARIF reports. And a policy is a rule: re-severitied,
 * suppressed, turned off like any other.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { formatJson, formatSarif, formatStylish } from '../../src/format/index.js';
import { lint, lintText, prepareConfig } from '../../src/lint.js';
import { ruleDescriptors } from '../../src/rule-descriptors.js';
import type { Finding } from '../../src/types.js';
import { expectationKey, expectationsOf, FIXTURES, findingKey } from '../helpers/fixtures.js';
import { tempTree } from '../helpers/cli.js';

const CASE = path.join(FIXTURES, 'policies', 'custom');
const FILES = ['namespaces.yaml', 'services.yaml', 'workloads.yaml'].map((f) => path.join(CASE, f));

describe('custom policies: the fixture', async () => {
  const prepared = prepareConfig({ cwd: CASE });
  const results = await lint(['.'], { cwd: CASE, prepared });
  const findings = results.files.flatMap((f) => f.findings);

  it('finds exactly the marked findings', () => {
    expect(results.internalError).toBe(false);
    expect(findings.map(findingKey).sort()).toEqual(expectationsOf(FILES, CASE).map(expectationKey).sort());
  });

  it('stylish: message, line, column and severity of each part', () => {
    expect(formatStylish(results, { color: false })).toBe(`services.yaml
  7:9  error  LoadBalancer Services are only allowed in ingress-* namespaces  no-loadbalancer

workloads.yaml
  9:13  warning  run at least 2 replicas in prod  prod-replicas
  46:3  error    add a team label (team=<owning team>)  team-label
  54:5  error    images must come from registry.example.com/ or ghcr.io/acme/, not redis:7.2.4  allowed-registries
  55:7  warning  memory limits in shop-dev are at most 4Gi: redis asks for 8Gi  dev-memory-ceiling
  69:1  error    add a team label (team=<owning team>)  team-label

✖ 6 problems (4 errors, 2 warnings); 10 objects in 3 files linted
`);
  });

  it('JSON: each finding with its path, object, remediation and documentation', () => {
    const report = JSON.parse(formatJson(results)) as { files: { findings: Finding[] }[] };
    const pick = (f: Finding) => [f.ruleId, f.severity, f.line, f.column, f.path, `${f.object?.kind ?? ''}/${f.object?.name ?? ''}`];
    expect(report.files.flatMap((f) => f.findings).map(pick)).toEqual([
      ['no-loadbalancer', 'error', 7, 9, 'spec.type', 'Service/web'],
      ['prod-replicas', 'warning', 9, 13, 'spec.replicas', 'Deployment/web'],
      ['team-label', 'error', 46, 3, 'metadata.labels', 'Deployment/cache'],
      ['allowed-registries', 'error', 54, 5, 'spec.template.spec', 'Deployment/cache'],
      ['dev-memory-ceiling', 'warning', 55, 7, 'spec.template.spec.containers', 'Deployment/cache'],
      ['team-label', 'error', 69, 1, 'metadata.labels', 'StatefulSet/db'],
    ]);
    const lb = report.files.flatMap((f) => f.findings).find((f) => f.ruleId === 'no-loadbalancer');
    expect(lb?.docsUrl).toBe('https://wiki.example.com/platform/services');
    expect(lb?.remediation).toBe('Expose the Service through the shared Ingress instead.');
  });

  it('SARIF: the policies are rules with their metadata; results at their lines', () => {
    const sarif = JSON.parse(formatSarif(results, { rules: ruleDescriptors(prepared.ruleSet) })) as {
      runs: {
        tool: {
          driver: {
            rules: {
              id: string;
              shortDescription: { text: string };
              helpUri?: string;
              defaultConfiguration: { level: string };
              properties: { category: string };
            }[];
          };
        };
        results: { ruleId: string; level: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[];
      }[];
    };
    const run = sarif.runs[0];
    const rule = (id: string) => run?.tool.driver.rules.find((r) => r.id === id);
    expect(rule('no-loadbalancer')).toMatchObject({
      shortDescription: { text: 'No LoadBalancer Services outside the ingress-* namespaces.' },
      helpUri: 'https://wiki.example.com/platform/services',
      defaultConfiguration: { level: 'error' },
      properties: { category: 'security' },
    });
    expect(rule('dev-memory-ceiling')).toMatchObject({
      defaultConfiguration: { level: 'warning' },
      properties: { category: 'efficiency' },
    });
    expect(rule('team-label')?.helpUri).toBe('https://github.com/kube-lint/kube-lint/blob/main/docs/policies.md');
    expect(run?.results.map((r) => [r.ruleId, r.level, r.locations[0]?.physicalLocation.region.startLine])).toEqual([
      ['no-loadbalancer', 'error', 7],
      ['prod-replicas', 'warning', 9],
      ['team-label', 'error', 46],
      ['allowed-registries', 'error', 54],
      ['dev-memory-ceiling', 'warning', 55],
      ['team-label', 'error', 69],
    ]);
  });
});

describe('a policy is a rule', () => {
  const config = readFileSync(path.join(CASE, '.kube-lint.yaml'), 'utf8');
  const workloads = readFileSync(path.join(CASE, 'workloads.yaml'), 'utf8');

  it('is turned off and re-severitied from the command line', async () => {
    const results = await lint(['.'], { cwd: CASE, rules: { 'team-label': 'off', 'allowed-registries': 'info' } });
    const findings = results.files.flatMap((f) => f.findings);
    expect(findings.filter((f) => f.ruleId === 'team-label')).toEqual([]);
    expect(findings.filter((f) => f.ruleId === 'allowed-registries').map((f) => f.severity)).toEqual(['info']);
  });

  it('is suppressed by a comment and by the object annotation', () => {
    const cwd = tempTree({ '.kube-lint.yaml': config });
    const text = workloads
      .replace('  labels: # expect: team-label\n', '  # kube-lint-disable-next-line team-label -- a cache needs no owner\n  labels:\n')
      .replace(
        'metadata: # expect: team-label\n  name: db\n',
        'metadata:\n  name: db\n  annotations:\n    kube-lint.io/ignore: team-label\n',
      );
    const results = lintText(text, { cwd, filePath: 'workloads.yaml' });
    expect(results.files.flatMap((f) => f.findings).filter((f) => f.ruleId === 'team-label')).toEqual([]);
    expect(results.summary.suppressed).toBe(2);
  });
});

describe('policies that cannot run', () => {
  it('a policy that does not compile is a configuration error naming file, line and the CEL error', () => {
    const cwd = tempTree({
      '.kube-lint.yaml': `policies:
  - id: replicas
    description: At most 10 replicas
    validations:
      - expression: object.spec.replicas <= 10 &&
      - expression: size(object.spec.containers) > 0 ||| true
      - expression: object.spec.replicas.lenght() < 3
`,
    });
    let error: unknown;
    try {
      prepareConfig({ cwd });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const lines = (error as Error).message.split('\n');
    expect(lines[0]).toBe('3 problems in policies not valid:');
    expect(lines[1]).toMatch(/^\.kube-lint\.yaml:5:21: validations\[0\]\.expression does not compile: .+/);
    expect(lines[2]).toMatch(/^\.kube-lint\.yaml:6:21: validations\[1\]\.expression does not compile: .+/);
    expect(lines[3]).toBe(
      ".kube-lint.yaml:7:21: validations[2].expression does not compile: undeclared reference to 'lenght' (in container '')",
    );
  });

  it('a runaway expression is reported once and stopped, and the run goes on', async () => {
    const loops = '[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30]';
    const cwd = tempTree({
      '.kube-lint.yaml': `rules: {no-bare-pod: off, image-tag: off}
policies:
  - id: runaway
    description: Never ends
    match: {kinds: [ConfigMap]}
    validations:
      - expression: "${loops}.all(a, ${loops}.all(b, ${loops}.all(c, ${loops}.all(d, ${loops}.all(e, a > 0)))))"
`,
      'cm.yaml': `apiVersion: v1
kind: ConfigMap
metadata: {name: one}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: two}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: three}
`,
    });
    const started = performance.now();
    const results = await lint(['cm.yaml'], { cwd });
    expect(performance.now() - started).toBeLessThan(10_000);
    const findings = results.files.flatMap((f) => f.findings).map((f) => `${f.line} ${f.severity} ${f.message}`);
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatch(
      /^1 error expression '\[1,2,3.*\.\.\.' went over the CEL evaluation limit \(loop iterations or time\): simplify it$/,
    );
    expect(findings[1]).toMatch(
      /^5 info policy "runaway" cannot be checked offline on 2 objects \(ConfigMap two, ConfigMap three\): expression '.*' went over the CEL limit on ConfigMap one and was not run again$/,
    );
  });
});
