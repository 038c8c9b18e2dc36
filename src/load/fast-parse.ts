/**
 * The fast parse path: js-yaml builds the values, and its `listener` hook records where every node
 * starts and how it nests, so that `locate()` can answer later, only for the documents that have
 * findings, with the very ranges the `yaml` package gives (see `parseYamlExact`).
 *
 * Whatever this path does not model exactly (tags, directives, explicit `?` keys, complex keys,
 * empty sequence items, many aliases, ...) makes it give up on the file (`undefined`), and the
 * caller parses it with the exact parser. A range it cannot be sure of at `locate()` time (a block
 * collection followed by comments) is asked from the exact parser, on that document alone.
 */
import { FAILSAFE_SCHEMA, loadAll, Type, YAMLException, type LoadOptions } from 'js-yaml';
import type { Range, YamlPath } from '../types.js';
import type { ParsedDocument, ParsedFile, ParseProblem } from './parsed.js';
import { resolvePlainScalar } from './scalars.js';

/** Node kinds. PLAIN, QUOTED, BLOCK and EMPTY are what the `yaml` package calls scalars. */
export const PLAIN = 0;
export const QUOTED = 1;
export const BLOCK = 2;
export const EMPTY = 3;
const ALIAS = 4;
export const MAP = 5;
export const SEQ = 6;
export const FLOW_MAP = 7;
export const FLOW_SEQ = 8;

/** The `yaml` package's default alias budget (its maxAliasCount). */
export const DEFAULT_ALIAS_BUDGET = 100;

/**
 * Up to this many aliases in a document, the `yaml` package's alias budget cannot be exceeded:
 * its count for n aliases is at most 2^n (a chain of anchors, each aliased once in the next), so
 * with a budget of 100, 6 aliases (2^6 <= 100). Above it, TreeBuilder.checkAliasBudget bounds the
 * count.
 */
function maxFastAliases(budget: number): number {
  return Math.floor(Math.log2(budget));
}

class Unsupported extends Error {}
/** A range this path cannot be sure of: ask the exact parser. */
export class Uncertain extends Error {}

/** Node flags. */
const ANCHORED = 1;
/** The node's event opened right after a `?`: an explicit key. */
const AFTER_QUESTION = 2;

/**
 * The node tree of one file, in post-order (a node after its children) in flat arrays: few
 * objects for the garbage collector, whatever the size of the file. A node's children are found
 * from its last one backwards through the subtree sizes.
 */
export class Tree {
  kind: Uint8Array;
  flags: Uint8Array;
  /** Start offset (the `yaml` package's range[0]). */
  start: Int32Array;
  /** js-yaml's position when it closed the node (past an alias's name; an empty node's start). */
  end: Int32Array;
  /** Nodes in the subtree, the node included. */
  size: Int32Array;
  /** The value js-yaml built for each node. */
  value: unknown[] = [];
  /** Alias node -> its anchor's node. */
  readonly target = new Map<number, number>();
  count = 0;

  /** Manifests have about one node per 12 characters: start near that, grow if needed. */
  constructor(textLength: number) {
    const capacity = Math.max(64, textLength >> 3);
    this.kind = new Uint8Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.size = new Int32Array(capacity);
  }

  add(kind: number, start: number, end: number, size: number, value: unknown): number {
    const i = this.count;
    if (i === this.kind.length) this.grow();
    this.kind[i] = kind;
    this.flags[i] = 0;
    this.start[i] = start;
    this.end[i] = end;
    this.size[i] = size;
    this.value[i] = value;
    this.count = i + 1;
    return i;
  }

  private grow(): void {
    const capacity = this.kind.length * 2;
    const grown = <T extends Uint8Array | Int32Array>(array: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(array);
      return next;
    };
    this.kind = grown(this.kind, (n) => new Uint8Array(n));
    this.flags = grown(this.flags, (n) => new Uint8Array(n));
    this.start = grown(this.start, (n) => new Int32Array(n));
    this.end = grown(this.end, (n) => new Int32Array(n));
    this.size = grown(this.size, (n) => new Int32Array(n));
  }

  /** Adds a node without flags or a value (the manifest reader's). */
  addNode(kind: number, start: number, end: number, size: number): number {
    const i = this.count;
    if (i === this.kind.length) this.grow();
    this.kind[i] = kind;
    this.start[i] = start;
    this.end[i] = end;
    this.size[i] = size;
    this.count = i + 1;
    return i;
  }

  kindOf(i: number): number {
    return this.kind[i] ?? EMPTY;
  }
  startOf(i: number): number {
    return this.start[i] ?? 0;
  }
  endOf(i: number): number {
    return this.end[i] ?? 0;
  }
  sizeOf(i: number): number {
    return this.size[i] ?? 1;
  }
  flag(i: number, flag: number): void {
    this.flags[i] = (this.flags[i] ?? 0) | flag;
  }

  /** The children of node `i`, first to last. */
  children(i: number): number[] {
    const out: number[] = [];
    const first = i - this.sizeOf(i) + 1;
    for (let j = i - 1; j >= first; j -= this.sizeOf(j)) out.push(j);
    return out.reverse();
  }
}

let resolvedScalar: unknown;
const plainScalar = new Type('tag:kube-lint.io,2024:plain', {
  kind: 'scalar',
  resolve: (data: unknown) => {
    if (typeof data !== 'string') return false;
    const value = resolvePlainScalar(data);
    if (typeof value === 'string') return false;
    resolvedScalar = value;
    return true;
  },
  construct: () => resolvedScalar,
});
const mergeKey = new Type('tag:yaml.org,2002:merge', { kind: 'scalar', resolve: (data: unknown) => data === '<<' });
// `!!merge <<: *base` (some generators write the tag) is a merge key too; other tags of the
// YAML 1.1 schema are left to the exact parser (js-yaml refuses them with this schema).
const SCHEMA = FAILSAFE_SCHEMA.extend({ implicit: [mergeKey, plainScalar], explicit: [mergeKey] });

const MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;

interface JsState {
  position: number;
  kind: string | null;
  result: unknown;
  anchor: string | null;
}

function isBreakOrSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function isFlowIndicator(c: number): boolean {
  return c === 0x2c || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d;
}

/** Builds the node tree from js-yaml's open/close events. */
class TreeBuilder {
  readonly tree: Tree;
  /** Root node of each document. */
  readonly roots: number[] = [];
  private readonly opens: number[] = [];
  private readonly firsts: number[] = [];
  private anchors = new Map<string, number>();
  private aliases = 0;
  /** With js-yaml's `json` option on (duplicate keys allowed), where duplicate keys start. */
  readonly duplicates: { offset: number; document: number }[] = [];

