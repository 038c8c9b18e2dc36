/**
 * The Kubernetes URL library (k8s.io/apiserver/pkg/cel/library/urls.go): `url()`, `isURL()` and
 * the accessors of a URL. A URL is what Go's `url.ParseRequestURI` accepts: an absolute URL or an
 * absolute path, no fragment.
 */
import type { CelFunc, CelValue } from '@bufbuild/cel';
import type { CelRuntime } from '../runtime.js';
import { opaque, opaqueOf } from '../values.js';

export interface ParsedUrl {
  scheme: string;
  opaque: string;
  user: string;
  host: string;
  path: string;
  rawQuery: string;
}

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*$/;

/** Go's `url.ParseRequestURI`, or an error message. */
export function parseRequestUri(raw: string): ParsedUrl | string {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(raw)) return 'invalid control character in URL';
  if (raw === '') return 'empty url';
  let rest = raw;
  let scheme = '';
  const colon = rest.indexOf(':');
  if (colon === 0) return 'missing protocol scheme';
  if (colon > 0 && SCHEME.test(rest.slice(0, colon))) {
    scheme = rest.slice(0, colon).toLowerCase();
    rest = rest.slice(colon + 1);
  } else if (colon > 0 && /^[A-Za-z][^/]*$/.test(rest.slice(0, colon)) && !rest.startsWith('/')) {
    return 'first path segment in URL cannot contain colon';
  }
  let rawQuery = '';
  const q = rest.indexOf('?');
  if (q >= 0) {
    rawQuery = rest.slice(q + 1);
    rest = rest.slice(0, q);
  }
  if (!rest.startsWith('/')) {
    if (scheme !== '') return { scheme, opaque: rest, user: '', host: '', path: '', rawQuery };
    return 'invalid URI for request';
  }
  let host = '';
  let user = '';
  if (scheme !== '' && rest.startsWith('//')) {
    const end = rest.indexOf('/', 2);
    let authority = end < 0 ? rest.slice(2) : rest.slice(2, end);
    rest = end < 0 ? '' : rest.slice(end);
    const at = authority.lastIndexOf('@');
    if (at >= 0) {
      user = authority.slice(0, at);
      authority = authority.slice(at + 1);
    }
    const problem = hostProblem(authority);
    if (problem) return problem;
    host = authority;
  }
  return { scheme, opaque: '', user, host, path: decodePath(rest), rawQuery };
}

function hostProblem(host: string): string | undefined {
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    if (close < 0) return "missing ']' in host";
    const port = host.slice(close + 1);
    if (port !== '' && !/^:[0-9]*$/.test(port)) return `invalid port "${port}" after host`;
    return undefined;
  }
  const colon = host.lastIndexOf(':');
  if (colon >= 0 && !/^[0-9]*$/.test(host.slice(colon + 1))) return `invalid port "${host.slice(colon)}" after host`;
  if (/[\s<>"{}|\\^`]/.test(host)) return `invalid character in host name`;
  return undefined;
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function hostname(host: string): string {
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'));
  const colon = host.lastIndexOf(':');
  return colon >= 0 ? host.slice(0, colon) : host;
}

function port(host: string): string {
  const colon = host.lastIndexOf(':');
  if (colon < 0 || (host.startsWith('[') && colon < host.indexOf(']'))) return '';
  return host.slice(colon + 1);
}

/** Go's `url.EscapedPath` for a path without a raw form: characters outside the path set escaped. */
function escapedPath(path: string): string {
  return path.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/]/gu, (c) =>
    Array.from(new TextEncoder().encode(c), (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
}

function queryMap(raw: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of raw.split(/[&]/)) {
    if (part === '' || part.includes(';')) continue;
    const eq = part.indexOf('=');
    const dec = (s: string): string => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        return s;
      }
    };
    const key = dec(eq < 0 ? part : part.slice(0, eq));
    const value = dec(eq < 0 ? '' : part.slice(eq + 1));
    out.set(key, [...(out.get(key) ?? []), value]);
  }
  return out;
}

export function urlFuncs({ cel }: CelRuntime): CelFunc[] {
  const { STRING, BOOL, DYN } = cel.CelScalar;
  const get = (v: unknown): ParsedUrl => {
    const u = opaqueOf<ParsedUrl>(v, 'kubernetes.URL');
    if (!u) throw new Error('no such overload: expected a URL');
    return u;
  };
  const accessor = (name: string, f: (u: ParsedUrl) => unknown): CelFunc =>
    cel.celMethod(name, DYN, [], DYN, function (this: unknown) {
      return f(get(this)) as never;
    });
  return [
    cel.celFunc('url', [STRING], DYN, (s) => {
      const u = parseRequestUri(s);
      if (typeof u === 'string') throw new Error(`URL parse error during conversion from string: parse "${s}": ${u}`);
      return opaque('kubernetes.URL', u);
    }),
    cel.celFunc('isURL', [STRING], BOOL, (s) => typeof parseRequestUri(s) !== 'string'),
    accessor('getScheme', (u) => u.scheme),
    accessor('getHost', (u) => u.host),
    accessor('getHostname', (u) => hostname(u.host)),
    accessor('getPort', (u) => port(u.host)),
    accessor('getEscapedPath', (u) => escapedPath(u.path)),
    accessor('getQuery', (u) => {
      const map = new Map<string, CelValue>();
      for (const [k, v] of queryMap(u.rawQuery)) map.set(k, cel.celList(v));
      return cel.celMap(map);
    }),
  ];
}
