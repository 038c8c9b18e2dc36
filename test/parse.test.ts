/**
 * The fast parse path (js-yaml) against the exact one (the `yaml` package): same values, same
 * document spans, same findings, and the same range for every path, on every fixture, on tricky
 * hand-written inputs and on generated ones.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseYamlFast } from '../src/load/fast-parse.js';
import { parseYaml, parseYamlExact } from '../src/load/parse.js';
import { compareParsers } from './helpers/parsers.js';
import { FIXTURES } from './helpers/fixtures.js';
import { blankJsonComments } from '../src/load/manifests.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? filesUnder(full) : /\.(ya?ml|json)$/.test(name) ? [full] : [];
    });
}

describe('fast parser = exact parser on every fixture', () => {
  const files = filesUnder(FIXTURES);
  it('finds fixtures', () => {
    expect(files.length).toBeGreaterThan(10);
  });
  it.each(files.map((f) => [path.relative(FIXTURES, f), f] as const))('%s', (_name, file) => {
    // JSON files reach the parser with their JSONC comments blanked, as the linter reads them.
    const raw = readFileSync(file, 'utf8');
    const text = file.endsWith('.json') ? blankJsonComments(raw) : raw;
    const { fastAccepted, differences } = compareParsers(text);
    expect(differences).toEqual([]);
    // Files the exact parser finds nothing wrong with are taken by the fast path.
    if (parseYamlExact(text).problems.length === 0) expect(fastAccepted.auto).toBe(true);
  });
});

/** Inputs the fast path must take, each with its own way of placing ranges. */
const TRICKY: Record<string, string> = {
  'keys, values, nested maps': 'a: 1\nb:\n  c: two\n  d:\n    e: true\nf: x\n',
  'sequences of scalars and maps': 'items:\n  - one\n  - 2\n  - name: three\n    value: 3\n  - - nested\n    - seq\n',
  'sequence at the indentation of its key': 'items:\n- a\n- b: 1\n  c: 2\nafter: 1\n',
  'empty values': 'a:\nb:   \nc:  # comment\nd: ~\ne: null\nf: ""\n',
  'comments everywhere': '# head\na: 1 # one\n# between\nb:\n  # inside\n  c: 2   # two\n  d: [1, 2]  # flow\n# tail\n',
  'trailing comments after a nested map': 'a:\n  b: 1\n  # trailing\nc: 2\n',
  'trailing comments in a sequence item': 'l:\n  - x: 1\n    y: 2\n    # note\n  - z: 3\n',
  'block scalars': 'a: |\n  line 1\n  line 2\nb: >\n  folded\n  text\n\nc: |-\n  strip\nd: |+\n  keep\n\n\ne: |2\n    indented\nf: x\n',
  'block scalar at the end without newline': 'a: |\n  x\n  y',
  'block scalar with more-indented trailing blank lines': 'a: |\n  x\n     \nb: 1\n',
  'block scalars in sequences': 'args:\n  - |\n    echo one\n  - >-\n    two\n  -   |\n    three\nnext: 1\n',
  'quoted scalars': `a: "double \\"q\\" \\u00e9"\nb: 'single ''q'''\nc: "multi\n  line"\nd: 'x\n\n  y'\n"quoted key": 1\n'other': 2\n`,
  'multi-line plain scalars': 'a: one\n  two\n  three\nb:\n  four\n  five\nc: 1\n',
  'flow collections': 'a: {b: 1, c: [2, 3], d: {e: f}}\ng: [ {h: 1}, [i, j], "k" ]\nempty: {}\nnone: []\nmulti: [\n  1,\n  2\n]\n',
  'anchors, aliases and merge keys':
    'base: &base\n  a: 1\n  b: 2\nother: &other {c: 3}\nuse:\n  <<: *base\n  b: 20\n  d: 4\nmany:\n  <<: [*base, *other]\nalias: *base\nlist: [*base, *other]\n---\nscalar: &s hello\nagain: *s\n',
  'document separators': '# first\na: 1\n---\nb: 2\n--- # c\nc: 3\n...\n---\n\n# d\nd: 4\n',
  'empty documents': '---\n---\n# only a comment\n---\na: 1\n---\n',
  'document end marker': 'a: 1\n...\n# after\n---\nb: 2\n',
  'content on the marker line': '--- a\n--- [1, 2]\n--- {b: 1}\n',
  'no trailing newline': 'a: 1\nb: [1, 2]',
  'CRLF line ends': 'a: 1\r\nb:\r\n  c: |\r\n    x\r\n    y\r\n  d: "q"\r\ne:\r\n  - 1\r\n  - f: 2\r\n',
  'byte order mark': '\uFEFFa: 1\nb:\n  c: 2\n',
  'tabs in values and comments': 'a: "x\ty"\nb: x\ty\t# c\t\nc: |\n  \tindented by a tab\n',
  'YAML 1.1 scalars': 'a: yes\nb: off\nc: 0755\nd: 0o755\ne: 0x1F\nf: 1e3\ng: 1:30\nh: 2024-01-31\ni: .inf\nj: ~\nk: y\nl: 1_000\n',
  'YAML 1.1 keys': 'yes: 1\n0x10: hex\n1.5: float\nn: no\n"1": quoted\n',
  unicode: 'name: "caf\u00e9"\nemoji: \u{1F600}\nk\u00e9y: v\n',
  'long document': Array.from({ length: 200 }, (_, i) => `key${i}:\n  - name: c${i}\n    image: nginx:${i}\n`).join(''),
  'duplicate keys': 'a: 1\na: 2\nm:\n  x: 1\n  y: {k: 1, k: 2}\n  x: 3\n---\nb: 1\n---\nc: 1\nc: 2',
  'duplicate keys through YAML 1.1': 'yes: 1\ntrue: 2\n1: a\n1.0: b\n"1": c\nn: x\nfalse: y\n',
  'tagged merge keys': 'base: &b {x: 1}\nuse:\n  !!merge <<: *b\n  y: 2\n',
  'kubernetes list':
    'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: a\n  spec:\n    containers:\n    - name: c\n      image: nginx\n',
};

