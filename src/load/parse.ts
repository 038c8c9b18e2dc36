/**
 * The parse step: YAML text in, documents out, each with a way to ask the source range of any
 * YAML path. This is the one place that knows which YAML library is used, so that a faster parser
 * can take over the hot path without the rest of kube-lint noticing.
 *
 * Semantics follow Kubernetes (YAML 1.1, as go-yaml v2 resolves scalars): `yes`/`on` are
 * booleans, `0755` is octal, `<<` merges maps.
 */
import { lazyRequire } from '../lazy.js';
import type * as Yaml from 'yaml';
import type { Document, Node as YamlNode, Pair, Scalar } from 'yaml';
import type { Range, YamlPath } from '../types.js';
import type { LocatedRange, ParsedDocument, ParsedFile, ParseProblem } from './parsed.js';
import { DEFAULT_ALIAS_BUDGET, parseYamlFast } from './fast-parse.js';
import { readManifests, type ReaderStats } from './reader.js';
import { kubernetesNumberTag } from './scalars.js';

export type { LocatedRange, ParsedDocument, ParsedFile, ParseProblem } from './parsed.js';

let yamlModule: typeof Yaml | undefined;
/** The `yaml` package, loaded on first use: most runs never need it, and it takes a while to load. */
function yaml(): typeof Yaml {
  return (yamlModule ??= lazyRequire('yaml'));
}

export interface ParseOptions {
  /** Aliases allowed per document before it is refused as a YAML bomb. */
  maxAliasCount?: number;
}

/** Error codes after which a document's content is still trustworthy enough to lint. */
const SOFT_ERRORS = new Set(['DUPLICATE_KEY']);

/**
 * Parses a file. The hot path is the manifest reader (src/load/reader.ts), which hands the
 * documents outside its subset to the js-yaml path, one by one; files it leaves whole (problems,
 * directives) go to the js-yaml path (several times faster than the `yaml` package), and what that
 * refuses (syntax errors) or does not model (tags, explicit keys, many aliases) goes through
 * `parseYamlExact`, so findings and positions are those of the `yaml` package either way.
 */
export function parseYaml(text: string, options: ParseOptions = {}): ParsedFile {
  // The fast path accepts only documents that surely stay within the exact parser's alias budget,
  // so that both accept the same files.
  const budget = options.maxAliasCount ?? DEFAULT_ALIAS_BUDGET;
  if (budget >= 2) {
    const read = readManifests(text, documentParser(options));
    if (read) return read;
    const fast = parseYamlFast(text, (documentText) => parseYamlExact(documentText, options), 'auto', budget);
    if (fast) return fast;
  }
  return parseYamlExact(text, options);
}

/**
 * How the reader's documents outside its subset (anchors, tags, ...) are parsed: by the js-yaml
 * path, alone, which leaves to the exact parser what it cannot place. Also what a document's
 * `locate` falls back on for a range the reader is not sure of.
 */
function documentParser(options: ParseOptions): (documentText: string) => ParsedFile {
  const budget = options.maxAliasCount ?? DEFAULT_ALIAS_BUDGET;
  const exact = (documentText: string): ParsedFile => parseYamlExact(documentText, options);
  return (documentText) => parseYamlFast(documentText, exact, 'auto', budget) ?? exact(documentText);
}

/**
 * A file read by the manifest reader alone, every document in its subset, no other parser having
 * seen the text; undefined otherwise. Nesting deeper than `maxDepth` leaves the subset.
 */
export function readAlone(
  text: string,
  options: ParseOptions & { maxDepth: number },
): { parsed: ParsedFile; stats: ReaderStats } | undefined {
  if ((options.maxAliasCount ?? DEFAULT_ALIAS_BUDGET) < 2) return undefined;
  const stats: ReaderStats = { documents: 0, nodes: 0, depth: 0 };
  const parsed = readManifests(text, documentParser(options), { alone: true, maxDepth: options.maxDepth, stats });
  return parsed && { parsed, stats };
}

/** Keeps the YAML 1.1 tags of the `yaml` package but resolves numbers as Kubernetes does. */
function kubernetesTags<T>(tags: T[]): T[] {
  return [kubernetesNumberTag as T, ...tags];
}

/** The reference parser: the `yaml` package, exact error locations, slower. */
export function parseYamlExact(text: string, options: ParseOptions = {}): ParsedFile {
  const { LineCounter, parseAllDocuments } = yaml();
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, {
    version: '1.1',
    customTags: kubernetesTags,
    lineCounter,
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
    // The library warns on stderr (collection keys stringified); a linter's output is its report.
    logLevel: 'error',
  });
  const list = Array.isArray(docs) ? docs : [docs];
  const pos = (offset: number): { line: number; col: number } => {
    const p = lineCounter.linePos(Math.max(0, Math.min(offset, text.length)));
    return { line: p.line, col: p.col };
  };
  const rangeOf = (start: number, end: number): Range => {
    const a = pos(start);
    const b = pos(Math.max(start, end));
    return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  };

  // Errors found at the very end of the file (an unclosed quote or bracket) point at the last
  // character with content instead of a line past it.
  const lastContent = Math.max(0, text.trimEnd().length - 1);
  const documents: ParsedDocument[] = [];
  const problems: ParseProblem[] = [];
  let previousEnd = 1;
  list.forEach((doc, index) => {
    const [docStart, , docEnd] = doc.range;
    const contentStart = doc.contents?.range[0] ?? docStart;
    const contentLine = pos(contentStart).line;
    // A document owns the lines from just after the previous document up to its own end, so a
    // comment above its `---` (or its first key) belongs to it.
    const endLine = Math.max(contentLine, pos(Math.max(docStart, docEnd - 1)).line);
    const startLine = Math.min(previousEnd, contentLine);
    previousEnd = endLine + 1;

    let hard = false;
    const seen = new Set<number>();
    for (const error of doc.errors) {
      if (!SOFT_ERRORS.has(error.code)) hard = true;
      // The parser can report one mistake several times at one place: keep the first.
      const start = Math.min(error.pos[0], lastContent);
      if (seen.has(start)) continue;
      seen.add(start);
      problems.push({
        ...rangeOf(start, Math.min(Math.max(error.pos[1], start), lastContent + 1)),
        message: cleanMessage(error.message),
        code: error.code,
        documentIndex: index,
      });
    }
    if (hard) return;

    let value: unknown;
    try {
      value = datesAsText(doc.toJS({ maxAliasCount: options.maxAliasCount ?? DEFAULT_ALIAS_BUDGET }));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      problems.push({ ...rangeOf(contentStart, contentStart + 1), message: cleanMessage(message), code: 'RESOLVE', documentIndex: index });
      return;
    }
    documents.push({
      index,
      value,
      startLine,
      endLine,
      contentLine,
      locate: (path, target) => locateIn(doc, path, target ?? 'value', rangeOf),
    });
  });
  return { documents, problems };
}

