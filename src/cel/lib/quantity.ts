/**
 * The Kubernetes quantity library (k8s.io/apiserver/pkg/cel/library/quantity.go): `quantity()`,
 * `isQuantity()` and a Quantity's methods. Values are exact: a rational `num / den` where `den` is
 * a power of ten, so `quantity('0.1').add(quantity('0.2'))` compares equal to `quantity('300m')`.
 */
import type { CelFunc } from '@bufbuild/cel';
import type { CelRuntime } from '../runtime.js';
import { opaque, opaqueOf } from '../values.js';

export interface Quantity {
  num: bigint;
  den: bigint;
}

const PATTERN = /^([+-]?)([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:([KMGTPE]i)|([numkMGTPE])|[eE]([+-]?[0-9]+))?$/;
const BINARY: Readonly<Record<string, number>> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

/** The quantity that `text` denotes, or undefined when it is not one. */
export function parseQuantity(text: string): Quantity | undefined {
  const m = PATTERN.exec(text);
  if (!m) return undefined;
  const [, sign = '', digits = '', binary, decimal, exponent] = m;
  const [whole = '', fraction = ''] = digits.split('.');
  let num = BigInt(`${whole}${fraction}` || '0');
  let den = 10n ** BigInt(fraction.length);
  if (binary !== undefined) num *= 1024n ** BigInt(BINARY[binary] ?? 0);
  let exp = 0;
  if (decimal !== undefined) exp = DECIMAL[decimal] ?? 0;
  if (exponent !== undefined) exp = Number(exponent);
  if (Math.abs(exp) > 1000) return undefined;
  if (exp > 0) num *= 10n ** BigInt(exp);
  else if (exp < 0) den *= 10n ** BigInt(-exp);
  return { num: sign === '-' ? -num : num, den };
}

export function compareQuantities(a: Quantity, b: Quantity): number {
  const x = a.num * b.den;
  const y = b.num * a.den;
  return x < y ? -1 : x > y ? 1 : 0;
}

function add(a: Quantity, b: Quantity, sign: bigint): Quantity {
  const den = a.den > b.den ? a.den : b.den;
  return { num: a.num * (den / a.den) + sign * b.num * (den / b.den), den };
}

function asInteger(q: Quantity): bigint | undefined {
  if (q.num % q.den !== 0n) return undefined;
  const v = q.num / q.den;
  return v > INT64_MAX || v < INT64_MIN ? undefined : v;
}

/** The operand of a Quantity method: a Quantity, an int or a quantity string. */
export function quantityOperand(v: unknown): Quantity {
  if (typeof v === 'bigint') return { num: v, den: 1n };
  if (typeof v === 'string') {
    const q = parseQuantity(v);
    if (!q) throw new Error(`quantities must match the regular expression: ${v}`);
    return q;
  }
  const q = opaqueOf<Quantity>(v, QUANTITY);
  if (!q) throw new Error('no such overload: expected a Quantity');
  return q;
}

export const QUANTITY = 'kubernetes.Quantity';

export function quantityFuncs({ cel }: CelRuntime): CelFunc[] {
  const { STRING, BOOL, INT, DOUBLE, DYN } = cel.CelScalar;
  const TYPE = QUANTITY;
  const get = (v: unknown): Quantity => {
    const q = opaqueOf<Quantity>(v, TYPE);
    if (!q) throw new Error('no such overload: expected a Quantity');
    return q;
  };
  const operand = quantityOperand;
  const method = (
    name: string,
    args: number,
    result: (typeof cel.CelScalar)[keyof typeof cel.CelScalar],
    f: (q: Quantity, ...a: unknown[]) => unknown,
  ): CelFunc[] => [
    cel.celMethod(name, DYN, Array<typeof DYN>(args).fill(DYN), result, function (this: unknown, ...a: unknown[]) {
      return f(get(this), ...a) as never;
    }),
  ];
  return [
    cel.celFunc('quantity', [STRING], DYN, (s) => {
      const q = parseQuantity(s);
      if (!q) throw new Error(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
      return opaque(TYPE, q);
    }),
    cel.celFunc('isQuantity', [STRING], BOOL, (s) => parseQuantity(s) !== undefined),
    ...method('sign', 0, INT, (q) => BigInt(q.num > 0n ? 1 : q.num < 0n ? -1 : 0)),
    ...method('isInteger', 0, BOOL, (q) => asInteger(q) !== undefined),
    ...method('asInteger', 0, INT, (q) => {
      const v = asInteger(q);
      if (v === undefined) throw new Error('cannot convert value to integer');
      return v;
    }),
    ...method('asApproximateFloat', 0, DOUBLE, (q) => Number(q.num) / Number(q.den)),
    ...method('add', 1, DYN, (q, o) => opaque(TYPE, add(q, operand(o), 1n))),
    ...method('sub', 1, DYN, (q, o) => opaque(TYPE, add(q, operand(o), -1n))),
  ];
}
