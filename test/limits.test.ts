/** The pre-parse scan and the post-parse value walk of src/load/limits.ts. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, HeapGuard, inspectValue, resolveLimits, scanYaml } from '../src/load/limits.js';

const LIMITS = { maxDepth: 8, maxDocuments: 5, maxNodes: 1000, maxAliases: 10 };

describe('scanYaml', () => {
  it('measures the nesting of block mappings, sequences and flow collections together', () => {
    const text = ['a:', '  b:', '    - c: [1, {d: [2]}]', '    - e', 'f: 1', ''].join('\n');
    const scan = scanYaml(text, LIMITS);
    // a, b, the sequence, the mapping of c, [ ], { }, [ ]
    expect(scan.depth).toBe(7);
    expect(scan.tooDeep).toBeUndefined();
    expect(scan.documents).toBe(1);
  });

  it('finds the line and column where nesting first goes too deep', () => {
    expect(scanYaml(`a: ${'['.repeat(100_000)}`, LIMITS).tooDeep).toEqual({ line: 1, column: 11 });
    const block = Array.from({ length: 20 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
    expect(scanYaml(block, LIMITS).tooDeep).toEqual({ line: 9, column: 9 });
    expect(scanYaml(`${'- '.repeat(50)}x`, LIMITS).tooDeep).toEqual({ line: 1, column: 17 });
    const flowOverLines = `a:\n  b: [\n${'[\n'.repeat(20)}`;
    expect(scanYaml(flowOverLines, LIMITS).tooDeep).toEqual({ line: 8, column: 1 });
  });

  it('does not count brackets inside quotes, comments, plain scalars and block scalars', () => {
    const text = [
      'a: "[[[[[[[[[[[["',
      "b: '{{{{{{{{{{{{ '' [[[[[[[['",
      'c: x[[[[[[[[[[[[[[ # [[[[[[[[[[[',
      'd: |',
      '  [[[[[[[[[[[[[[[[[[[[',
      '  {{{{{{{{{{{{{{{{{{{{',
      '',
      '  [[[[[[[[[[[[[[[[[[[[',
      'e: >-',
      '    [[[[[[[[[[[[[[[[[[',
      'f: "multi [[[[[[[[[[[',
      '  line [[[[[[[[[[[[[["',
      'g: [ "]]]]]",',
      '   h, "]]"',
      ']',
      '',
    ].join('\n');
    const scan = scanYaml(text, LIMITS);
    expect(scan.tooDeep).toBeUndefined();
    expect(scan.depth).toBe(2);
  });

  it('reports merge-conflict markers at their lines, and nothing that only looks like one', () => {
    const text = [
      'a: 1',
      '<<<<<<< HEAD',
      'b: 1',
      '||||||| base',
      'b: 0',
      '=======',
      'b: 2',
      '>>>>>>> feature/x',
      '<<: *base',
      '<<<<<<<< eight',
      '==========',
      'c: "=======" ',
      '  =======',
      '',
    ].join('\r\n');
    expect(scanYaml(text, LIMITS).conflicts).toEqual([
      { line: 2, column: 1, marker: '<<<<<<<' },
      { line: 4, column: 1, marker: '|||||||' },
      { line: 6, column: 1, marker: '=======' },
      { line: 8, column: 1, marker: '>>>>>>>' },
    ]);
  });

  it('counts documents and stops at the one over the limit', () => {
    expect(scanYaml('a: 1\n---\nb: 2\n---\n---\nc: 3\n', LIMITS).documents).toBe(4);
    expect(scanYaml('---\na: 1\n...\n---\nb: 2\n', LIMITS).documents).toBe(2);
    expect(scanYaml('# only a comment\n', LIMITS).documents).toBe(0);
    expect(scanYaml('a: 1\n---\n'.repeat(100_000), LIMITS).tooManyDocuments).toEqual({ line: 10, column: 1 });
  });

  it('estimates nodes and stops at the limit', () => {
    // a [ 1 2 { b c } d - e: the parser counts 11 (with the root mapping and the sequence of d).
    expect(scanYaml('a: [1, 2, {b: c}]\nd:\n  - e\n', LIMITS).nodes).toBe(10);
    expect(scanYaml(`a: [${'x, '.repeat(100_000)}]`, LIMITS).tooManyNodes).toEqual({ line: 1, column: 2999 });
  });

  it('counts aliases, in block and flow context, and stops at the limit', () => {
    expect(scanYaml('a: &x 1\nb: *x\nc: [*x, *x]\n"*d": "*e"\n<<: *x\n', LIMITS).aliases).toBe(4);
    expect(scanYaml(`a: [${'*x, '.repeat(20)}]`, LIMITS).tooManyAliases).toEqual({ line: 1, column: 45 });
    // After an explicit key indicator, a tag or an anchor in flow context too.
    for (const text of ['a: &x 1\nb: {? *x : 1}\n', 'a: &x 1\nb: [!!str *x]\n', 'a: &x 1\nb: {k: !!str *x}\n']) {
      expect(scanYaml(text, LIMITS).aliases, text).toBe(1);
    }
    expect(scanYaml('a: [&y 1, !!int 2, &z, ? k]\n', LIMITS)).toMatchObject({ aliases: 0, nodes: 5 });
  });

  it('is linear: 10 MB of flow items, 10 MB on one line and 100,000 brackets each take well under a second', () => {
    const limits = { ...DEFAULT_LIMITS, maxNodes: Infinity };
    for (const text of [`a: [${'x, '.repeat(3_000_000)}]`, `a: ${'x'.repeat(10_000_000)}`, '['.repeat(100_000)]) {
      const started = performance.now();
      scanYaml(text, limits);
      expect(performance.now() - started).toBeLessThan(3000);
    }
  });
});

describe('inspectValue', () => {
  it('finds a cycle made by an alias inside its own anchor', () => {
    const metadata: Record<string, unknown> = { name: 'x' };
    metadata.labels = metadata;
    expect(inspectValue({ kind: 'Pod', metadata }, LIMITS)).toEqual({ kind: 'cycle', path: ['metadata', 'labels'] });
  });

  it('lets shared (non-cyclic) values through and counts them each time they are reached', () => {
    const shared = { a: 1, b: 2 };
    expect(inspectValue({ x: shared, y: shared, z: [shared, shared] }, LIMITS)).toBeUndefined();
    expect(inspectValue({ x: Array(600).fill(shared) }, LIMITS)).toMatchObject({ kind: 'size' });
  });

  it('finds values nested deeper than the limit, as a chain of anchors makes them', () => {
    let value: unknown = 'leaf';
    for (let i = 0; i < 20; i++) value = [value];
    expect(inspectValue({ top: value }, LIMITS)).toEqual({ kind: 'depth', path: ['top', 0, 0, 0, 0, 0, 0, 0] });
  });

  it('sees __proto__ as an ordinary own key', () => {
    const value = JSON.parse('{"__proto__": {"__proto__": {"x": 1}}}') as unknown;
    expect(inspectValue(value, { maxDepth: 2, maxNodes: 100 })).toEqual({ kind: 'depth', path: ['__proto__', '__proto__'] });
  });
});

describe('limits', () => {
  it('take overrides and ignore nonsense', () => {
    expect(resolveLimits({ maxDepth: 10, maxNodes: Number.NaN, maxDocuments: -1 })).toEqual({ ...DEFAULT_LIMITS, maxDepth: 10 });
  });

  it('the heap guard is quiet below the fraction, collects above it, and does not collect again until the heap has grown', () => {
    const readings = [100, 800, 700, 790, 820, 810];
    const guard = new HeapGuard(0.75, () => ({ used: readings.shift() ?? 0, limit: 1000 }));
    expect(guard.check()).toBeUndefined(); // 100: below
    expect(guard.check()).toBeUndefined(); // 800: over; collected, 700 live: go on
    expect(guard.check()).toBeUndefined(); // 790: within a tenth of the heap of the last live figure: no collection
    expect(guard.check()).toEqual({ used: 810, limit: 1000 }); // 820: collect again; 810 live: stop
    expect(readings).toEqual([]);
  });
});