function cleanMessage(message: string): string {
  // The library appends a code frame after a newline in some messages; one line is enough.
  const first = message.split('\n')[0] ?? message;
  return first.replace(/\s+at line \d+, column \d+:?$/, '').trim();
}

interface Step {
  node: YamlNode;
  key?: YamlNode;
}

function locateIn(doc: Document, path: YamlPath, target: 'key' | 'value', rangeOf: (start: number, end: number) => Range): LocatedRange {
  const { isScalar } = yaml();
  const root = doc.contents;
  if (!root) return { ...rangeOf(doc.range?.[0] ?? 0, doc.range?.[0] ?? 0), exact: false };
  let current: Step = { node: root };
  let exact = true;
  for (const segment of path) {
    const next = childOf(doc, current.node, segment);
    if (!next) {
      exact = false;
      break;
    }
    current = next;
  }
  const { node, key } = current;
  const useKey = key !== undefined && (target === 'key' || !exact || !isScalar(node));
  const chosen = useKey ? key : node;
  const [start, valueEnd] = chosen.range ?? [0, 0];
  return { ...rangeOf(start, valueEnd), exact };
}

function resolveAlias(doc: Document, node: unknown): unknown {
  const { isAlias } = yaml();
  let current = node;
  for (let depth = 0; depth < 100 && isAlias(current); depth++) current = current.resolve(doc);
  return current;
}

function childOf(doc: Document, parent: YamlNode, segment: string | number): Step | undefined {
  const { isMap, isSeq } = yaml();
  const node = resolveAlias(doc, parent);
  if (isSeq(node)) {
    if (typeof segment !== 'number') return undefined;
    const item = node.items[segment];
    return item && typeof item === 'object' && 'range' in item ? { node: item as YamlNode } : undefined;
  }
  if (!isMap(node)) return undefined;
  const own = findPair(node.items, segment);
  if (own) return own;
  // YAML 1.1 merge keys: `<<: *base` or `<<: [*a, *b]`.
  for (const pair of node.items) {
    if (!isMergeKey(pair.key)) continue;
    const sources = resolveAlias(doc, pair.value);
    const maps = isSeq(sources) ? sources.items.map((item) => resolveAlias(doc, item)) : [sources];
    for (const source of maps) {
      if (!isMap(source)) continue;
      const inherited = findPair(source.items, segment);
      // Point at the `<<` entry: the inherited value is written elsewhere in the file.
      if (inherited) return { node: pair.value as YamlNode, key: pair.key };
    }
  }
  return undefined;
}

/** The `yaml` package resolves a plain `<<` key to a symbol. */
function isMergeKey(key: unknown): key is Scalar {
  const { isScalar } = yaml();
  if (!isScalar(key)) return false;
  const value = key.value;
  return typeof value === 'symbol' && value.description === '<<';
}

function findPair(items: Pair[], segment: string | number): Step | undefined {
  const { isPair, isScalar } = yaml();
  const wanted = String(segment);
  for (let i = items.length - 1; i >= 0; i--) {
    const pair = items[i];
    if (!isPair(pair)) continue;
    const key = pair.key;
    const keyValue = isScalar(key) ? key.value : key;
    if (typeof keyValue !== 'string' && typeof keyValue !== 'number' && typeof keyValue !== 'boolean' && typeof keyValue !== 'bigint')
      continue;
    if (String(keyValue) !== wanted) continue;
    const keyNode = key as YamlNode;
    const value = pair.value as YamlNode | null;
    // `key:` with no value: the key itself is the best location for the value.
    return { node: value && value.range ? value : keyNode, key: keyNode };
  }
  return undefined;
}

/**
 * An explicit `!!timestamp` is a Date for the yaml package; Kubernetes' YAML-to-JSON step prints
 * such a time in RFC 3339, so rules and the schema see that text.
 */
function datesAsText(value: unknown, seen = new WeakSet<object>()): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString().replace('.000Z', 'Z');
  // Aliases can make a value cyclic (refused later by the limits): visit each object once.
  if (typeof value !== 'object' || value === null || seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = datesAsText(value[i], seen);
  } else {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const before = record[key];
      const after = datesAsText(before, seen);
      // defineProperty, not assignment: a key named __proto__ must stay an own property.
      if (after !== before) Object.defineProperty(record, key, { value: after, enumerable: true, writable: true, configurable: true });
    }
  }
  return value;
}
