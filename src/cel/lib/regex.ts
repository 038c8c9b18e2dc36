/**
 * The Kubernetes regex library (k8s.io/apiserver/pkg/cel/library/regex.go): `find` and `findAll`,
 * and `matches` with its compiled patterns kept for the run (the built-in one compiles on every
 * call). Patterns are RE2: RE2JS checks and runs `matches`; `find` and `findAll` need the matched
 * text, which RE2JS does not give, so they run the pattern as an equivalent JavaScript RegExp
 * (RE2 has no backreferences or lookaround, so the translation is direct).
 */
import type { CelFunc } from '@bufbuild/cel';
import type { CelRuntime } from '../runtime.js';

const POSIX: Readonly<Record<string, string>> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

/** An RE2 pattern as a JavaScript RegExp with the `g` flag. */
export function re2ToRegExp(pattern: string): RegExp {
  let flags = 'g';
  let body = pattern;
  const lead = /^\(\?([imsU]+)\)/.exec(body);
  if (lead?.[1] !== undefined) {
    if (lead[1].includes('i')) flags += 'i';
    if (lead[1].includes('m')) flags += 'm';
    if (lead[1].includes('s')) flags += 's';
    body = body.slice(lead[0].length);
  }
  body = body
    .replace(/\[\[:(\^?)([a-z]+):\]\]/g, (m, neg: string, name: string) => (POSIX[name] ? `[${neg}${POSIX[name]}]` : m))
    .replace(/\[:([a-z]+):\]/g, (m, name: string) => POSIX[name] ?? m)
    .replace(/\(\?P</g, '(?<')
    .replace(/\\A/g, '^')
    .replace(/\\z/g, '$(?![\\s\\S])');
  try {
    return new RegExp(body, `${flags}u`);
  } catch {
    return new RegExp(body, flags);
  }
}

export function regexFuncs({ cel, re2 }: CelRuntime): CelFunc[] {
  const { STRING, INT, BOOL } = cel.CelScalar;
  const LIST = cel.listType(STRING);
  const compiled = new Map<string, { re2: { test(s: string): boolean }; js?: RegExp }>();
  const compile = (pattern: string) => {
    let entry = compiled.get(pattern);
    if (!entry) {
      entry = { re2: re2.RE2JS.compile(pattern) };
      if (compiled.size > 1000) compiled.clear();
      compiled.set(pattern, entry);
    }
    return entry;
  };
  const jsOf = (pattern: string): RegExp => {
    const entry = compile(pattern);
    entry.js ??= re2ToRegExp(pattern);
    entry.js.lastIndex = 0;
    return entry.js;
  };
  const findAll = (text: string, pattern: string, limit: number): string[] => {
    const re = jsOf(pattern);
    const out: string[] = [];
    while (limit < 0 || out.length < limit) {
      const m = re.exec(text);
      if (!m) break;
      out.push(m[0]);
      if (m[0] === '') re.lastIndex++;
      if (re.lastIndex > text.length) break;
    }
    return out;
  };
  return [
    cel.celMethod('matches', STRING, [STRING], BOOL, function (this: string, pattern) {
      return compile(pattern).re2.test(this);
    }),
    cel.celFunc('matches', [STRING, STRING], BOOL, (text, pattern) => compile(pattern).re2.test(text)),
    cel.celMethod('find', STRING, [STRING], STRING, function (this: string, pattern) {
      return findAll(this, pattern, 1)[0] ?? '';
    }),
    cel.celMethod('findAll', STRING, [STRING], LIST, function (this: string, pattern) {
      return findAll(this, pattern, -1);
    }),
    cel.celMethod('findAll', STRING, [STRING, INT], LIST, function (this: string, pattern, limit) {
      return findAll(this, pattern, Number(limit));
    }),
  ];
}
