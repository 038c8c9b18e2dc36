/**
 * The manifest reader (src/load/reader.ts) against the exact parser (the `yaml` package): same
 * values, document spans and problems, and the same range for every key and value (both targets,
 * missing paths too), on every fixture, on hand-written inputs with LF and with CRLF line ends, and
 * on generated ones; and which documents it leaves to the exact parser.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { blankJsonComments } from '../src/load/manifests.js';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseYamlExact } from '../src/load/parse.js';
import { readManifests } from '../src/load/reader.js';
import { FIXTURES } from './helpers/fixtures.js';
import { compareReader } from './helpers/parsers.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? filesUnder(full) : /\.(ya?ml|json)$/.test(name) ? [full] : [];
    });
}

const crlf = (text: string): string => text.replace(/\n/g, '\r\n');

describe('reader = exact parser on every fixture', () => {
  const files = filesUnder(FIXTURES);
  /** Fixtures with a document the reader leaves to the exact parser (anchors, aliases, merge keys). */
  const SOME = ['yaml-syntax/valid/anchors-and-1.1.yaml'];
  it.each(files.map((f) => [path.relative(FIXTURES, f), f] as const))('%s', (name, file) => {
    // JSON files reach the parser with their JSONC comments blanked, as the linter reads them.
    const raw = readFileSync(file, 'utf8');
    const text = file.endsWith('.json') ? blankJsonComments(raw) : raw;
    for (const input of [text, crlf(text)]) {
      const { take, differences } = compareReader(input);
      expect(differences).toEqual([]);
      // Files with problems go whole to the other paths, so that problems are reported as before;
      // but for duplicate keys, which only their own document hands over.
      const problems = parseYamlExact(input).problems;
      const expected =
        problems.length === 0
          ? SOME.includes(name)
            ? 'some'
            : 'all'
          : problems.every((p) => p.code === 'DUPLICATE_KEY')
            ? 'some'
            : 'none';
      expect(take).toBe(expected);
    }
  });
});