  constructor(
    private readonly text: string,
    private readonly findDuplicates = false,
    private readonly aliasBudget = DEFAULT_ALIAS_BUDGET,
  ) {
    this.tree = new Tree(text.length);
  }

  readonly listener = (event: string, state: JsState): void => {
    if (event === 'open') {
      this.opens.push(state.position);
      this.firsts.push(this.tree.count);
      return;
    }
    const open = this.opens.pop() ?? 0;
    const first = this.firsts.pop() ?? 0;
    const node = this.close(open, first, state);
    if (state.anchor !== null) {
      this.tree.flag(node, ANCHORED);
      this.anchors.set(state.anchor, node);
    }
    if (this.text.charCodeAt(open - 1) === 0x3f) this.tree.flag(node, AFTER_QUESTION);
    if (this.opens.length === 0) {
      if (this.aliases > maxFastAliases(this.aliasBudget)) this.checkAliasBudget(first, node);
      this.roots.push(node);
      this.anchors = new Map();
      this.aliases = 0;
    }
  };

  /**
   * Throws unless the `yaml` package's alias budget (its maxAliasCount) surely holds for the
   * document made of nodes first..root. Its check, at each alias, is count x aliasCount of the
   * anchor: count is at most 1 + the aliases to it; aliasCount is at most U(anchor) = the largest
   * (1 + aliases to T) x U(T) over the aliases (to T) inside the anchor, or 1. Merging re-reads the
   * merged map, and the aliases in it: documents that merge a map holding aliases are left to the
   * exact parser.
   */
  private checkAliasBudget(first: number, root: number): void {
    const tree = this.tree;
    const uses = new Map<number, number>();
    for (const [alias, target] of tree.target) if (alias >= first && alias <= root) uses.set(target, (uses.get(target) ?? 0) + 1);
    const hasAlias = (node: number): boolean => {
      for (let i = node - tree.sizeOf(node) + 1; i <= node; i++) if (tree.kindOf(i) === ALIAS) return true;
      return false;
    };
    const bound = new Map<number, number>();
    const upper = (node: number): number => {
      const known = bound.get(node);
      if (known !== undefined) return known;
      let u = 1;
      for (let i = node - tree.sizeOf(node) + 1; i <= node; i++) {
        const target = tree.kindOf(i) === ALIAS ? tree.target.get(i) : undefined;
        if (target !== undefined) u = Math.max(u, (1 + (uses.get(target) ?? 0)) * upper(target));
      }
      bound.set(node, u);
      return u;
    };
    for (let i = first; i <= root; i++) {
      const target = tree.kindOf(i) === ALIAS ? tree.target.get(i) : undefined;
      if (target === undefined) continue;
      if ((1 + (uses.get(target) ?? 0)) * upper(target) > this.aliasBudget) throw new Unsupported();
      // A merge key's value: the alias sits right after the `<<` key, or in a sequence that does.
      const parent = this.mergeParent(i, first);
      if (parent && hasAlias(target)) throw new Unsupported();
    }
  }

  /** Whether alias node `i` is (an item of) the value of a `<<` merge key. */
  private mergeParent(i: number, first: number): boolean {
    const tree = this.tree;
    const isMergeKey = (key: number): boolean => key >= first && tree.kindOf(key) === PLAIN && tree.value[key] === '<<';
    if (isMergeKey(i - 1)) return true;
    // An item of a sequence: find the sequence (the first later node whose subtree holds i).
    for (let j = i + 1; j < tree.count; j++) {
      if (j - tree.sizeOf(j) + 1 <= i) {
        const kind = tree.kindOf(j);
        return (kind === SEQ || kind === FLOW_SEQ) && isMergeKey(j - tree.sizeOf(j));
      }
    }
    return false;
  }

  /** Turns the events of one node into (at most) one node of the tree; returns its index. */
  private close(open: number, from: number, state: JsState): number {
    const tree = this.tree;
    const { kind, result } = state;
    const last = tree.count - 1;
    if (last >= from) {
      // A node read by a failed attempt at a block mapping is the attempt's only child.
      if (tree.size[last] === last - from + 1 && tree.kind[last] !== EMPTY && tree.value[last] === result) {
        const k = tree.kindOf(last);
        if (kind === 'scalar' ? k <= BLOCK : kind === null ? k === ALIAS : k >= MAP) return last;
        throw new Unsupported();
      }
      if (kind === 'mapping') return this.mapping(open, from, state.position, result);
      if (kind === 'sequence') return this.sequence(open, from, state.position, result);
      // Failed attempts leave empty nodes behind; the content is this node's own.
      for (let j = last; j >= from; j -= tree.sizeOf(j)) if (tree.kind[j] !== EMPTY) throw new Unsupported();
      tree.count = from;
    } else if (kind === 'mapping') {
      return this.mapping(open, from, state.position, result);
    } else if (kind === 'sequence') {
      return this.sequence(open, from, state.position, result);
    }
    if (kind === null) return this.aliasOrEmpty(open, result);
    return this.scalar(open, state.position, result);
  }

