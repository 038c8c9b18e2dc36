/**
 * Property-based tests (fast-check): whatever text or data goes in, every rule runs without an
 * exception or an internal error, and every finding points inside the text; and the manifest
 * reader agrees with the exact parser on mutated manifests. Seeded, so a failure
 * is reproducible; FC_SEED and FC_NUM_RUNS widen a run (`FC_NUM_RUNS=5000 npx vitest run
 * test/property.test.ts`), and fast-check prints the shrunk input that fails.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { formatCompact, formatJson, formatStylish } from '../src/format/index.js';
import { lintText } from '../src/lint.js';
import { FIXTURES } from './helpers/fixtures.js';
import { brokenInvariant, mutate, TOKENS, type Mutation } from './helpers/invariants.js';
import { compareReader } from './helpers/parsers.js';

const SEED = Number(process.env.FC_SEED ?? 20240607);
const RUNS = Number(process.env.FC_NUM_RUNS ?? 150);
/** Time for one property: the default run takes a few seconds. */
const TIMEOUT = Math.max(30_000, RUNS * 40);
const settings = (numRuns = RUNS): fc.Parameters<unknown> => ({ seed: SEED, numRuns });

function check(text: string): void {
  const results = lintText(text, { config: { extends: 'all' }, filePath: 'input.yaml' });
  const broken = brokenInvariant(text, results);
  if (broken) throw new Error(`${broken}\n--- input ---\n${text}`);
  formatStylish(results);
  formatCompact(results);
  JSON.parse(formatJson(results));
}

const yamlish = fc
  .array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...TOKENS) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }), {
    maxLength: 80,
  })
  .map((parts) => parts.join(''));

function fixtureFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? fixtureFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
}

const MANIFESTS = fixtureFiles(FIXTURES).map((f) => readFileSync(f, 'utf8'));

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete' as const, 'duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 3 })),
  }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), text: fc.string({ minLength: 1, maxLength: 1 }) }),
);

const KINDS = [
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'CronJob',
  'ReplicationController',
  'List',
  'Service',
  'X',
];

/** Pod-spec-like objects whose every field may be any value at all. */
const podSpecLike = fc.letrec((tie) => ({
  anything: fc.oneof(
    { depthSize: 'small' },
    fc.anything({ maxDepth: 3, withNullPrototype: false, withBigInt: false, withDate: false, withTypedArray: false }),
    tie('container'),
  ),
  container: fc.record(
    {
      name: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
      image: fc.oneof(fc.constantFrom('nginx', 'nginx:latest', 'nginx@sha256:abc', 'a/b:1.2', ':', '@', ''), fc.string(), fc.double()),
      ports: fc.oneof(fc.array(fc.record({ containerPort: fc.oneof(fc.integer(), fc.string(), fc.double()) })), fc.string()),
      resources: fc.dictionary(fc.constantFrom('limits', 'requests'), fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.double()))),
      securityContext: fc.anything({ maxDepth: 2 }),
    },
    { requiredKeys: [] },
  ),
  podSpec: fc.record(
    {
      containers: fc.oneof(fc.array(fc.oneof(tie('container'), tie('anything')), { maxLength: 3 }), tie('anything')),
      initContainers: fc.array(tie('container'), { maxLength: 2 }),
      ephemeralContainers: fc.array(tie('container'), { maxLength: 1 }),
      volumes: tie('anything'),
    },
    { requiredKeys: [] },
  ),
  object: fc.record(
    {
      apiVersion: fc.oneof(fc.constantFrom('v1', 'apps/v1', 'batch/v1', 'batch/v1beta1', 'x/y/z'), fc.string(), fc.integer()),
      kind: fc.oneof(fc.constantFrom(...KINDS), fc.string()),
      metadata: fc.oneof(
        fc.record(
          {
            name: fc.oneof(fc.string(), fc.integer()),
            namespace: fc.string(),
            annotations: fc.dictionary(fc.oneof(fc.constantFrom('kube-lint.io/ignore', '__proto__'), fc.string()), fc.string()),
            ownerReferences: tie('anything'),
          },
          { requiredKeys: [] },
        ),
        tie('anything'),
      ),
      spec: fc.oneof(
        tie('podSpec'),
        fc.record({ template: fc.record({ spec: tie('podSpec') }, { requiredKeys: [] }) }, { requiredKeys: [] }),
        fc.record({ jobTemplate: fc.record({ spec: fc.record({ template: fc.record({ spec: tie('podSpec') }) }) }) }),
        tie('anything'),
      ),
      items: fc.array(tie('anything'), { maxLength: 2 }),
    },
    { requiredKeys: ['apiVersion', 'kind'] },
  ),
}));

describe('property: no input makes a rule throw or a finding point outside the text', () => {
  it(
    'random text built from YAML tokens',
    () => {
      fc.assert(
        fc.property(yamlish, (text) => {
          check(text);
        }),
        settings(),
      );
    },
    TIMEOUT,
  );

  it(
    'real manifests from fixtures/, mutated (lines deleted, duplicated, swapped, re-indented; characters inserted)',
    () => {
      expect(MANIFESTS.length).toBeGreaterThan(5);
      fc.assert(
        fc.property(fc.constantFrom(...MANIFESTS), fc.array(mutation, { minLength: 1, maxLength: 6 }), (text, mutations) => {
          check(mutate(text, mutations));
        }),
        settings(),
      );
    },
    TIMEOUT,
  );

  it(
    'arbitrary pod-spec-like objects, as JSON and as block YAML',
    () => {
      fc.assert(
        fc.property(podSpecLike.object, fc.boolean(), (object, asJson) => {
          const text = asJson ? JSON.stringify(object, null, 1) : stringify(object, { aliasDuplicateObjects: false });
          check(text);
        }),
        settings(),
      );
    },
    TIMEOUT,
  );

  it(
    'arbitrary objects (fc.object) as documents of a multi-document file',
    () => {
      fc.assert(
        fc.property(fc.array(fc.object({ maxDepth: 4 }), { minLength: 1, maxLength: 4 }), (objects) => {
          check(objects.map((o) => stringify(o, { aliasDuplicateObjects: false })).join('---\n'));
        }),
        settings(),
      );
    },
    TIMEOUT,
  );

  it(
    "the manifest reader gives the exact parser's values and ranges on mutated manifests, LF and CRLF",
    () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...MANIFESTS),
          fc.array(mutation, { minLength: 1, maxLength: 6 }),
          fc.boolean(),
          (text, mutations, crlf) => {
            const mutated = mutate(text, mutations);
            const { differences } = compareReader(crlf ? mutated.replace(/\n/g, '\r\n') : mutated);
            if (differences.length > 0) throw new Error(`${differences.join('\n')}\n--- input ---\n${mutated}`);
          },
        ),
        settings(),
      );
    },
    TIMEOUT,
  );

  it('the invariants can fail: a finding past the end of the text is caught', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n    - name: web\n      image: nginx\n';
    const results = lintText(text);
    expect(brokenInvariant(text, results)).toBeUndefined();
    expect(brokenInvariant('a\nb\nc', results)).toMatch(/^line out of range: [a-z-]+ at [4-8]:\d+/);
    expect(
      mutate('a\nb\nc', [
        { kind: 'swap', at: 0, with: 2 },
        { kind: 'indent', at: 1, by: 2 },
      ]),
    ).toBe('c\n  b\na');
  });
});
