/**
 * A YAML reader for what Kubernetes manifests use, written for V8: one pass over char codes builds
 * each document's values (with Kubernetes' YAML 1.1 typing, as `resolvePlainScalar` says) and its
 * position tree (flat typed arrays, the same tree the js-yaml path builds, so `Locator` and `Ranges`
 * answer with the very ranges of the `yaml` package).
 *
 * The subset: block mappings and sequences (compact ones in sequence items too), plain, single-
 * and double-quoted scalars over one or more lines, literal and folded block scalars (`|`, `>-`,
 * `|+`, `|2-`), flow sequences and mappings of scalars and flow
 * collections, comments, `---` and `...`, LF or CRLF line ends, a byte order mark.
 *
 * A document with anything else (anchors, aliases, tags, merge keys, explicit or complex keys,
 * duplicate keys, a scalar as the whole document, tabs in indentation, a flow collection closing
 * at its parent's indentation, ...) is left to the exact parser, document by document; a file with
 * directives, a lone CR or a document the exact parser finds a problem in goes to the caller's
 * other paths whole, so that problems are reported exactly as before.
 */
import type { ParsedFile, ParseProblem } from './parsed.js';
import {
  BLOCK,
  documentsOf,
  EMPTY,
  exactDocuments,
  FLOW_MAP,
  FLOW_SEQ,
  Lines,
  Locator,
  MAP,
  MAX_IMPLICIT_KEY,
  PLAIN,
  type Positions,
  QUOTED,
  Ranges,
  SEQ,
  segmentsOf,
  type Segment,
  Tree,
} from './fast-parse.js';
import { resolvePlainScalar } from './scalars.js';

/** Thrown (one instance, no stack) when a document leaves the subset. */
const OUTSIDE = new Error('outside the subset the reader handles');

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const COMMA = 0x2c;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const BACKSLASH = 0x5c;

/** End of line or end of input (NaN past the end). */
function isEnd(c: number): boolean {
  return c === LF || c === CR || c !== c;
}

function isBlankOrEnd(c: number): boolean {
  return c === SPACE || c === TAB || c === LF || c === CR || c !== c;
}

function isFlowIndicator(c: number): boolean {
  return c === COMMA || c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE;
}

/** Characters that cannot start a plain scalar, or start what the reader leaves alone. */
function isIndicator(c: number): boolean {
  switch (c) {
    case 0x21: // ! tag
    case 0x26: // & anchor
    case 0x2a: // * alias
    case 0x3f: // ? explicit key
    case 0x7c: // |
    case 0x3e: // >
    case 0x25: // %
    case 0x40: // @
    case 0x60: // `
    case HASH:
    case DQUOTE:
    case SQUOTE:
    case COMMA:
    case LBRACKET:
    case RBRACKET:
    case LBRACE:
    case RBRACE:
      return true;
    default:
      return false;
  }
}

/**
 * The value of a plain scalar: most start with a letter that no boolean or null of YAML 1.1
 * starts with, and are strings without further ado.
 */
function plainValue(text: string): unknown {
  const c = text.charCodeAt(0) | 0x20;
  if (c >= 0x61 && c <= 0x7a && c !== 0x79 && c !== 0x6e && c !== 0x74 && c !== 0x66 && c !== 0x6f) return text;
  return resolvePlainScalar(text);
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  '\t': '\t',
};

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  if (l >= 0x61 && l <= 0x66) return l - 0x61 + 10;
  return -1;
}

const enum Chomp {
  Clip,
  Strip,
  Keep,
}

/** `count` spaces (block scalar lines more indented than the first). */
function spaces(count: number): string {
  return count > 0 ? ' '.repeat(count) : '';
}

/** The `yaml` package's unfolding of a single-quoted scalar's lines, then `''` -> `'`. */
function singleQuoted(text: string, from: number, to: number): string {
  let out = '';
  let lineFrom = from;
  let sep = ' ';
  let firstLine = true;
  for (;;) {
    let nl = lineFrom;
    while (nl < to && text.charCodeAt(nl) !== LF) nl++;
    if (nl >= to) break;
    let a = lineFrom;
    let b = text.charCodeAt(nl - 1) === CR && nl - 1 >= lineFrom ? nl - 1 : nl;
    while (b > a && (text.charCodeAt(b - 1) === SPACE || text.charCodeAt(b - 1) === TAB)) b--;
    if (firstLine) {
      out = text.slice(a, b);
      firstLine = false;
    } else {
      while (a < b && (text.charCodeAt(a) === SPACE || text.charCodeAt(a) === TAB)) a++;
      if (a === b) {
        if (sep === '\n') out += sep;
        else sep = '\n';
      } else {
        out += sep + text.slice(a, b);
        sep = ' ';
      }
    }
    lineFrom = nl + 1;
  }
  let a = lineFrom;
  while (a < to && (text.charCodeAt(a) === SPACE || text.charCodeAt(a) === TAB)) a++;
  out = firstLine ? text.slice(from, to) : out + sep + text.slice(a, to);
  return out.includes("''") ? out.replaceAll("''", "'") : out;
}