/** Inputs the reader takes whole, each placing its ranges its own way. */
const READ: Record<string, string> = {
  'keys, values, nested maps': 'a: 1\nb:\n  c: two\n  d:\n    e: true\nf: x\n',
  'sequences of scalars and maps': 'items:\n  - one\n  - 2\n  - name: three\n    value: 3\n  - - nested\n    - seq\n',
  'sequence at the indentation of its key': 'items:\n- a\n- b: 1\n  c: 2\nafter: 1\n',
  'items on their own lines': 'l:\n  -\n    a: 1\n  - # c\n    - x\n  -\n    "q"\n',
  'empty values': 'a:\nb:   \nc:  # comment\nd: ~\ne: null\nf: ""\ng:\t\n',
  'comments everywhere': '# head\na: 1 # one\n# between\nb:\n  # inside\n  c: 2   # two\n  d: [1, 2]  # flow\n# tail\n',
  'an empty last value before comment lines': 'kind: K\nresources:\n- base\ncomponents:\n# - a\n# - b\n',
  'trailing comments after a nested map': 'a:\n  b: 1\n  # trailing\nc: 2\n',
  'trailing comments in a sequence item': 'l:\n  - x: 1\n    y: 2\n    # note\n  - z: 3\n',
  'block scalars':
    'a: |\n  line 1\n  line 2\nb: >\n  folded\n  text\n\n   more\n  indented\nc: |-\n  strip\nd: |+\n  keep\n\n\ne: |2\n    indented\nf: >2-\n\n   x\ng: x\n',
  'block scalar at the end without newline': 'a: |\n  x\n  y',
  // Found by the fuzzer: where a document and a collection end after an empty last value.
  'an empty last value, then blank lines': 'kind: K\nresources:\n\n',
  'an empty last value, then spaces': 'apiVersion: v1\nmetadata:\n  ',
  'an empty last value before the next document': 'a:\n\n---\nb: 1\n',
  'an empty value with a comment, then the next item': 'l:\n  - a: 1\n    b:   # c\n\n  - d: 2\n',
  'an empty value with a comment, then an indented key': 'm:\n  a:\n    b: # c\n  d: 2\n',
  'an empty value with a comment, then the end': 'm:\n  b: # c\n  \n',
  'a flow collection, then blank lines': '{a: 1}\n \n\n\n',
  'a deeper comment after the last value of a document': '  name: gpu\n    # c\n\n # d\n',
  'a deeper comment after a sequence item': 'l:\n  - a: 1\n      # c\n  - b\n',
  'a flow collection, then an empty line and a line of spaces': '[1,\n 2]\n\n  \n---\n{b: 2}\n\n\n',
  'block scalar with more-indented trailing blank lines': 'a: |\n  x\n     \nb: 1\n',
  'block scalar with leading blank lines': 'a: |\n\n  x\nb: >-\n\n\n  y\n  z\n',
  'empty block scalars': 'a: |\nb: |+\n\nc: >-\nd: 1\n',
  'block scalars in sequences': 'args:\n  - |\n    echo one\n  - >-\n    two\n  -   |\n    three\n  - |2\n     four\nnext: 1\n',
  'block scalar on its own line': 'data:\n  config.yaml:\n    |\n      a: 1\n  other: x\n',
  'quoted scalars': `a: "double \\"q\\" \\u00e9 \\x41 \\U0001F600 \\t \\\\"\nb: 'single ''q'''\nc: "multi\n  line\n\n  para"\nd: 'x\n\n  y  \n  z'\ne: "esc\\\n   aped"\n"quoted key": 1\n'other': 2\n`,
  'multi-line plain scalars': 'a: one\n  two\n  three\nb:\n  four\n\n  five\nc: 1\nd: x # not continued\n',
  'plain scalars with indicators inside': 'a: b:c\nb: x#y\nc: -1\nd: -x\ne: a, b [c] {d}\nurl: http://x.io/a#b\n',
  'flow collections':
    'a: {b: 1, c: [2, 3], d: {e: f}}\ng: [ {h: 1}, [i, j], "k" ]\nempty: {}\nnone: []\nmulti: [\n    1,\n    2,\n  ]\n"q": {"a": 1, \'b\': "c"}\n',
  'flow collection closing at its key': 'args: [\n  "-x",\n  "-y"\n]\nafter: 1\n',
  'document separators': '# first\na: 1\n---\nb: 2\n--- # c\nc: 3\n...\n---\n\n# d\nd: 4\n',
  'empty documents': '---\n---\n# only a comment\n---\na: 1\n---\n',
  'empty documents followed by blank lines': 'a: 1\n---\n\n---\n  \n\n--- # c\n\n---\n# d\n\n---\nb: 1\n---\n\n',
  'document end marker': 'a: 1\n...\n# after\n---\nb: 2\n',
  'no trailing newline': 'a: 1\nb: [1, 2]',
  'byte order mark': '\uFEFFa: 1\nb:\n  c: 2\n',
  'tabs in values and comments': 'a: "x\ty"\nb: x\ty\t# c\t\nc: |\n  \tindented by a tab\n',
  'YAML 1.1 scalars':
    'a: yes\nb: off\nc: 0755\nd: 0o755\ne: 0x1F\nf: 1e3\ng: 1:30\nh: 2024-01-31\ni: .inf\nj: ~\nk: y\nl: 1_000\nm: -.5\nn: +12\n',
  'YAML 1.1 keys': 'yes: 1\n0x10: hex\n1.5: float\nn: no\n"1": quoted\n',
  'keys that objects have': 'constructor: 1\ntoString: 2\nhasOwnProperty: 3\n',
  unicode: 'name: "caf\u00e9"\nemoji: \u{1F600}\nk\u00e9y: v\n',
  'root sequence and root flow': '- a\n- b: 1\n---\n[1, 2]\n---\n{a: 1}\n',
  'indented root map': '  a: 1\n  b:\n    - x\n',
  'long document': Array.from({ length: 200 }, (_, i) => `key${i}:\n  - name: c${i}\n    image: nginx:${i}\n`).join(''),
  'kubernetes list':
    'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: a\n  spec:\n    containers:\n    - name: c\n      image: nginx\n',
};

