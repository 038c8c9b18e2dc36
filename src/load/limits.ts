/**
 * Limits that keep kube-lint's time and memory bounded on hostile input, and the cheap scan that
 * enforces them before a file reaches the YAML parser.
 *
 * The parser (src/load/parse.ts) recurses once per nesting level and holds several objects per
 * node, so a few bytes of YAML can cost a stack overflow (`[[[[...`) or a gigabyte of memory
 * (`[x, x, x, ...]`). `scanYaml` walks the text once, without recursion and without allocating per
 * character, and reports what the parser must not see: merge-conflict markers, nesting deeper than
 * `maxDepth`, more than `maxDocuments` documents or about `maxNodes` nodes. It is an estimate, tuned
 * to count high rather than low: it never refuses a file that real manifests resemble (see the
 * figures in test/reliability.test.ts), and anything it lets through is bounded by the limits.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

export interface Limits {
  /** Files (and standard input) larger than this are not read. */
  maxFileBytes: number;
  /** Nesting of block and flow collections together, per document. */
  maxDepth: number;
  /** YAML documents per file. */
  maxDocuments: number;
  /**
   * YAML nodes per file, as estimated by `scanYaml` (scalars, collections, entries); also the
   * nodes one document may expand to through aliases (and twice this, a whole file).
   */
  maxNodes: number;
  /** Aliases (`*name`) per file: the parser's cost grows with the square of their number. */
  maxAliases: number;
  /** The parser's own alias check (the `yaml` package's cost units); a backstop to `maxNodes`. */
  maxAliasCount: number;
  /** Stop reading more files once the JavaScript heap is this full (0..1 of its limit). */
  maxHeapFraction: number;
}

/**
 * Defaults, each well above what real manifests need and well below what breaks kube-lint.
 * Largest manifest in the test corpus: 4.5 MB, 112,000 parser nodes, depth 31, 59 documents.
 */
export const DEFAULT_LIMITS: Readonly<Limits> = {
  maxFileBytes: 32 * 1024 * 1024,
  maxDepth: 256,
  maxDocuments: 10_000,
  maxNodes: 1_000_000,
  maxAliases: 2_000,
  maxAliasCount: 10_000,
  maxHeapFraction: 0.6,
};

export function resolveLimits(overrides: Partial<Limits> = {}): Limits {
  const limits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(limits) as (keyof Limits)[]) {
    const value = overrides[key];
    if (typeof value === 'number' && !Number.isNaN(value) && value >= 0) limits[key] = value;
  }
  return limits;
}

export interface ScanPosition {
  /** 1-based. */
  line: number;
  column: number;
}

export interface ConflictMarker extends ScanPosition {
  marker: string;
}

export interface ScanResult {
  /** Git merge-conflict markers at the start of a line. */
  conflicts: ConflictMarker[];
  /** Where nesting first went deeper than `maxDepth`. */
  tooDeep?: ScanPosition;
  /** Where the document count first went over `maxDocuments`. */
  tooManyDocuments?: ScanPosition;
  /** Where the node estimate first went over `maxNodes`. */
  tooManyNodes?: ScanPosition;
  /** Where the alias count first went over `maxAliases`. */
  tooManyAliases?: ScanPosition;
  /** Documents started (an upper estimate), nodes estimated and the deepest nesting seen. */
  documents: number;
  nodes: number;
  aliases: number;
  depth: number;
}

const NL = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const HASH = 35;
const DQUOTE = 34;
const SQUOTE = 39;
const COLON = 58;
const COMMA = 44;
const DASH = 45;
const DOT = 46;
const QUESTION = 63;
const LBRACKET = 91;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;
const PIPE = 124;
const GT = 62;
const LT = 60;
const EQUALS = 61;
const AMP = 38;
const BANG = 33;
const PERCENT = 37;
const STAR = 42;
const BACKSLASH = 92;

const CONFLICT_CHARS = new Set([LT, EQUALS, GT, PIPE]);

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}

function isFlowIndicator(c: number): boolean {
  return c === COMMA || c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE;
}

/**
 * One pass over the text. Never throws, never recurses; O(length) time and O(depth) memory.
 * Lines are counted on `\n` as the parser does.
 */