/** Inputs the fast path leaves to the exact parser; parseYaml must still agree with it. */
const EXACT_ONLY: Record<string, string> = {
  'syntax error': 'a: 1\nb: [1, 2\n---\nc: 3\n',
  'unknown tag': 'a: !custom x\n',
  directives: '%YAML 1.1\n---\na: 1\n',
  'explicit keys': '? a\n: 1\n? [b, c]\n: 2\n',
  'explicit scalar keys': 'a: 0\n? b\n: 1\n',
  'a collection as a key': '[b, c]: 2\n',
  'a null as a key': '~: a\nb: 1\n',
  'comment glued to a quote': 'a: "x"# c\n',
  'alias bomb': `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [${'*a,'.repeat(8)}*a]\nc: &c [${'*b,'.repeat(8)}*b]\nd: &d [${'*c,'.repeat(8)}*c]\n`,
  'many aliases': `base: &b 1\nlist: [${'*b, '.repeat(110)}*b]\n`,
};

/** Inputs whose values js-yaml gets right but whose ranges the fast path does not model. */
const POSITIONS_FROM_EXACT: Record<string, string> = {
  'empty sequence item': 'l:\n  -\n  - b\n',
  'standard tags': 'a: !!str 123\nb: !!map {c: 1}\n',
};

describe('fast parser = exact parser on tricky inputs', () => {
  it.each(Object.entries(TRICKY))('%s', (_name, text) => {
    const { fastAccepted, differences } = compareParsers(text);
    expect(differences).toEqual([]);
    expect(fastAccepted).toEqual({ auto: true, eager: true, lazy: true });
  });

  it.each(Object.entries(EXACT_ONLY))('%s (exact parser)', (_name, text) => {
    const { fastAccepted, differences } = compareParsers(text);
    expect(differences).toEqual([]);
    expect(fastAccepted.auto).toBe(false);
  });

  it.each(Object.entries(POSITIONS_FROM_EXACT))('%s (lazy: values from js-yaml, ranges from the exact parser)', (_name, text) => {
    const { fastAccepted, differences } = compareParsers(text);
    expect(differences).toEqual([]);
    expect(fastAccepted).toEqual({ auto: false, eager: false, lazy: true });
    // In a file of CRDs, positions are lazy: js-yaml's values are kept.
    const crd = `kind: CustomResourceDefinition\n---\n${text}`;
    expect(compareParsers(crd)).toEqual({ fastAccepted: { auto: true, eager: false, lazy: true }, differences: [] });
  });

  it('keeps the findings of a syntax error and lints the other documents', () => {
    const text = 'a: 1\n---\nb: [1, 2\n---\nc: 3\n';
    const parsed = parseYaml(text);
    expect(parsed.problems).toEqual(parseYamlExact(text).problems);
    expect(parsed.problems.map((p) => p.documentIndex)).toEqual([1]);
    expect(parsed.documents.map((d) => [d.index, d.value])).toEqual([
      [0, { a: 1 }],
      [2, { c: 3 }],
    ]);
  });

  it('refuses an alias bomb', () => {
    const parsed = parseYaml(EXACT_ONLY['alias bomb'] ?? '');
    expect(parsed.problems.map((p) => p.code)).toEqual(['RESOLVE']);
    expect(parsed.documents).toEqual([]);
  });

  it('points at the << entry for a merged key', () => {
    const [doc] = parseYaml('base: &b\n  x: 1\nuse:\n  <<: *b\n  y: 2\n').documents;
    expect(doc?.locate(['use', 'x'])).toEqual({ line: 4, column: 3, endLine: 4, endColumn: 5, exact: true });
  });
});