  /** Skips spaces, line breaks, comments and anchors up to a node's content. */
  private contentStart(from: number): number {
    const text = this.text;
    let i = from;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else if (c === 0x23) {
        while (i < text.length && text.charCodeAt(i) !== 0x0a && text.charCodeAt(i) !== 0x0d) i++;
      } else if (c === 0x26) {
        i++;
        while (i < text.length && !isBreakOrSpace(text.charCodeAt(i)) && !isFlowIndicator(text.charCodeAt(i))) i++;
      } else if (c === 0x21) {
        // Tags are left to the exact parser, but for `!!merge <<`, which the `yaml` package places
        // like an untagged key.
        if (!text.startsWith('!!merge', i) || !isBreakOrSpace(text.charCodeAt(i + 7))) throw new Unsupported();
        i += 7;
      } else return i;
    }
  }

  private scalar(open: number, end: number, result: unknown): number {
    const text = this.text;
    const c = text.charCodeAt(open);
    const start =
      c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x23 || c === 0x26 || c === 0x21 ? this.contentStart(open) : open;
    const first = text.charCodeAt(start);
    if (first === 0x22 || first === 0x27) {
      // `"a"#b` is a comment to js-yaml and an error to the `yaml` package.
      if (text.charCodeAt(end) === 0x23) throw new Unsupported();
      return this.tree.add(QUOTED, start, end, 1, result);
    }
    return this.tree.add(first === 0x7c || first === 0x3e ? BLOCK : PLAIN, start, end, 1, result);
  }

  private aliasOrEmpty(open: number, result: unknown): number {
    const text = this.text;
    if (result !== null) {
      const start = this.contentStart(open);
      if (text.charCodeAt(start) !== 0x2a) throw new Unsupported();
      let i = start + 1;
      while (i < text.length && !isBreakOrSpace(text.charCodeAt(i)) && !isFlowIndicator(text.charCodeAt(i))) i++;
      const target = this.anchors.get(text.slice(start + 1, i));
      // A missing or different target is an alias into its own anchor (a cycle).
      if (target === undefined || this.tree.value[target] !== result) throw new Unsupported();
      this.aliases++;
      const node = this.tree.add(ALIAS, start, i, 1, result);
      this.tree.target.set(node, target);
      return node;
    }
    let i = open;
    while (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09) i++;
    const c = text.charCodeAt(i);
    if (c === 0x2a || c === 0x26 || c === 0x21) throw new Unsupported(); // an alias of a null, an anchored or tagged null
    return this.tree.add(EMPTY, i, i, 1, null);
  }

  private mapping(open: number, from: number, end: number, result: unknown): number {
    const tree = this.tree;
    let last = tree.count - 1;
    let kids = 0;
    for (let j = last; j >= from; j -= tree.sizeOf(j)) kids++;
    const start = this.contentStart(open);
    const flowStart = this.text.charCodeAt(start) === 0x7b;
    if (flowStart) {
      if (this.text.charCodeAt(end) === 0x23) throw new Unsupported();
      // Each key must be followed by `:` and a value.
      if (kids % 2 === 1) throw new Unsupported();
      for (let j = last; j >= from;) {
        const value = j;
        const key = value - tree.sizeOf(value);
        if (tree.kind[value] === EMPTY || !this.colonAfter(tree.endOf(key))) throw new Unsupported();
        j = key - 1;
      }
    } else if (kids % 2 === 1) {
      // A failed attempt at one more key.
      if (tree.kind[last] !== EMPTY) throw new Unsupported();
      tree.count = last;
      last--;
    }
    if (last < from && !flowStart) throw new Unsupported();
    for (let j = last; j >= from;) {
      const key = j - tree.sizeOf(j);
      const k = tree.kind[key];
      if ((k !== PLAIN && k !== QUOTED) || tree.flags[key] !== 0 || typeof tree.value[key] === 'object') throw new Unsupported();
      j = key - 1;
    }
    if (this.findDuplicates) this.duplicateKeys(from, last);
    return tree.add(flowStart ? FLOW_MAP : MAP, flowStart ? start : tree.startOf(from), end, tree.count - from + 1, result);
  }

  private sequence(open: number, from: number, end: number, result: unknown): number {
    const tree = this.tree;
    const start = this.contentStart(open);
    const flow = this.text.charCodeAt(start) === 0x5b;
    if (flow && this.text.charCodeAt(end) === 0x23) throw new Unsupported();
    // Empty items (a `-` alone) get no event from js-yaml: leave those files to the exact parser.
    let kids = 0;
    for (let j = tree.count - 1; j >= from; j -= tree.sizeOf(j)) {
      if (tree.kind[j] === EMPTY) throw new Unsupported();
      kids++;
    }
    if (!Array.isArray(result) || result.length !== kids) throw new Unsupported();
    return tree.add(flow ? FLOW_SEQ : SEQ, start, end, tree.count - from + 1, result);
  }

  /**
   * Keys equal to an earlier key of the same map, as the `yaml` package's uniqueKeys sees them:
   * the same resolved value (so `yes` and `true` collide, `1` and `"1"` do not).
   */
  private duplicateKeys(from: number, last: number): void {
    const tree = this.tree;
    const keys: number[] = [];
    for (let j = last; j >= from;) {
      const key = j - tree.sizeOf(j);
      keys.push(key);
      j = key - 1;
    }
    keys.reverse();
    const seen = new Set<unknown>();
    for (const key of keys) {
      const value = tree.value[key];
      if (tree.kindOf(key) === PLAIN && value === '<<') continue; // merge keys never collide
      if (seen.has(value) && !Number.isNaN(value)) this.duplicates.push({ offset: tree.startOf(key), document: this.roots.length });
      seen.add(value);
    }
  }

  private colonAfter(from: number): boolean {
    const text = this.text;
    let i = from;
    while (isBreakOrSpace(text.charCodeAt(i))) i++;
    return text.charCodeAt(i) === 0x3a;
  }
}

export interface Segment {
  /** Offset of the `---` that opens the document, or -1. */
  marker: number;
  /** Offset just past the document (the `yaml` package's range[2]). */
  end: number;
  /** Offset of the `...` that closes the document, or -1. */
  dots: number;
}

/** YAML's limit on the length of an implicit key (`key: value` on one line). */
export const MAX_IMPLICIT_KEY = 1024;

/**
 * Whether a line may hold an implicit key longer than YAML allows: one of over 1024 characters
 * whose first `: ` (or final `:`) comes after them. Only lines that long are looked at.
 */
function hasLongImplicitKey(text: string): boolean {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end - start > MAX_IMPLICIT_KEY) {
      let key = start;
      while (key < end && (text.charCodeAt(key) === 0x20 || text.charCodeAt(key) === 0x2d || text.charCodeAt(key) === 0x09)) key++;
      let colon = text.indexOf(': ', key);
      if (colon < 0 || colon > end) colon = text.charCodeAt(end - 1) === 0x3a ? end - 1 : -1;
      if (colon - key > MAX_IMPLICIT_KEY) return true;
    }
    start = end + 1;
  }
  return false;
}

/** Whether a parsed value has a map key of more than MAX_IMPLICIT_KEY characters. */
function hasLongKey(root: unknown): boolean {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value as unknown[]) stack.push(item);
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      if (key.length > MAX_IMPLICIT_KEY) return true;
      stack.push(item);
    }
  }
  return false;
}