export function scanYaml(text: string, limits: Pick<Limits, 'maxDepth' | 'maxDocuments' | 'maxNodes' | 'maxAliases'>): ScanResult {
  const result: ScanResult = { conflicts: [], documents: 0, nodes: 0, aliases: 0, depth: 0 };
  const length = text.length;
  // Columns of the open block collections (keys and `-`/`?` entries), innermost last.
  const block: number[] = [];
  let flow = 0;
  /** The quote character of a quoted scalar still open at the end of the previous line, or 0. */
  let quote = 0;
  /** While >= -1, lines indented more than this are block scalar content. -2: not in one. */
  let blockScalarParent = -2;
  let sawContent = false;
  let line = 0;
  let start = 0;

  const nodeAt = (column: number): boolean => {
    result.nodes++;
    if (result.nodes > limits.maxNodes && !result.tooManyNodes) result.tooManyNodes = { line, column };
    return result.tooManyNodes !== undefined;
  };
  const alias = (column: number): boolean => {
    result.aliases++;
    if (result.aliases > limits.maxAliases && !result.tooManyAliases) result.tooManyAliases = { line, column };
    return result.tooManyAliases !== undefined;
  };
  const deeper = (column: number): boolean => {
    const depth = block.length + flow;
    if (depth > result.depth) result.depth = depth;
    if (depth > limits.maxDepth && !result.tooDeep) result.tooDeep = { line, column };
    return result.tooDeep !== undefined;
  };
  const openBlock = (column: number): boolean => {
    while (block.length > 0 && (block[block.length - 1] ?? -1) >= column) block.pop();
    block.push(column);
    return deeper(column + 1);
  };

  // `stop` bounds the current line; `c()` past it reads as end of line. One closure for the whole
  // scan: a closure per line is a million allocations on a large tree.
  let stop = 0;
  const c = (i: number): number => (i < stop ? text.charCodeAt(i) : NL);

  /** Reads a quoted scalar from `i` (just after the opening quote); returns the index after it, or -1 if still open at the end of the line. */
  const readQuote = (from: number, q: number): number => {
    let j = from;
    while (j < stop) {
      const ch = text.charCodeAt(j);
      if (q === DQUOTE && ch === BACKSLASH) {
        j += 2;
        continue;
      }
      if (ch === q) {
        if (q === SQUOTE && c(j + 1) === SQUOTE) {
          j += 2;
          continue;
        }
        return j + 1;
      }
      j++;
    }
    return -1;
  };

  while (start <= length && !result.tooDeep && !result.tooManyNodes && !result.tooManyDocuments && !result.tooManyAliases) {
    line++;
    let end = text.indexOf('\n', start);
    if (end < 0) end = length;
    stop = end;
    if (stop > start && text.charCodeAt(stop - 1) === CR) stop--;
    const next = end + 1;

    // Merge-conflict markers: seven identical characters at the start of a line.
    const first = c(start);
    if (CONFLICT_CHARS.has(first) && stop - start >= 7) {
      let same = 1;
      while (same < 7 && c(start + same) === first) same++;
      const after = c(start + 7);
      if (same === 7 && (after === NL || isBlank(after)) && (first !== EQUALS || text.slice(start + 7, stop).trim() === '')) {
        result.conflicts.push({ line, column: 1, marker: String.fromCharCode(first).repeat(7) });
        start = next;
        continue;
      }
    }

    let i = start;
    // Document markers end everything: quotes, block scalars, flow and block collections.
    if (
      (first === DASH || first === DOT) &&
      c(start + 1) === first &&
      c(start + 2) === first &&
      (c(start + 3) === NL || isBlank(c(start + 3)))
    ) {
      quote = 0;
      blockScalarParent = -2;
      flow = 0;
      block.length = 0;
      if (first === DOT) {
        sawContent = false; // content after `...` starts a new document
        start = next;
        continue;
      }
      result.documents++;
      sawContent = true;
      if (result.documents > limits.maxDocuments) {
        result.tooManyDocuments = { line, column: 1 };
        break;
      }
      i = start + 3;
    } else if (first === PERCENT && quote === 0 && flow === 0 && blockScalarParent < -1) {
      start = next; // a directive (%YAML, %TAG)
      continue;
    }

    let indent = 0;
    while (c(start + indent) === SPACE) indent++;
    if (blockScalarParent >= -1) {
      const blank = c(start + indent) === NL || (isBlank(c(start + indent)) && text.slice(start, stop).trim() === '');
      if (blank || indent > blockScalarParent) {
        start = next;
        continue;
      }
      blockScalarParent = -2;
    }

    // Tokens of the rest of the line. `tokenStart`: a node may begin here.
    let tokenStart = true;
    if (quote !== 0) {
      const after = readQuote(start, quote);
      if (after < 0) {
        start = next;
        continue;
      }
      quote = 0;
      i = after;
      tokenStart = false;
    } else if (i === start) {
      i = start + indent;
      if (flow === 0) {
        const ch = c(i);
        if (ch === NL || ch === HASH) {
          start = next;
          continue;
        }
        // A new line in block context closes the collections it is not indented under.
        while (block.length > 0 && (block[block.length - 1] ?? -1) >= indent) block.pop();
      }
    }
    if (!sawContent) {
      const ch = c(i);
      if (ch !== NL && ch !== HASH) {
        sawContent = true;
        result.documents++;
      }
    }

    let keyColumn = -1;
    let stopLine = false;
    while (i < stop && !stopLine) {
      const ch = text.charCodeAt(i);
      const column = i - start + 1;
      if (isBlank(ch)) {
        i++;
        continue;
      }
      if (ch === HASH && (i === start || isBlank(text.charCodeAt(i - 1)))) break; // comment
      if (flow > 0) {
        if (ch === LBRACKET || ch === LBRACE) {
          flow++;
          if (nodeAt(column) || deeper(column)) break;
          i++;
          tokenStart = true;
          continue;
        }
        if (ch === RBRACKET || ch === RBRACE) {
          flow--;
          i++;
          tokenStart = false;
          continue;
        }
        if (ch === COMMA) {
          i++;
          tokenStart = true;
          continue;
        }
        if (ch === COLON) {
          i++;
          tokenStart = true;
          continue;
        }
        if ((ch === DQUOTE || ch === SQUOTE) && tokenStart) {
          if (nodeAt(column)) break;
          const after = readQuote(i + 1, ch);
          if (after < 0) {
            quote = ch;
            break;
          }
          i = after;
          tokenStart = false;
          continue;
        }
        // An explicit key (`? `), an anchor or a tag: what follows is still a node's start.
        if (tokenStart && ch === QUESTION && (isBlank(c(i + 1)) || c(i + 1) === NL)) {
          i++;
          continue;
        }
        if (tokenStart && (ch === AMP || ch === BANG)) {
          while (i < stop && !isBlank(text.charCodeAt(i)) && !isFlowIndicator(text.charCodeAt(i))) i++;
          continue;
        }
        if (tokenStart) {
          if (nodeAt(column) || (ch === STAR && alias(column))) break;
          tokenStart = false;
        }
        // The rest of a plain scalar, up to a flow indicator or `: `.
        i++;
        while (i < stop) {
          const d = text.charCodeAt(i);
          if (d === COMMA || d === LBRACKET || d === RBRACKET || d === LBRACE || d === RBRACE) break;
          if (d === COLON && (isBlank(c(i + 1)) || c(i + 1) === NL)) break;
          if (d === HASH && isBlank(text.charCodeAt(i - 1))) break;
          i++;
        }
        continue;
      }

      // Block context.
      if (!tokenStart) {
        // After a scalar: `: ` makes it a key; anything else belongs to the scalar.
        if (ch === COLON && (isBlank(c(i + 1)) || c(i + 1) === NL)) {
          if (keyColumn >= 0 && openBlock(keyColumn)) break;
          keyColumn = -1;
          tokenStart = true;
          i++;
          continue;
        }
        i++;
        continue;
      }
      const following = c(i + 1);
      if ((ch === DASH || ch === QUESTION) && (isBlank(following) || following === NL)) {
        if (nodeAt(column) || openBlock(i - start)) break;
        i++;
        continue;
      }
      if (ch === COLON && (isBlank(following) || following === NL)) {
        i++;
        continue;
      }
      if (ch === LBRACKET || ch === LBRACE) {
        flow = 1;
        if (nodeAt(column) || deeper(column)) break;
        i++;
        tokenStart = true;
        continue;
      }
      if (ch === PIPE || ch === GT) {
        if (nodeAt(column)) break;
        blockScalarParent = block.length > 0 ? (block[block.length - 1] ?? -1) : -1;
        stopLine = true;
        continue;
      }
      if (ch === AMP || ch === BANG) {
        // An anchor or tag: a property of the node that follows.
        while (i < stop && !isBlank(text.charCodeAt(i))) i++;
        continue;
      }
      if (ch === DQUOTE || ch === SQUOTE) {
        if (nodeAt(column)) break;
        keyColumn = i - start;
        const after = readQuote(i + 1, ch);
        if (after < 0) {
          quote = ch;
          break;
        }
        i = after;
        tokenStart = false;
        continue;
      }
      // A plain scalar or an alias (`*name`): up to `: `, ` #` or the end of the line.
      if (nodeAt(column) || (ch === STAR && alias(column))) break;
      keyColumn = i - start;
      tokenStart = false;
      i++;
      while (i < stop) {
        const d = text.charCodeAt(i);
        if (d === COLON && (isBlank(c(i + 1)) || c(i + 1) === NL)) break;
        if (d === HASH && isBlank(text.charCodeAt(i - 1))) break;
        i++;
      }
    }
    start = next;
    if (end >= length) break;
  }
  return result;
}

