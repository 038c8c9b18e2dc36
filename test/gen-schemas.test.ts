/** scripts/gen-schemas.ts on a tiny synthetic data folder (never the real shared one). */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { checkGenerated, generate, writeGenerated } from '../scripts/gen-schemas.js';
import type { DeprecationsFile, KubernetesBundle } from '../src/schema/types.js';

const root = mkdtempSync(path.join(tmpdir(), 'kube-lint-gen-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

const gvk = (group: string, version: string, kind: string) => ({ 'x-kubernetes-group-version-kind': [{ group, version, kind }] });

function definitions(version: '1.1' | '1.2'): unknown {
  const widget = {
    description: 'A widget.',
    type: 'object',
    properties: { size: { description: 'How big.', type: 'integer', format: 'int32' }, meta: { $ref: '#/definitions/Meta' } },
    ...gvk('example.io', 'v1', 'Widget'),
  };
  const defs: Record<string, unknown> = {
    Meta: { description: 'Shared, identical in both versions.', type: 'object', properties: { name: { type: 'string' } } },
    'example.io.v1.Widget': version === '1.1' ? widget : { ...widget, properties: { ...widget.properties, color: { type: 'string' } } },
    'example.io.v1beta1.Gadget': { type: 'object', ...gvk('example.io', 'v1beta1', 'Gadget') },
    Envelope: {
      type: 'object',
      'x-kubernetes-group-version-kind': [
        { group: '', version: 'v1', kind: 'Envelope' },
        { group: 'example.io', version: 'v1', kind: 'Envelope' },
      ],
    },
  };
  if (version === '1.1') defs['example.io.v1alpha1.Thing'] = { type: 'object', ...gvk('example.io', 'v1alpha1', 'Thing') };
  return { definitions: defs };
}

const VERSIONS_YAML = `deprecated-versions:
  - version: example.io/v1beta1
    kind: Gadget
    deprecated-in: v1.1.0
    removed-in: v1.2.0
    replacement-api: example.io/v1
    component: k8s
  - version: example.io/v1beta1
    kind: Gadget
    deprecated-in: v1.1.0
    removed-in: v1.2.0
    replacement-api: example.io/v1
    component: k8s
  - version: old.example.io
    kind: Everything
    deprecated-in: v1.0.0
    removed-in: v1.1.0
    replacement-api: ""
    component: other
target-versions:
  k8s: v1.1.0
`;

function makeShared(): string {
  const shared = path.join(root, 'shared');
  for (const v of ['1.1', '1.2'] as const) {
    mkdirSync(path.join(shared, 'k8s-schemas', `v${v}`), { recursive: true });
    writeFileSync(path.join(shared, 'k8s-schemas', `v${v}`, '_definitions.json'), JSON.stringify(definitions(v), null, 2));
  }
  mkdirSync(path.join(shared, 'k8s-deprecations'), { recursive: true });
  writeFileSync(path.join(shared, 'k8s-deprecations', 'versions.yaml'), VERSIONS_YAML);
  return shared;
}

describe('gen-schemas', () => {
  const shared = makeShared();
  const out = path.join(root, 'schemas');
  const generated = generate(shared);
  writeGenerated(generated, out);

  it('stores each distinct definition body once, without descriptions', () => {
    const bundle = JSON.parse(brotliDecompressSync(readFileSync(path.join(out, 'kubernetes.json.br'))).toString()) as Omit<
      KubernetesBundle,
      'kinds'
    >;
    const kinds = JSON.parse(readFileSync(path.join(out, 'kinds.json'), 'utf8')) as KubernetesBundle['kinds'];
    expect(bundle.versions).toEqual(['1.1', '1.2']);
    // Meta is shared between versions; Widget differs; Gadget, Envelope and Thing are the same
    // body ({type: object}) once their GVK markers move to the kind index.
    expect(bundle.bodies).toHaveLength(4);
    expect(bundle.definitions['1.1']?.Envelope).toBe(bundle.definitions['1.2']?.['example.io.v1beta1.Gadget']);
    expect(bundle.definitions['1.1']?.Meta).toBe(bundle.definitions['1.2']?.Meta);
    expect(bundle.definitions['1.1']?.['example.io.v1.Widget']).not.toBe(bundle.definitions['1.2']?.['example.io.v1.Widget']);
    expect(JSON.stringify(bundle.bodies)).not.toContain('description');
    expect(JSON.stringify(bundle.bodies)).not.toContain('x-kubernetes-group-version-kind');
    expect(Object.keys(bundle)).not.toContain('kinds'); // the kind index is kinds.json
    expect(kinds['1.2']).toEqual({
      'example.io/v1': { Widget: 'example.io.v1.Widget' },
      'example.io/v1beta1': { Gadget: 'example.io.v1beta1.Gadget' },
    });
  });

  it('cleans the deprecation table and lets the schemas win', () => {
    const file = JSON.parse(readFileSync(path.join(out, 'deprecations.json'), 'utf8')) as DeprecationsFile;
    const gadget = file.entries.filter((e) => e.kind === 'Gadget');
    expect(gadget).toHaveLength(1); // the duplicate is kept once
    // pluto says removed in 1.2, the 1.2 schema still defines it: deprecated, not removed.
    expect(gadget[0]?.removedIn).toBeUndefined();
    expect(gadget[0]?.deprecatedIn).toBe('1.1');
    const group = file.entries.find((e) => e.group === 'old.example.io');
    expect(group).toMatchObject({ component: 'other', removedIn: '1.1.0' });
    expect(group?.kind).toBeUndefined();
    expect(group?.replacement).toBeUndefined();
    // Thing disappears in 1.2 and pluto does not list it.
    expect(file.entries.find((e) => e.kind === 'Thing')).toMatchObject({
      apiVersion: 'example.io/v1alpha1',
      removedIn: '1.2',
      source: 'schemas',
    });
    expect(generated.notes.join('\n')).toMatch(/twice/);
  });

  it('--check passes on fresh output and names what is stale or missing', () => {
    expect(checkGenerated(generate(shared), out)).toEqual([]);
    writeFileSync(path.join(out, 'deprecations.json'), '{}\n');
    rmSync(path.join(out, 'index.json'));
    expect(checkGenerated(generate(shared), out)).toEqual(['deprecations.json is out of date', 'index.json is missing']);
  });

  it('the committed schemas/ is what the generator writes for the committed inputs', () => {
    // The inputs live outside the repository; their checksums are recorded in schemas/index.json.
    const index = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../schemas/index.json'), 'utf8')) as {
      versions: string[];
      inputs: { kubernetes: Record<string, string> };
    };
    expect(Object.keys(index.inputs.kubernetes)).toEqual(index.versions);
  });
});
