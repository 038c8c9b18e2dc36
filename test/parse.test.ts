import { describe, expect, it } from 'vitest';
import { parseYaml } from '../src/load/parse.js';

describe('parseYaml', () => {
  it('splits multi-document files, counting empty documents in the index', () => {
    const { documents, problems } = parseYaml('a: 1\n---\n---\nb: 2\n');
    expect(problems).toEqual([]);
    expect(documents.map((d) => [d.index, d.value])).toEqual([
      [0, { a: 1 }],
      [1, null],
      [2, { b: 2 }],
    ]);
  });

  it('reads YAML 1.1 scalars as Kubernetes does', () => {
    const { documents } = parseYaml('a: yes\nb: off\nc: 0755\nd: "yes"\ne: ~\nf: 1.5\ng: y\non: 1\n');
    // `on:` as a key is the boolean true too, as in go-yaml v2 (the GitHub-workflow surprise).
    expect(documents[0]?.value).toEqual({ a: true, b: false, c: 493, d: 'yes', e: null, f: 1.5, g: true, true: 1 });
  });

  it('locates values, keys, sequence items and missing paths', () => {
    const text = ['apiVersion: v1', 'kind: Pod', 'spec:', '  containers:', '    - name: web', '      image: "nginx:1"', ''].join('\n');
    const doc = parseYaml(text).documents[0];
    if (!doc) throw new Error('no document');
    expect(doc.locate(['spec', 'containers', 0, 'image'])).toEqual({ line: 6, column: 14, endLine: 6, endColumn: 23, exact: true });
    expect(doc.locate(['spec', 'containers', 0, 'image'], 'key')).toEqual({ line: 6, column: 7, endLine: 6, endColumn: 12, exact: true });
    // A collection that is the value of a key points at the key.
    expect(doc.locate(['spec', 'containers'])).toMatchObject({ line: 4, column: 3, exact: true });
    // A sequence item points at the item.
    expect(doc.locate(['spec', 'containers', 0])).toMatchObject({ line: 5, column: 7, exact: true });
    // Missing: the nearest existing parent.
    expect(doc.locate(['spec', 'containers', 0, 'resources', 'limits'])).toMatchObject({ line: 5, column: 7, exact: false });
    expect(doc.locate(['spec', 'nodeSelector'])).toMatchObject({ line: 3, column: 1, exact: false });
  });

  it('locates through aliases and merge keys', () => {
    const text = 'base: &b\n  x: 1\nchild:\n  <<: *b\n  z: 2\nref: *b\n';
    const doc = parseYaml(text).documents[0];
    expect(doc?.value).toEqual({ base: { x: 1 }, child: { x: 1, z: 2 }, ref: { x: 1 } });
    expect(doc?.locate(['child', 'z'])).toMatchObject({ line: 5, column: 6 });
    expect(doc?.locate(['child', 'x'])).toMatchObject({ line: 4, column: 3, exact: true });
    expect(doc?.locate(['ref', 'x'])).toMatchObject({ line: 2, column: 6, exact: true });
  });

  it('reports a syntax error at its line and keeps the other documents', () => {
    const text = 'a: 1\n---\nb: [1, 2\n---\nc: 3\n';
    const { documents, problems } = parseYaml(text);
    expect(documents.map((d) => d.value)).toEqual([{ a: 1 }, { c: 3 }]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ documentIndex: 1 });
    expect(problems[0]?.line).toBeGreaterThanOrEqual(3);
    expect(problems[0]?.line).toBeLessThanOrEqual(4);
  });

  it('reports duplicate keys and still returns the document', () => {
    const { documents, problems } = parseYaml('a: 1\nb: 2\na: 3\n');
    expect(problems).toEqual([expect.objectContaining({ code: 'DUPLICATE_KEY', line: 3, column: 1 })]);
    expect(documents).toHaveLength(1);
  });

  it('refuses alias bombs instead of expanding them', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 8; i++) {
      const prev = String.fromCharCode(97 + i);
      const next = String.fromCharCode(98 + i);
      lines.push(`${next}: &${next} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    const started = Date.now();
    const { documents, problems } = parseYaml(`${lines.join('\n')}\n`);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(documents).toHaveLength(0);
    expect(problems[0]?.message).toMatch(/alias/i);
  });

  it('gives each document the lines above it, so top-of-document comments belong to it', () => {
    const text = '# one\na: 1\n---\n# two\nb: 2\n';
    const { documents } = parseYaml(text);
    expect(documents.map((d) => [d.startLine, d.contentLine, d.endLine])).toEqual([
      [1, 2, 2],
      [3, 5, 5],
    ]);
  });

  it('handles CRLF line endings', () => {
    const doc = parseYaml('a: 1\r\nb:\r\n  c: x\r\n').documents[0];
    expect(doc?.value).toEqual({ a: 1, b: { c: 'x' } });
    expect(doc?.locate(['b', 'c'])).toMatchObject({ line: 3, column: 6 });
  });
});
