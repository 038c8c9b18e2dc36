/** The command line as ESLint's users expect it: parsing, did-you-mean, severities, colours, config errors, init. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../src/engine/config.js';
import { rules } from '../rules/index.js';
import { LATEST_DEPLOYMENT, runCli, tempTree } from './helpers/cli.js';

const DEPLOYMENT = LATEST_DEPLOYMENT;

interface Report {
  files: { filePath: string; findings: { ruleId: string; line: number; column: number; severity: string }[] }[];
}
const findings = (stdout: string): string[] =>
  (JSON.parse(stdout) as Report).files.flatMap((f) =>
    f.findings.map((x) => `${f.filePath}:${x.line}:${x.column} ${x.severity} ${x.ruleId}`),
  );

describe('parsing and did-you-mean', () => {
  const cwd = tempTree({ 'deploy.yaml': DEPLOYMENT });

  it.each([
    [['--fix'], "kube-lint: unknown option '--fix'; see kube-lint --help\n"],
    [['--formt', 'json', '.'], "kube-lint: unknown option '--formt' (did you mean --format?); see kube-lint --help\n"],
    [['rules', 'image-tags'], 'kube-lint: unknown rule "image-tags" (did you mean "image-tag"?); "kube-lint rules" lists them\n'],
    [['rulse'], 'kube-lint: "rulse" is neither a file nor a command (did you mean "kube-lint rules"?)\n'],
    [
      ['-f', 'jsn', '.'],
      'kube-lint: unknown format "jsn" (did you mean "json"?): use one of stylish, compact, json, sarif, junit, github\n',
    ],
    [['--preset', 'strcit', '.'], 'kube-lint: unknown preset "strcit" (did you mean "strict"?): use one of recommended, strict, all\n'],
    [
      ['--rule', 'image-tags=error', '.'],
      'kube-lint: --rule "image-tags=error": unknown rule "image-tags" in rules (did you mean "image-tag"?); "kube-lint rules" lists them\n',
    ],
    [['--jobs'], "kube-lint: option '-j, --jobs <n>' argument missing; see kube-lint --help\n"],
  ])('%j -> exit 2, one line', (args, stderr) => {
    const run = runCli(args, { cwd });
    expect([run.code, run.stderr, run.stdout]).toEqual([2, stderr, '']);
  });

  it('gives each command its own --help', () => {
    const rulesHelp = runCli(['rules', '--help'], { cwd });
    expect(rulesHelp.code).toBe(0);
    expect(rulesHelp.stdout).toMatch(/^Usage: kube-lint rules \[options\] \[rule-id\]\n/);
    expect(rulesHelp.stdout).toContain('-f, --format <name>');
    const initHelp = runCli(['init', '--help'], { cwd });
    expect(initHelp.stdout).toMatch(/^Usage: kube-lint init \[options\]\n/);
    expect(initHelp.stdout).toContain('--force');
    expect(runCli(['lsp', '--help'], { cwd }).stdout).toMatch(/^Usage: kube-lint lsp \[options\]\n/);
    const main = runCli(['--help'], { cwd });
    expect(main.stdout).toMatch(/^Usage: kube-lint \[options\] \[paths\.\.\.\]\n/);
    expect(main.stdout).toMatch(/^Commands:\n {2}rules \[options\] \[rule-id\]/m);
  });

  it('prints the rule catalogue as data', () => {
    const run = runCli(['rules', '--format', 'json'], { cwd });
    expect(run.code).toBe(0);
    const catalogue = JSON.parse(run.stdout) as { id: string; presets: string[]; defaultSeverity: string; remediation: string }[];
    expect(catalogue.map((r) => r.id)).toEqual(rules.map((r) => r.id));
    expect(catalogue.find((r) => r.id === 'image-tag')).toMatchObject({
      defaultSeverity: 'error',
      presets: ['recommended', 'strict', 'all'],
      defaults: { requireDigest: false },
    });
    const one = JSON.parse(runCli(['rules', 'privileged', '-f', 'json'], { cwd }).stdout) as { id: string; presets: string[] };
    expect([one.id, one.presets]).toEqual(['privileged', ['recommended', 'strict', 'all']]);
  });

  it('keeps "-" for standard input and "--" before paths that look like options', () => {
    const stdin = runCli(['-', '--stdin-filename', 'in.yaml', '-f', 'json'], { cwd, input: DEPLOYMENT });
    expect(findings(stdin.stdout)).toEqual(['in.yaml:14:18 error image-tag']);
    const dashed = tempTree({ '--odd.yaml': DEPLOYMENT });
    expect(findings(runCli(['-f', 'json', '--', '--odd.yaml'], { cwd: dashed }).stdout)).toEqual(['--odd.yaml:14:18 error image-tag']);
  });
});

describe("ESLint's severities and --rule", () => {
  const cwd = tempTree({ 'deploy.yaml': DEPLOYMENT });

  it.each([
    ['image-tag=warn', 'warning'],
    ['image-tag=1', 'warning'],
    ['image-tag=2', 'error'],
    ['image-tag: warn', 'warning'],
    ['{"image-tag": 1}', 'warning'],
  ])('--rule %s', (rule, severity) => {
    const run = runCli(['deploy.yaml', '-f', 'json', '--rule', rule], { cwd });
    expect(findings(run.stdout)).toEqual([`deploy.yaml:14:18 ${severity} image-tag`]);
  });

  it('turns a rule off with off or 0', () => {
    for (const rule of ['image-tag=off', 'image-tag=0', 'image-tag: 0']) {
      const run = runCli(['deploy.yaml', '-f', 'json', '--rule', rule], { cwd });
      expect([run.code, findings(run.stdout)]).toEqual([0, []]);
    }
  });

  it('takes options in --rule, checked like the config', () => {
    const digest = runCli(['-f', 'compact', '--rule', 'image-tag: [error, {requireDigest: true}]', 'deploy.yaml'], { cwd });
    expect(digest.stdout.split('\n')[0]).toBe(
      'deploy.yaml:14:18: error: container "web" uses image "nginx:latest" without a digest: pin it by digest (nginx:latest@sha256:...) [image-tag]',
    );
    const bad = runCli(['--rule', 'image-tag: [error, {requireDigest: maybe}]', 'deploy.yaml'], { cwd });
    expect([bad.code, bad.stderr]).toEqual([
      2,
      'kube-lint: --rule "image-tag: [error, {requireDigest: maybe}]": invalid options for rule "image-tag": requireDigest must be boolean\n',
    ]);
    const garbage = runCli(['--rule', 'image-tag', 'deploy.yaml'], { cwd });
    expect(garbage.stderr).toMatch(/^kube-lint: --rule takes ID=SEVERITY or 'ID: \[SEVERITY, \{options\}\]'/);
  });

  it('accepts warn, 0, 1, 2 in the config file', () => {
    expect(parseConfigText('rules:\n  image-tag: warn\n  no-bare-pod: 0\n  schema: [2]\n  liveness-probe: [1, {}]\n', 'c.yaml')).toEqual({
      rules: { 'image-tag': 'warning', 'no-bare-pod': 'off', schema: ['error'], 'liveness-probe': ['warning', {}] },
    });
    const dir = tempTree({ '.kube-lint.yaml': 'rules:\n  image-tag: 1\n', 'deploy.yaml': DEPLOYMENT });
    expect(findings(runCli(['deploy.yaml', '-f', 'json', '--rule', 'liveness-probe=0'], { cwd: dir }).stdout)).toContain(
      'deploy.yaml:14:18 warning image-tag',
    );
  });

  it('takes --fail-on warn', () => {
    const dir = tempTree({ 'deploy.yaml': DEPLOYMENT });
    expect(runCli(['deploy.yaml', '--rule', 'image-tag=warn'], { cwd: dir }).code).toBe(0);
    expect(runCli(['deploy.yaml', '--rule', 'image-tag=warn', '--fail-on', 'warn'], { cwd: dir }).code).toBe(1);
    expect(runCli(['deploy.yaml', '--fail-on', 'off'], { cwd: dir }).code).toBe(0);
  });
});

describe('colours', () => {
  const cwd = tempTree({ 'deploy.yaml': DEPLOYMENT });
  const red = '\u001b[31merror';
  it.each([
    [{ FORCE_COLOR: '1' }, [], true],
    [{ FORCE_COLOR: '3' }, [], true],
    [{ FORCE_COLOR: '0' }, [], false],
    [{ FORCE_COLOR: '1' }, ['--no-color'], false],
    [{ NO_COLOR: '1' }, [], false],
    [{ NO_COLOR: '1' }, ['--color'], true],
    [{ NO_COLOR: '1', FORCE_COLOR: '1' }, [], true],
    [{}, [], false],
  ])('%j %j -> colour %s (piped)', (env, flags, coloured) => {
    expect(runCli(['deploy.yaml', ...flags], { cwd, env }).stdout.includes(red)).toBe(coloured);
  });
});

describe('config errors', () => {
  it('reports every mistake at once, each at file:line:column', () => {
    const config = [
      'extends: recomended',
      'kubernetesVersion: 1.30',
      'rules:',
      '  image-tags: error',
      '  no-bare-pod: fatal',
      '  image-tag: [warn, { requireDigest: maybe }]',
      'strictt: true',
      '',
    ].join('\n');
    const cwd = tempTree({ '.kube-lint.yaml': config, 'deploy.yaml': DEPLOYMENT });
    const run = runCli(['deploy.yaml'], { cwd });
    const file = path.join(cwd, '.kube-lint.yaml');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(
      run.stderr
        .split('\n')
        .filter((l) => l !== '')
        .sort(),
    ).toEqual(
      [
        `kube-lint: ${file}:7:1: unknown key "strictt" (did you mean "strict"?) (known keys: extends, rules, kubernetesVersion, strict, ignore, crds, schemas, clientKinds, allowEmpty, vars, varsFiles, policies, policyPaths)`,
        `kube-lint: ${file}:1:10: "extends" must be one of ["recommended","strict","all"] (did you mean "recommended"?)`,
        `kube-lint: ${file}:5:16: "rules.no-bare-pod" must be one of off, info, warning, error (or ESLint's warn, 0, 1, 2), or [severity, {options}]`,
        `kube-lint: ${file}:2:20: write kubernetesVersion as a quoted string ("1.30"): as a YAML number, 1.3 loses its trailing zero`,
        `kube-lint: ${file}:4:3: unknown rule "image-tags" in rules (did you mean "image-tag"?); "kube-lint rules" lists them`,
        `kube-lint: ${file}:6:21: invalid options for rule "image-tag": requireDigest must be boolean`,
      ].sort(),
    );
  });

  it('points at the line of a YAML syntax error', () => {
    const cwd = tempTree({ '.kube-lint.yaml': 'rules:\n  image-tag: [error\n', 'deploy.yaml': DEPLOYMENT });
    expect(runCli(['deploy.yaml'], { cwd }).stderr).toMatch(/^kube-lint: .*\.kube-lint\.yaml:3:1: not valid YAML or JSON: /);
  });
});

describe('--print-config', () => {
  it('prints the effective configuration, command-line overrides included', () => {
    const cwd = tempTree({
      '.kube-lint.yaml':
        'extends: strict\nkubernetesVersion: "1.31"\nrules:\n  image-tag: [warn, { requireDigest: true }]\n  privileged: 0\nignore: ["charts/**"]\n',
      'deploy.yaml': DEPLOYMENT,
    });
    const run = runCli(['--print-config', 'deploy.yaml', '--rule', 'no-bare-pod=off', '--no-strict'], { cwd });
    expect(run.code).toBe(0);
    const config = JSON.parse(run.stdout) as Record<string, unknown> & { rules: Record<string, unknown> };
    expect(config).toMatchObject({
      file: 'deploy.yaml',
      configFile: '.kube-lint.yaml',
      kubernetesVersion: '1.31',
      strict: false,
      ignore: ['charts/**'],
    });
    expect(config.rules['image-tag']).toEqual(['warning', { requireDigest: true, disallowedTags: ['latest'] }]);
    expect(config.rules['run-as-non-root']).toEqual(['warning', { acceptNonZeroUser: false, exemptUserNamespaces: false }]);
    expect(config.rules.privileged).toBeUndefined();
    expect(config.rules['no-bare-pod']).toBeUndefined();
    expect(config.rules['unused-disable']).toBeUndefined();
  });
});

describe('kube-lint init', () => {
  it('writes a commented .kube-lint.yaml that loads and lists the preset', () => {
    const cwd = tempTree({ 'deploy.yaml': DEPLOYMENT }, { config: false });
    const run = runCli(['init', '--preset', 'strict'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('wrote .kube-lint.yaml (preset strict); "kube-lint --print-config FILE" shows what applies to FILE\n');
    const text = readFileSync(path.join(cwd, '.kube-lint.yaml'), 'utf8');
    expect(parseConfigText(text, '.kube-lint.yaml', rules)).toMatchObject({ extends: 'strict', strict: true });
    expect(text).toMatch(/^ {2}# privileged: +error +# Containers do not run privileged/m);
    expect(text).not.toMatch(/^ {2}# unused-disable/m);
    expect(text.split('\n').filter((l) => l.startsWith('#')).length).toBeGreaterThan(10);
    // It is the config of the next run.
    expect(findings(runCli(['-f', 'json', 'deploy.yaml'], { cwd }).stdout)).toContain('deploy.yaml:14:18 error image-tag');
    const again = runCli(['init'], { cwd });
    expect([again.code, again.stderr]).toEqual([2, 'kube-lint: .kube-lint.yaml already exists here; give --force to replace it\n']);
    expect(runCli(['init', '--force'], { cwd }).code).toBe(0);
    expect(readFileSync(path.join(cwd, '.kube-lint.yaml'), 'utf8')).toContain('extends: recommended');
  });
});

describe('the stylish report in a terminal of 80 or 100 columns', () => {
  const cwd = tempTree(
    { 'deploy.yaml': DEPLOYMENT },
    { config: 'rules:\n  hpa-missing: off\n  resource-limits: off\n  resource-requests: off\n' },
  );
  it.each([80, 100])('wraps at %i columns, rule ids whole, one position per place', (columns) => {
    const run = runCli(['deploy.yaml'], { cwd, env: { COLUMNS: String(columns) } });
    const lines = run.stdout.split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(columns);
    for (const id of ['image-tag', 'liveness-probe', 'readiness-probe']) expect(lines.some((l) => l.endsWith(`  ${id}`))).toBe(true);
    expect(lines.filter((l) => l.startsWith('  13:11 ')).length).toBe(1);
    expect(lines.filter((l) => /^ {9}warning {2}container "web" has no readinessProbe/.test(l)).length).toBe(1);
  });

  it('matches this report exactly at 80 columns', () => {
    expect(runCli(['deploy.yaml'], { cwd, env: { COLUMNS: '80' } }).stdout).toBe(
      [
        'deploy.yaml',
        '  13:11  warning  container "web" has no livenessProbe: add one so the kubelet',
        '                  restarts the container when it hangs  liveness-probe',
        '         warning  container "web" has no readinessProbe: add one so Services and',
        '                  rollouts wait until it is ready  readiness-probe',
        '  14:18  error    container "web" uses image "nginx:latest": the "latest" tag',
        '                  floats, pin a version or digest  image-tag',
        '',
        '✖ 3 problems (1 error, 2 warnings); 1 object in 1 file linted',
        '',
      ].join('\n'),
    );
  });

  it('prints how to fix once per rule with --verbose only', () => {
    const plain = runCli(['deploy.yaml'], { cwd }).stdout;
    expect(plain).not.toContain('How to fix');
    const verbose = runCli(['deploy.yaml', '--verbose'], { cwd, env: { COLUMNS: '100' } }).stdout;
    expect(verbose.match(/^ {2}image-tag {2}https:\/\/\S+\/image-tag\.md$/gm)).toHaveLength(1);
    expect(verbose).toContain('    Use an immutable version tag (nginx:1.27.2) or a digest');
    expect(verbose).toMatch(/^ {4}livenessProbe:\n {6}httpGet:/m);
    expect(Math.max(...verbose.split('\n').map((l) => l.length))).toBeLessThanOrEqual(100);
  });
});