/** A double-quoted scalar's value, as the `yaml` package's doubleQuotedValue reads it. */
function doubleQuoted(text: string, from: number, to: number): string {
  let out = '';
  let run = from;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === CR && text.charCodeAt(i + 1) === LF) {
      out += text.slice(run, i);
      run = i + 1;
    } else if (c === LF) {
      out += text.slice(run, i);
      let fold = '';
      let ch = text.charCodeAt(i + 1);
      while (ch === SPACE || ch === TAB || ch === LF || ch === CR) {
        if (ch === CR && text.charCodeAt(i + 2) !== LF) break;
        if (ch === LF) fold += '\n';
        i++;
        ch = text.charCodeAt(i + 1);
      }
      out += fold || ' ';
      run = i + 1;
    } else if (c === BACKSLASH) {
      out += text.slice(run, i);
      const next = text.charCodeAt(++i);
      const escaped = ESCAPES[String.fromCharCode(next)];
      if (escaped !== undefined) {
        out += escaped;
      } else if (next === LF || (next === CR && text.charCodeAt(i + 1) === LF)) {
        if (next === CR) i++;
        let ch = text.charCodeAt(i + 1);
        while (ch === SPACE || ch === TAB) ch = text.charCodeAt(++i + 1);
      } else if (next === 0x78 || next === 0x75 || next === 0x55) {
        const length = next === 0x78 ? 2 : next === 0x75 ? 4 : 8;
        let code = 0;
        for (let k = 1; k <= length; k++) {
          const h = i + k < to ? hexValue(text.charCodeAt(i + k)) : -1;
          if (h < 0) throw OUTSIDE;
          code = code * 16 + h;
        }
        if (code > 0x10ffff) throw OUTSIDE;
        out += String.fromCodePoint(code);
        i += length;
      } else {
        throw OUTSIDE; // an invalid escape: the exact parser reports it
      }
      run = i + 1;
    } else if (c === SPACE || c === TAB) {
      const wsStart = i;
      let next = text.charCodeAt(i + 1);
      while (next === SPACE || next === TAB) next = text.charCodeAt(++i + 1);
      if (next === LF || (next === CR && text.charCodeAt(i + 2) === LF)) {
        out += text.slice(run, wsStart);
        run = i + 1;
      }
    }
  }
  return out + text.slice(run, to);
}

/**
 * The position trees of the files read, one after the other in one tree: no allocation per file.
 * A file's nodes are contiguous, and its documents keep the tree alive; once the tree holds
 * ARENA_NODES nodes, the next file starts a new one, so a long-lived process keeps at most one
 * tree's worth beyond the documents it still holds.
 */
let arena: Tree | undefined;
const ARENA_NODES = 1 << 20;

/** The lines of the block scalar being read: indentation, content start and end (CR excluded). */
const blockLines = { indents: new Int32Array(256), starts: new Int32Array(256), ends: new Int32Array(256) };

function growBlockLines(): void {
  for (const name of ['indents', 'starts', 'ends'] as const) {
    const grown = new Int32Array(blockLines[name].length * 2);
    grown.set(blockLines[name]);
    blockLines[name] = grown;
  }
}

/** Whether `keys` from `base` on holds a key twice. */
function hasDuplicate(keys: string[], base: number): boolean {
  const n = keys.length - base;
  if (n < 2) return false;
  if (n <= 16) {
    for (let i = base + 1; i < keys.length; i++) {
      const key = keys[i];
      for (let j = base; j < i; j++) if (keys[j] === key) return true;
    }
    return false;
  }
  return new Set(keys.slice(base)).size !== n;
}

/**
 * The names of plain keys read before, by a hash of their text: manifests use few key names, over
 * and over. Handing back the very string read before spares a slice and, since V8 keeps property
 * names as internalized strings, the string table's lookup when it becomes a property. A slot
 * holds the last key that hashed to it; a key is taken from it only if the text is the same.
 */
class KeyNames {
  private static readonly SLOTS = 4096;
  private readonly hashes = new Int32Array(KeyNames.SLOTS);
  private readonly texts: (string | undefined)[] = new Array<string | undefined>(KeyNames.SLOTS).fill(undefined);
  private readonly names: string[] = new Array<string>(KeyNames.SLOTS).fill('');

  /** The name of the plain key `text[from, to)`, whose hash is `hash`; throws OUTSIDE as keyName does. */
  nameOf(text: string, from: number, to: number, hash: number): string {
    const slot = (hash ^ (hash >>> 12)) & (KeyNames.SLOTS - 1);
    const known = this.texts[slot];
    if (known !== undefined && this.hashes[slot] === hash && known.length === to - from && text.startsWith(known, from)) {
      return this.names[slot] as string;
    }
    const source = text.slice(from, to);
    const name = Reader.keyName(source);
    this.hashes[slot] = hash;
    this.texts[slot] = source;
    this.names[slot] = name;
    return name;
  }
}

const keyNames = new KeyNames();

