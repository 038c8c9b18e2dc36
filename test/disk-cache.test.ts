/**
 * Compiled validators on disk (src/schema/disk-cache.ts): a second run loads what the first
 * stored instead of compiling, with the very same findings; a damaged or foreign entry is compiled
 * again; a cache that cannot be written costs nothing but time.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../src/lint.js';
import { parseYaml } from '../src/load/parse.js';
import { defaultCacheDir, DiskValidatorCache } from '../src/schema/disk-cache.js';
import { SchemaRegistry, ValidatorCache } from '../src/schema/registry.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kube-lint-cache-'));
  dirs.push(dir);
  return dir;
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  lables: {app: web}
spec:
  replicas: "two"
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          resources: {limits: {memory: 12 GB}}
`;
const SERVICE =
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  trafficDistribution: PreferClose\n  ports:\n    - port: 80\n';

function valueOf(text: string): Record<string, unknown> {
  return parseYaml(text).documents[0]?.value as Record<string, unknown>;
}

/** The issues of each object in a fresh registry (fresh in-memory validators) over `disk`. */
function validateAll(
  disk: DiskValidatorCache | undefined,
  version = '1.31',
): { issues: unknown[]; compilations: number; ajvMade: boolean } {
  const cache = new ValidatorCache();
  const registry = new SchemaRegistry({ kubernetesVersion: version, strict: true, cache, ...(disk ? { disk } : {}) });
  const crd = readFileSync(path.join(FIXTURES, 'crds/cert-manager.io_certificates.yaml'), 'utf8');
  for (const document of parseYaml(crd).documents) registry.addCrd(document.value, 'crd.yaml');
  const certificate = readFileSync(path.join(FIXTURES, 'schema/invalid/cert-manager.yaml'), 'utf8');
  const issues = [DEPLOYMENT, SERVICE, certificate].map((text) => {
    const value = valueOf(text);
    return registry.validate(value, String(value.apiVersion), String(value.kind))?.issues;
  });
  return { issues, compilations: cache.compilations, ajvMade: cache.core(version, true).ajv !== undefined };
}

