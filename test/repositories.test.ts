/**
 * Whole repositories, linted at their root as a new user would (`kube-lint .`, default config):
 * fixtures/repos/<name>/ are small repositories written to reproduce what real ones hold (files
 * that are not manifests, client-side configuration, kustomize bases, overlays, components and
 * patches, copies for two clusters, placeholders). Every finding expected is marked in its file
 * with `# expect: <rule-id>`; too few and too many both fail.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/lint.js';
import { exitCodeOf } from '../src/exit.js';
import { expectationKey, expectationsOf, FIXTURES, findingKey } from './helpers/fixtures.js';

const REPOS = path.join(FIXTURES, 'repos');

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? filesUnder(full) : [full];
    });
}

async function lintRepo(name: string, options: Parameters<typeof lint>[1] = {}) {
  const cwd = path.join(REPOS, name);
  const results = await lint(['.'], { cwd, cacheDir: false, ...options });
  const findings = results.files.flatMap((f) => f.findings);
  return { cwd, results, findings, keys: findings.map(findingKey).sort() };
}

const repos = readdirSync(REPOS).filter((name) => statSync(path.join(REPOS, name)).isDirectory());

describe.each(repos)('repository fixtures/repos/%s at its root', (name) => {
  it('reports exactly the findings marked in its files', async () => {
    const { cwd, results, keys } = await lintRepo(name);
    const expected = expectationsOf(filesUnder(cwd), cwd).map(expectationKey).sort();
    expect(keys).toEqual(expected);
    expect(results.internalError).toBe(false);
    expect(results.summary.filesFailed).toBe(0);
  });
});

describe('files that are not manifests (class 1)', () => {
  it('skips and counts JSON, JSONC, values files, workflows and templates found in folders, and lints the JSON manifest', async () => {
    const { results } = await lintRepo('non-manifests');
    const status = Object.fromEntries(results.files.map((f) => [f.filePath, f.skipKind ?? f.status]));
    expect(status).toEqual({
      '.github/workflows/ci.yaml': 'not-manifest',
      '.vscode/extensions.json': 'not-manifest',
      'chart-values/values.yaml': 'not-manifest',
      'dashboards/overview.json': 'not-manifest',
      'deploy/broken.yaml': 'linted',
      'deploy/configmap.json': 'linted',
      'deploy/service.yaml': 'linted',
      'docker-compose.yaml': 'not-manifest',
      'package.json': 'not-manifest',
      'renovate.json': 'not-manifest',
      'roles/web/templates/deployment.yaml': 'template',
    });
    expect(results.summary).toMatchObject({ filesNotManifests: 7, filesTemplates: 1, filesSkipped: 8, objects: 2, unparsedDocuments: 1 });
  });

  it('reports one syntax error per document, with how many more there are', async () => {
    const { findings } = await lintRepo('non-manifests');
    const syntax = findings.filter((f) => f.ruleId === 'yaml-syntax');
    expect(syntax).toHaveLength(1);
    expect(syntax[0]?.message).toMatch(/^YAML syntax error: .*\(and 1 more error in this document, which may follow from this one\)$/);
  });

  it('lints a file named on the command line whatever it holds', async () => {
    const cwd = path.join(REPOS, 'non-manifests');
    const results = await lint(['roles/web/templates/deployment.yaml', 'chart-values/values.yaml'], { cwd, cacheDir: false });
    const template = results.files.find((f) => f.filePath === 'roles/web/templates/deployment.yaml');
    expect(template?.status).toBe('linted');
    expect(template?.findings.map((f) => f.ruleId)).toContain('yaml-syntax');
    expect(results.files.find((f) => f.filePath === 'chart-values/values.yaml')).toMatchObject({ status: 'linted', skippedDocuments: 1 });
  });
});

describe('client-side configuration (class 2)', () => {
  it('counts kustomizations, kubeconfigs, cluster and tool configs apart, with the kinds the config adds', async () => {
    const { results } = await lintRepo('client-config');
    expect(results.summary.objects).toBe(1);
    expect(results.summary.clientConfigDocuments).toBe(12);
  });

  it('without the config, the kind it adds is a cluster object again', async () => {
    const { findings } = await lintRepo('client-config', { config: {} });
    expect(findings.map((f) => `${f.filePath} ${f.ruleId}`)).toEqual([
      'tools/thing.yaml incomplete-object',
      'tools/thing.yaml unknown-kind',
    ]);
  });
});

describe('kustomize (classes 3 and 5)', () => {
  it('knows which files are patches and leaves their absences alone', async () => {
    const { results } = await lintRepo('kustomize');
    expect(results.summary.patchObjects).toBe(4);
    const files = Object.fromEntries(results.files.map((f) => [f.filePath, f.patchObjects ?? 0]));
    expect(files['overlays/production/replicas.yaml']).toBe(1);
    expect(files['overlays/production/remove-service.yaml']).toBe(1);
    expect(files['components/monitoring/scrape.yaml']).toBe(1);
  });

  it('names the kustomization that brings two copies together', async () => {
    const { findings } = await lintRepo('kustomize');
    const duplicate = findings.find((f) => f.ruleId === 'duplicate-resource');
    expect(duplicate?.message).toBe(
      'ConfigMap web-settings is already defined in overlays/staging/more-settings.yaml (document 1) (both are resources of overlays/staging/kustomization.yaml): remove this copy or rename it',
    );
  });

  it('says a missing path leaves the folder it runs in without printing where that is on this machine', async () => {
    const { findings } = await lintRepo('kustomize');
    const outside = findings.find((f) => f.ruleId === 'kustomize-reference' && f.message.includes('outside-the-repository'));
    expect(outside?.message).toBe(
      'resources entry "../../../../outside-the-repository/app.yaml" does not exist (it resolves outside the folder kube-lint runs in): kustomize build fails; correct the path relative to overlays/broken, add the file, or remove the entry',
    );
    const inside = findings.find((f) => f.ruleId === 'kustomize-reference' && f.message.includes('missing.yaml'));
    expect(inside?.message).toContain('(overlays/broken/missing.yaml)');
  });

  it('with scope run, the overlays copies of one object are duplicates again', async () => {
    const { findings } = await lintRepo('duplicates', { config: { rules: { 'duplicate-resource': ['error', { scope: 'run' }] } } });
    expect(findings.filter((f) => f.ruleId === 'duplicate-resource').length).toBeGreaterThan(3);
  });
});

describe('placeholders (class 4)', () => {
  it('leaves values to be substituted unjudged, and counts them', async () => {
    const { results, findings } = await lintRepo('placeholders');
    expect(findings).toEqual([]);
    expect(results.summary.unjudgedValues).toBe(20);
  });

  it('with --var values, judges the substituted values at their original positions', async () => {
    const { results, keys, findings } = await lintRepo('placeholders', { vars: { APP: 'web', PORT: '8080', MEMORY: 'lots' } });
    expect(keys).toEqual(['apps/app/deployment.yaml:29 schema', 'apps/app/deployment.yaml:31 schema']);
    expect(findings[0]?.message).toBe(
      'spec.template.spec.containers[0].resources.requests.memory must be a quantity such as 128Mi, 250m or 1.5, got "lots"',
    );
    expect(results.summary.unjudgedValues).toBe(2);
  });
});

describe('an empty run (no manifest found)', () => {
  it('fails with exit code 2 and says so, unless allowed', async () => {
    const cwd = path.join(REPOS, 'non-manifests');
    const results = await lint(['chart-values', '.github'], { cwd, cacheDir: false });
    expect(results.nothingLinted).toBe(true);
    expect(exitCodeOf(results)).toBe(2);
    expect(results.notices.at(-1)?.message).toBe(
      'no Kubernetes manifests found in chart-values, .github (2 files read, none holds a Kubernetes object): nothing was linted. Check the path, or pass --allow-empty (config allowEmpty: true) where an empty folder is expected',
    );
    const allowed = await lint(['chart-values'], { cwd, cacheDir: false, allowEmpty: true });
    expect(allowed.nothingLinted).toBeUndefined();
    expect(exitCodeOf(allowed)).toBe(0);
    const byConfig = await lint(['chart-values'], { cwd, cacheDir: false, config: { allowEmpty: true } });
    expect(exitCodeOf(byConfig)).toBe(0);
  });
});