/** Reads the documents of one file into values and one position tree. */
class Reader {
  readonly tree: Tree;
  private readonly ranges: Ranges;
  /** After a node and the rest of its line: the first character of the next content line, or `end`. */
  private pos = 0;
  /** Indentation of the line at `pos` (-1 at the end). */
  private indent = 0;
  /** Start of the line at `pos`. */
  private lineStart = 0;
  /** End of the document being read. */
  private end = 0;
  /** Offset of the `:` after the last key read. */
  private keyEnd = 0;
  /** Line breaks crossed by the last `continuation()`. */
  private breaks = 0;
  /** Whether the last `continuation()` left `pos` on the next content line. */
  private atNextLine = false;
  /** Where the last `plainLine()` stopped (a line end, or the space before a comment); whether at a comment. */
  private lineStop = 0;
  private commented = false;
  /** Whether the last quoted scalar was one line without escapes (its value is its text). */
  private simpleQuote = true;

  /** Keys of the block mappings being read, innermost last (to find duplicates). */
  private readonly keys: string[] = [];

  /** Collections open around the node being read, and the most open at once in the file. */
  private depth = 0;
  deepest = 0;

  constructor(
    private readonly text: string,
    private readonly maxDepth = Infinity,
  ) {
    // Sized for ARENA_NODES at once: the pages of a typed array are only touched as it fills.
    if (!arena || arena.count > ARENA_NODES) arena = new Tree(8 * ARENA_NODES);
    this.tree = arena;
    this.ranges = new Ranges(text, this.tree);
  }

  /**
   * Reads the document from `marker` (its `---`, or -1 at the file's start) to `end`; returns its
   * value, with its root node last in the tree.
   */
  document(marker: number, end: number): unknown {
    this.end = end;
    this.keys.length = 0;
    this.depth = 0;
    this.skipToContent(marker >= 0 ? this.lineEnd(marker + 3, true) : 0);
    if (this.pos >= end) {
      // Just past the `---` and the spaces after it, as the exact parser places it.
      let start = marker + 3;
      while (this.text.charCodeAt(start) === SPACE || this.text.charCodeAt(start) === TAB) start++;
      this.tree.addNode(EMPTY, start, start, 1);
      return null;
    }
    const p = this.pos;
    const c = this.text.charCodeAt(p);
    let value: unknown;
    if (c === LBRACKET || c === LBRACE) {
      value = this.flow(p, -1);
      this.skipToContent(this.lineEnd(this.pos, false));
    } else if (c === DASH && isBlankOrEnd(this.text.charCodeAt(p + 1))) {
      value = this.sequence(p, this.indent);
    } else if (this.isKey(p)) {
      value = this.mapping(p, this.indent);
    } else {
      throw OUTSIDE; // a scalar document
    }
    if (this.pos < end) throw OUTSIDE;
    return value;
  }

  /** Into a collection: deeper than `maxDepth` is outside the subset. */
  private enter(): void {
    if (++this.depth > this.deepest) {
      this.deepest = this.depth;
      if (this.depth > this.maxDepth) throw OUTSIDE;
    }
  }

  /**
   * From a line start, past blank and comment lines to the first content character: sets `pos`,
   * `indent` and `lineStart`. Tabs may not indent content.
   */
  private skipToContent(from: number): void {
    const text = this.text;
    const end = this.end;
    let i = from;
    while (i < end) {
      const lineStart = i;
      let c = text.charCodeAt(i);
      while (c === SPACE) c = text.charCodeAt(++i);
      const indent = i - lineStart;
      if (c === TAB) {
        while (c === TAB || c === SPACE) c = text.charCodeAt(++i);
        if (!isEnd(c) && c !== HASH) throw OUTSIDE;
      }
      if (c === HASH) {
        while (!isEnd(c)) c = text.charCodeAt(++i);
      }
      if (c === LF) {
        i++;
        continue;
      }
      if (c === CR) {
        if (text.charCodeAt(i + 1) !== LF) throw OUTSIDE;
        i += 2;
        continue;
      }
      if (i >= end) break;
      this.pos = i;
      this.indent = indent;
      this.lineStart = lineStart;
      return;
    }
    this.pos = end;
    this.indent = -1;
    this.lineStart = end;
  }

  /**
   * After a node on its line: spaces, a comment (after a space) and the line break. Returns the
   * start of the next line. With `afterSpace`, a comment may start at `from` itself.
   */
  private lineEnd(from: number, afterSpace: boolean): number {
    const text = this.text;
    let i = from;
    let c = text.charCodeAt(i);
    while (c === SPACE || c === TAB) c = text.charCodeAt(++i);
    if (c === HASH) {
      if (i === from && !afterSpace) throw OUTSIDE;
      while (!isEnd(c)) c = text.charCodeAt(++i);
    }
    if (c === LF) return i + 1;
    if (c === CR) {
      if (text.charCodeAt(i + 1) !== LF) throw OUTSIDE;
      return i + 2;
    }
    if (i >= this.end) return i;
    throw OUTSIDE;
  }

