/** The CLI as a user runs it: real processes, real folders, exact output and exit codes. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { CLI, LATEST_DEPLOYMENT, runCli, tempTree } from './helpers/cli.js';

const BARE_POD = `apiVersion: v1
kind: Pod
metadata:
  name: lonely
spec:
  containers:
    - name: web
      image: nginx:1.27.2
`;

const CLEAN = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: production
`;

interface JsonReport {
  summary: {
    files: number;
    objects: number;
    errors: number;
    warnings: number;
    skippedDocuments: number;
    filesFailed: number;
    suppressed: number;
  };
  files: {
    filePath: string;
    status: string;
    reason?: string;
    skipKind?: string;
    findings: { ruleId: string; line: number; column: number; path: string }[];
  }[];
  notices: { level: string; message: string; filePath?: string }[];
}

function json(stdout: string): JsonReport {
  return JSON.parse(stdout) as JsonReport;
}

function ruleLines(report: JsonReport): string[] {
  return report.files.flatMap((f) => f.findings.map((x) => `${f.filePath}:${x.line}:${x.column} ${x.ruleId}`));
}

describe('kube-lint CLI', () => {
  it('is built', () => {
    expect(existsSync(CLI)).toBe(true);
  });

  it('reports no-bare-pod and image-tag at their lines in a folder (exit 1)', () => {
    const cwd = tempTree({ 'fixtures/pod.yaml': BARE_POD, 'fixtures/deploy.yaml': LATEST_DEPLOYMENT });
    const run = runCli(['fixtures/'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('fixtures/deploy.yaml\n  14:18  error  container "web" uses image "nginx:latest"');
    // Piped, the report wraps at 100 columns, under the message's column, the rule id whole.
    expect(run.stdout).toMatch(/fixtures\/pod\.yaml\n {2}2:7 {2}warning {2}Pod "lonely" has no controller[^\n]*\n {16}[^\n]*no-bare-pod\n/);
    expect(Math.max(...run.stdout.split('\n').map((l) => l.length))).toBeLessThanOrEqual(100);
    expect(run.stdout).toContain('2 problems (1 error, 1 warning); 2 objects in 2 files linted');
    // No colours when not on a terminal.
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('lints standard input under --stdin-filename', () => {
    const cwd = tempTree({});
    const run = runCli(['-', '--stdin-filename', 'app.yaml', '-f', 'compact'], { cwd, input: LATEST_DEPLOYMENT });
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')[0]).toBe(
      'app.yaml:14:18: error: container "web" uses image "nginx:latest": the "latest" tag floats, pin a version or digest [image-tag]',
    );
  });

  it('exits 0 on clean input and 1 only for findings at the failing level', () => {
    const cwd = tempTree({ 'clean.yaml': CLEAN, 'pod.yaml': BARE_POD });
    expect(runCli(['clean.yaml'], { cwd }).code).toBe(0);
    // A warning alone does not fail by default...
    expect(runCli(['pod.yaml'], { cwd }).code).toBe(0);
    // ...but does with --fail-on warning or over --max-warnings.
    expect(runCli(['pod.yaml', '--fail-on', 'warning'], { cwd }).code).toBe(1);
    expect(runCli(['pod.yaml', '--max-warnings', '0'], { cwd }).code).toBe(1);
    expect(runCli(['pod.yaml', '--max-warnings', '1'], { cwd }).code).toBe(0);
  });

  it('exits 1 for errors unless --fail-on never', () => {
    const cwd = tempTree({ 'deploy.yaml': LATEST_DEPLOYMENT });
    expect(runCli(['deploy.yaml'], { cwd }).code).toBe(1);
    expect(runCli(['deploy.yaml', '--fail-on', 'never'], { cwd }).code).toBe(0);
  });

  it('--quiet shows errors only', () => {
    const cwd = tempTree({ 'pod.yaml': BARE_POD, 'deploy.yaml': LATEST_DEPLOYMENT });
    const run = runCli(['.', '--quiet', '-f', 'json'], { cwd });
    expect(run.code).toBe(1);
    expect(ruleLines(json(run.stdout))).toEqual(['deploy.yaml:14:18 image-tag']);
  });

  it('exits 2 with one clear line for usage errors', () => {
    const cwd = tempTree({ 'clean.yaml': CLEAN });
    for (const args of [
      ['--nope'],
      ['-f', 'xml', '.'],
      ['--fail-on', 'sometimes', '.'],
      ['--max-warnings', 'many', '.'],
      ['--rule', 'image-tag', '.'],
    ]) {
      const run = runCli(args, { cwd });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(/^kube-lint: .+\n$/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('exits 2 naming a path that does not exist, and still lints the others', () => {
    const cwd = tempTree({ 'deploy.yaml': LATEST_DEPLOYMENT });
    const run = runCli(['missing.yaml', 'deploy.yaml', '-f', 'json'], { cwd });
    expect(run.code).toBe(2);
    const report = json(run.stdout);
    expect(report.files.map((f) => [f.filePath, f.status, f.reason ?? ''])).toEqual([
      ['deploy.yaml', 'linted', ''],
      ['missing.yaml', 'failed', 'no such file or directory'],
    ]);
    expect(ruleLines(report)).toEqual(['deploy.yaml:14:18 image-tag']);
  });

  it('exits 2 for a glob pattern that matches nothing', () => {
    const cwd = tempTree({ 'clean.yaml': CLEAN });
    const run = runCli(['deploy/**/*.yaml'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('pattern matched no YAML or JSON file');
  });

  it('expands glob patterns itself', () => {
    const cwd = tempTree({ 'a/one.yaml': BARE_POD, 'b/two.yml': BARE_POD, 'b/three.txt': BARE_POD });
    const run = runCli(['**/*.y*ml', '-f', 'json'], { cwd });
    expect(json(run.stdout).files.map((f) => f.filePath)).toEqual(['a/one.yaml', 'b/two.yml']);
  });

  it('exits 2 for config errors, naming the key', () => {
    const cwd = tempTree({ '.kube-lint.yaml': 'rulez:\n  image-tag: off\n', 'clean.yaml': CLEAN });
    const run = runCli(['clean.yaml'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^kube-lint: .*\.kube-lint\.yaml:1:1: unknown key "rulez" \(did you mean "rules"\?\)/);
  });

  it('exits 2 for an unknown rule or severity in the config', () => {
    const cwd = tempTree({
      'bad-rule.yaml': 'rules:\n  image-tags: error\n',
      'bad-severity.yaml': 'rules:\n  image-tag: fatal\n',
      'bad-option.yaml': 'rules:\n  image-tag: [error, { requireDigest: maybe }]\n',
      'code.js': 'module.exports = {}',
      'clean.yaml': CLEAN,
    });
    const rule = runCli(['clean.yaml', '-c', 'bad-rule.yaml'], { cwd });
    expect([rule.code, rule.stderr]).toEqual([
      2,
      `kube-lint: ${path.join(cwd, 'bad-rule.yaml')}:2:3: unknown rule "image-tags" in rules (did you mean "image-tag"?); "kube-lint rules" lists them\n`,
    ]);
    const severity = runCli(['clean.yaml', '-c', 'bad-severity.yaml'], { cwd });
    expect(severity.code).toBe(2);
    expect(severity.stderr).toContain('"rules.image-tag" must be one of off, info, warning, error');
    const option = runCli(['clean.yaml', '-c', 'bad-option.yaml'], { cwd });
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('invalid options for rule "image-tag": requireDigest must be boolean');
    // A JavaScript "config" is not executed: it is not even YAML.
    const code = runCli(['clean.yaml', '-c', 'code.js'], { cwd });
    expect(code.code).toBe(2);
    expect(code.stderr).toContain('the configuration must be a mapping');
  });

  it('exits 2 for an unknown Kubernetes version, listing the known ones', () => {
    const cwd = tempTree({ 'clean.yaml': CLEAN });
    const run = runCli(['clean.yaml', '--kubernetes-version', '1.12'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown Kubernetes version "1.12": known versions are 1\.\d+, /);
  });

  it('finds .kube-lint.yaml from a subfolder up to the repository root', () => {
    const cwd = tempTree({ '.kube-lint.yaml': 'rules:\n  no-bare-pod: error\n', 'apps/web/pod.yaml': BARE_POD });
    const run = runCli(['pod.yaml', '-f', 'compact'], { cwd: path.join(cwd, 'apps/web') });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('pod.yaml:2:7: error: Pod "lonely"');
  });

  it('honours ignore globs from the config and --ignore-pattern', () => {
    const cwd = tempTree({
      '.kube-lint.yaml': 'ignore:\n  - "generated/**"\n',
      'generated/pod.yaml': BARE_POD,
      'app/pod.yaml': BARE_POD,
      'app/skip.yaml': BARE_POD,
    });
    const run = runCli(['.', '-f', 'json', '--ignore-pattern', 'app/skip.yaml'], { cwd });
    expect(json(run.stdout).files.map((f) => f.filePath)).toEqual(['app/pod.yaml']);
  });

  it('skips non-Kubernetes YAML and counts it, skips node_modules, and notes Helm charts once', () => {
    const cwd = tempTree({
      'values.yaml': 'replicaCount: 2\nimage:\n  repository: nginx\n',
      '.github/workflows/ci.yml': 'on: push\njobs: {}\n',
      'node_modules/pkg/pod.yaml': BARE_POD,
      'chart/Chart.yaml': 'apiVersion: v2\nname: chart\nversion: 1.0.0\n',
      'chart/templates/pod.yaml': '{{ .Values.oops }}\n',
      'clean.yaml': CLEAN,
    });
    const run = runCli(['.', '-f', 'json'], { cwd });
    expect(run.code).toBe(0);
    const report = json(run.stdout);
    expect(report.files.map((f) => f.filePath)).toEqual(['.github/workflows/ci.yml', 'clean.yaml', 'values.yaml']);
    // Found in a folder and holding no Kubernetes object: skipped whole, and counted as such.
    expect(report.summary).toMatchObject({ objects: 1, skippedDocuments: 0, filesNotManifests: 2, filesSkipped: 2, errors: 0 });
    expect(report.files.filter((f) => f.status === 'skipped').map((f) => f.skipKind)).toEqual(['not-manifest', 'not-manifest']);
    expect(report.notices).toEqual([
      {
        level: 'info',
        filePath: 'chart',
        message:
          'Helm chart folder skipped: its templates are not plain YAML. Lint the rendered output: helm template <release> <chart> | kube-lint -',
      },
    ]);
  });

  it('reports a syntax error at its line and lints the other documents and files', () => {
    const broken = `${LATEST_DEPLOYMENT}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: "unclosed\n`;
    const cwd = tempTree({ 'broken.yaml': broken, 'pod.yaml': BARE_POD });
    const run = runCli(['.', '-f', 'json'], { cwd });
    expect(run.code).toBe(1);
    expect(ruleLines(json(run.stdout))).toEqual([
      'broken.yaml:14:18 image-tag',
      'broken.yaml:21:14 yaml-syntax',
      'pod.yaml:2:7 no-bare-pod',
    ]);
  });

  it('output is deterministic whatever the order of the inputs', () => {
    const cwd = tempTree({ 'b.yaml': BARE_POD, 'a.yaml': LATEST_DEPLOYMENT, 'c/d.yaml': `${BARE_POD}---\n${LATEST_DEPLOYMENT}` });
    const one = runCli(['a.yaml', 'b.yaml', 'c', '-f', 'json'], { cwd });
    const two = runCli(['c', 'b.yaml', 'a.yaml', '-f', 'json'], { cwd });
    expect(one.stdout).toBe(two.stdout);
    expect(json(one.stdout).files.map((f) => f.filePath)).toEqual(['a.yaml', 'b.yaml', 'c/d.yaml']);
  });

  it('writes the report to --output and nothing to stdout', () => {
    const cwd = tempTree({ 'pod.yaml': BARE_POD });
    const run = runCli(['pod.yaml', '-f', 'json', '-o', 'report.json'], { cwd });
    expect(run.stdout).toBe('');
    expect(json(readFileSync(path.join(cwd, 'report.json'), 'utf8')).summary.warnings).toBe(1);
  });

  it('--report-unused-disables reports suppressions that suppress nothing', () => {
    const text = `# kube-lint-disable-next-line image-tag\n${BARE_POD}`;
    const cwd = tempTree({ 'pod.yaml': text });
    expect(ruleLines(json(runCli(['pod.yaml', '-f', 'json'], { cwd }).stdout))).toEqual(['pod.yaml:3:7 no-bare-pod']);
    const run = runCli(['pod.yaml', '-f', 'json', '--report-unused-disables'], { cwd });
    expect(ruleLines(json(run.stdout))).toEqual(['pod.yaml:1:1 unused-disable', 'pod.yaml:3:7 no-bare-pod']);
  });

  it("lists rules and prints one rule's documentation", () => {
    const cwd = tempTree({});
    const list = runCli(['rules'], { cwd });
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^image-tag\s+error\s+recommended\s+Container images are pinned/m);
    expect(list.stdout).toMatch(/^no-bare-pod\s+warning\s+recommended/m);
    const one = runCli(['rules', 'image-tag'], { cwd });
    expect(one.stdout).toContain('image-tag: Container images are pinned');
    expect(one.stdout).toContain('requireDigest (default false)');
    expect(runCli(['rules', 'nope'], { cwd }).code).toBe(2);
  });

  it('prints its version and help', () => {
    const cwd = tempTree({});
    const pkg = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../package.json'), 'utf8')) as { version: string };
    expect(runCli(['--version'], { cwd }).stdout).toBe(`${pkg.version}\n`);
    const help = runCli(['--help'], { cwd });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes: 0 no finding');
  });

  it('colours only when asked or on a terminal', () => {
    const cwd = tempTree({ 'pod.yaml': BARE_POD });
    expect(runCli(['pod.yaml', '--color'], { cwd }).stdout).toContain('\u001b[33mwarning');
    expect(runCli(['pod.yaml', '--color', '--no-color'], { cwd }).stdout).not.toContain('\u001b[');
  });
});