/** Documents the reader leaves to the exact parser; with the other documents of the file, read. */
const TO_EXACT: Record<string, string> = {
  anchors: 'base: &b\n  x: 1\nuse: *b\n',
  'merge key': 'm:\n  <<: {a: 1}\n  b: 2\n',
  tags: 'a: !!str 123\n',
  'a scalar document': 'just text\n',
  'content on the marker line': '--- {a: 1}\n',
  'an empty sequence item': 'l:\n  -\n  - b\n',
  'explicit key': '? a\n: 1\n',
  'a null key': '~: a\n',
  'a __proto__ key': '__proto__: a\n',
  'a flow key without value': 'a: {b}\n',
  'a multi-line plain scalar in a flow collection': 'a: [one\n  two]\n',
  'a plain scalar starting with ?': 'a: ?x\n',
};

/** The reader on `text`, with the texts it handed to the exact parser. */
function readHandingOver(text: string): { read: ReturnType<typeof readManifests>; handed: string[] } {
  const handed: string[] = [];
  const read = readManifests(text, (documentText) => {
    handed.push(documentText);
    return parseYamlExact(documentText);
  });
  return { read, handed };
}

/** Files the reader leaves whole to the other paths. */
const ELSEWHERE: Record<string, string> = {
  'a syntax error': 'a: [1, 2\n',
  'a second byte order mark': '\ufeff\ufeffa: 1\n',
  'a byte order mark before an indented first line': '\ufeff  - a\n  - b\n',
  'a byte order mark after a blank line': '\n\ufeffkey: value\n',
  'a byte order mark at the start of a later document': 'a: 1\n---\n\ufeffb: &x 1\nc: *x\n',
  directives: '%YAML 1.1\n---\na: 1\n',
  'a lone CR': 'a: 1\rb: 2\n',
  'only comments': '# nothing\n',
  'a comment glued to a quote': 'a: "x"# c\n',
  'a key over 1024 characters': `${'k'.repeat(1100)}: 1\n`,
};

describe('reader = exact parser on hand-written inputs', () => {
  it.each(Object.entries(READ))('%s', (_name, text) => {
    for (const input of [text, crlf(text)]) expect(compareReader(input)).toEqual({ take: 'all', differences: [] });
  });

  it.each(Object.entries(TO_EXACT))('%s (that document to the exact parser)', (_name, text) => {
    expect(parseYamlExact(text).problems).toEqual([]);
    const mixed = `a: 1\n---\n${text}---\nb: [2]\n`;
    for (const input of [text, mixed, crlf(mixed)]) expect(compareReader(input)).toEqual({ take: 'some', differences: [] });
  });

  it.each(Object.entries(ELSEWHERE))('%s (the whole file elsewhere)', (_name, text) => {
    expect(readManifests(text, parseYamlExact)).toBeUndefined();
  });

  it('reads key names the same when they repeat, collide in its table of names, or resolve to another text', () => {
    const odd = ['true', 'True', 'yes', '1', '01', '0x1F', '1.50', 'a b', 'a  b', 'é', '\u{1F600}'];
    const many = Array.from({ length: 6000 }, (_, i) => `k${i.toString(36)}`);
    const mapping = (keys: string[], indent: string): string => keys.map((k, i) => `${indent}${k}: ${i}\n`).join('');
    // Every key in two mappings, so the second reads them from the table; the odd ones (several
    // resolve to the same name: true, True, yes) each in mappings of their own.
    const oddOnes = odd.map((k, i) => `odd${i}:\n${mapping([k], '  ')}again${i}:\n${mapping([k], '  ')}`).join('');
    const text = `first:\n${mapping(many, '  ')}second:\n${mapping([...many].reverse(), '  ')}${oddOnes}`;
    for (const input of [text, crlf(text)]) expect(compareReader(input)).toEqual({ take: 'all', differences: [] });
  });

  it('hands over only the document with duplicate keys, and reports them where they are in the file', () => {
    const text = 'a: 1\n---\nb: 1\nc:\n  d: 2\n  d: 3\n---\ne: [x]\n';
    const { read, handed } = readHandingOver(text);
    expect(handed).toEqual(['---\nb: 1\nc:\n  d: 2\n  d: 3\n']);
    expect(read?.problems.map((p) => [p.code, p.documentIndex, p.line, p.column])).toEqual([['DUPLICATE_KEY', 1, 6, 3]]);
    for (const input of [text, crlf(text), `\ufeff${text}`]) expect(compareReader(input)).toEqual({ take: 'some', differences: [] });
    // A syntax error next to the duplicate still sends the whole file to the other paths.
    expect(readManifests('a: 1\n---\nb: 1\nb: [2\n', parseYamlExact)).toBeUndefined();
  });

  it('hands the exact parser only the documents it leaves, and places the rest itself', () => {
    const text = 'a: 1\n---\nb: &x 2\nc: *x\n---\nd:\n  - e\n';
    const { read, handed } = readHandingOver(text);
    expect(handed).toEqual(['---\nb: &x 2\nc: *x\n']);
    expect(read?.documents.map((d) => d.value)).toEqual([{ a: 1 }, { b: 2, c: 2 }, { d: ['e'] }]);
    expect(read?.documents[2]?.locate(['d', 0])).toEqual({ line: 7, column: 5, endLine: 7, endColumn: 6, exact: true });
    // An alias is not a scalar: its key is the place.
    expect(read?.documents[1]?.locate(['c'])).toEqual({ line: 4, column: 1, endLine: 4, endColumn: 2, exact: true });
  });

  it('reads CRLF files itself, with no CR in any value', () => {
    const text = crlf('a: |\n  x\n  y\nb: "p\n  q"\nc: one\n  two\n');
    const read = readManifests(text, () => {
      throw new Error('the exact parser was asked');
    });
    expect(read?.documents[0]?.value).toEqual({ a: 'x\ny\n', b: 'p q', c: 'one two' });
    expect(read?.documents[0]?.locate(['c'])).toEqual({ line: 6, column: 4, endLine: 7, endColumn: 6, exact: true });
  });
});