describe('validators cached on disk', () => {
  it('the second run loads every validator the first compiled, and finds the same', () => {
    const expected = validateAll(undefined, '1.29');
    expect(expected.compilations).toBe(3);
    // The fixtures say what is at stake: did-you-mean, a field of a later version, a custom resource.
    expect(JSON.stringify(expected.issues)).toContain('did you mean');
    expect(JSON.stringify(expected.issues)).toContain('added in 1.30');

    const dir = tempDir();
    const disk = new DiskValidatorCache(dir);
    const cold = validateAll(disk, '1.29');
    expect(cold).toEqual(expected);
    expect(disk.stats).toEqual({ hits: 0, misses: 3, stores: 3, compiledCodeUsed: 0, prebuilt: 0 });
    expect(readdirSync(dir).filter((f) => f.endsWith('.js'))).toHaveLength(3);

    const warm = validateAll(disk, '1.29');
    expect(warm.issues).toEqual(expected.issues);
    expect(warm.compilations).toBe(0);
    // Naming the definition of an unknown field ("added in 1.30") needs the definitions, not Ajv.
    expect(warm.ajvMade).toBe(false);
    expect(disk.stats).toEqual({ hits: 3, misses: 3, stores: 3, compiledCodeUsed: 0, prebuilt: 0 });

    // Once they have run, V8's compiled code is written beside them, and used next time.
    disk.flush();
    expect(readdirSync(dir).filter((f) => f.endsWith('.js.v8'))).toHaveLength(3);
    const compiled = validateAll(disk, '1.29');
    expect(compiled.issues).toEqual(expected.issues);
    expect(disk.stats).toEqual({ hits: 6, misses: 3, stores: 3, compiledCodeUsed: 3, prebuilt: 0 });
    // Compiled code that V8 refuses (cut short, damaged, of another Node) is only a slower load.
    const damaged = readdirSync(dir).filter((f) => f.endsWith('.v8'));
    damaged.forEach((file, i) => {
      const data = readFileSync(path.join(dir, file));
      if (i === 0) writeFileSync(path.join(dir, file), data.subarray(0, data.length >> 1));
      else
        writeFileSync(
          path.join(dir, file),
          data.map((byte, at) => (at >= 64 ? byte ^ 0x5a : byte)),
        );
    });
    expect(validateAll(disk, '1.29').issues).toEqual(expected.issues);
    expect(disk.stats.hits).toBe(9);
  });

  it('keys differ by Kubernetes version, strictness and schema', () => {
    const disk = new DiskValidatorCache(tempDir());
    const keys = [
      disk.keyOf('core', '1.31', 'true', 'io.k8s.api.apps.v1.Deployment', 's'),
      disk.keyOf('core', '1.30', 'true', 'io.k8s.api.apps.v1.Deployment', 's'),
      disk.keyOf('core', '1.31', 'false', 'io.k8s.api.apps.v1.Deployment', 's'),
      disk.keyOf('core', '1.31', 'true', 'io.k8s.api.apps.v1.StatefulSet', 's'),
      disk.keyOf('core', '1.31', 'true', 'io.k8s.api.apps.v1.Deployment', 't'),
      // Parts are length-prefixed: moving a character between parts is another key.
      disk.keyOf('core', '1.31', 'true', 'io.k8s.api.apps.v1.Deploymen', 'ts'),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(disk.keyOf('core', '1.31', 'true', 'io.k8s.api.apps.v1.Deployment', 's')).toBe(keys[0]);
  });

  it('a damaged, foreign or hostile entry is compiled again and replaced', () => {
    const expected = validateAll(undefined);
    const dir = tempDir();
    const disk = new DiskValidatorCache(dir);
    validateAll(disk);
    const entries = readdirSync(dir).filter((f) => f.endsWith('.js'));
    expect(entries).toHaveLength(3);
    const [first, second, third] = entries.map((f) => path.join(dir, f));
    writeFileSync(first as string, 'garbage');
    // Right header, code that would need a module kube-lint does not hand out.
    const header = readFileSync(second as string, 'utf8').split('\n')[0];
    writeFileSync(second as string, `${header}\nrequire("node:child_process").execSync("touch /tmp/kube-lint-pwned");`);
    writeFileSync(third as string, `${readFileSync(third as string, 'utf8').split('\n')[0]}\nmodule.exports = 42;`);
    const again = validateAll(disk);
    expect(again.issues).toEqual(expected.issues);
    expect(again.compilations).toBe(3);
    for (const file of [first, second, third]) expect(readFileSync(file as string, 'utf8')).toMatch(/^\/\/ kube-lint [0-9a-f]{64}\n/);
  });

  it('validators prebuilt with the package load without compiling, and are copied into the cache folder', () => {
    const expected = validateAll(undefined);
    // Made as scripts/prebuild-validators.mjs makes them: a filled cache, each entry compressed.
    const made = tempDir();
    validateAll(new DiskValidatorCache(made));
    const prebuilt = tempDir();
    const names = readdirSync(made).filter((f) => f.endsWith('.js'));
    expect(names).toHaveLength(3);
    for (const name of names) writeFileSync(path.join(prebuilt, `${name}.br`), brotliCompressSync(readFileSync(path.join(made, name))));

    // Without a cache folder: loaded, nothing written anywhere.
    const alone = new DiskValidatorCache(undefined, prebuilt);
    const first = validateAll(alone);
    expect(first).toEqual({ issues: expected.issues, compilations: 0, ajvMade: false });
    expect(alone.stats).toMatchObject({ hits: 3, prebuilt: 3, misses: 0, stores: 0 });
    alone.flush();
    expect(readdirSync(prebuilt)).toHaveLength(3);

    // With one: loaded from the prebuilt folder, then code and V8's compiled code kept in the cache.
    const dir = tempDir();
    const disk = new DiskValidatorCache(dir, prebuilt);
    expect(validateAll(disk)).toEqual({ issues: expected.issues, compilations: 0, ajvMade: false });
    expect(disk.stats).toMatchObject({ hits: 3, prebuilt: 3 });
    disk.flush();
    expect(readdirSync(dir).sort()).toEqual(names.flatMap((n) => [n, `${n}.v8`]).sort());
    const next = new DiskValidatorCache(dir, prebuilt);
    expect(validateAll(next).issues).toEqual(expected.issues);
    expect(next.stats).toMatchObject({ hits: 3, prebuilt: 0, compiledCodeUsed: 3 });

    // A damaged or foreign prebuilt entry is compiled instead.
    const [damaged, foreign] = readdirSync(prebuilt).map((f) => path.join(prebuilt, f));
    writeFileSync(damaged as string, 'not brotli');
    writeFileSync(foreign as string, brotliCompressSync(Buffer.from(`// kube-lint ${'0'.repeat(64)}\nmodule.exports = () => true;`)));
    const mended = new DiskValidatorCache(undefined, prebuilt);
    expect(validateAll(mended)).toEqual({ issues: expected.issues, compilations: 2, ajvMade: true });
    expect(mended.stats).toMatchObject({ hits: 1, prebuilt: 1, misses: 2 });
  });

  it('a cache folder that cannot be made costs nothing but time', () => {
    const blocked = path.join(tempDir(), 'a-file');
    writeFileSync(blocked, '');
    const disk = new DiskValidatorCache(path.join(blocked, 'validators'));
    expect(validateAll(disk).issues).toEqual(validateAll(undefined).issues);
    expect(disk.stats.stores).toBe(0);
  });

  it('lint(): the same results with no cache, an empty cache and a filled one', async () => {
    const cacheDir = tempDir();
    const options = { cwd: FIXTURES, config: { extends: 'all' as const, crds: ['crds'] }, jobs: 1 };
    const none = await lint(['schema', 'unknown-kind'], { ...options, cacheDir: false, validatorCache: new ValidatorCache() });
    const cold = await lint(['schema', 'unknown-kind'], { ...options, cacheDir, validatorCache: new ValidatorCache() });
    const entries = (): string[] => readdirSync(path.join(cacheDir, 'validators')).filter((f) => f.endsWith('.js'));
    const filled = entries().length;
    expect(filled).toBeGreaterThan(5);
    const warm = await lint(['schema', 'unknown-kind'], { ...options, cacheDir, validatorCache: new ValidatorCache() });
    const compiled = await lint(['schema', 'unknown-kind'], { ...options, cacheDir, validatorCache: new ValidatorCache() });
    expect(cold).toEqual(none);
    expect(warm).toEqual(none);
    expect(compiled).toEqual(none);
    expect(entries()).toHaveLength(filled);
    expect(readdirSync(path.join(cacheDir, 'validators')).filter((f) => f.endsWith('.js.v8'))).toHaveLength(filled);
  });

  it('the CEL rules of a CRD are compiled once, then read from the cache folder; a damaged or foreign file is ignored', () => {
    const crd = valueOf(readFileSync(path.join(FIXTURES, 'cel-rule/invalid/crd-author/crd.yaml'), 'utf8'));
    const crdIssues = (disk: DiskValidatorCache | undefined): unknown[] | undefined =>
      new SchemaRegistry({ kubernetesVersion: '1.31', strict: true, cache: new ValidatorCache(), ...(disk ? { disk } : {}) })
        .validate(crd, 'apiextensions.k8s.io/v1', 'CustomResourceDefinition')
        ?.issues.filter((issue) => issue.rule === 'cel-rule');
    const expected = crdIssues(undefined);
    expect(expected).toHaveLength(5);
    // Five rules and one messageExpression.
    const EXPRESSIONS = 6;

    const dir = tempDir();
    const cold = new DiskValidatorCache(dir);
    expect(crdIssues(cold)).toEqual(expected);
    expect(cold.celStats).toEqual({ found: 0, compiled: EXPRESSIONS });
    cold.flush();
    const file = path.join(dir, 'cel-outlines.json');
    const written = JSON.parse(readFileSync(file, 'utf8')) as { key: string; outlines: Record<string, unknown> };
    expect(Object.keys(written.outlines)).toHaveLength(EXPRESSIONS);
    expect(written.outlines['self.level >= 0 &&']).toEqual({ error: 'syntax error: 1:17: found & but expecting end of input' });

    const warm = new DiskValidatorCache(dir);
    expect(crdIssues(warm)).toEqual(expected);
    expect(warm.celStats).toEqual({ found: EXPRESSIONS, compiled: 0 });

    // Not JSON, made by other code (another key), an outline of the wrong shape: compiled again, and the file rewritten.
    const wrongShape = { ...written, outlines: { ...written.outlines, 'self.level.frobnicate()': { error: 42 } } };
    for (const damaged of ['{"key": "', JSON.stringify({ ...written, key: 'other' }), JSON.stringify(wrongShape)]) {
      writeFileSync(file, damaged);
      const again = new DiskValidatorCache(dir);
      expect(crdIssues(again)).toEqual(expected);
      expect(again.celStats).toEqual({ found: 0, compiled: EXPRESSIONS });
      again.flush();
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(written);
    }

    // An outline that lies is believed (the file is the user's own cache): it is keyed by the code that made it.
    writeFileSync(file, JSON.stringify({ ...written, outlines: { ...written.outlines, 'self.level >= 0 &&': { references: [] } } }));
    expect(crdIssues(new DiskValidatorCache(dir))).toHaveLength(4);
    // Without a cache folder, nothing is written and every run compiles.
    const none = new DiskValidatorCache(undefined);
    expect(crdIssues(none)).toEqual(expected);
    none.flush();
    expect(none.celStats).toEqual({ found: 0, compiled: EXPRESSIONS });
  });

  it('lives in the user cache folder unless told otherwise', () => {
    expect(defaultCacheDir({ KUBE_LINT_CACHE_DIR: 'off' })).toBeUndefined();
    expect(defaultCacheDir({ KUBE_LINT_CACHE_DIR: '' })).toBeUndefined();
    expect(defaultCacheDir({ KUBE_LINT_CACHE_DIR: '/somewhere/else' })).toBe(path.resolve('/somewhere/else'));
    if (process.platform === 'linux') {
      expect(defaultCacheDir({ XDG_CACHE_HOME: '/xdg' })).toBe('/xdg/kube-lint');
      expect(defaultCacheDir({})).toMatch(/\/\.cache\/kube-lint$/);
      // Never relative to the folder being linted.
      expect(defaultCacheDir({ XDG_CACHE_HOME: 'relative' }, () => '/home/u')).toBe('/home/u/.cache/kube-lint');
      expect(defaultCacheDir({}, () => '')).toBeUndefined();
      expect(
        defaultCacheDir({}, () => {
          throw new Error('no home');
        }),
      ).toBeUndefined();
    }
  });
});