describe('--shard', () => {
  it('splits files deterministically: every file in exactly one shard', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) files[`m/f${i}.yaml`] = BARE_POD.replace('lonely', `p${i}`);
    const cwd = tempTree(files);
    const seen: string[] = [];
    for (const shard of ['1/3', '2/3', '3/3']) {
      const run = runCli(['m', '-f', 'json', '--shard', shard], { cwd });
      const names = json(run.stdout).files.map((f) => f.filePath);
      expect(names.length).toBeGreaterThan(0);
      seen.push(...names);
      // The same shard twice gives the same files.
      expect(json(runCli(['m', '-f', 'json', '--shard', shard], { cwd }).stdout).files.map((f) => f.filePath)).toEqual(names);
    }
    expect(seen.sort()).toEqual(Object.keys(files).sort());
  });

  it('rejects a malformed shard', () => {
    const cwd = tempTree({ 'pod.yaml': BARE_POD });
    for (const bad of ['0/2', '3/2', '1', 'a/b']) {
      const run = runCli(['pod.yaml', '--shard', bad], { cwd });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('--shard takes i/n');
    }
  });
});

describe('--jobs, --cache-dir and --no-cache', () => {
  const files: Record<string, string> = { '.kube-lint.yaml': 'extends: all\n' };
  for (let i = 0; i < 6; i++) files[`m/f${i}.yaml`] = BARE_POD.replace('lonely', `p${i}`);

  it('gives the same report on 1 and on 3 threads, and refuses a bad thread count', () => {
    const cwd = tempTree(files);
    const one = runCli(['m', '-f', 'json', '--jobs', '1'], { cwd });
    const three = runCli(['m', '-f', 'json', '-j', '3'], { cwd });
    expect(three.code).toBe(one.code);
    expect(three.stderr).toBe('');
    expect(three.stdout).toBe(one.stdout);
    expect(json(one.stdout).files).toHaveLength(6);
    expect(json(one.stdout).files.every((f) => f.findings.length > 0)).toBe(true);
    for (const bad of ['0', 'two', '1.5']) {
      const run = runCli(['m', '--jobs', bad], { cwd });
      expect(run.code, bad).toBe(2);
      expect(run.stderr).toMatch(/--jobs takes/);
    }
  });

  it('keeps compiled validators in --cache-dir, and none with --no-cache', () => {
    const cwd = tempTree(files);
    const cached = runCli(['m', '-f', 'json', '--cache-dir', 'cache'], { cwd });
    const entries = readdirSync(path.join(cwd, 'cache', 'validators')).filter((f) => f.endsWith('.js'));
    expect(entries.length).toBeGreaterThan(0); // the Pod validator at least
    const again = runCli(['m', '-f', 'json', '--cache-dir', 'cache'], { cwd });
    expect(again.stdout).toBe(cached.stdout);
    // The environment names the folder; --no-cache wins over it.
    const none = runCli(['m', '-f', 'json', '--no-cache'], { cwd, env: { KUBE_LINT_CACHE_DIR: path.join(cwd, 'env-cache') } });
    expect(none.stdout).toBe(cached.stdout);
    expect(existsSync(path.join(cwd, 'env-cache'))).toBe(false);
    runCli(['m'], { cwd, env: { KUBE_LINT_CACHE_DIR: path.join(cwd, 'env-cache') } });
    expect(readdirSync(path.join(cwd, 'env-cache', 'validators')).length).toBeGreaterThan(0);
  });
});