/** A conservative count of documents for a file that is refused before parsing. */
/**
 * Whether some line may start with a merge-conflict marker (seven of `<`, `=`, `>` or `|`): a
 * quick look, by `indexOf`, that lets a file without one skip the scan's search for them.
 */
export function mayHoldConflictMarker(text: string): boolean {
  for (const marker of ['<<<<<<<', '=======', '>>>>>>>', '|||||||']) {
    if (text.startsWith(marker) || text.includes(`\n${marker}`)) return true;
  }
  return false;
}

/**
 * The scan's result for a file the manifest reader read whole by itself (no alias, no conflict
 * marker; see `Linter.screen`), from what the reader counted: no limit is reached.
 */
export function readerScan(stats: { documents: number; nodes: number; depth: number }): ScanResult {
  return { conflicts: [], documents: stats.documents, nodes: stats.nodes, aliases: 0, depth: stats.depth };
}

export function estimatedDocuments(scan: ScanResult): number {
  return Math.max(1, scan.documents);
}

let collect: (() => void) | undefined | null = null;

/** `global.gc`, made available once; undefined where the runtime refuses. */
function garbageCollector(): (() => void) | undefined {
  if (collect !== null) return collect;
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc: unknown = vm.runInNewContext('gc');
    collect = typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    collect = undefined;
  }
  return collect;
}

