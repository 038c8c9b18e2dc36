/**
 * The GitHub Action, run as GitHub runs it: the bundle in a child process, outside the project
 * (no node_modules), inputs in INPUT_* variables (upper-cased, spaces to underscores, hyphens kept), the job
 * summary and outputs in the files GITHUB_STEP_SUMMARY and GITHUB_OUTPUT name, and the workspace a
 * temporary folder.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { brotliCompressSync } from 'node:zlib';
import { buildActionCheckout } from './helpers/action-build.js';
import { FOUNDATION_CONFIG, onlyRules } from './helpers/cli.js';
import { bundleStamp } from '../src/schema/bundle.js';
import { DiskValidatorCache } from '../src/schema/disk-cache.js';
import { DEFAULT_KUBERNETES_VERSION } from '../src/schema/versions.js';

const ROOT = path.resolve(import.meta.dirname, '..');
/**
 * The bundle, built from the sources by scripts/build-action.ts into a runner-like checkout outside
 * the project: these tests follow the sources; test/action-bundle.test.ts (and CI's
 * `npm run check:action`) keep the committed dist/action/ equal to that build.
 */
let built = '';
let BUNDLE = '';

beforeAll(async () => {
  built = await buildActionCheckout('kube-lint-action-build-');
  BUNDLE = path.join(built, 'dist/action/index.js');
}, 180_000);

afterAll(() => {
  rmSync(built, { recursive: true, force: true });
});

const DEPLOYMENT =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:latest\n';
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\nspec:\n  containers:\n    - name: c\n      image: busybox:1.36\n';

const IMAGE_TAG_ANNOTATION =
  '::error title=image-tag (apps/v1 Deployment web),file=k8s/deploy.yaml,line=10,endLine=10,col=18,endColumn=30::container "web" uses image "nginx:latest": the "latest" tag floats, pin a version or digest';
const BARE_POD_ANNOTATION =
  '::warning title=no-bare-pod (v1 Pod debug),file=k8s/pod.yaml,line=2,endLine=2,col=7,endColumn=10::Pod "debug" has no controller and will not be recreated if it dies: create it from a Deployment, StatefulSet, DaemonSet or Job';