describe('KUBE_LINT_TIMING', () => {
  it('prints the slowest rules to standard error, and changes nothing else', () => {
    const cwd = tempTree({ 'deploy.yaml': LATEST_DEPLOYMENT }, { config: false });
    const plain = runCli(['deploy.yaml', '-f', 'json', '--no-cache'], { cwd });
    const timed = runCli(['deploy.yaml', '-f', 'json', '--no-cache'], { cwd, env: { KUBE_LINT_TIMING: '3' } });
    expect(timed.stdout).toBe(plain.stdout);
    expect(timed.code).toBe(plain.code);
    const rows = timed.stderr.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^Rule +\| Time \(ms\) \| Relative$/);
    // The three slowest, then the total.
    expect(rows).toHaveLength(5);
    expect(rows[4]).toMatch(/^all rules +\| +\d+\.\d \| +100\.0%$/);
    const ids = rows.slice(1, 4).map((r) => r.split(' ')[0]);
    const known = new Set(rules.map((r) => r.id));
    for (const id of ids) expect(known.has(id ?? '')).toBe(true);
    // 'all' lists every rule that ran.
    const all = runCli(['deploy.yaml', '--no-cache'], { cwd, env: { KUBE_LINT_TIMING: 'all' } });
    expect(all.stderr.trimEnd().split('\n').length).toBeGreaterThan(20);
    expect(runCli(['deploy.yaml', '--no-cache'], { cwd, env: { KUBE_LINT_TIMING: '0' } }).stderr).toBe('');
  });
});