/** The documents as the `yaml` package delimits them; undefined when js-yaml would differ. */
export function segmentsOf(text: string): { segments: Segment[]; phantom: boolean } | undefined {
  const segments: Segment[] = [];
  let current: Segment | undefined;
  let dotsSeen = false;
  let first = true;
  MARKER.lastIndex = 0;
  for (let m = MARKER.exec(text); m; m = MARKER.exec(text)) {
    const at = m.index;
    if (first && hasContent(text, 0, at)) segments.push((current = { marker: -1, end: at, dots: -1 }));
    first = false;
    if (text.startsWith('---', at)) {
      if (dotsSeen && current && hasContent(text, current.end, at)) return undefined;
      if (current && !dotsSeen) current.end = at;
      current = { marker: at, end: text.length, dots: -1 };
      segments.push(current);
      dotsSeen = false;
    } else {
      if (dotsSeen || !current) return undefined; // `...` twice, or ending a document that never began
      const nl = text.indexOf('\n', at);
      current.end = nl === -1 ? text.length : nl + 1;
      current.dots = at;
      dotsSeen = true;
    }
  }
  if (first) {
    // No marker at all: one document if there is content, none otherwise (js-yaml makes one).
    if (hasContent(text, 0, text.length)) return { segments: [{ marker: -1, end: text.length, dots: -1 }], phantom: false };
    return { segments: [], phantom: text.length > 0 };
  }
  if (dotsSeen && current && hasContent(text, current.end, text.length)) return undefined;
  return { segments, phantom: false };
}

/** Whether a stretch of text has anything but blank lines and comments. */
function hasContent(text: string, from: number, to: number): boolean {
  let lineStart = true;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) lineStart = true;
    else if (lineStart && c === 0x23) {
      while (i < to && text.charCodeAt(i) !== 0x0a) i++;
    } else if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return true;
  }
  return false;
}

/** Offsets -> 1-based line and column, as the `yaml` package's LineCounter counts them. */
export class Lines {
  private starts: number[] | undefined;
  constructor(private readonly text: string) {}
  private lineStarts(): number[] {
    if (!this.starts) {
      const starts = [0];
      for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = starts;
    }
    return this.starts;
  }
  /** 0-based line index of an offset. */
  index(offset: number): number {
    const starts = this.lineStarts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  line(offset: number): number {
    return this.index(offset) + 1;
  }
  column(offset: number): number {
    return offset - (this.lineStarts()[this.index(offset)] as number) + 1;
  }
}

/** Range computations on the node tree, with the `yaml` package's conventions. */
export class Ranges {
  constructor(
    private readonly text: string,
    private readonly tree: Tree,
  ) {}

  /** The `yaml` package's range[1]. */
  valueEnd(node: number, ownerColumn: number): number {
    const tree = this.tree;
    switch (tree.kind[node]) {
      case PLAIN: {
        let i = tree.endOf(node);
        while (i > tree.startOf(node) && isBreakOrSpace(this.text.charCodeAt(i - 1))) i--;
        return i;
      }
      case BLOCK:
        return this.blockScalarEnd(tree.startOf(node), ownerColumn);
      case MAP: {
        const value = node - 1;
        const key = value - tree.sizeOf(value);
        return this.nodeEnd(value, this.column0(tree.startOf(key)) + 1);
      }
      case SEQ: {
        const item = node - 1;
        return this.nodeEnd(item, this.dashColumn(tree.startOf(item)) + 1);
      }
      default:
        return tree.endOf(node); // quoted, alias, flow collections: js-yaml stops right after them; empty: its start
    }
  }

  /** The `yaml` package's range[2]: the value end plus what trails it on its line. */
  nodeEnd(node: number, ownerColumn: number): number {
    const tree = this.tree;
    switch (tree.kind[node]) {
      case BLOCK:
        return this.blockScalarEnd(tree.startOf(node), ownerColumn);
      case EMPTY: {
        const start = tree.startOf(node);
        const commented = this.text.charCodeAt(start) === 0x23;
        const end = commented ? this.lineRest(start) : start;
        // Comment lines after an empty last value may belong to its collection, as after a block
        // collection (below).
        let i = end;
        while (isBreakOrSpace(this.text.charCodeAt(i))) i++;
        if (this.text.charCodeAt(i) === 0x23) throw new Uncertain();
        // After a comment on its own line, the value's collection runs on over blank lines and the
        // next line's indentation, to where the next node starts (as the `yaml` package ends it).
        return commented ? i : end;
      }
      case MAP:
      case SEQ: {
        const end = this.valueEnd(node, ownerColumn);
        let i = end;
        while (isBreakOrSpace(this.text.charCodeAt(i))) i++;
        // Trailing comments may belong to the collection (the `yaml` package's commentEnd).
        if (this.text.charCodeAt(i) === 0x23) throw new Uncertain();
        return end;
      }
      default:
        return this.lineRest(this.valueEnd(node, ownerColumn));
    }
  }

