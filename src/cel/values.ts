/**
 * Values between kube-lint (plain JSON-like data from YAML) and the CEL runtime of @bufbuild/cel.
 *
 * CEL tells `int` from `double`: a YAML integer becomes an `int` (a bigint) unless the caller marks
 * it as a double with `celDouble()` (a schema says `type: number`). Objects become CEL maps and
 * arrays CEL lists, converted once, deeply, so that a rule reading a field many times pays once.
 *
 * The Kubernetes libraries add types of their own (Quantity, URL, IP, CIDR, Semver, Format,
 * optionals). @bufbuild/cel knows only protobuf messages as object types, so such a value is an
 * empty CEL map that carries its payload under a private symbol: the libraries' functions take
 * `dyn` and look for the payload; to the rest of CEL it is an opaque map.
 */
import type { CelValue } from '@bufbuild/cel';
import { celRuntime } from './runtime.js';

const OPAQUE = Symbol('kube-lint.cel.opaque');

/** The name of a Kubernetes CEL type (as `type(x)` would print it) and its payload. */
export interface Opaque<T = unknown> {
  readonly type: string;
  readonly value: T;
}

/** A CEL value carrying `payload` as an opaque Kubernetes type named `type`. */
export function opaque(type: string, value: unknown): CelValue {
  const map = celRuntime().cel.celMap(new Map());
  Object.defineProperty(map, OPAQUE, { value: { type, value } satisfies Opaque, enumerable: false });
  return map;
}

/** The payload of an opaque value of `type`, or undefined. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the payload's type
export function opaqueOf<T>(value: unknown, type: string): T | undefined {
  if (typeof value !== 'object' || value === null || !(OPAQUE in value)) return undefined;
  const o = (value as { [OPAQUE]: Opaque<T> })[OPAQUE];
  return o.type === type ? o.value : undefined;
}

/** The type name of an opaque value, or undefined for an ordinary CEL value. */
export function opaqueType(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !(OPAQUE in value)) return undefined;
  return (value as { [OPAQUE]: Opaque })[OPAQUE].type;
}

/** A number that CEL must see as a `double` even when it has no fraction. */
export class CelDouble {
  constructor(readonly value: number) {}
}

/** Marks a number as a CEL `double`. */
export function celDouble(value: number): CelDouble {
  return new CelDouble(value);
}

/**
 * A plain value (as YAML or JSON gives it) as a CEL value: integers become `int`, other numbers
 * `double`, objects maps, arrays lists. `undefined` members of objects are left out.
 */
export function toCelValue(value: unknown): CelValue {
  const { cel } = celRuntime();
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'bigint':
      return value;
    case 'number':
      return Number.isInteger(value) && Number.isSafeInteger(value) ? BigInt(value) : value;
    case 'object': {
      if (value === null) return null;
      if (value instanceof CelDouble) return value.value;
      if (cel.isCelMap(value) || cel.isCelList(value)) return value;
      if (Array.isArray(value)) return cel.celList((value as unknown[]).map(toCelValue));
      if (value instanceof Date) return value.toISOString();
      const map = new Map<string, CelValue>();
      for (const [k, v] of Object.entries(value)) if (v !== undefined) map.set(k, toCelValue(v));
      return cel.celMap(map);
    }
    default:
      return null;
  }
}

/**
 * A CEL result as a plain value: lists become arrays, maps objects (string keys), ints bigints,
 * opaque values `{ type, value }`.
 */
export function fromCelValue(value: unknown): unknown {
  const { cel } = celRuntime();
  if (typeof value !== 'object' || value === null) return value;
  const type = opaqueType(value);
  if (type !== undefined) return (value as { [OPAQUE]: Opaque })[OPAQUE];
  if (cel.isCelList(value)) return Array.from(value, fromCelValue);
  if (cel.isCelMap(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value.entries()) out[typeof k === 'object' ? String(k.value) : String(k)] = fromCelValue(v);
    return out;
  }
  if (cel.isCelUint(value)) return value.value;
  return value;
}

/** Whether a CEL value is `bool`, `int`, `double`, `string`, a list, a map or null, by CEL's names. */
export function celTypeName(value: unknown): string {
  const { cel } = celRuntime();
  const type = opaqueType(value);
  if (type !== undefined) return type;
  switch (typeof value) {
    case 'bigint':
      return 'int';
    case 'number':
      return 'double';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    default:
      if (value === null) return 'null_type';
      if (cel.isCelList(value)) return 'list';
      if (cel.isCelMap(value)) return 'map';
      if (cel.isCelUint(value)) return 'uint';
      return 'dyn';
  }
}
