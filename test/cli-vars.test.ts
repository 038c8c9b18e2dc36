/**
 * Placeholders and substitution variables from the command line: `--var`, the config's `vars` and
 * `varsFiles`, and the count of values left unjudged. Real processes, exact findings and lines.
 */
import { describe, expect, it } from 'vitest';
import { onlyRules, runCli, tempTree } from './helpers/cli.js';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: \${APP:=web}
spec:
  replicas: \${REPLICAS}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:\${TAG}
          args: ["--literal=$\${NOT_A_VAR}", "--pod=$(POD_NAME)"]
`;

const CONFIG = onlyRules(['schema', 'invalid-name', 'image-tag']);

interface Report {
  summary: { errors: number; warnings: number; unjudgedValues: number };
  files: { filePath: string; findings: { ruleId: string; line: number; column: number; message: string }[] }[];
}

function report(stdout: string): Report {
  return JSON.parse(stdout) as Report;
}

function findings(r: Report): string[] {
  return r.files.flatMap((f) => f.findings.map((x) => `${f.filePath}:${x.line}:${x.column} ${x.ruleId}: ${x.message}`));
}

describe('placeholders and --var', () => {
  it('leaves placeholders unjudged and counts them when no variable is given', () => {
    const cwd = tempTree({ '.kube-lint.yaml': CONFIG, 'deploy.yaml': DEPLOYMENT });
    const run = runCli(['-f', 'json', 'deploy.yaml'], { cwd });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const r = report(run.stdout);
    expect(findings(r)).toEqual([]);
    // name, replicas, image; not the escaped literal, not $(POD_NAME)
    expect(r.summary.unjudgedValues).toBe(3);
    const stylish = runCli(['deploy.yaml'], { cwd });
    expect(stylish.stdout).toBe('✔ 0 problems (0 errors, 0 warnings); 1 object in 1 file linted, 3 placeholder values not judged\n');
  });

  it('lints after substitution with --var, at the original lines', () => {
    const cwd = tempTree({ '.kube-lint.yaml': CONFIG, 'deploy.yaml': DEPLOYMENT });
    const bad = runCli(['-f', 'json', '--var', 'REPLICAS=two', '--var', 'TAG=latest', '--var', 'APP=Web', 'deploy.yaml'], { cwd });
    expect(bad.code).toBe(1);
    const r = report(bad.stdout);
    expect(findings(r)).toEqual([
      `deploy.yaml:4:9 invalid-name: metadata.name "Web" is not a valid Deployment name: it must consist of lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters (for example "web")`,
      'deploy.yaml:6:13 schema: spec.replicas must be an integer, got string "two"',
      'deploy.yaml:17:18 image-tag: container "web" uses image "nginx:latest": the "latest" tag floats, pin a version or digest',
    ]);
    expect(r.summary.unjudgedValues).toBe(0);
    // A plain scalar that becomes a number is a number, as Flux (substituting in the text) makes it.
    const good = runCli(['-f', 'json', '--var', 'REPLICAS=3', '--var', 'TAG=1.27.2', 'deploy.yaml'], { cwd });
    expect(good.code).toBe(0);
    expect(findings(report(good.stdout))).toEqual([]);
    expect(report(good.stdout).summary.unjudgedValues).toBe(0); // ${APP:=web} took its default
  });

  it('keeps a variable that is not given as an unjudged placeholder', () => {
    const cwd = tempTree({ '.kube-lint.yaml': CONFIG, 'deploy.yaml': DEPLOYMENT });
    const run = runCli(['-f', 'json', '--var', 'TAG=latest', 'deploy.yaml'], { cwd });
    const r = report(run.stdout);
    expect(findings(r)).toEqual([
      'deploy.yaml:17:18 image-tag: container "web" uses image "nginx:latest": the "latest" tag floats, pin a version or digest',
    ]);
    expect(r.summary.unjudgedValues).toBe(1); // replicas
  });

  it('refuses a --var that is not NAME=VALUE (exit 2)', () => {
    const cwd = tempTree({ '.kube-lint.yaml': CONFIG, 'deploy.yaml': DEPLOYMENT });
    for (const bad of ['REPLICAS', '1X=2', 'A-B=1']) {
      const run = runCli(['--var', bad, 'deploy.yaml'], { cwd });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        `kube-lint: --var takes NAME=VALUE with a name of letters, digits and "_" (not starting with a digit), got "${bad}"\n`,
      );
    }
  });
});

describe('vars and varsFiles in the config', () => {
  const files = {
    'deploy/app.yaml': DEPLOYMENT,
    'clusters/prod/settings.yaml':
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cluster-settings\ndata:\n  REPLICAS: "two"\n  TAG: "1.0"\n',
    'clusters/prod/vars.env': '# dotenv\nexport TAG=latest\nAPP="api"\n\n',
  };

  it('reads varsFiles in order (ConfigMap data, dotenv), then vars, then --var', () => {
    const config = `${CONFIG}varsFiles:\n  - clusters/prod/settings.yaml\n  - clusters/prod/vars.env\nvars:\n  APP: Api\n`;
    const cwd = tempTree({ ...files, '.kube-lint.yaml': config });
    const run = runCli(['-f', 'json', 'deploy'], { cwd });
    expect(run.stderr).toBe('');
    expect(findings(report(run.stdout))).toEqual([
      `deploy/app.yaml:4:9 invalid-name: metadata.name "Api" is not a valid Deployment name: it must consist of lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters (for example "api")`,
      'deploy/app.yaml:6:13 schema: spec.replicas must be an integer, got string "two"',
      'deploy/app.yaml:17:18 image-tag: container "web" uses image "nginx:latest": the "latest" tag floats, pin a version or digest',
    ]);
    const overridden = runCli(['-f', 'json', '--var', 'APP=api', '--var', 'REPLICAS=2', '--var', 'TAG=1.27.2', 'deploy'], { cwd });
    expect(overridden.code).toBe(0);
    expect(findings(report(overridden.stdout))).toEqual([]);
  });

  it('reads varsFiles relative to the config file, from a subfolder too', () => {
    const config = `${CONFIG}varsFiles: [clusters/prod/vars.env]\n`;
    const cwd = tempTree({ ...files, '.kube-lint.yaml': config });
    const run = runCli(['-f', 'json', 'app.yaml'], { cwd: `${cwd}/deploy` });
    expect(findings(report(run.stdout)).map((f) => f.split(':').slice(0, 3).join(':'))).toEqual(['app.yaml:17:18 image-tag']);
  });

  it.each([
    ['varsFiles: [missing.env]\n', /^kube-lint: varsFiles\[0\]: cannot read .*missing\.env: no such file\n$/],
    [
      'varsFiles: [bad.env]\n',
      /^kube-lint: varsFiles\[0\]: .*bad\.env:2: expected NAME=value \(a YAML mapping or dotenv lines\), got "not an assignment"\n$/,
    ],
    [
      'vars:\n  1X: a\n',
      /^kube-lint: .*\.kube-lint\.yaml: "vars\.1X" is not a variable name: use letters, digits and "_", not starting with a digit\n$/,
    ],
    ['vars:\n  A: [1]\n', /^kube-lint: .*\.kube-lint\.yaml:\d+:\d+: "vars\.A" must be string,number,boolean\n$/],
    ['varsFiles: clusters\n', /^kube-lint: .*\.kube-lint\.yaml:\d+:\d+: "varsFiles" must be array\n$/],
  ])('exits 2 naming the key: %j', (extra, message) => {
    const cwd = tempTree({ ...files, 'bad.env': 'A=1\nnot an assignment\n', '.kube-lint.yaml': `${CONFIG}${extra}` });
    const run = runCli(['deploy'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
