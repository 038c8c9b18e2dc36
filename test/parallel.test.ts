/**
 * Linting on worker threads (src/parallel/): the same results as one thread, finding for finding,
 * whatever falls in which part: CRDs and their custom resources, cross-resource relations,
 * suppressions, unreadable files, notices.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testRule } from './helpers/rules.js';
import { rules } from '../rules/index.js';
import { lint } from '../src/lint.js';
import type { FileEntry } from '../src/load/files.js';
import { jobsFor, MAX_JOBS, MIN_PROCESSORS, PARALLEL_MIN_BYTES, PARALLEL_MIN_FILES, splitFiles } from '../src/parallel/pool.js';
import { tempTree } from './helpers/cli.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');

const deployment = (name: string, labels: string, extra = ''): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n${extra}spec:\n  replicas: 2\n  selector:\n    matchLabels: {${labels}}\n  template:\n    metadata:\n      labels: {${labels}}\n    spec:\n      containers:\n        - name: app\n          image: nginx:latest\n`;
const service = (name: string, selector: string, port = 'http'): string =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  selector: {${selector}}\n  ports:\n    - port: 80\n      targetPort: ${port}\n`;

describe('worker threads give the results of one thread', () => {
  it('over every fixture: every rule, CRDs in one part and their custom resources in another', async () => {
    const options = { cwd: FIXTURES, config: { extends: 'all' as const }, cacheDir: false as const };
    const one = await lint(['.'], { ...options, jobs: 1 });
    // The run must hold what makes the test worth it: custom resources checked against CRDs of the run.
    const certificate = one.files.find((f) => f.filePath === 'schema/invalid/cert-manager.yaml');
    expect(certificate?.findings.some((f) => f.ruleId === 'schema')).toBe(true);
    expect(one.summary.objects).toBeGreaterThan(300);
    for (const jobs of [2, 3]) expect(await lint(['.'], { ...options, jobs }), `${jobs} threads`).toEqual(one);
  });

  it('cross-resource findings, suppressions and unused suppressions across parts', async () => {
    const files: Record<string, string> = {
      '.kube-lint.yaml': 'extends: all\nrules:\n  duplicate-resource: [error, {scope: run}]\n',
      // First part: the workloads.
      'a/web.yaml': deployment('web', 'app: web'),
      'a/api.yaml': deployment('api', 'app: api', '  annotations:\n    kube-lint.io/ignore: hpa-missing,image-tag\n'),
      'a/dup.yaml': deployment('web', 'app: web'),
      // Last part: what refers to them, one suppressed by a comment, one by nothing.
      'z/svc-web.yaml': service('web', 'app: web'),
      'z/svc-none.yaml': `# kube-lint-disable-next-line service-selector\n${service('none', 'app: nothing')}`,
      'z/svc-other.yaml': service('other', 'app: other', '8080'),
      'z/unused.yaml': `# kube-lint-disable image-tag\n${service('api', 'app: api')}`,
      'z/hpa.yaml':
        'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: missing}\n  minReplicas: 2\n  maxReplicas: 4\n',
      'z/broken.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n',
    };
    for (let i = 0; i < 6; i++) files[`m/pad-${i}.yaml`] = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: pad-${i}\ndata:\n  k: v\n`;
    const cwd = tempTree(files);
    const options = { cwd, reportUnusedDisables: true, cacheDir: false as const };
    const one = await lint(['a', 'm', 'z', 'missing.yaml'], { ...options, jobs: 1 });
    const ids = new Set(one.files.flatMap((f) => f.findings.map((x) => x.ruleId)));
    for (const id of ['duplicate-resource', 'service-selector', 'hpa-target', 'unused-disable', 'yaml-syntax']) expect(ids).toContain(id);
    expect(one.summary.suppressed).toBeGreaterThan(0);
    expect(one.summary.filesFailed).toBe(1); // missing.yaml
    for (const jobs of [2, 4]) expect(await lint(['a', 'm', 'z', 'missing.yaml'], { ...options, jobs }), `${jobs} threads`).toEqual(one);
  });

  it('a subset of the built-in rules is honoured in the workers', async () => {
    const cwd = tempTree({ 'a.yaml': deployment('a', 'app: a'), 'b.yaml': deployment('b', 'app: b'), 'c.yaml': service('c', 'app: c') });
    const ruleSet = rules.filter((r) => ['image-tag', 'service-selector'].includes(r.id));
    const one = await lint(['.'], { cwd, ruleSet, config: { extends: 'all' }, jobs: 1, cacheDir: false });
    expect(new Set(one.files.flatMap((f) => f.findings.map((x) => x.ruleId)))).toEqual(new Set(['image-tag', 'service-selector']));
    expect(await lint(['.'], { cwd, ruleSet, config: { extends: 'all' }, jobs: 2, cacheDir: false })).toEqual(one);
  });
});

describe('how many threads', () => {
  const files = (count: number, size: number): FileEntry[] =>
    Array.from({ length: count }, (_, i) => ({ absolutePath: `/nowhere/${i}.yaml`, displayPath: `${i}.yaml`, size }));

  it('one for small inputs, for custom rules and for a heap probe; as asked otherwise, up to the files', () => {
    expect(jobsFor({}, files(PARALLEL_MIN_FILES - 1, 1 << 20))).toBe(1);
    expect(jobsFor({}, files(1000, 100))).toBe(1); // 100 kB in all
    expect(jobsFor({ jobs: 3 }, files(10, 100))).toBe(3);
    expect(jobsFor({ jobs: 3 }, files(2, 100))).toBe(2);
    const custom = testRule('custom', 'A rule that is not built in', () => []);
    expect(jobsFor({ jobs: 4, ruleSet: [custom] }, files(100, 1 << 20))).toBe(1);
    expect(jobsFor({ jobs: 4, readHeap: () => ({ used: 0, limit: 1 }) }, files(100, 1 << 20))).toBe(1);
  });

  it(`by default, one per processor (at most ${MAX_JOBS}) on large inputs, from ${MIN_PROCESSORS} processors on`, () => {
    const big = files(100, Math.ceil(PARALLEL_MIN_BYTES / 50));
    const processors = availableParallelism();
    expect(jobsFor({}, big)).toBe(processors < MIN_PROCESSORS ? 1 : Math.min(processors, MAX_JOBS));
  });

  it('splits files into contiguous parts of about equal size, none empty', () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f'];
    expect(splitFiles(names, [1, 1, 1, 1, 1, 1], 2)).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
    ]);
    expect(splitFiles(names, [10, 1, 1, 1, 1, 1], 2)).toEqual([['a'], ['b', 'c', 'd', 'e', 'f']]);
    expect(splitFiles(names, [1, 1, 1, 1, 1, 10], 3)).toEqual([['a', 'b', 'c', 'd'], ['e'], ['f']]);
    for (let parts = 1; parts <= 6; parts++) {
      const split = splitFiles(names, [5, 1, 9, 2, 2, 7], parts);
      expect(split).toHaveLength(parts);
      expect(split.flat()).toEqual(names);
      for (const part of split) expect(part.length).toBeGreaterThan(0);
    }
  });
});