  /**
   * Throws Uncertain when the next line with content after `from` is a comment indented deeper
   * than `column`: where the `yaml` package ends the collection then is the exact parser's to say.
   */
  checkDeeperComment(from: number, column: number): void {
    const text = this.text;
    let i = from;
    let lineStart = from > 0 && text.charCodeAt(from - 1) !== 0x0a ? -1 : from;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x0a) {
        lineStart = i + 1;
      } else if (c !== 0x20 && c !== 0x09 && c !== 0x0d) {
        break;
      }
      i++;
    }
    if (text.charCodeAt(i) === 0x23 && lineStart >= 0 && i - lineStart > column) throw new Uncertain();
  }

  /** Past the spaces, comment and line break that follow `from` on its line. */
  private lineRest(from: number): number {
    const text = this.text;
    let i = from;
    while (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09) i++;
    if (text.charCodeAt(i) === 0x23) while (i < text.length && text.charCodeAt(i) !== 0x0a && text.charCodeAt(i) !== 0x0d) i++;
    if (text.charCodeAt(i) === 0x0d && text.charCodeAt(i + 1) === 0x0a) return i + 2;
    if (text.charCodeAt(i) === 0x0a) return i + 1;
    return i;
  }

  column0(offset: number): number {
    const nl = this.text.lastIndexOf('\n', offset - 1);
    return offset - (nl + 1);
  }

  /** The column of the `-` of a block sequence item that starts at `itemStart`. */
  dashColumn(itemStart: number): number {
    let i = itemStart - 1;
    while (i >= 0 && (this.text.charCodeAt(i) === 0x20 || this.text.charCodeAt(i) === 0x09)) i--;
    if (i < 0 || this.text.charCodeAt(i) !== 0x2d) throw new Uncertain();
    return this.column0(i);
  }

  /** The end of a block scalar, as the `yaml` package's lexer finds it (parseBlockScalar). */
  blockScalarEnd(start: number, indentNextIn: number): number {
    const text = this.text;
    const length = text.length;
    let indentNext = indentNextIn;
    let keep = false;
    let explicit = -1;
    for (let i = start + 1; ; i++) {
      const ch = text[i];
      if (ch === '+') keep = true;
      else if (ch !== undefined && ch > '0' && ch <= '9') explicit = Number(ch) - 1;
      else if (ch !== '-') break;
    }
    const headerEnd = text.indexOf('\n', start);
    const pos = headerEnd === -1 ? length : headerEnd + 1;
    let nl = pos - 1;
    let indent = 0;
    scan: for (let i = pos; i < length; i++) {
      switch (text[i]) {
        case ' ':
          indent += 1;
          break;
        case '\n':
          nl = i;
          indent = 0;
          break;
        case '\r':
          if (text[i + 1] === '\n') break;
          break scan;
        default:
          break scan;
      }
    }
    if (indent >= indentNext) {
      indentNext = explicit === -1 ? indent : explicit + (indentNext === 0 ? 1 : indentNext);
      do {
        const cs = this.continueScalar(nl + 1, indentNext);
        if (cs === -1) break;
        nl = text.indexOf('\n', cs);
      } while (nl !== -1);
      if (nl === -1) nl = length;
    }
    let i = nl + 1;
    let ch = text[i];
    while (ch === ' ') ch = text[++i];
    if (ch === '\t') {
      while (ch === '\t' || ch === ' ' || ch === '\r' || ch === '\n') ch = text[++i];
      nl = i - 1;
    } else if (!keep) {
      for (;;) {
        let j = nl - 1;
        let c = text[j];
        if (c === '\r') c = text[--j];
        const lastChar = j;
        while (c === ' ') c = text[--j];
        if (c === '\n' && j >= pos && j + 1 + indent > lastChar) nl = j;
        else break;
      }
    }
    return Math.min(nl + 1, length);
  }

  private continueScalar(offset: number, indentNext: number): number {
    const text = this.text;
    let ch = text[offset];
    if (indentNext > 0) {
      let indent = 0;
      while (ch === ' ') ch = text[++indent + offset];
      if (ch === '\r' && text[indent + offset + 1] === '\n') return offset + indent + 1;
      return ch === '\n' || indent >= indentNext ? offset + indent : -1;
    }
    if (ch === '-' || ch === '.') {
      const dt = text.slice(offset, offset + 3);
      const after = text.charCodeAt(offset + 3);
      if ((dt === '---' || dt === '...') && (Number.isNaN(after) || isBreakOrSpace(after))) return -1;
    }
    return offset;
  }
}

interface Step {
  node: number;
  key: number;
  /** Column + 1 of what owns the node (its key or its `-`), for block scalar ends. */
  owner: number;
}

/** Path lookups on the tree, as `locateIn` of the exact parser does them on the `yaml` AST. */
export class Locator {
  /** `keyOf`: the value of a key node, for a tree that does not keep them in `value`. */
  constructor(
    private readonly tree: Tree,
    private readonly ranges: Ranges,
    private readonly keyOf: (node: number) => unknown = (node) => tree.value[node],
  ) {}

  private keyString(key: number): string | undefined {
    const v = this.keyOf(key);
    return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
  }

  private isMergeKey(key: number): boolean {
    return this.tree.kind[key] === PLAIN && this.keyOf(key) === '<<';
  }

  private deref(node: number): number {
    let current = node;
    for (let depth = 0; depth < 100 && this.tree.kind[current] === ALIAS; depth++) current = this.tree.target.get(current) ?? current;
    return current;
  }

  private isMap(node: number): boolean {
    return this.tree.kind[node] === MAP || this.tree.kind[node] === FLOW_MAP;
  }

  private findPair(map: number, wanted: string): Step | undefined {
    const tree = this.tree;
    const first = map - tree.sizeOf(map) + 1;
    for (let value = map - 1; value >= first;) {
      const key = value - tree.sizeOf(value);
      if (!this.isMergeKey(key) && this.keyString(key) === wanted) {
        return { node: value, key, owner: this.ranges.column0(tree.startOf(key)) + 1 };
      }
      value = key - 1;
    }
    return undefined;
  }

  private childOf(parent: number, segment: string | number): Step | undefined {
    const tree = this.tree;
    const node = this.deref(parent);
    const kind = tree.kind[node];
    if (kind === SEQ || kind === FLOW_SEQ) {
      if (typeof segment !== 'number') return undefined;
      const item = tree.children(node)[segment];
      if (item === undefined) return undefined;
      return { node: item, key: -1, owner: kind === SEQ ? this.ranges.dashColumn(tree.startOf(item)) + 1 : 0 };
    }
    if (!this.isMap(node)) return undefined;
    const wanted = String(segment);
    const own = this.findPair(node, wanted);
    if (own) return own;
    // YAML 1.1 merge keys: `<<: *base` or `<<: [*a, *b]`; point at the `<<` entry.
    const kids = tree.children(node);
    for (let i = 0; i < kids.length; i += 2) {
      const key = kids[i] as number;
      if (!this.isMergeKey(key)) continue;
      const value = kids[i + 1] as number;
      const sources = this.deref(value);
      const seq = tree.kind[sources] === SEQ || tree.kind[sources] === FLOW_SEQ;
      const maps = seq ? tree.children(sources).map((item) => this.deref(item)) : [sources];
      for (const source of maps) {
        if (this.isMap(source) && this.findPair(source, wanted)) {
          return { node: value, key, owner: this.ranges.column0(tree.startOf(key)) + 1 };
        }
      }
    }
    return undefined;
  }

  locate(root: number, path: YamlPath, target: 'key' | 'value'): { start: number; end: number; exact: boolean } {
    let current: Step = { node: root, key: -1, owner: 0 };
    let exact = true;
    for (const segment of path) {
      const next = this.childOf(current.node, segment);
      if (!next) {
        exact = false;
        break;
      }
      current = next;
    }
    const { node, key } = current;
    const scalar = this.tree.kindOf(node) <= EMPTY;
    if (key !== -1 && (target === 'key' || !exact || !scalar)) {
      return { start: this.tree.startOf(key), end: this.ranges.valueEnd(key, 0), exact };
    }
    const end = this.ranges.valueEnd(node, current.owner);
    // A block collection with no key of its own (a document, a sequence item): comment lines
    // indented deeper than it, after it, are its own in the `yaml` package's ranges.
    const kind = this.tree.kindOf(node);
    if (key === -1 && (kind === MAP || kind === SEQ)) this.ranges.checkDeeperComment(end, this.ranges.column0(this.tree.startOf(node)));
    return { start: this.tree.startOf(node), end, exact };
  }
}