describe('validators prebuilt with the command (scripts/prebuild-validators.mjs)', () => {
  const MANIFESTS = {
    // Schema errors in each: a typo'd field, a wrong type, a bad quantity.
    'm/deploy.yaml': LATEST_DEPLOYMENT.replace('spec:\n', 'spec:\n  replica: 2\n'),
    'm/svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: eighty\n',
    'm/sts.yaml':
      'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec:\n      containers:\n        - name: db\n          image: postgres:16.4\n          resources: {limits: {memory: 12 GB}}\n',
  };
  const stats = (stderr: string): string => /schema validators \(main thread\): (.*)/.exec(stderr)?.[1] ?? stderr;
  /** The command of the library build (dist/src), which has no prebuilt validators. */
  const runLibraryCli = (args: string[], cwd: string, env: Record<string, string>) =>
    spawnSync(process.execPath, [path.resolve(CLI, '../src/cli.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });

  it('a first run compiles nothing, finds what compiled validators find, and fills the cache', () => {
    const cwd = tempTree(MANIFESTS, { config: false });
    const env = { KUBE_LINT_DEBUG: '1' };
    const first = runCli(['m', '-f', 'json', '--cache-dir', 'cache'], { cwd, env });
    expect(stats(first.stderr)).toBe('0 compiled, 0 from the cache, 3 prebuilt');
    const schemaErrors = json(first.stdout)
      .files.flatMap((f) => f.findings)
      .filter((f) => f.ruleId === 'schema');
    expect(schemaErrors.map((f) => f.path).sort()).toEqual([
      'spec.ports[0].port',
      'spec.replica',
      'spec.template.spec.containers[0].resources.limits.memory',
    ]);
    // The library build (dist/src) has no prebuilt validators: it compiles, and finds the same.
    const compiled = runLibraryCli(['m', '-f', 'json', '--no-cache'], cwd, env);
    expect(stats(compiled.stderr)).toBe('3 compiled, 0 from the cache, 0 prebuilt');
    expect(compiled.stdout).toBe(first.stdout);
    // The cache now holds them, with V8's compiled code.
    expect(readdirSync(path.join(cwd, 'cache', 'validators')).filter((f) => f.endsWith('.js.v8'))).toHaveLength(3);
    const second = runCli(['m', '-f', 'json', '--cache-dir', 'cache'], { cwd, env });
    expect(stats(second.stderr)).toBe('0 compiled, 3 from the cache, 0 prebuilt');
    expect(second.stdout).toBe(first.stdout);
    // --no-cache still uses them (they are part of the package); another Kubernetes version compiles.
    expect(stats(runCli(['m', '--no-cache'], { cwd, env }).stderr)).toBe('0 compiled, 0 from the cache, 3 prebuilt');
    expect(stats(runCli(['m', '--no-cache', '-k', '1.29'], { cwd, env }).stderr)).toBe('3 compiled, 0 from the cache, 0 prebuilt');
  });

  it('common custom resources of the bundled CRD catalog are prebuilt too; a kind with the same schema shares one', () => {
    const cwd = tempTree(
      {
        'm/cert.yaml':
          'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: web\nspec:\n  secretName: web-tls\n  issuerRef: {name: le}\n  dnsNames: [example.com]\n  duration: 2160\n',
        'm/issuer.yaml': 'apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata:\n  name: le\nspec:\n  acme: {server: 1}\n',
      },
      { config: false },
    );
    const env = { KUBE_LINT_DEBUG: '1' };
    const first = runCli(['m', '-f', 'json', '--no-cache'], { cwd, env });
    expect(stats(first.stderr)).toBe('0 compiled, 0 from the cache, 2 prebuilt');
    const compiled = runLibraryCli(['m', '-f', 'json', '--no-cache'], cwd, env);
    expect(stats(compiled.stderr)).toBe('2 compiled, 0 from the cache, 0 prebuilt');
    expect(compiled.stdout).toBe(first.stdout);
    expect(
      json(first.stdout)
        .files.flatMap((f) => f.findings)
        .filter((f) => f.ruleId === 'schema')
        .map((f) => f.path)
        .sort(),
    ).toEqual(['spec.acme', 'spec.acme.server', 'spec.duration']);
  });

  it('each prebuilt entry is named by the key its code carries', () => {
    const dir = path.resolve(CLI, '../validators');
    const entries = readdirSync(dir);
    expect(entries.length).toBeGreaterThanOrEqual(30);
    for (const name of entries) {
      expect(name).toMatch(/^[0-9a-f]{64}\.js\.br$/);
      const code = brotliDecompressSync(readFileSync(path.join(dir, name))).toString('utf8');
      expect(code.startsWith(`// kube-lint ${name.slice(0, 64)}\n`)).toBe(true);
    }
  });
});
