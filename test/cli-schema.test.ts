/** The kube-lint command with the schema options, run as a user runs it, on temporary folders. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '..');
const CLI = path.join(REPO, 'src/cli.ts');
// tsx runs the TypeScript entry point; named by URL because the working folder is a temporary one.
const TSX = pathToFileURL(path.join(REPO, 'node_modules/tsx/dist/loader.mjs')).href;
const dir = mkdtempSync(path.join(tmpdir(), 'kube-lint-cli-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function run(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', TSX, CLI, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonReport {
  kubernetesVersion: string;
  files: { findings: { ruleId: string; line: number; message: string }[] }[];
}

function report(stdout: string): { version: string; findings: string[] } {
  const parsed = JSON.parse(stdout) as JsonReport;
  return { version: parsed.kubernetesVersion, findings: parsed.files.flatMap((f) => f.findings.map((x) => `${x.line} ${x.ruleId}`)) };
}

writeFileSync(
  path.join(dir, 'deploy.yaml'),
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27.2\n',
);
writeFileSync(
  path.join(dir, 'cert.yaml'),
  'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: tls\nspec:\n  secretName: tls\n  issuerRef: {name: le}\n  dnsNams: [a.example.com]\n',
);
writeFileSync(path.join(dir, 'widget.yaml'), 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: 1\n');
mkdirSync(path.join(dir, 'crds'));
cpSync(path.join(REPO, 'fixtures/crds/cert-manager.io_certificates.yaml'), path.join(dir, 'crds/certificates.yaml'));

describe('kube-lint --kubernetes-version', () => {
  it('accepts 1.31, v1.31 and 1.31.4', () => {
    for (const v of ['1.31', 'v1.31', '1.31.4']) {
      const { code, stdout } = run(['-k', v, '-f', 'json', 'deploy.yaml']);
      expect(code).toBe(0);
      expect(report(stdout).version).toBe('1.31');
    }
  }, 60_000);

  it('exits 2 on an unknown version, listing the known ones', () => {
    const { code, stderr } = run(['--kubernetes-version', '1.28', 'deploy.yaml']);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'kube-lint: unknown Kubernetes version "1.28": known versions are 1.29, 1.30, 1.31, 1.32, 1.33, 1.34, 1.35, 1.36\n',
    );
  });
});

describe('kube-lint --crd, --schemas, --ignore-missing-schemas', () => {
  it('warns about a custom resource without a schema, unless told not to', () => {
    const warned = run(['-f', 'json', 'widget.yaml']);
    expect(warned.code).toBe(0);
    expect(report(warned.stdout).findings).toEqual(['2 unknown-kind']);
    const quiet = run(['-f', 'json', '--ignore-missing-schemas', 'widget.yaml']);
    expect(report(quiet.stdout).findings).toEqual([]);
  }, 60_000);

  it('validates custom resources of the bundled catalog with no flag', () => {
    const { code, stdout } = run(['-f', 'json', 'cert.yaml']);
    expect(code).toBe(1);
    expect(report(stdout).findings).toEqual(['8 schema']);
  }, 60_000);

  it('validates custom resources against a --crd file or folder', () => {
    for (const crd of ['crds/certificates.yaml', 'crds']) {
      const { code, stdout } = run(['-f', 'json', '--crd', crd, 'cert.yaml']);
      expect(code).toBe(1);
      expect(report(stdout).findings).toEqual(['8 schema']);
    }
  }, 60_000);

  it('exits 2 when a --crd or --schemas path does not exist', () => {
    const crd = run(['--crd', 'missing.yaml', 'deploy.yaml']);
    expect(crd.code).toBe(2);
    expect(crd.stderr).toBe('kube-lint: --crd missing.yaml: no such file or folder\n');
    const schemas = run(['--schemas', 'nowhere', 'deploy.yaml']);
    expect(schemas.code).toBe(2);
    expect(schemas.stderr).toBe('kube-lint: --schemas nowhere: no such file or folder\n');
  }, 60_000);
});