/** A tree with the text it was built from; `base` is the offset of that text in the file. */
export interface Positions {
  tree: Tree;
  locator: Locator;
  root: number;
  base: number;
}

/** Parses `text` with the listener on; throws when js-yaml or the tree builder refuses it. */
function buildTree(text: string, allowDuplicates = false, aliasBudget = DEFAULT_ALIAS_BUDGET): { values: unknown[]; builder: TreeBuilder } {
  const builder = new TreeBuilder(text, allowDuplicates, aliasBudget);
  const options: LoadOptions = { schema: SCHEMA, listener: builder.listener as unknown as LoadOptions['listener'], json: allowDuplicates };
  return { values: loadAll(text, undefined, options), builder };
}

/** An empty document's node sits just past its `---` and the spaces after it. */
export function emptyRoot(tree: Tree, text: string, marker: number): number {
  let start = marker + 3;
  while (text.charCodeAt(start) === 0x20 || text.charCodeAt(start) === 0x09) start++;
  return tree.add(EMPTY, start, start, 1, null);
}

/** Whether `c` can stand before a node's first character (an anchor, alias or quote). */
function beforeNode(c: number): boolean {
  return (
    c === 0x20 ||
    c === 0x0a ||
    c === 0x09 ||
    c === 0x0d ||
    c === 0x3a ||
    c === 0x2d ||
    c === 0x5b ||
    c === 0x7b ||
    c === 0x2c ||
    Number.isNaN(c)
  );
}

/**
 * The names after `indicator` (`&` or `*`; aliases only where a node may start): every anchor or
 * alias js-yaml can read is among them, with some look-alikes from text (`&&`, `**bold**`).
 */
function propertyNames(text: string, indicator: string): Set<string> {
  const anywhere = indicator === '&'; // an anchor may follow a tag
  const names = new Set<string>();
  for (let i = text.indexOf(indicator); i !== -1; i = text.indexOf(indicator, i + 1)) {
    const next = text.charCodeAt(i + 1);
    if (isBreakOrSpace(next) || isFlowIndicator(next) || Number.isNaN(next)) continue;
    // What comes before, spaces aside, must be an indicator or the start of a line.
    let j = i - 1;
    while (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x09) j--;
    const c = text.charCodeAt(j);
    if (
      !anywhere &&
      j >= 0 &&
      c !== 0x0a &&
      c !== 0x0d &&
      c !== 0x3a &&
      c !== 0x2d &&
      c !== 0x5b &&
      c !== 0x7b &&
      c !== 0x2c &&
      c !== 0x3f
    ) {
      continue;
    }
    let end = i + 1;
    while (end < text.length && !isBreakOrSpace(text.charCodeAt(end)) && !isFlowIndicator(text.charCodeAt(end))) end++;
    names.add(text.slice(i + 1, end));
  }
  return names;
}

/** Whether the file may use an alias: one of the alias-like names is an anchor-like name. */
function mayHaveAliases(text: string): boolean {
  if (!text.includes('*') || !text.includes('&')) return false;
  const aliases = propertyNames(text, '*');
  if (aliases.size === 0) return false;
  const anchors = propertyNames(text, '&');
  for (const name of aliases) if (anchors.has(name)) return true;
  return false;
}

/** Whether `text` may have a quote that closes a scalar glued to a comment (`"a"#b`). */
function hasGluedComment(text: string): boolean {
  for (const glued of ['"#', "'#", ']#', '}#']) {
    for (let i = text.indexOf(glued); i !== -1; i = text.indexOf(glued, i + 1)) {
      // `key: "#fff"` opens a quote and `'it''s'` escapes one; a closing quote follows content.
      if (glued.startsWith(']') || glued.startsWith('}')) return true;
      const before = text.charCodeAt(i - 1);
      if (!beforeNode(before) && (before !== 0x27 || beforeNode(text.charCodeAt(i - 2)))) return true;
    }
  }
  return false;
}

/** Whether a `?` may introduce an explicit key (which may be a collection). */
function hasExplicitKey(text: string): boolean {
  for (let i = text.indexOf('?'); i !== -1; i = text.indexOf('?', i + 1)) {
    const next = text.charCodeAt(i + 1);
    if (!isBreakOrSpace(next) && !Number.isNaN(next)) continue;
    let j = i - 1;
    while (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x09) j--;
    const c = text.charCodeAt(j);
    if (j < 0 || c === 0x0a || c === 0x0d || c === 0x2d || c === 0x5b || c === 0x7b || c === 0x2c) return true;
  }
  return false;
}

/** Whether a flow collection may be an implicit key (`[a, b]: c`). */
function hasCollectionKey(text: string): boolean {
  for (const closing of [']:', '}:']) {
    for (let i = text.indexOf(closing); i !== -1; i = text.indexOf(closing, i + 1)) {
      const next = text.charCodeAt(i + 2);
      if (isBreakOrSpace(next) || Number.isNaN(next)) return true;
    }
  }
  return false;
}

/** Whether a null may be a key (`~: a`): js-yaml names it "null", the `yaml` package "". */
function hasNullKey(text: string): boolean {
  for (const key of ['~:', 'null:', 'Null:', 'NULL:']) {
    for (let i = text.indexOf(key); i !== -1; i = text.indexOf(key, i + 1)) {
      const next = text.charCodeAt(i + key.length);
      const before = text.charCodeAt(i - 1);
      if ((isBreakOrSpace(next) || Number.isNaN(next)) && (beforeNode(before) || before === 0x3f)) return true;
    }
  }
  return false;
}

/**
 * Whether positions must be recorded while parsing, because the file may hold something that
 * changes its values or findings: aliases (the alias budget, cycles), a collection or a null as a
 * key (js-yaml and the `yaml` package name them differently), or a comment glued to a quoted
 * scalar or flow collection (an error to the `yaml` package). A false alarm only costs time.
 */
export function needsEagerTree(text: string): boolean {
  return mayHaveAliases(text) || hasGluedComment(text) || hasExplicitKey(text) || hasCollectionKey(text) || hasNullKey(text);
}

/**
 * How positions are found: recorded while parsing (eager), or by parsing a document again the
 * first time locate() asks (lazy); auto picks per file.
 */
export type PositionMode = 'auto' | 'eager' | 'lazy';