  /** Whether the line at `p` starts with a key (`key:` or `"key":`). */
  private isKey(p: number): boolean {
    const text = this.text;
    const q = text.charCodeAt(p);
    if (q === DQUOTE || q === SQUOTE) {
      for (let i = p + 1; ;) {
        const c = text.charCodeAt(i);
        if (isEnd(c)) return false;
        if (c === BACKSLASH && q === DQUOTE) i += 2;
        else if (c !== q) i++;
        else if (q === SQUOTE && text.charCodeAt(i + 1) === SQUOTE) i += 2;
        else return text.charCodeAt(i + 1) === COLON;
      }
    }
    for (let i = p; ; i++) {
      const c = text.charCodeAt(i);
      if (c === COLON && isBlankOrEnd(text.charCodeAt(i + 1))) return true;
      if (isEnd(c)) return false;
      if ((c === SPACE || c === TAB) && text.charCodeAt(i + 1) === HASH) return false;
    }
  }

  /** A block mapping whose first key starts at `p`, in column `col`. */
  private mapping(p: number, col: number): Record<string, unknown> {
    this.enter();
    const tree = this.tree;
    const text = this.text;
    const first = tree.count;
    const map: Record<string, unknown> = {};
    const keys = this.keys;
    const base = keys.length;
    let at = p;
    for (;;) {
      const key = this.key(at);
      let v = this.keyEnd + 1;
      let c = text.charCodeAt(v);
      while (c === SPACE || c === TAB) c = text.charCodeAt(++v);
      let value: unknown;
      if (c === HASH || isEnd(c)) {
        // The value is on the next lines, or empty.
        this.skipToContent(this.lineEnd(v, v > this.keyEnd + 1));
        const n = this.pos;
        if (n < this.end && this.indent > col) {
          value = this.ownLine(col);
        } else if (n < this.end && this.indent === col && text.charCodeAt(n) === DASH && isBlankOrEnd(text.charCodeAt(n + 1))) {
          value = this.sequence(n, col); // a sequence may sit at its key's indentation
        } else {
          tree.addNode(EMPTY, v, v, 1);
          value = null;
        }
      } else {
        value = this.inline(v, c, col);
      }
      map[key] = value;
      keys.push(key);
      if (this.indent !== col) {
        if (this.indent > col) throw OUTSIDE;
        break;
      }
      at = this.pos;
    }
    // A key seen before: the exact parser reports it.
    if (hasDuplicate(keys, base)) throw OUTSIDE;
    keys.length = base;
    tree.addNode(MAP, tree.startOf(first), 0, tree.count - first + 1);
    this.depth--;
    return map;
  }

  /** The property name of a plain key's text; the exact parser's keys are left to it. */
  static keyName(source: string): string {
    const resolved = plainValue(source);
    if (typeof resolved === 'string') {
      // `<<` merges maps; `__proto__` would set the prototype.
      if (resolved === '<<' || resolved === '__proto__') throw OUTSIDE;
      return resolved;
    }
    if (typeof resolved === 'number' || typeof resolved === 'boolean') return String(resolved);
    throw OUTSIDE;
  }

  /** Reads a block key at `p` (a plain or quoted scalar followed by `:`) and adds its node. */
  private key(p: number): string {
    const text = this.text;
    const c = text.charCodeAt(p);
    if (c === DQUOTE || c === SQUOTE) {
      const close = this.quoteEnd(p, c, -2);
      if (text.charCodeAt(close + 1) !== COLON || !isBlankOrEnd(text.charCodeAt(close + 2))) throw OUTSIDE;
      if (close + 1 - p > MAX_IMPLICIT_KEY) throw OUTSIDE;
      const key = this.quotedValue(p, close, c);
      if (key === '__proto__') throw OUTSIDE;
      this.keyEnd = close + 1;
      this.tree.addNode(QUOTED, p, close + 1, 1);
      return key;
    }
    if (isIndicator(c) || ((c === DASH || c === COLON) && isBlankOrEnd(text.charCodeAt(p + 1)))) throw OUTSIDE;
    let i = p + 1;
    let last = i;
    // A hash of the key's text, to find the key's name among those read before (see KeyNames).
    let hash = c;
    let hashToLast = hash;
    for (;;) {
      const ch = text.charCodeAt(i);
      if (ch === COLON) {
        if (isBlankOrEnd(text.charCodeAt(i + 1))) break;
      } else if (ch === SPACE || ch === TAB) {
        if (text.charCodeAt(i + 1) === HASH) throw OUTSIDE;
        hash = (Math.imul(hash, 31) + ch) | 0;
        i++;
        continue;
      } else if (isEnd(ch)) {
        throw OUTSIDE;
      }
      hash = (Math.imul(hash, 31) + ch) | 0;
      hashToLast = hash;
      i++;
      last = i;
    }
    if (i - p > MAX_IMPLICIT_KEY) throw OUTSIDE;
    const key = keyNames.nameOf(text, p, last, hashToLast);
    this.keyEnd = i;
    this.tree.addNode(PLAIN, p, last, 1);
    return key;
  }

  /**
   * A scalar or flow collection that starts at `v` (char `c`) on the line of its key or `-`, in a
   * collection at column `col`; `pos` is left on the next content line.
   */
  private inline(v: number, c: number, col: number): unknown {
    const text = this.text;
    if (c === DQUOTE || c === SQUOTE) {
      const close = this.quoteEnd(v, c, col);
      const value = this.quotedValue(v, close, c);
      this.tree.addNode(QUOTED, v, close + 1, 1);
      this.skipToContent(this.lineEnd(close + 1, false));
      return value;
    }
    if (c === LBRACKET || c === LBRACE) {
      const value = this.flow(v, col);
      this.skipToContent(this.lineEnd(this.pos, false));
      return value;
    }
    if (c === 0x7c || c === 0x3e) return this.block(v, col + 1);
    if (isIndicator(c) || ((c === DASH || c === COLON) && isBlankOrEnd(text.charCodeAt(v + 1)))) throw OUTSIDE;
    return this.plain(v, col);
  }

