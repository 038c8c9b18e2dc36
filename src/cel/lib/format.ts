/**
 * The Kubernetes format library (k8s.io/apiserver/pkg/cel/library/format.go): `format.<name>()`
 * and `format.named(name)` give a format; `<format>.validate(string)` gives no value when the
 * string is valid, else a list of what is wrong.
 *
 * CEL optionals: the parser of @bufbuild/cel has no `?.` syntax, but the functions are here:
 * `optional.none()` is null (so `format.dns1123Label().validate(s) == null` reads as its authors
 * mean), `optional.of(x)` an opaque value; `hasValue()`, `value()`, `orValue()`, `or()`.
 */
import type { CelFunc } from '@bufbuild/cel';
import type { CelRuntime } from '../runtime.js';
import { opaque, opaqueOf } from '../values.js';
import { labelValueProblem, qualifiedNameProblem } from '../../k8s/names.js';
import { parseRequestUri } from './urls.js';

const FORMAT = 'kubernetes.NamedFormat';
const OPTIONAL = 'optional_type';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;
const DATETIME =
  /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[Tt ]([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function pattern(re: RegExp, max: number, what: string): (s: string) => string[] {
  return (s) => {
    const out: string[] = [];
    if (s.length > max) out.push(`must be no more than ${max} characters`);
    if (!re.test(s)) out.push(`a ${what} must consist of lower case alphanumeric characters or '-'`);
    return out;
  };
}

function prefixed(check: (s: string) => string[]): (s: string) => string[] {
  return (s) => check(s.length > 1 && s.endsWith('-') ? `${s.slice(0, -1)}a` : s);
}

const FORMATS: Readonly<Record<string, (s: string) => string[]>> = {
  dns1123Label: pattern(DNS1123_LABEL, 63, 'lowercase RFC 1123 label'),
  dns1123Subdomain: pattern(DNS1123_SUBDOMAIN, 253, 'lowercase RFC 1123 subdomain'),
  dns1035Label: pattern(DNS1035_LABEL, 63, 'DNS-1035 label'),
  dns1123LabelPrefix: prefixed(pattern(DNS1123_LABEL, 63, 'lowercase RFC 1123 label')),
  dns1123SubdomainPrefix: prefixed(pattern(DNS1123_SUBDOMAIN, 253, 'lowercase RFC 1123 subdomain')),
  dns1035LabelPrefix: prefixed(pattern(DNS1035_LABEL, 63, 'DNS-1035 label')),
  qualifiedName: (s) => {
    const p = qualifiedNameProblem(s);
    return p ? [p] : [];
  },
  labelValue: (s) => {
    const p = labelValueProblem(s);
    return p ? [p] : [];
  },
  uri: (s) => {
    const u = parseRequestUri(s);
    return typeof u === 'string' ? [`invalid URI: ${u}`] : [];
  },
  uuid: (s) => (UUID.test(s) ? [] : ['does not match the UUID format']),
  byte: (s) => (BASE64.test(s) ? [] : ['invalid base64']),
  date: (s) => (DATE.test(s) ? [] : ['invalid date']),
  datetime: (s) => (DATETIME.test(s) ? [] : ['invalid datetime']),
};

export function formatFuncs({ cel }: CelRuntime): CelFunc[] {
  const { STRING, BOOL, DYN } = cel.CelScalar;
  const some = (v: unknown) => opaque(OPTIONAL, v) as never;
  const optional = (self: unknown): { has: boolean; value: unknown } => {
    if (self === null) return { has: false, value: null };
    const v = opaqueOf<unknown>(self, OPTIONAL);
    if (v === undefined) throw new Error('no such overload: expected an optional');
    return { has: true, value: v };
  };
  return [
    ...Object.keys(FORMATS).map((name) => cel.celFunc(`format.${name}`, [], DYN, () => opaque(FORMAT, name) as never)),
    cel.celFunc('format.named', [STRING], DYN, (name) => (name in FORMATS ? some(opaque(FORMAT, name)) : null)),
    cel.celMethod('validate', DYN, [STRING], DYN, function (this: unknown, s) {
      const name = opaqueOf<string>(this, FORMAT);
      const check = name === undefined ? undefined : FORMATS[name];
      if (!check) throw new Error('no such overload: expected a format');
      const problems = check(s);
      return problems.length === 0 ? null : some(cel.celList(problems));
    }),
    cel.celFunc('optional.none', [], DYN, () => null),
    cel.celFunc('optional.of', [DYN], DYN, (v) => some(v)),
    cel.celFunc('optional.ofNonZeroValue', [DYN], DYN, (v) =>
      v === null || v === '' || v === 0n || v === 0 || v === false || ((cel.isCelList(v) || cel.isCelMap(v)) && v.size === 0)
        ? null
        : some(v),
    ),
    cel.celMethod('hasValue', DYN, [], BOOL, function (this: unknown) {
      return optional(this).has;
    }),
    cel.celMethod('value', DYN, [], DYN, function (this: unknown) {
      const o = optional(this);
      if (!o.has) throw new Error('optional.none() dereference');
      return o.value as never;
    }),
    cel.celMethod('orValue', DYN, [DYN], DYN, function (this: unknown, other) {
      const o = optional(this);
      return (o.has ? o.value : other) as never;
    }),
    cel.celMethod('or', DYN, [DYN], DYN, function (this: unknown, other) {
      return (optional(this).has ? this : other) as never;
    }),
    // The rewritten optional syntax (../optional-syntax.ts).
    cel.celFunc('__opt_select__', [DYN, cel.listType(DYN)], DYN, (receiver, keys) => {
      let cur: unknown = receiver;
      if (cur === null || opaqueOf(cur, OPTIONAL) !== undefined) {
        const o = optional(cur);
        if (!o.has) return null;
        cur = o.value;
      }
      for (const key of keys) {
        if (cel.isCelMap(cur)) {
          if (!cur.has(key as never)) return null;
          cur = cur.get(key as never);
        } else if (cel.isCelList(cur) && typeof key === 'bigint') {
          if (key < 0n || key >= BigInt(cur.size)) return null;
          cur = cur.get(Number(key));
        } else if (cur === null) return null;
        else throw new Error(`no such key: ${typeof key === 'string' || typeof key === 'bigint' ? String(key) : 'dyn'}`);
      }
      return some(cur);
    }),
    cel.celFunc('__opt_of_list__', [cel.listType(DYN)], DYN, (list) => (list.size === 0 ? null : some(list.get(0)))),
    cel.celFunc('__opt_flat_list__', [cel.listType(DYN)], DYN, (list) => (list.size === 0 ? null : (list.get(0) as never))),
  ];
}