/** What the exact parser makes of one document alone, and whether it found nothing wrong with it. */
export interface ExactDocument {
  document: ParsedDocument | undefined;
  clean: boolean;
  /**
   * The document's problems, placed in the file, when all are duplicate keys (which leave the
   * document one document, its value read): such a document needs no other path for the file.
   * Undefined for a clean document and for any other problem.
   */
  softProblems?: ParseProblem[];
}

/**
 * The exact parser on one document's text (from its `---`, or the file's start: a line start, so
 * only lines move), moved to the file's lines; each document at most once.
 */
export function exactDocuments(
  fullText: string,
  bom: number,
  segments: Segment[],
  lines: Lines,
  exact: (text: string) => ParsedFile,
): (index: number) => ExactDocument {
  const known = new Map<number, ExactDocument>();
  return (index) => {
    const cached = known.get(index);
    if (cached) return cached;
    const segment = segments[index] as Segment;
    const base = Math.max(segment.marker, 0) + bom;
    const shift = lines.line(base) - 1;
    const parsed = exact(fullText.slice(base, segment.end + bom));
    const found = parsed.documents.find((d) => d.index === 0);
    // On the file's first line, a byte order mark before the text counts as a column.
    const first = shift === 0 ? bom : 0;
    const moved = <R extends Range>(range: R): R => ({
      ...range,
      line: range.line + shift,
      column: range.column + (range.line === 1 ? first : 0),
      endLine: range.endLine + shift,
      endColumn: range.endColumn + (range.endLine === 1 ? first : 0),
    });
    const document: ParsedDocument | undefined = found && {
      index,
      value: found.value,
      startLine: found.startLine + shift,
      endLine: found.endLine + shift,
      contentLine: found.contentLine + shift,
      locate: (path, target) => moved(found.locate(path, target)),
    };
    const single = parsed.documents.length === 1 && found !== undefined;
    const result: ExactDocument = { document, clean: parsed.problems.length === 0 && single };
    if (single && parsed.problems.length > 0 && parsed.problems.every((p) => p.code === 'DUPLICATE_KEY')) {
      result.softProblems = parsed.problems.map((problem) => ({
        ...moved(problem),
        message: problem.message,
        code: problem.code,
        documentIndex: index,
      }));
    }
    known.set(index, result);
    return result;
  };
}

/**
 * Where a document ends for the `yaml` package: at the next marker, but one with nothing but
 * blank lines after a bare `---` line ends with that line.
 */
function emptyDocumentEnd(text: string, segment: Segment): number {
  if (segment.marker < 0) return segment.end;
  /** Past the line break of the line `from` is on, if only spaces and a comment are left on it; -1 otherwise. */
  const restOfLine = (from: number): number => {
    let i = from;
    let c = text.charCodeAt(i);
    while (c === 0x20 || c === 0x09) c = text.charCodeAt(++i);
    if (c === 0x23) while (i < segment.end && text.charCodeAt(i) !== 0x0a) i++;
    else if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
    else if (c !== 0x0a && i < segment.end) return -1;
    return Math.min(i + 1, segment.end);
  };
  let at = segment.marker + 3;
  while (text.charCodeAt(at) === 0x20 || text.charCodeAt(at) === 0x09) at++;
  const end = restOfLine(at);
  // Content or a comment on the marker line: the document keeps the lines after it.
  if (end < 0 || text.charCodeAt(at) === 0x23) return segment.end;
  for (let i = end; i < segment.end;) {
    let j = i;
    while (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x09) j++;
    // Content, or a comment (which the document keeps, with the blank lines after it).
    if (text.charCodeAt(j) === 0x23) return segment.end;
    const next = restOfLine(j);
    if (next < 0) return segment.end;
    i = next;
  }
  return end;
}

/**
 * Where the `yaml` package ends a document that is one flow collection (a JSON file): past the
 * line break after it and the line after that, when that line is blank (a quirk of its lexer;
 * further blank lines are not the document's). With a comment after the collection, Infinity
 * (the segment's end, as before).
 */
function endAfterFlowRoot(text: string, segment: Segment, valueEnd: number): number {
  const lineAfter = (from: number): number => {
    let i = from;
    while (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09) i++;
    if (text.charCodeAt(i) === 0x0d && text.charCodeAt(i + 1) === 0x0a) return i + 2;
    if (text.charCodeAt(i) === 0x0a) return i + 1;
    return -1;
  };
  const comment = text.indexOf('#', valueEnd);
  if (comment >= 0 && comment < segment.end) return Infinity;
  const first = lineAfter(valueEnd);
  if (first < 0) return Infinity;
  const second = first < segment.end ? lineAfter(first) : -1;
  return Math.min(second >= 0 ? second : first, segment.end);
}

/**
 * Where the `yaml` package ends a document whose last node is an empty value (`key:` with nothing
 * after it): at that value, so the blank lines after it are not the document's; but a comment
 * after it keeps them (the document then ends where its segment does). Infinity otherwise.
 */
function endAtEmptyValue(text: string, segment: Segment, positions: Positions | null): number {
  if (!positions || segment.dots >= 0) return Infinity;
  const { tree, root, base } = positions;
  const rootKind = tree.kindOf(root);
  if (rootKind === FLOW_MAP || rootKind === FLOW_SEQ) return endAfterFlowRoot(text, segment, tree.endOf(root) + base);
  if (rootKind !== MAP && rootKind !== SEQ) return Infinity;
  // Post-order: before a block collection's own node come its children, its last child last.
  let last = root - 1;
  const first = root - tree.sizeOf(root) + 1;
  while (last >= first && (tree.kindOf(last) === MAP || tree.kindOf(last) === SEQ)) last--;
  if (last < first || tree.kindOf(last) !== EMPTY) return Infinity;
  const at = tree.startOf(last) + base;
  const comment = text.indexOf('#', at);
  return comment >= 0 && comment < segment.end ? Infinity : at;
}

/**
 * The documents of a file from its segments, their values and their position trees (null for a
 * document only the exact parser can place). Lines are counted only when asked for.
 */