  /** A node that starts its own line (at `pos`), more indented than the collection at `col`. */
  private ownLine(col: number): unknown {
    const text = this.text;
    const p = this.pos;
    const c = text.charCodeAt(p);
    if (c === DASH && isBlankOrEnd(text.charCodeAt(p + 1))) return this.sequence(p, this.indent);
    if (c === 0x7c || c === 0x3e) return this.block(p, col + 1);
    if (c !== LBRACKET && c !== LBRACE && this.isKey(p)) return this.mapping(p, this.indent);
    return this.inline(p, c, col);
  }

  /** A block sequence whose first `-` is at `p`, in column `col`. */
  private sequence(p: number, col: number): unknown[] {
    this.enter();
    const tree = this.tree;
    const text = this.text;
    const first = tree.count;
    const list: unknown[] = [];
    let dash = p;
    for (;;) {
      let v = dash + 1;
      let c = text.charCodeAt(v);
      while (c === SPACE) c = text.charCodeAt(++v);
      if (c === TAB) throw OUTSIDE;
      if (c === HASH || isEnd(c)) {
        // The item is on the next lines; an empty item is left to the exact parser.
        this.skipToContent(this.lineEnd(v, v > dash + 1));
        if (this.pos >= this.end || this.indent <= col) throw OUTSIDE;
        list.push(this.ownLine(col));
      } else if (c === DASH && isBlankOrEnd(text.charCodeAt(v + 1))) {
        list.push(this.sequence(v, v - this.lineStart));
      } else if (c !== LBRACKET && c !== LBRACE && this.isKey(v)) {
        list.push(this.mapping(v, v - this.lineStart));
      } else {
        list.push(this.inline(v, c, col));
      }
      if (this.indent !== col) {
        if (this.indent > col) throw OUTSIDE;
        break;
      }
      dash = this.pos;
      if (text.charCodeAt(dash) !== DASH || !isBlankOrEnd(text.charCodeAt(dash + 1))) break;
    }
    tree.addNode(SEQ, p, 0, tree.count - first + 1);
    this.depth--;
    return list;
  }