export interface HeapReading {
  used: number;
  limit: number;
}

export function readHeap(): HeapReading {
  const stats = v8.getHeapStatistics();
  return { used: stats.used_heap_size, limit: stats.heap_size_limit };
}

/**
 * Watches the heap between files. Over `fraction` of its limit, a full garbage collection tells
 * live data from garbage, so garbage alone never stops a run; and it runs at most once per tenth
 * of the heap allocated, since back-to-back collections near the limit are what makes V8 give up
 * ("ineffective mark-compacts"). Without a collector, the raw figure decides.
 */
export class HeapGuard {
  private liveAfterCollection = -1;

  constructor(
    private readonly fraction: number,
    private readonly read: () => HeapReading = readHeap,
  ) {}

  /** The reading that says the heap is too full to go on, or undefined. */
  check(): HeapReading | undefined {
    const reading = this.read();
    const threshold = this.fraction * reading.limit;
    if (reading.used <= threshold) return undefined;
    if (this.liveAfterCollection >= 0 && reading.used < this.liveAfterCollection + 0.1 * reading.limit) return undefined;
    const gc = garbageCollector();
    if (!gc) return reading;
    gc();
    const after = this.read();
    this.liveAfterCollection = after.used;
    return after.used > threshold ? after : undefined;
  }
}

export type ValueProblemKind = 'cycle' | 'depth' | 'size';

export interface ValueProblem {
  kind: ValueProblemKind;
  /** Path from the document root to the node where the problem shows. */
  path: (string | number)[];
}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  if (Array.isArray(value)) return true;
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

interface Frame {
  value: Record<string, unknown> | unknown[];
  keys: (string | number)[];
  next: number;
}

/**
 * Walks a parsed document as the rules will, without recursion: aliases make a document a graph,
 * so its text can be small while the tree the rules walk is huge (a YAML bomb), deeper than its
 * text (a chain of anchors) or endless (an alias inside its own anchor). Stops at the first of
 * these, within `maxNodes` steps.
 */
export function inspectValue(root: unknown, limits: Pick<Limits, 'maxDepth' | 'maxNodes'>): ValueProblem | undefined {
  return measureValue(root, limits).problem;
}

/** `inspectValue`, also telling how many nodes were walked. */
export function measureValue(root: unknown, limits: Pick<Limits, 'maxDepth' | 'maxNodes'>): { problem?: ValueProblem; nodes: number } {
  let nodes = 1;
  if (!isContainer(root)) return { nodes };
  const path: (string | number)[] = [];
  const onPath = new Set<object>([root]);
  const stack: Frame[] = [{ value: root, keys: Array.isArray(root) ? [] : Object.keys(root), next: 0 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (!frame) break;
    const size = Array.isArray(frame.value) ? frame.value.length : frame.keys.length;
    if (frame.next >= size) {
      stack.pop();
      onPath.delete(frame.value);
      path.pop();
      continue;
    }
    const key = Array.isArray(frame.value) ? frame.next : (frame.keys[frame.next] ?? '');
    frame.next++;
    const child: unknown = Array.isArray(frame.value) ? frame.value[key as number] : frame.value[key as string];
    nodes++;
    if (nodes > limits.maxNodes) return { problem: { kind: 'size', path: [...path, key] }, nodes };
    if (!isContainer(child)) continue;
    if (onPath.has(child)) return { problem: { kind: 'cycle', path: [...path, key] }, nodes };
    if (stack.length + 1 > limits.maxDepth) return { problem: { kind: 'depth', path: [...path, key] }, nodes };
    path.push(key);
    onPath.add(child);
    stack.push({ value: child, keys: Array.isArray(child) ? [] : Object.keys(child), next: 0 });
  }
  return { nodes };
}