export function documentsOf(
  text: string,
  bom: number,
  segments: Segment[],
  values: unknown[],
  positionsOf: (index: number) => Positions | null,
  exactDocument: (index: number) => ParsedDocument | undefined,
  lines: Lines,
): ParsedDocument[] {
  const rangeOf = (start: number, end: number): Range => ({
    line: lines.line(start + bom),
    column: lines.column(start + bom),
    endLine: lines.line(Math.max(start, end) + bom),
    endColumn: lines.column(Math.max(start, end) + bom),
  });
  // A document owns the lines from just after the previous one up to its end (see parseYamlExact).
  const endLines: number[] = [];
  const endLineOf = (index: number): number => {
    for (let i = endLines.length; i <= index; i++) {
      const segment = segments[i] as Segment;
      const positions = positionsOf(i);
      // A document only the exact parser placed ends where it says.
      const exact = positions ? undefined : exactDocument(i);
      if (exact) {
        endLines.push(exact.endLine);
        continue;
      }
      const end = Math.min(emptyDocumentEnd(text, segment), endAtEmptyValue(text, segment, positions));
      endLines.push(lines.line(Math.max(Math.max(segment.marker, 0), end - 1) + bom));
    }
    return endLines[index] as number;
  };

  const documents: ParsedDocument[] = [];
  for (let index = 0; index < segments.length; index++) {
    documents.push({
      index,
      value: values[index],
      get startLine() {
        return index === 0 ? 1 : endLineOf(index - 1) + 1;
      },
      get endLine() {
        return endLineOf(index);
      },
      get contentLine() {
        const p = positionsOf(index);
        if (!p) return exactDocument(index)?.contentLine ?? endLineOf(index);
        return lines.line(p.tree.startOf(p.root) + p.base + bom);
      },
      locate(path, target) {
        const p = positionsOf(index);
        if (p) {
          try {
            const { start, end, exact } = p.locator.locate(p.root, path, target ?? 'value');
            return { ...rangeOf(start + p.base, end + p.base), exact };
          } catch (error) {
            if (!(error instanceof Uncertain)) throw error;
          }
        }
        const located = exactDocument(index)?.locate(path, target);
        if (located) return located;
        const line = p ? p.tree.startOf(p.root) + p.base : 0;
        return { ...rangeOf(line, line), exact: false };
      },
    });
  }
  return documents;
}

/**
 * Parses with js-yaml; undefined when the file must go to the exact parser. `exact` is the exact
 * parser, given the text of one document (from its `---`), for the rare range this path is not
 * sure of.
 */
export function parseYamlFast(
  fullText: string,
  exact: (text: string) => ParsedFile,
  mode: PositionMode = 'auto',
  aliasBudget = DEFAULT_ALIAS_BUDGET,
): ParsedFile | undefined {
  const bom = fullText.charCodeAt(0) === 0xfeff ? 1 : 0;
  const text = bom ? fullText.slice(1) : fullText;
  // Files with directives (`%YAML`, `%TAG`) are left to the exact parser.
  if (text.charCodeAt(0) === 0x25 || text.includes('\n%')) return undefined;
  // Lazy positions pay off where few documents have findings: CRDs, big and rarely wrong, are most
  // of the bytes of a typical repository; other manifests mostly have a finding or more, and
  // recording their positions while parsing costs less than parsing them again (bench/positions.ts).
  const eager = mode === 'eager' || (mode === 'auto' && (!text.includes('CustomResourceDefinition') || needsEagerTree(text)));
  let values: unknown[];
  let builder: TreeBuilder | undefined;
  try {
    if (eager) ({ values, builder } = buildTree(text, false, aliasBudget));
    else values = loadAll(text, undefined, { schema: SCHEMA });
  } catch (error) {
    // A duplicate key: parse again allowing them (the last one wins, as in the `yaml` package)
    // and report each where the `yaml` package does. Anything else: the exact parser.
    if (!(error instanceof YAMLException) || !error.message.startsWith('duplicated mapping key')) return undefined;
    try {
      ({ values, builder } = buildTree(text, true, aliasBudget));
    } catch {
      return undefined;
    }
  }
  // So are keys over YAML's 1024-character limit for implicit keys, which js-yaml accepts: lines
  // that may hold one are rare (long lines of block scalars, mostly), and only then are the keys
  // looked at.
  if (hasLongImplicitKey(text) && values.some(hasLongKey)) return undefined;
  const found = segmentsOf(text);
  if (!found) return undefined;
  const { segments, phantom } = found;
  if (values.length !== segments.length + (phantom ? 1 : 0)) return undefined;
  if (builder && builder.roots.length !== values.length) return undefined;
  if (segments.some((segment, i) => segment.marker < 0 && values[i] === null)) return undefined;

  const lines = new Lines(fullText);
  const exactDocument = exactDocuments(fullText, bom, segments, lines, exact);

  let fileLocator: Locator | undefined;
  const positions: (Positions | null | undefined)[] = [];
  /** The tree of a document, or null when only the exact parser can answer. */
  const positionsOf = (index: number): Positions | null => {
    const known = positions[index];
    if (known !== undefined) return known;
    const segment = segments[index] as Segment;
    let result: Positions | null;
    try {
      if (builder) {
        const tree = builder.tree;
        fileLocator ??= new Locator(tree, new Ranges(text, tree));
        let root = builder.roots[index] as number;
        if (tree.kind[root] === EMPTY) root = emptyRoot(tree, text, segment.marker);
        result = { tree, locator: fileLocator, root, base: 0 };
      } else {
        const base = Math.max(segment.marker, 0);
        const slice = text.slice(base, segment.end);
        const built = buildTree(slice, false, aliasBudget).builder;
        const tree = built.tree;
        if (built.roots.length !== 1) throw new Unsupported();
        let root = built.roots[0] as number;
        if (tree.kind[root] === EMPTY) root = emptyRoot(tree, slice, 0);
        result = { tree, locator: new Locator(tree, new Ranges(slice, tree)), root, base };
      }
    } catch {
      result = null;
    }
    positions[index] = result;
    return result;
  };

  const documents = documentsOf(text, bom, segments, values, positionsOf, (index) => exactDocument(index).document, lines);
  // Errors at the very end of the file point at its last character with content (as parseYamlExact).
  const lastContent = Math.max(0, fullText.trimEnd().length - 1);
  const problems: ParseProblem[] = (builder?.duplicates ?? [])
    .sort((a, b) => a.offset - b.offset)
    .map(({ offset, document }) => {
      const start = Math.min(offset + bom, lastContent);
      const end = Math.min(start + 1, lastContent + 1);
      const range: Range = { line: lines.line(start), column: lines.column(start), endLine: lines.line(end), endColumn: lines.column(end) };
      return { ...range, message: 'Map keys must be unique', code: 'DUPLICATE_KEY', documentIndex: document };
    });
  return { documents, problems };
}
