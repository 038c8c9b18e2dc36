/**
 * CEL optional syntax, which the parser of @bufbuild/cel does not accept, rewritten into calls
 * before parsing:
 *
 * - `x.?a.b[?k]` (optional field selection and indexing, chained) -> `__opt_select__(x, ['a', 'b', k])`:
 *   optional.of(the value) when every step exists, else optional.none();
 * - `O.optMap(v, E)` -> `__opt_of_list__([O].filter(...).map(v, E))`, and `optFlatMap` alike;
 * - `has(x.?a.b)` -> `__opt_select__(x, ['a', 'b']).hasValue()`.
 *
 * The rewriting works on tokens (strings and comments are never touched). Optional list and map
 * literals (`[?x]`, `{?'k': v}`) are left as they are (and stay a syntax error).
 */

interface Token {
  start: number;
  end: number;
  kind: 'ident' | 'string' | 'number' | 'punct';
  text: string;
}

const STRING_START = /^(?:[rR][bB]?|[bB][rR]?)?('''|"""|'|")/;

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] ?? '';
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      const nl = src.indexOf('\n', i);
      i = nl < 0 ? src.length : nl;
      continue;
    }
    const str = STRING_START.exec(src.slice(i, i + 5));
    if (str?.[1] !== undefined) {
      const quote = str[1];
      const raw = /[rR]/.test(str[0].slice(0, -quote.length));
      let j = i + str[0].length;
      while (j < src.length && !src.startsWith(quote, j)) j += !raw && src[j] === '\\' ? 2 : 1;
      j = Math.min(src.length, j + quote.length);
      out.push({ start: i, end: j, kind: 'string', text: src.slice(i, j) });
      i = j;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (ident) {
      out.push({ start: i, end: i + ident[0].length, kind: 'ident', text: ident[0] });
      i += ident[0].length;
      continue;
    }
    const num = /^(?:0x[0-9a-fA-F]+|[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)[uU]?/.exec(src.slice(i));
    if (num) {
      out.push({ start: i, end: i + num[0].length, kind: 'number', text: num[0] });
      i += num[0].length;
      continue;
    }
    out.push({ start: i, end: i + 1, kind: 'punct', text: c });
    i++;
  }
  return out;
}

const OPEN: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };
const CLOSE: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };

function matchBackward(tokens: Token[], close: number): number {
  const want = OPEN[tokens[close]?.text ?? ''];
  let depth = 0;
  for (let j = close; j >= 0; j--) {
    const t = tokens[j]?.text;
    if (t === tokens[close]?.text) depth++;
    else if (t === want && --depth === 0) return j;
  }
  return -1;
}

function matchForward(tokens: Token[], open: number): number {
  const want = CLOSE[tokens[open]?.text ?? ''];
  let depth = 0;
  for (let j = open; j < tokens.length; j++) {
    const t = tokens[j]?.text;
    if (t === tokens[open]?.text) depth++;
    else if (t === want && --depth === 0) return j;
  }
  return -1;
}

/** The first token of the operand that ends with token `last`. */
function operandStart(tokens: Token[], last: number): number {
  let j = last;
  for (;;) {
    const t = tokens[j];
    if (!t) return -1;
    if (t.text === ')' || t.text === ']') {
      const open = matchBackward(tokens, j);
      if (open < 0) return -1;
      j = open;
      const before = tokens[j - 1];
      if (before && (before.kind === 'ident' || before.text === ')' || before.text === ']')) {
        j--;
        continue;
      }
    } else if (t.kind === 'punct') return -1;
    if (tokens[j - 1]?.text === '.' && tokens[j - 2] && tokens[j - 2]?.kind !== 'punct') {
      j -= 2;
      continue;
    }
    if (tokens[j - 1]?.text === '.' && (tokens[j - 2]?.text === ')' || tokens[j - 2]?.text === ']')) {
      j -= 2;
      continue;
    }
    return j;
  }
}

/** The source with its first optional selection rewritten, or undefined when it has none. */
function rewriteOnce(src: string): string | undefined {
  const tokens = tokenize(src);
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i];
    const prev = tokens[i - 1];
    if (!t || !prev) continue;
    const optSelect = t.text === '.' && tokens[i + 1]?.text === '?' && tokens[i + 2]?.kind === 'ident';
    const optIndex = t.text === '[' && tokens[i + 1]?.text === '?' && (prev.kind !== 'punct' || prev.text === ')' || prev.text === ']');
    if (!optSelect && !optIndex) continue;
    const first = operandStart(tokens, i - 1);
    if (first < 0) return undefined;
    const receiver = src.slice(tokens[first]?.start, prev.end);
    const keys: string[] = [];
    let k = i;
    for (;;) {
      const a = tokens[k];
      const b = tokens[k + 1];
      const c = tokens[k + 2];
      if (a?.text === '.' && b?.kind === 'ident' && c?.text !== '(') {
        keys.push(JSON.stringify(b.text));
        k += 2;
      } else if (a?.text === '.' && b?.text === '?' && c?.kind === 'ident' && tokens[k + 3]?.text !== '(') {
        keys.push(JSON.stringify(c.text));
        k += 3;
      } else if (a?.text === '[') {
        const close = matchForward(tokens, k);
        if (close < 0) return undefined;
        const from = b?.text === '?' ? k + 2 : k + 1;
        keys.push(src.slice(tokens[from]?.start, tokens[close]?.start));
        k = close + 1;
      } else break;
    }
    let start = tokens[first]?.start ?? 0;
    let end = tokens[k - 1]?.end ?? src.length;
    let out = `__opt_select__(${receiver}, [${keys.join(', ')}])`;
    // has(<chain>)
    if (tokens[first - 1]?.text === '(' && tokens[first - 2]?.text === 'has' && tokens[k]?.text === ')') {
      start = tokens[first - 2]?.start ?? start;
      end = tokens[k]?.end ?? end;
      out = `${out}.hasValue()`;
    }
    // <chain>.optMap(v, E) / .optFlatMap(v, E)
    const method = tokens[k + 1]?.text;
    if (
      tokens[k]?.text === '.' &&
      (method === 'optMap' || method === 'optFlatMap') &&
      tokens[k + 2]?.text === '(' &&
      tokens[k + 3]?.kind === 'ident' &&
      tokens[k + 4]?.text === ','
    ) {
      const close = matchForward(tokens, k + 2);
      if (close < 0) return undefined;
      const v = tokens[k + 3]?.text ?? '';
      const body = src.slice(tokens[k + 5]?.start, tokens[close]?.start);
      const fn = method === 'optMap' ? '__opt_of_list__' : '__opt_flat_list__';
      out = `${fn}([${out}].filter(__opt, __opt.hasValue()).map(__opt, __opt.value()).map(${v}, ${body}))`;
      end = tokens[close]?.end ?? end;
    }
    return src.slice(0, start) + out + src.slice(end);
  }
  return undefined;
}

/** `src` with CEL optional syntax rewritten into calls (see the module comment). */
export function rewriteOptionalSyntax(src: string): string {
  if (!src.includes('?')) return src;
  let out = src;
  for (let n = 0; n < 100; n++) {
    const next = rewriteOnce(out);
    if (next === undefined) return out;
    out = next;
  }
  return out;
}
