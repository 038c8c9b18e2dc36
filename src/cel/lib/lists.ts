/**
 * The Kubernetes list library (k8s.io/apiserver/pkg/cel/library/lists.go): `isSorted`, `sum`,
 * `min`, `max`, `indexOf`, `lastIndexOf`; and the sets extension of cel-go (`sets.contains`,
 * `sets.equivalent`, `sets.intersects`).
 */
import type { CelFunc, CelList } from '@bufbuild/cel';
import type { CelRuntime } from '../runtime.js';
import { celCompare, celEquals } from './compare.js';

export function listFuncs({ cel }: CelRuntime): CelFunc[] {
  const { DYN, INT, BOOL } = cel.CelScalar;
  const LIST = cel.listType(DYN);
  const extreme = (list: CelList, name: string, sign: number): unknown => {
    if (list.size === 0) throw new Error(`${name} called on empty list`);
    let best: unknown = list.get(0);
    for (const v of list) if (celCompare(v, best) * sign > 0) best = v;
    return best;
  };
  const indexOf = (list: CelList, value: unknown, last: boolean): bigint => {
    let found = -1;
    for (let i = 0; i < list.size; i++) {
      if (celEquals(list.get(i), value)) {
        found = i;
        if (!last) break;
      }
    }
    return BigInt(found);
  };
  return [
    cel.celMethod('isSorted', LIST, [], BOOL, function (this: CelList) {
      let prev: unknown;
      let first = true;
      for (const v of this) {
        if (!first && celCompare(prev, v) > 0) return false;
        prev = v;
        first = false;
      }
      return true;
    }),
    cel.celMethod('sum', LIST, [], DYN, function (this: CelList) {
      let int = 0n;
      let double = 0;
      let sawDouble = false;
      for (const v of this) {
        if (typeof v === 'bigint') int += v;
        else if (typeof v === 'number') {
          double += v;
          sawDouble = true;
        } else if (cel.isCelUint(v)) int += v.value;
        else throw new Error('sum: no such overload for a list of this element type');
      }
      return sawDouble ? double + Number(int) : int;
    }),
    cel.celMethod('min', LIST, [], DYN, function (this: CelList) {
      return extreme(this, 'min', -1) as never;
    }),
    cel.celMethod('max', LIST, [], DYN, function (this: CelList) {
      return extreme(this, 'max', 1) as never;
    }),
    cel.celMethod('indexOf', LIST, [DYN], INT, function (this: CelList, value) {
      return indexOf(this, value, false);
    }),
    cel.celMethod('lastIndexOf', LIST, [DYN], INT, function (this: CelList, value) {
      return indexOf(this, value, true);
    }),
    cel.celFunc('sets.contains', [LIST, LIST], BOOL, (a, b) => {
      for (const x of b) if (!Array.from(a).some((y) => celEquals(x, y))) return false;
      return true;
    }),
    cel.celFunc('sets.equivalent', [LIST, LIST], BOOL, (a, b) => {
      const all = (p: CelList, q: CelList): boolean => Array.from(p).every((x) => Array.from(q).some((y) => celEquals(x, y)));
      return all(a, b) && all(b, a);
    }),
    cel.celFunc('sets.intersects', [LIST, LIST], BOOL, (a, b) => Array.from(a).some((x) => Array.from(b).some((y) => celEquals(x, y)))),
  ];
}