const WIDGET_CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: { kind: Widget, plural: widgets, singular: widget, listKind: WidgetList }
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                size: { type: integer }
`;

const workspaces: string[] = [];

afterEach(() => {
  for (const dir of workspaces.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * A checked-out repository: the files, and a `.kube-lint.yaml` running only the foundation's rules
 * (so the annotations below stay exact when rules are added).
 */
function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kube-lint-action-'));
  workspaces.push(dir);
  mkdirSync(path.join(dir, '.git'));
  for (const [name, text] of Object.entries({ '.kube-lint.yaml': FOUNDATION_CONFIG, ...files })) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

interface ActionRun {
  status: number | null;
  lines: string[];
  stderr: string;
  summary: string;
  outputs: Record<string, string>;
}

/** GITHUB_OUTPUT holds `name<<DELIMITER`, the value, `DELIMITER`, as @actions/core writes it. */
function readOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!m?.[1] || !m[2]) continue;
    const end = lines.indexOf(m[2], i + 1);
    outputs[m[1]] = lines.slice(i + 1, end).join('\n');
    i = end;
  }
  return outputs;
}

/** The Action's repository as a runner checks it out (dist/action, schemas/ and package.json), outside the project. */
function runnerCheckout(): string {
  const checkout = mkdtempSync(path.join(tmpdir(), 'kube-lint-runner-'));
  workspaces.push(checkout);
  cpSync(path.join(built, 'dist/action'), path.join(checkout, 'dist/action'), { recursive: true });
  cpSync(path.join(ROOT, 'schemas'), path.join(checkout, 'schemas'), { recursive: true });
  cpSync(path.join(ROOT, 'package.json'), path.join(checkout, 'package.json'));
  return checkout;
}

function runAction(dir: string, inputs: Record<string, string>, bundle = BUNDLE, extraEnv: NodeJS.ProcessEnv = {}): ActionRun {
  const summaryFile = path.join(dir, '..', `${path.basename(dir)}.summary.md`);
  const outputFile = path.join(dir, '..', `${path.basename(dir)}.output`);
  writeFileSync(summaryFile, '');
  writeFileSync(outputFile, '');
  workspaces.push(summaryFile, outputFile);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NO_COLOR: '1',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: dir,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_OUTPUT: outputFile,
    // No validator cache: each run as on a fresh runner, and never the user's own cache folder.
    KUBE_LINT_CACHE_DIR: 'off',
    ...extraEnv,
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  const run = spawnSync(process.execPath, [bundle], { cwd: dir, env, encoding: 'utf8' });
  return {
    status: run.status,
    lines: run.stdout.split(/\r?\n/),
    stderr: run.stderr,
    summary: readFileSync(summaryFile, 'utf8'),
    outputs: readOutputs(readFileSync(outputFile, 'utf8')),
  };
}

/** The workflow commands printed, in order (group markers left out). */
function commands(run: ActionRun): string[] {
  return run.lines.filter((l) => l.startsWith('::') && !l.startsWith('::group::') && l !== '::endgroup::');
}

describe('GitHub Action (the bundle of src/action.ts)', () => {
  it('annotates each finding, writes SARIF, outputs and a summary, and fails on errors', () => {
    const dir = workspace({ 'k8s/deploy.yaml': DEPLOYMENT, 'k8s/pod.yaml': POD });
    const run = runAction(dir, { path: 'k8s', 'fail-on': 'error', 'sarif-file': 'reports/kube-lint.sarif', format: 'compact' });
    expect(run.stderr).toBe('');
    expect(commands(run)).toEqual([IMAGE_TAG_ANNOTATION, BARE_POD_ANNOTATION, '::error::kube-lint found 1 error (fail-on: error)']);
    expect(run.status).toBe(1);

    // The report is in a collapsed group of the log.
    const start = run.lines.indexOf('::group::kube-lint report (compact)');
    const end = run.lines.indexOf('::endgroup::');
    expect(start).toBeGreaterThan(-1);
    expect(run.lines.slice(start + 1, end)).toEqual([
      'k8s/deploy.yaml:10:18: error: container "web" uses image "nginx:latest": the "latest" tag floats, pin a version or digest [image-tag]',
      'k8s/pod.yaml:2:7: warning: Pod "debug" has no controller and will not be recreated if it dies: create it from a Deployment, StatefulSet, DaemonSet or Job [no-bare-pod]',
      '2 problems (1 error, 1 warning); 2 objects in 2 files linted',
    ]);

    const sarifFile = path.join(dir, 'reports/kube-lint.sarif');
    expect(run.outputs).toEqual({ errors: '1', warnings: '1', 'sarif-file': sarifFile });
    const sarif = JSON.parse(readFileSync(sarifFile, 'utf8')) as { runs: { results: { ruleId: string; locations: unknown[] }[] }[] };
    expect(sarif.runs[0]?.results.map((r) => r.ruleId)).toEqual(['image-tag', 'no-bare-pod']);
    expect(sarif.runs[0]?.results[0]?.locations[0]).toMatchObject({
      physicalLocation: { artifactLocation: { uri: 'k8s/deploy.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 10 } },
    });

    expect(run.summary).toContain('<h2>❌ kube-lint failed: found 1 error (fail-on: error)</h2>');
    expect(run.summary).toMatch(/<p>2 problems \(1 error, 1 warning\); 2 objects in 2 files linted \(kube-lint \d+\.\d+\.\d+\)<\/p>/);
    expect(run.summary).toContain(
      '<h3>Findings by rule</h3>\n<table><tr><th>Rule</th><th>Severity</th><th>Findings</th></tr><tr><td><a href="https://github.com/kube-lint/kube-lint/blob/main/docs/rules/image-tag.md">image-tag</a></td><td>error</td><td>1</td></tr><tr><td><a href="https://github.com/kube-lint/kube-lint/blob/main/docs/rules/no-bare-pod.md">no-bare-pod</a></td><td>warning</td><td>1</td></tr></table>',
    );
    expect(run.summary).toContain(
      '<h3>Findings by file</h3>\n<table><tr><th>File</th><th>Errors</th><th>Warnings</th><th>Infos</th><th>Status</th></tr><tr><td><code>k8s/deploy.yaml</code></td><td>1</td><td>0</td><td>0</td><td>linted</td></tr><tr><td><code>k8s/pod.yaml</code></td><td>0</td><td>1</td><td>0</td><td>linted</td></tr></table>',
    );
  });

  it('fails on warnings with fail-on: warning', () => {
    const dir = workspace({ 'k8s/pod.yaml': POD });
    const run = runAction(dir, { path: 'k8s', 'fail-on': 'warning' });
    expect(commands(run)).toEqual([BARE_POD_ANNOTATION, '::error::kube-lint found 0 errors and 1 warning (fail-on: warning)']);
    expect(run.status).toBe(1);
    expect(run.outputs).toEqual({ errors: '0', warnings: '1' });
  });

  it('passes on warnings with fail-on: error (the default)', () => {
    const dir = workspace({ 'k8s/pod.yaml': POD });
    const run = runAction(dir, { path: 'k8s' });
    expect(commands(run)).toEqual([BARE_POD_ANNOTATION]);
    expect(run.status).toBe(0);
  });

  it('never fails on findings with fail-on: never, but still annotates them', () => {
    const dir = workspace({ 'k8s/deploy.yaml': DEPLOYMENT, 'k8s/pod.yaml': POD });
    const run = runAction(dir, { path: 'k8s', 'fail-on': 'never' });
    expect(commands(run)).toEqual([IMAGE_TAG_ANNOTATION, BARE_POD_ANNOTATION]);
    expect(run.status).toBe(0);
    expect(run.outputs).toEqual({ errors: '1', warnings: '1' });
  });

  it('fails when an input cannot be read, whatever fail-on says', () => {
    const dir = workspace({ 'k8s/pod.yaml': POD });
    const run = runAction(dir, { path: 'k8s/pod.yaml\n  missing.yaml', 'fail-on': 'never', 'sarif-file': 'kube-lint.sarif' });
    expect(commands(run)).toEqual([
      BARE_POD_ANNOTATION,
      '::error title=kube-lint,file=missing.yaml::failed: no such file or directory',
      '::error::kube-lint could not lint every input: 1 file failed',
    ]);
    expect(run.status).toBe(1);
    expect(run.summary).toContain('<p><strong>Not every file was linted:</strong> 1 file failed.</p>');
    const sarif = JSON.parse(readFileSync(path.join(dir, 'kube-lint.sarif'), 'utf8')) as {
      runs: { invocations: { executionSuccessful: boolean }[] }[];
    };
    expect(sarif.runs[0]?.invocations[0]?.executionSuccessful).toBe(false);
  });

  it('reads the config file and kubernetes-version inputs', () => {
    // The config input replaces the workspace's .kube-lint.yaml, which turns no-bare-pod on.
    const dir = workspace({
      'k8s/deploy.yaml': DEPLOYMENT,
      'k8s/pod.yaml': POD,
      'ci/kube-lint.yaml': onlyRules(['yaml-syntax', 'incomplete-object', 'image-tag']),
    });
    const run = runAction(dir, { path: 'k8s/*.yaml', config: 'ci/kube-lint.yaml', 'kubernetes-version': '1.30', 'sarif-file': 'k.sarif' });
    expect(commands(run)).toEqual([IMAGE_TAG_ANNOTATION, '::error::kube-lint found 1 error (fail-on: error)']);
    expect(run.outputs).toEqual({ errors: '1', warnings: '0', 'sarif-file': path.join(dir, 'k.sarif') });
    const sarif = JSON.parse(readFileSync(path.join(dir, 'k.sarif'), 'utf8')) as { runs: { properties: { kubernetesVersion: string } }[] };
    expect(sarif.runs[0]?.properties.kubernetesVersion).toBe('1.30');
  });

  it('fails with one clear message on bad inputs and configs', () => {
    const dir = workspace({ 'k8s/pod.yaml': POD, 'bad.yaml': 'rules:\n  no-such-rule: error\n' });
    const cases: [Record<string, string>, RegExp][] = [
      [{ 'fail-on': 'sometimes' }, /^::error::input fail-on takes error, warning \(warn\), info or never, got "sometimes"$/],
      [
        { format: 'github' },
        /^::error::input format takes stylish, compact, json, sarif, junit \(annotations are always written\), got "github"$/,
      ],
      [{ config: 'bad.yaml' }, /^::error::.*bad\.yaml:2:3: unknown rule "no-such-rule"/],
      [{ config: 'nope.yaml' }, /^::error::cannot read config file .*nope\.yaml: no such file$/],
      [{ 'kubernetes-version': '0.1' }, /^::error::.*0\.1/],
    ];
    for (const [inputs, message] of cases) {
      const run = runAction(dir, { path: 'k8s', ...inputs });
      const found = commands(run);
      expect(found, JSON.stringify(inputs)).toHaveLength(1);
      expect(found[0]).toMatch(message);
      expect(run.status).toBe(1);
    }
  });

  it('escapes file names and messages in the job summary', () => {
    const dir = workspace({ 'k8s/<b>|*x*_[y](z).yaml': POD });
    const run = runAction(dir, { path: 'k8s' });
    expect(run.summary).toContain('<code>k8s/&#60;b&#62;&#124;&#42;x&#42;&#95;&#91;y&#93;(z).yaml</code>');
    expect(run.summary).not.toContain('<b>');
    expect(commands(run)[0]).toBe(
      '::warning title=no-bare-pod (v1 Pod debug),file=k8s/<b>|*x*_[y](z).yaml,line=2,endLine=2,col=7,endColumn=10::Pod "debug" has no controller and will not be recreated if it dies: create it from a Deployment, StatefulSet, DaemonSet or Job',
    );
  });

  it('runs where there is no node_modules, as on a runner: the yaml package, Ajv and worker threads are in the bundle', () => {
    const checkout = runnerCheckout();
    const files: Record<string, string> = {
      '.kube-lint.yaml': onlyRules(['yaml-syntax', 'schema', 'image-tag']),
      // A syntax error is reported by the yaml package; an unknown field by a compiled validator.
      'k8s/a-broken.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n',
      'k8s/b-deploy.yaml': DEPLOYMENT.replace('spec:\n  template', 'spec:\n  replica: 2\n  template'),
    };
    for (let i = 0; i < 6; i++) files[`k8s/c-pod-${i}.yaml`] = POD.replace('debug', `debug-${i}`);
    const dir = workspace(files);
    const bundle = path.join(checkout, 'dist/action/index.js');
    const one = runAction(dir, { path: 'k8s', jobs: '1' }, bundle);
    const two = runAction(dir, { path: 'k8s', jobs: '2' }, bundle);
    expect(one.stderr).toBe('');
    expect(two.stderr).toBe('');
    const found = commands(one);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^::error title=yaml-syntax,file=k8s\/a-broken\.yaml,line=3,/),
        expect.stringMatching(/^::error title=schema[^,]*,file=k8s\/b-deploy\.yaml,line=6,.*unknown field "replica" in spec/),
        IMAGE_TAG_ANNOTATION.replace('k8s/deploy.yaml', 'k8s/b-deploy.yaml').replace('line=10,endLine=10', 'line=11,endLine=11'),
      ]),
    );
    expect(commands(two)).toEqual(found);
    expect(two.lines.join('\n')).not.toContain('threads failed'); // no fallback to one thread
    expect(two.outputs).toEqual(one.outputs);
    expect(one.status).toBe(1);
  });

  it('validates common kinds with the validators prebuilt into dist/action/validators (a runner has no cache)', () => {
    const checkout = runnerCheckout();
    // The Deployment's prebuilt validator, under the key the sources compute (the bundle's too),
    // swapped for one that reports a field no schema has: only a validator loaded from there can.
    const key = new DiskValidatorCache(undefined).keyOf(
      'core',
      DEFAULT_KUBERNETES_VERSION,
      'true',
      'io.k8s.api.apps.v1.Deployment',
      bundleStamp(),
    );
    const prebuilt = path.join(checkout, 'dist/action/validators', `${key}.js.br`);
    expect(readFileSync(prebuilt).length).toBeGreaterThan(1000);
    const marker = `// kube-lint ${key}\nmodule.exports = function validate(data) { validate.errors = [{ instancePath: '', schemaPath: '#/required', keyword: 'required', params: { missingProperty: 'prebuiltMarker' }, message: 'prebuilt' }]; return false; };`;
    writeFileSync(prebuilt, brotliCompressSync(Buffer.from(marker)));
    const dir = workspace({ '.kube-lint.yaml': onlyRules(['schema']), 'k8s/deploy.yaml': DEPLOYMENT });
    const run = runAction(dir, { path: 'k8s', jobs: '1' }, path.join(checkout, 'dist/action/index.js'));
    expect(run.stderr).toBe('');
    expect(commands(run).join('\n')).toContain('prebuiltMarker');
  });

  it('lints the workspace when path is not given', () => {
    const dir = workspace({ 'deploy/app.yaml': DEPLOYMENT });
    const run = runAction(dir, {});
    expect(run.lines[0]).toBe(`kube-lint ${readVersion()}: linting "." in ${dir}`);
    expect(commands(run)).toEqual([
      IMAGE_TAG_ANNOTATION.replace('k8s/deploy.yaml', 'deploy/app.yaml'),
      '::error::kube-lint found 1 error (fail-on: error)',
    ]);
  });

  it('reads one path per line, spaces kept', () => {
    const dir = workspace({ 'k8s/my app/deploy.yaml': DEPLOYMENT, 'k8s/pod.yaml': POD, 'k8s/other.yaml': POD.replace('debug', 'other') });
    const run = runAction(dir, { path: '  k8s/my app/deploy.yaml\n\nk8s/pod.yaml  \n' });
    expect(run.lines[0]).toBe(`kube-lint ${readVersion()}: linting "k8s/my app/deploy.yaml" "k8s/pod.yaml" in ${dir}`);
    expect(commands(run)).toEqual([
      IMAGE_TAG_ANNOTATION.replace('k8s/deploy.yaml', 'k8s/my app/deploy.yaml'),
      BARE_POD_ANNOTATION,
      '::error::kube-lint found 1 error (fail-on: error)',
    ]);
  });

  it('takes crds, schemas, preset, strict and ignore-missing-schemas inputs', () => {
    const widget = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: big\n';
    const dir = workspace({
      '.kube-lint.yaml':
        'extends: recommended\nrules:\n  resource-requests: off\n  resource-limits: off\n  liveness-probe: off\n  readiness-probe: off\n  privileged: off\n',
      'k8s/widget.yaml': widget,
      'k8s/pod.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: busybox:1.36\n      securityContext:\n        privileged: true\n      colour: red\n',
      'crd defs/widget.yaml': WIDGET_CRD,
      'catalog/example.com/widget_v1.json': JSON.stringify({
        type: 'object',
        properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } },
      }),
    });
    const ruleIds = (run: ActionRun): string[] =>
      commands(run).map((c) => /title=([a-z-]+)(?: \([^)]*\))?,file=([^,]+),line=(\d+)/.exec(c)?.slice(1).join(':') ?? c);
    const fail = '::error::kube-lint found 2 errors (fail-on: error)';
    expect(ruleIds(runAction(dir, { path: 'k8s' }))).toEqual([
      'no-bare-pod:k8s/pod.yaml:2',
      'schema:k8s/pod.yaml:11',
      'unknown-kind:k8s/widget.yaml:2',
      '::error::kube-lint found 1 error (fail-on: error)',
    ]);
    // A CRD folder whose name has a space, one per line.
    expect(ruleIds(runAction(dir, { path: 'k8s', crds: 'crd defs\n' }))).toEqual([
      'no-bare-pod:k8s/pod.yaml:2',
      'schema:k8s/pod.yaml:11',
      'schema:k8s/widget.yaml:6',
      fail,
    ]);
    expect(ruleIds(runAction(dir, { path: 'k8s', schemas: 'catalog' }))).toEqual([
      'no-bare-pod:k8s/pod.yaml:2',
      'schema:k8s/pod.yaml:11',
      'schema:k8s/widget.yaml:6',
      fail,
    ]);
    expect(ruleIds(runAction(dir, { path: 'k8s', strict: 'false', 'ignore-missing-schemas': 'true' }))).toEqual([
      'no-bare-pod:k8s/pod.yaml:2',
    ]);
    // Rules of strict only (privileged is off in the config, which the preset does not override).
    const strict = ruleIds(runAction(dir, { path: 'k8s', preset: 'strict', 'ignore-missing-schemas': 'true' }));
    expect(strict.filter((id) => /^(run-as-non-root|read-only-root-fs):k8s\/pod\.yaml:/.test(id)).length).toBeGreaterThan(0);
    const bad = runAction(dir, { path: 'k8s', strict: 'yes' });
    expect(commands(bad)).toEqual(['::error::input strict takes true or false, got "yes"']);
  });

  it('passes args to the lint run as words, with no shell', () => {
    const dir = workspace({
      '.kube-lint.yaml': onlyRules(['image-tag', 'no-bare-pod']),
      'k8s/deploy.yaml': DEPLOYMENT.replace('nginx:latest', 'nginx:1.27.2'),
      'k8s/pod.yaml': POD,
      'k8s/skip me/pod.yaml': POD,
    });
    const run = runAction(dir, {
      path: 'k8s',
      args: `--rule 'image-tag: [warn, {requireDigest: true}]'\n--ignore-pattern "k8s/skip me/**" --max-warnings 1 '$(touch pwned)'`,
    });
    expect(commands(run)).toEqual([
      '::error title=kube-lint,file=$(touch pwned)::failed: no such file or directory',
      '::warning title=image-tag (apps/v1 Deployment web),file=k8s/deploy.yaml,line=10,endLine=10,col=18,endColumn=30::container "web" uses image "nginx:1.27.2" without a digest: pin it by digest (nginx:1.27.2@sha256:...)',
      BARE_POD_ANNOTATION,
      '::warning title=image-tag (v1 Pod debug),file=k8s/pod.yaml,line=8,endLine=8,col=14,endColumn=26::container "c" uses image "busybox:1.36" without a digest: pin it by digest (busybox:1.36@sha256:...)',
      '::error::kube-lint could not lint every input: 1 file failed',
    ]);
    expect(existsSync(path.join(dir, 'pwned'))).toBe(false);
    const warned = runAction(dir, {
      path: 'k8s',
      args: '--rule image-tag=warn --rule "image-tag: [1, {requireDigest: true}]" --max-warnings 1 --ignore-pattern "k8s/skip me/**"',
    });
    expect(commands(warned).at(-1)).toBe('::error::kube-lint found 3 warnings (max-warnings: 1)');
    for (const [args, message] of <[string, string][]>[
      ['--formt json', "::error::input args: unknown option '--formt' (did you mean --format?)"],
      ['--format json', '::error::input args cannot set --format: the Action has inputs (format, sarif-file) for reports'],
      ["--rule 'image-tag=error", "::error::input args has an unterminated ' quote"],
    ]) {
      expect(commands(runAction(dir, { path: 'k8s', args }))).toEqual([message]);
    }
  });

  it('writes a job summary ordered by severity, with a headline and links to the files at their lines', () => {
    const dir = workspace({
      '.kube-lint.yaml': onlyRules(['image-tag', 'no-bare-pod']),
      'k8s/deploy.yaml': DEPLOYMENT,
      'k8s/a.yaml': POD,
      'k8s/b.yaml': POD.replace('debug', 'b'),
    });
    const github = { GITHUB_SERVER_URL: 'https://github.example', GITHUB_REPOSITORY: 'acme/deploys', GITHUB_SHA: '0123abcd' };
    const run = runAction(dir, { path: 'k8s' }, BUNDLE, github);
    const blob = 'https://github.example/acme/deploys/blob/0123abcd';
    expect(run.summary).toMatch(/^<h2>❌ kube-lint failed: found 1 error \(fail-on: error\)<\/h2>\n/);
    // image-tag (1 error) above no-bare-pod (2 warnings).
    expect(run.summary).toContain(
      '<tr><td><a href="https://github.com/kube-lint/kube-lint/blob/main/docs/rules/image-tag.md">image-tag</a></td><td>error</td><td>1</td></tr><tr><td><a href="https://github.com/kube-lint/kube-lint/blob/main/docs/rules/no-bare-pod.md">no-bare-pod</a></td><td>warning</td><td>2</td></tr>',
    );
    expect(run.summary).toContain(`<tr><td><a href="${blob}/k8s/deploy.yaml"><code>k8s/deploy.yaml</code></a></td><td>1</td><td>0</td>`);
    const locations = [...run.summary.matchAll(/<tr><td><a href="([^"]+)"><code>([^<]+:\d+:\d+)<\/code><\/a><\/td><td>(\w+)<\/td>/g)].map(
      (m) => m.slice(1).join(' '),
    );
    expect(locations).toEqual([
      `${blob}/k8s/deploy.yaml#L10 k8s/deploy.yaml:10:18 error`,
      `${blob}/k8s/a.yaml#L2 k8s/a.yaml:2:7 warning`,
      `${blob}/k8s/b.yaml#L2 k8s/b.yaml:2:7 warning`,
    ]);

    const clean = workspace({ '.kube-lint.yaml': onlyRules(['image-tag']), 'k8s/a.yaml': POD });
    const passed = runAction(clean, { path: 'k8s' }, BUNDLE, github);
    expect(passed.summary).toMatch(
      /^<h2>✅ kube-lint passed<\/h2>\n<p>0 problems \(0 errors, 0 warnings\); 1 object in 1 file linted \(kube-lint /,
    );
    // Without the GitHub variables (a local run), no links.
    expect(runAction(dir, { path: 'k8s' }).summary).not.toContain('<a href="https://github.example');
  });
});

function readVersion(): string {
  return (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}
