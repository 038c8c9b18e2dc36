/**
 * CEL equality and ordering of plain CEL values, for the library functions that need them
 * (`indexOf`, `min`, `isSorted`, `sets.contains`): numbers compare across int, uint and double as
 * CEL does; lists and maps compare by content.
 */
import { celRuntime } from '../runtime.js';

function numeric(v: unknown): number | bigint | undefined {
  if (typeof v === 'bigint' || typeof v === 'number') return v;
  if (celRuntime().cel.isCelUint(v)) return (v as { value: bigint }).value;
  return undefined;
}

function compareNumbers(a: number | bigint, b: number | bigint): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  const x = Number(a);
  const y = Number(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** CEL equality (heterogeneous: `1 == 1.0`). */
export function celEquals(a: unknown, b: unknown): boolean {
  const { cel } = celRuntime();
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== undefined || nb !== undefined) return na !== undefined && nb !== undefined && compareNumbers(na, nb) === 0;
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return a === b;
  if (cel.isCelList(a) && cel.isCelList(b)) {
    if (a.size !== b.size) return false;
    for (let i = 0; i < a.size; i++) if (!celEquals(a.get(i), b.get(i))) return false;
    return true;
  }
  if (cel.isCelMap(a) && cel.isCelMap(b)) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a.entries()) {
      if (!b.has(k) || !celEquals(v, b.get(k))) return false;
    }
    return true;
  }
  if (a instanceof Uint8Array && b instanceof Uint8Array) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

/** CEL ordering of two comparable values; throws for values that have none. */
export function celCompare(a: unknown, b: unknown): number {
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== undefined && nb !== undefined) return compareNumbers(na, nb);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  throw new Error(`no such overload: values of these types cannot be compared`);
}