  /**
   * One line of a plain scalar in block context from `i`: returns the end of its content, and
   * sets `lineStop` and `commented`.
   */
  private plainLine(from: number): number {
    const text = this.text;
    let i = from;
    let last = from;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === SPACE || c === TAB) {
        if (text.charCodeAt(i + 1) === HASH) {
          this.commented = true;
          this.lineStop = i;
          return last;
        }
      } else if (isEnd(c)) {
        break;
      } else if (c === COLON && isBlankOrEnd(text.charCodeAt(i + 1))) {
        throw OUTSIDE; // `a: b: c`
      } else {
        last = i + 1;
      }
      i++;
    }
    this.commented = false;
    this.lineStop = i;
    return last;
  }

  /**
   * From a line break at `i`, the first character of the next line that continues a scalar (more
   * indented than `col`, not a comment), or -1; sets `breaks` to the line breaks crossed.
   */
  private continuation(i: number, col: number): number {
    this.atNextLine = false;
    const text = this.text;
    const end = this.end;
    let j = i;
    let breaks = 0;
    while (j < end) {
      let c = text.charCodeAt(j);
      if (c === CR) {
        if (text.charCodeAt(j + 1) !== LF) throw OUTSIDE;
        c = text.charCodeAt(++j);
      }
      if (c !== LF) return -1;
      j++;
      breaks++;
      const lineStart = j;
      while (text.charCodeAt(j) === SPACE) j++;
      const d = text.charCodeAt(j);
      if (d === TAB) throw OUTSIDE;
      if (j >= end) return -1;
      if (isEnd(d)) continue;
      if (d === HASH) return -1;
      if (j - lineStart <= col) {
        // The next content line: where skipToContent() would have stopped.
        this.pos = j;
        this.indent = j - lineStart;
        this.lineStart = lineStart;
        this.atNextLine = true;
        return -1;
      }
      this.breaks = breaks;
      return j;
    }
    return -1;
  }

  /** Line folding: one line break is a space, n > 1 are n - 1 line breaks. */
  private static fold(breaks: number): string {
    return breaks === 1 ? ' ' : '\n'.repeat(breaks - 1);
  }

  /** A plain scalar in block context at `p`, continued on lines more indented than `col`. */
  private plain(p: number, col: number): unknown {
    const text = this.text;
    let last = this.plainLine(p);
    let source: string | undefined;
    this.atNextLine = false;
    if (!this.commented) {
      let next = this.continuation(this.lineStop, col);
      if (next >= 0) {
        source = text.slice(p, last);
        while (next >= 0) {
          source += Reader.fold(this.breaks);
          last = this.plainLine(next);
          source += text.slice(next, last);
          if (this.commented) break;
          next = this.continuation(this.lineStop, col);
        }
      }
    }
    const value = plainValue(source ?? text.slice(p, last));
    this.tree.addNode(PLAIN, p, last, 1);
    if (this.commented || !this.atNextLine) this.skipToContent(this.lineEnd(last, false));
    return value;
  }

  /**
   * The offset of the quote that closes the scalar opened at `p`. Lines after the first must be
   * indented beyond `col`; with `col` -2, the scalar must fit on its line (a key).
   */
  private quoteEnd(p: number, q: number, col: number): number {
    const text = this.text;
    const end = this.end;
    let simple = true;
    let i = p + 1;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === q) {
        if (q === SQUOTE && text.charCodeAt(i + 1) === SQUOTE) {
          simple = false;
          i += 2;
          continue;
        }
        break;
      }
      if (c === BACKSLASH && q === DQUOTE) {
        simple = false;
        const n = text.charCodeAt(i + 1);
        i += n === LF || n === CR ? 1 : 2;
        continue;
      }
      if (c === LF || c === CR) {
        if (c === CR && text.charCodeAt(i + 1) !== LF) throw OUTSIDE;
        if (col === -2) throw OUTSIDE;
        simple = false;
        i += c === CR ? 2 : 1;
        // The next line: blank, or indented beyond the collection.
        const lineStart = i;
        let d = text.charCodeAt(i);
        while (d === SPACE) d = text.charCodeAt(++i);
        if (d === TAB) throw OUTSIDE;
        if (i >= end) throw OUTSIDE;
        if (!isEnd(d) && i - lineStart <= col) throw OUTSIDE;
        continue;
      }
      if (i >= end) throw OUTSIDE;
      i++;
    }
    this.simpleQuote = simple;
    return i;
  }

  /** The value of the quoted scalar from `p` to its closing quote at `close`. */
  private quotedValue(p: number, close: number, q: number): string {
    if (this.simpleQuote) return this.text.slice(p + 1, close);
    return q === SQUOTE ? singleQuoted(this.text, p + 1, close) : doubleQuoted(this.text, p + 1, close);
  }

  /**
   * A literal or folded block scalar whose header is at `v`; `owner` is the column of its key or
   * `-` plus one. Ported from the `yaml` package's resolveBlockScalar, with the lexer's end
   * (`Ranges.blockScalarEnd`).
   */
  private block(v: number, owner: number): string {
    const text = this.text;
    const folded = text.charCodeAt(v) === 0x3e;
    let i = v + 1;
    let chomp = Chomp.Clip;
    let digit = 0;
    let c = text.charCodeAt(i);
    for (let k = 0; k < 2; k++) {
      if (chomp === Chomp.Clip && (c === DASH || c === 0x2b)) chomp = c === DASH ? Chomp.Strip : Chomp.Keep;
      else if (digit === 0 && c >= 0x31 && c <= 0x39) digit = c - 0x30;
      else break;
      c = text.charCodeAt(++i);
    }
    // Anything else in the header: the exact parser reports it.
    if (!isBlankOrEnd(c) && c !== HASH) throw OUTSIDE;
    const bodyStart = this.lineEnd(i, false);
    const stop = this.ranges.blockScalarEnd(v, owner);
    if (stop > this.end || stop < bodyStart || (stop < text.length && text.charCodeAt(stop - 1) !== LF)) throw OUTSIDE;

    // The lines from bodyStart to stop: indentation (spaces) and content (without the CR).
    let n = 0;
    if (stop > bodyStart) {
      let at = bodyStart;
      for (;;) {
        let j = at;
        while (j < stop && text.charCodeAt(j) === SPACE) j++;
        let e = j;
        while (e < stop && text.charCodeAt(e) !== LF) e++;
        if (n === blockLines.indents.length) growBlockLines();
        blockLines.indents[n] = j - at;
        blockLines.starts[n] = j;
        blockLines.ends[n] = e > j && text.charCodeAt(e - 1) === CR ? e - 1 : e;
        n++;
        if (e >= stop) break;
        at = e + 1;
      }
    }
    const { indents, starts, ends } = blockLines;
    let chompStart = n;
    for (let k = n - 1; k >= 0; k--) {
      if ((starts[k] as number) === (ends[k] as number)) chompStart = k;
      else break;
    }
    let value = '';
    if (chompStart === 0) {
      value = chomp === Chomp.Keep && n > 0 ? '\n'.repeat(Math.max(1, n - 1)) : '';
    } else {
      // An indentation digit counts from the parent's column (the owner's, less one).
      let trim = digit > 0 ? owner - 1 + digit : 0;
      let contentStart = 0;
      for (let k = 0; k < chompStart; k++) {
        const indent = indents[k] as number;
        if ((starts[k] as number) === (ends[k] as number)) {
          if (digit === 0 && indent > trim) trim = indent;
        } else {
          if (indent < trim) throw OUTSIDE;
          if (digit === 0) trim = indent;
          contentStart = k;
          if (trim === 0) throw OUTSIDE;
          break;
        }
      }
      for (let k = n - 1; k >= chompStart; k--) if ((indents[k] as number) > trim) chompStart = k + 1;
      for (let k = 0; k < contentStart; k++) value += spaces((indents[k] as number) - trim) + '\n';
      let sep = '';
      let moreIndented = false;
      for (let k = contentStart; k < chompStart; k++) {
        const indent = indents[k] as number;
        const a = starts[k] as number;
        const b = ends[k] as number;
        if (b > a && indent < trim) throw OUTSIDE;
        if (!folded) {
          value += sep + spaces(indent - trim) + text.slice(a, b);
          sep = '\n';
        } else if (indent > trim || text.charCodeAt(a) === TAB) {
          if (sep === ' ') sep = '\n';
          else if (!moreIndented && sep === '\n') sep = '\n\n';
          value += sep + spaces(indent - trim) + text.slice(a, b);
          sep = '\n';
          moreIndented = true;
        } else if (a === b) {
          if (sep === '\n') value += '\n';
          else sep = '\n';
        } else {
          value += sep + text.slice(a, b);
          sep = ' ';
          moreIndented = false;
        }
      }
      if (chomp === Chomp.Keep) {
        for (let k = chompStart; k < n; k++) value += '\n' + spaces((indents[k] as number) - trim);
        if (value.charCodeAt(value.length - 1) !== LF) value += '\n';
      } else if (chomp === Chomp.Clip) {
        value += '\n';
      }
    }
    this.tree.addNode(BLOCK, v, stop, 1);
    this.skipToContent(stop);
    return value;
  }

  /**
   * Blank space inside a flow collection from `i`: spaces, line breaks (the next line indented
   * beyond `col`) and comments. Returns the next token.
   */
  private flowSpace(from: number, col: number): number {
    const text = this.text;
    let i = from;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === SPACE || c === TAB) {
        i++;
      } else if (c === HASH) {
        const before = text.charCodeAt(i - 1);
        if (before !== SPACE && before !== TAB && before !== LF) throw OUTSIDE;
        let d = c;
        while (!isEnd(d)) d = text.charCodeAt(++i);
      } else if (c === LF || c === CR) {
        if (c === CR && text.charCodeAt(++i) !== LF) throw OUTSIDE;
        i++;
        const lineStart = i;
        let d = text.charCodeAt(i);
        while (d === SPACE) d = text.charCodeAt(++i);
        if (d === TAB || i >= this.end) throw OUTSIDE;
        // A closing bracket may sit at the parent's indentation (the `yaml` package warns).
        const closer = d === RBRACKET || d === RBRACE;
        if (!isEnd(d) && d !== HASH && i - lineStart < (closer ? col : col + 1)) throw OUTSIDE;
      } else {
        return i;
      }
    }
  }

  /** Where the last flow node ended. */
  private flowAt = 0;

  /** A scalar or collection inside a flow collection, at `i`. */
  private flowNode(i: number, col: number, isKey: boolean): unknown {
    const text = this.text;
    const c = text.charCodeAt(i);
    if (c === LBRACKET || c === LBRACE) {
      if (isKey) throw OUTSIDE;
      const value = this.flow(i, col);
      this.flowAt = this.pos;
      return value;
    }
    if (c === DQUOTE || c === SQUOTE) {
      const close = this.quoteEnd(i, c, col);
      const value = this.quotedValue(i, close, c);
      if (isKey && value === '__proto__') throw OUTSIDE;
      this.tree.addNode(QUOTED, i, close + 1, 1);
      this.flowAt = close + 1;
      return value;
    }
    const next = text.charCodeAt(i + 1);
    if (isIndicator(c) || ((c === DASH || c === COLON) && (isBlankOrEnd(next) || isFlowIndicator(next)))) throw OUTSIDE;
    let j = i + 1;
    let last = j;
    for (;;) {
      const d = text.charCodeAt(j);
      if (d === SPACE || d === TAB) {
        if (text.charCodeAt(j + 1) === HASH) break;
        j++;
        continue;
      }
      if (isEnd(d) || isFlowIndicator(d)) break;
      if (d === COLON) {
        const e = text.charCodeAt(j + 1);
        if (isBlankOrEnd(e) || isFlowIndicator(e)) break;
      }
      j++;
      last = j;
    }
    const source = text.slice(i, last);
    const value = isKey ? Reader.keyName(source) : plainValue(source);
    this.tree.addNode(PLAIN, i, last, 1);
    this.flowAt = last;
    return value;
  }

  /** A flow sequence or mapping opened at `p`; leaves `pos` just past its end. */
  private flow(p: number, col: number): unknown {
    this.enter();
    const text = this.text;
    const tree = this.tree;
    const first = tree.count;
    const isSeq = text.charCodeAt(p) === LBRACKET;
    const closer = isSeq ? RBRACKET : RBRACE;
    const list: unknown[] = [];
    const map: Record<string, unknown> = {};
    let i = this.flowSpace(p + 1, col);
    while (text.charCodeAt(i) !== closer) {
      if (isSeq) {
        list.push(this.flowNode(i, col, false));
        i = this.flowSpace(this.flowAt, col);
      } else {
        const key = this.flowNode(i, col, true) as string;
        i = this.flowSpace(this.flowAt, col);
        if (text.charCodeAt(i) !== COLON) throw OUTSIDE;
        i = this.flowSpace(i + 1, col);
        const c = text.charCodeAt(i);
        if (c === COMMA || c === RBRACE) throw OUTSIDE; // an empty value
        const value = this.flowNode(i, col, false);
        if (map[key] !== undefined && Object.hasOwn(map, key)) throw OUTSIDE;
        map[key] = value;
        i = this.flowSpace(this.flowAt, col);
      }
      const c = text.charCodeAt(i);
      if (c === COMMA) i = this.flowSpace(i + 1, col);
      else if (c !== closer) throw OUTSIDE;
    }
    tree.addNode(isSeq ? FLOW_SEQ : FLOW_MAP, p, i + 1, tree.count - first + 1);
    this.pos = i + 1;
    this.depth--;
    return isSeq ? list : map;
  }
}

