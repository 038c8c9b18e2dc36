/** The built command: `kube-lint test`, `kube-lint rules` with policies, `--policy`, configuration errors. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers/fixtures.js';
import { runCli, tempTree } from '../helpers/cli.js';

const TESTS = path.join(FIXTURES, 'policies', 'test-command');

describe('kube-lint test', () => {
  it('passes when every expected result holds', () => {
    const run = runCli(['test', 'passing'], { cwd: TESTS });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(`passing/kube-lint-test.yaml (registry allow-list and replica limit)
  ✓ allowed-registries  Deployment/good  pass
  ✓ allowed-registries  Deployment/shop/bad  fail
  ✓ replica-limit  Deployment/bad  fail
  ✓ replica-limit  Deployment/good  pass

4 checks, 4 passed, 0 failed
`);
    expect(run.code).toBe(0);
  });

  it('fails, saying why, on each result that does not hold', () => {
    const run = runCli(['test', 'failing/kube-lint-test.yaml'], { cwd: TESTS });
    expect(run.stdout.split('\n')).toEqual([
      'failing/kube-lint-test.yaml (expectations that do not hold)',
      '  ✗ allowed-registries  Deployment/bad  pass (failing/kube-lint-test.yaml:5): expected pass, got 1 finding: images must come from registry.example.com: docker.io/library/nginx:1.27.2 (resources.yaml:21)',
      '  ✗ replica-limit  Deployment/good  fail (failing/kube-lint-test.yaml:8): expected fail, got no finding',
      "  ✗ replica-limit  Deployment/bad  fail (failing/kube-lint-test.yaml:11): expected fail at line 3, got: ValidatingAdmissionPolicy 'replica-limit' with binding 'replica-limit' denied request: failed expression: !has(object.spec.replicas) || object.spec.replicas <= 5 (resources.yaml:16)",
      '  ✗ allowed-registries  Deployment/missing  pass (failing/kube-lint-test.yaml:15): no object Deployment/missing in the resources',
      '',
      '4 checks, 0 passed, 4 failed',
      '',
    ]);
    expect(run.code).toBe(1);
  });

  it('a mistake in a test file is a configuration error at its line', () => {
    const cwd = tempTree({
      'kube-lint-test.yaml': 'resources: [a.yaml]\nresults:\n  - policy: x\n    resource: Pod/a\n    result: maybe\n',
    });
    const run = runCli(['test'], { cwd });
    expect(run.stderr).toBe('kube-lint: kube-lint-test.yaml:5: result must be pass or fail\n');
    expect(run.code).toBe(2);
  });
});

describe('policies on the command line', () => {
  const config = `policies:
  - id: team-label
    description: Workloads carry a team label
    match: {kinds: [Deployment]}
    validations:
      - expression: "has(object.metadata.labels) && 'team' in object.metadata.labels"
        message: add a team label
        fieldPath: metadata.labels
`;
  const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "nginx:1.27.2"}]
`;

  it('kube-lint rules lists the policies of the configuration', () => {
    const cwd = tempTree({ '.kube-lint.yaml': config });
    const run = runCli(['rules'], { cwd });
    expect(run.stdout).toMatch(/\nteam-label +error +recommended +Workloads carry a team label\n$/);
    expect(run.stdout).toMatch(/\nadmission-policy +error +recommended +Objects pass the ValidatingAdmissionPolicies/);
    expect(run.code).toBe(0);
  });

  it('reports a policy finding at its line, and the policy in SARIF', () => {
    const cwd = tempTree({
      '.kube-lint.yaml': `${config}rules: {liveness-probe: off, readiness-probe: off, resource-requests: off, resource-limits: off, hpa-missing: off}\n`,
      'web.yaml': deployment,
    });
    const run = runCli(['-f', 'compact', '--output-file', 'sarif=out.sarif', 'web.yaml'], { cwd });
    expect(run.stdout).toBe(
      'web.yaml:5:3: error: add a team label [team-label]\n1 problem (1 error, 0 warnings); 1 object in 1 file linted\n',
    );
    expect(run.code).toBe(1);
    const sarif = JSON.parse(readFileSync(path.join(cwd, 'out.sarif'), 'utf8')) as {
      runs: {
        tool: { driver: { rules: { id: string; shortDescription: { text: string } }[] } };
        results: { ruleId: string; ruleIndex: number }[];
      }[];
    };
    const run0 = sarif.runs[0];
    const result = run0?.results.find((r) => r.ruleId === 'team-label');
    expect(run0?.tool.driver.rules[result?.ruleIndex ?? -1]?.shortDescription.text).toBe('Workloads carry a team label.');
  });

  it('a policy that does not compile stops the run with exit 2, naming file, line and the CEL error', () => {
    const cwd = tempTree({
      '.kube-lint.yaml': config.replace("'team' in object.metadata.labels", "'team' in object.metadata.labels)"),
      'web.yaml': deployment,
    });
    const run = runCli(['web.yaml'], { cwd });
    expect(run.stderr).toMatch(
      /^kube-lint: a policy is not valid:\nkube-lint: \.kube-lint\.yaml:6:21: validations\[0\]\.expression does not compile: .+\n$/,
    );
    expect(run.stdout).toBe('');
    expect(run.code).toBe(2);
  });

  it('--policy adds a policy file', () => {
    const cwd = tempTree({ 'policies/team.yaml': config, 'web.yaml': deployment });
    const run = runCli(
      ['-f', 'json', '--rule', 'liveness-probe=off', '--rule', 'readiness-probe=off', '--policy', 'policies', 'web.yaml'],
      { cwd },
    );
    const report = JSON.parse(run.stdout) as { files: { findings: { ruleId: string; line: number }[] }[] };
    expect(
      report.files
        .flatMap((f) => f.findings)
        .filter((f) => f.ruleId === 'team-label')
        .map((f) => f.line),
    ).toEqual([5]);
  });
});