/** Objects of the shapes manifests have, with keys and strings that stress quoting. */
const key = fc.oneof(
  fc.constantFrom('name', 'image', 'ports', 'spec', 'metadata', 'a b', 'x:y', '# not a comment', 'yes', '1', '0x10', 'null', '<<'),
  fc.string({ minLength: 1, maxLength: 8 }),
);
const scalar = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom(
    'yes',
    'no',
    'on',
    '0755',
    '0o17',
    '1e3',
    '1:30',
    '2024-01-01',
    '~',
    '',
    ' lead',
    'trail ',
    'a\nb',
    'x: y',
    '- z',
    '#c',
    "'q'",
    '"dq"',
  ),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
);
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('list'), tie('map')),
  list: fc.array(tie('node'), { maxLength: 5 }),
  map: fc.dictionary(key, tie('node'), { maxKeys: 6 }),
})).node;

describe('fast parser = exact parser on generated documents', () => {
  const styles = [
    {},
    { indentSeq: false },
    { collectionStyle: 'flow' as const },
    { defaultStringType: 'QUOTE_DOUBLE' as const },
    { defaultStringType: 'QUOTE_SINGLE' as const },
    { blockQuote: 'literal' as const, lineWidth: 20 },
    { indent: 4, flowCollectionPadding: false },
  ];
  it.each(styles.map((s) => [JSON.stringify(s), s] as const))('stringified with %s', (_name, options) => {
    let fast = 0;
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 3 }), (docs) => {
        const text = docs.map((d) => stringify(d, { version: '1.1', ...options })).join('---\n');
        const { fastAccepted, differences } = compareParsers(text);
        expect(differences).toEqual([]);
        if (fastAccepted.auto) fast++;
      }),
      { numRuns: 150, seed: 20240601 },
    );
    // Most of them went through the fast path (the rest: duplicate keys after 1.1 resolution, ...).
    expect(fast).toBeGreaterThan(100);
  });
});

describe('alias budget', () => {
  it('keeps many aliases on the fast path while the budget surely holds', () => {
    const fifty = `base: &b {x: 1}\nlist: [${Array.from({ length: 50 }, () => '*b').join(', ')}]\nm:\n  <<: *b\n  y: 2\n`;
    expect(parseYamlExact(fifty).problems).toEqual([]);
    expect(compareParsers(fifty)).toEqual({ fastAccepted: { auto: true, eager: true, lazy: true }, differences: [] });
    // 99 aliases of a scalar: the yaml package counts up to 100, and accepts.
    const many = `s: &s x\nlist: [${Array.from({ length: 99 }, () => '*s').join(', ')}]\n`;
    expect(parseYamlExact(many).problems).toEqual([]);
    expect(compareParsers(many).fastAccepted.auto).toBe(true);
  });

  it('leaves a chain of seven aliases to the yaml package, which refuses it', () => {
    // Each anchor aliased once in the next: the yaml package counts 2, 4, 8, ... 128 > 100.
    const chain = ['a0: &a0 x', ...Array.from({ length: 7 }, (_, i) => `a${i + 1}: &a${i + 1} [*a${i}]`)].join('\n');
    expect(parseYamlExact(chain).problems.map((p) => p.code)).toEqual(['RESOLVE']);
    expect(compareParsers(chain)).toEqual({ fastAccepted: { auto: false, eager: false, lazy: true }, differences: [] });
    const six = chain.split('\n').slice(0, 7).join('\n');
    expect(parseYamlExact(six).problems).toEqual([]);
    expect(compareParsers(six)).toEqual({ fastAccepted: { auto: true, eager: true, lazy: true }, differences: [] });
  });

  it('follows the budget it is given: what the exact parser accepts under it, the fast path gives alike', () => {
    // 2, 4, ... 2^10 = 1,024: over the default budget, within the linter's (10,000).
    const chain = ['a0: &a0 x', ...Array.from({ length: 10 }, (_, i) => `a${i + 1}: &a${i + 1} [*a${i}]`)].join('\n');
    const options = { maxAliasCount: 10_000 };
    const exact = parseYamlExact(chain, options);
    expect(exact.problems).toEqual([]);
    expect(parseYamlFast(chain, (text) => parseYamlExact(text, options), 'auto', 10_000)).toBeDefined(); // not refused
    expect(parseYamlFast(chain, (text) => parseYamlExact(text, options), 'auto', 1_000)).toBeUndefined();
    const fast = parseYaml(chain, options);
    expect(fast.documents.map((d) => d.value)).toEqual(exact.documents.map((d) => d.value));
    for (const path of [['a10', 0, 0], ['a3'], ['a10']]) expect(fast.documents[0]?.locate(path)).toEqual(exact.documents[0]?.locate(path));
    // Under a budget of 1,000 the exact parser refuses it; so does parseYaml.
    expect(parseYaml(chain, { maxAliasCount: 1_000 }).problems.map((p) => p.code)).toEqual(['RESOLVE']);
    expect(parseYamlExact(chain, { maxAliasCount: 1_000 }).problems.map((p) => p.code)).toEqual(['RESOLVE']);
  });
});