/** Whether the text has a CR that is not followed by LF. */
function hasLoneCr(text: string): boolean {
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== LF) return true;
  return false;
}

/**
 * Reads a file; documents outside the subset are parsed alone by `exact` (the exact parser on one
 * document's text). Undefined when the file must go to the other paths whole: directives, a lone
 * CR, nothing but comments, or a document the exact parser finds a problem in.
 */
/** What the reader learnt of a file it read alone (see `readManifests`' `alone`). */
export interface ReaderStats {
  documents: number;
  /** Nodes of the position tree: keys, values and collections. */
  nodes: number;
  /** The most collections open at once. */
  depth: number;
}

export interface ReadOptions {
  /**
   * Read every document with the reader or none: undefined as soon as one leaves the subset, so
   * that no other parser sees the text (the linter screens what goes to the others first).
   */
  alone?: boolean;
  /** Nesting deeper than this leaves the subset. */
  maxDepth?: number;
  /** Filled in when the file is read. */
  stats?: ReaderStats;
}

export function readManifests(fullText: string, exact: (text: string) => ParsedFile, options: ReadOptions = {}): ParsedFile | undefined {
  const bom = fullText.charCodeAt(0) === 0xfeff ? 1 : 0;
  const text = bom ? fullText.slice(1) : fullText;
  // A second byte order mark is content to the exact parser, but a mark to it on a document's own
  // text (below); and after a mark, the exact parser refuses an indented first line that it
  // takes without one (`  - a`).
  if (bom && (text.charCodeAt(0) === 0x20 || text.charCodeAt(0) === 0x09)) return undefined;
  // Nor does it take a mark as content where a document may start (after blank lines, too).
  if (text.includes('\ufeff')) return undefined;
  if (text.charCodeAt(0) === 0x25 || text.includes('\n%') || hasLoneCr(text)) return undefined;
  // Line separators of YAML 1.1 that the segmenting regular expression would see as line ends.
  if (text.includes('\u2028') || text.includes('\u2029') || text.includes('\u0085')) return undefined;
  const found = segmentsOf(text);
  if (!found || found.segments.length === 0) return undefined;
  const { segments } = found;
  const reader = new Reader(text, options.maxDepth);
  const fileStart = reader.tree.count;
  const lines = new Lines(fullText);
  const exactDocument = exactDocuments(fullText, bom, segments, lines, exact);
  const values: unknown[] = [];
  const roots: number[] = [];
  const problems: ParseProblem[] = [];
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index] as Segment;
    const mark = reader.tree.count;
    try {
      values.push(reader.document(segment.marker, segment.dots >= 0 ? segment.dots : segment.end));
      roots.push(reader.tree.count - 1);
    } catch {
      // Outside the subset (or too deep for the stack): this document is the exact parser's.
      reader.tree.count = mark;
      if (options.alone) {
        reader.tree.count = fileStart;
        return undefined;
      }
      const { document, clean, softProblems } = exactDocument(index);
      if (!document || (!clean && !softProblems)) {
        reader.tree.count = fileStart;
        return undefined;
      }
      // Duplicate keys are reported; the document is read all the same, as the exact parser does.
      if (softProblems) problems.push(...softProblems);
      values.push(document.value);
      roots.push(-1);
    }
  }
  const tree = reader.tree;
  if (options.stats) {
    options.stats.documents = segments.length;
    options.stats.nodes = tree.count - fileStart;
    options.stats.depth = reader.deepest;
  }
  // Keys are read again from the text when a path is looked up: few are, and keeping them all
  // costs more than reading those again.
  const keyOf = (node: number): unknown => {
    const start = tree.startOf(node);
    const end = tree.endOf(node);
    if (tree.kind[node] === PLAIN) return Reader.keyName(text.slice(start, end));
    return text.charCodeAt(start) === SQUOTE ? singleQuoted(text, start + 1, end - 1) : doubleQuoted(text, start + 1, end - 1);
  };
  const locator = new Locator(tree, new Ranges(text, tree), keyOf);
  const positionsOf = (index: number): Positions | null => {
    const root = roots[index] as number;
    return root < 0 ? null : { tree, locator, root, base: 0 };
  };
  const documents = documentsOf(text, bom, segments, values, positionsOf, (index) => exactDocument(index).document, lines);
  return { documents, problems };
}
