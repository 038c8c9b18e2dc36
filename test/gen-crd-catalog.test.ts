/** scripts/gen-crd-catalog.ts on a tiny synthetic catalog (never the real shared one). */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { checkGenerated, generate, share, strip, writeGenerated } from '../scripts/gen-crd-catalog.js';

const root = mkdtempSync(path.join(tmpdir(), 'kube-lint-gen-crds-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

const big = {
  type: 'object',
  properties: Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`field${i}`, { type: 'string', maxLength: 63 }])),
};
const widget = (extra: Record<string, unknown>) => ({
  description: 'A widget.',
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      description: 'The spec.',
      properties: { description: { type: 'string', description: 'A field named description.' }, shared: big, ...extra },
      'x-kubernetes-validations': [{ rule: 'self.size > 0', message: 'size must be positive' }],
    },
  },
});

function write(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

const shared = path.join(root, 'shared');
const dir = path.join(shared, 'crd-schemas');
write(path.join(dir, 'example.com/widget_v1.json'), JSON.stringify(widget({ size: { type: 'integer' } })));
write(path.join(dir, 'example.com/widget_v1beta1.json'), JSON.stringify(widget({})));
write(path.join(dir, 'kustomize.config.k8s.io/kustomization_v1beta1.json'), JSON.stringify({ type: 'object' }));
write(
  path.join(dir, 'index.yaml'),
  'example.com:\n- apiVersion: example.com/v1\n  filename: example.com/widget_v1.json\n  kind: Widget\n  name: widget_v1\n',
);
write(path.join(dir, 'LICENSE-CRDs-catalog'), 'MIT License\n');

describe('gen-crd-catalog', () => {
  it('drops description keywords, never properties named description, and sorts keys', () => {
    expect(strip({ type: 'object', description: 'x', properties: { description: { type: 'string', description: 'y' } } })).toEqual({
      properties: { description: { type: 'string' } },
      type: 'object',
    });
  });

  it('stores a subtree repeated across versions once', () => {
    const out = share({ a: { x: big }, b: { y: big } });
    const expand = (n: unknown): unknown => {
      if (Array.isArray(n)) return n.map(expand);
      if (typeof n !== 'object' || n === null) return n;
      const r = n as Record<string, unknown>;
      if (typeof r.$shared === 'number') return expand(out.shared[r.$shared]);
      return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, expand(v)]));
    };
    expect(expand(out.schemas)).toEqual({ a: { x: big }, b: { y: big } });
    expect(JSON.stringify(out).split('field0')).toHaveLength(2);
    expect(out.schemas.a).toEqual({ x: { $shared: 0 } });
  });

  it('writes one compressed file per group, an index with the kinds as spelled, the licence; --check passes, then fails on a change', () => {
    const out = path.join(root, 'out');
    writeGenerated(generate(shared), out);
    const index = JSON.parse(readFileSync(path.join(out, 'index.json'), 'utf8')) as { groups: Record<string, unknown> };
    expect(index.groups).toEqual({
      'example.com': { file: 'example.com.json.br', kinds: { widget: { kind: 'Widget', versions: ['v1', 'v1beta1'] } } },
    });
    const group = JSON.parse(brotliDecompressSync(readFileSync(path.join(out, 'example.com.json.br'))).toString('utf8')) as {
      schemas: Record<string, unknown>;
      shared: unknown[];
    };
    expect(Object.keys(group.schemas)).toEqual(['widget_v1', 'widget_v1beta1']);
    expect(JSON.stringify(group).split('field0')).toHaveLength(2);
    expect(JSON.stringify(group)).not.toContain('A widget.');
    expect(JSON.stringify(group)).toContain('size must be positive');
    expect(readFileSync(path.join(out, 'LICENSE-CRDs-catalog'), 'utf8')).toBe('MIT License\n');
    expect(checkGenerated(generate(shared, { compress: false }), out)).toEqual([]);
    write(path.join(dir, 'example.com/widget_v1.json'), JSON.stringify(widget({ size: { type: 'number' } })));
    expect(checkGenerated(generate(shared, { compress: false }), out)).toEqual([
      'example.com.json.br is out of date',
      'README.md is out of date',
    ]);
  });
});