describe('reader = exact parser on generated inputs', () => {
  const scalar = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('yes', 'no', 'on', '0755', '0x1f', '1e3', '~', '', ' lead', 'trail ', 'a: b', '# x', '- y', 'multi\nline', 'tab\there'),
    fc.integer(),
    fc.double({ noNaN: true }),
    fc.boolean(),
    fc.constant(null),
  );
  const key = fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), fc.constantFrom('name', 'image', 'ports', 'yes', '1', 'a b', 'x:y'));
  const { tree } = fc.letrec<{ tree: unknown; node: unknown }>((tie) => ({
    tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('node')),
    node: fc.oneof(fc.array(tie('tree'), { maxLength: 4 }), fc.dictionary(key, tie('tree'), { maxKeys: 4 })),
  }));
  const styles = [
    {},
    { indentSeq: false },
    { collectionStyle: 'flow' as const },
    { defaultStringType: 'QUOTE_DOUBLE' as const },
    { defaultStringType: 'QUOTE_SINGLE' as const },
    { blockQuote: 'literal' as const, lineWidth: 20 },
    { blockQuote: 'folded' as const, lineWidth: 20, minContentWidth: 0 },
    { indent: 4, flowCollectionPadding: false },
  ];
  it.each(styles.map((s) => [JSON.stringify(s), s] as const))('stringified with %s, LF and CRLF', (_name, options) => {
    let read = 0;
    fc.assert(
      fc.property(
        fc.array(fc.dictionary(key, tree, { minKeys: 1, maxKeys: 5 }), { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        (docs, windows) => {
          const text = docs.map((d) => stringify(d, { version: '1.1', ...options })).join('---\n');
          const { take, differences } = compareReader(windows ? crlf(text) : text);
          expect(differences).toEqual([]);
          if (take === 'all') read++;
        },
      ),
      { numRuns: 150, seed: 20261203 },
    );
    // Most of them were read whole (the rest: keys that collide once YAML 1.1 resolves them, ...).
    expect(read).toBeGreaterThan(100);
  });
});
