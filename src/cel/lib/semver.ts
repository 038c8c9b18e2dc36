/**
 * The Kubernetes semver library (k8s.io/apiserver/pkg/cel/library/semverlib.go): `semver()`,
 * `isSemver()` (each optionally normalizing: a leading `v`, missing minor or patch, leading zeros),
 * `major()`, `minor()`, `patch()`; comparisons are in ./index (shared with quantities).
 */
import type { CelFunc } from '@bufbuild/cel';
import type { CelRuntime } from '../runtime.js';
import { opaque, opaqueOf } from '../values.js';

export interface Semver {
  major: bigint;
  minor: bigint;
  patch: bigint;
  pre: string[];
}

export const SEMVER = 'kubernetes.Semver';

const STRICT =
  /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

function normalize(text: string): string {
  let s = text.startsWith('v') ? text.slice(1) : text;
  const rest = /[-+]/.exec(s);
  const core = rest ? s.slice(0, rest.index) : s;
  const tail = rest ? s.slice(rest.index) : '';
  const parts = core.split('.');
  while (parts.length < 3) parts.push('0');
  s = parts.map((p) => (/^[0-9]+$/.test(p) ? String(BigInt(p)) : p)).join('.');
  return s + tail;
}

/** The version `text` denotes (strict semver 2.0, or normalized first), or undefined. */
export function parseSemver(text: string, normalizeFirst = false): Semver | undefined {
  const m = STRICT.exec(normalizeFirst ? normalize(text) : text);
  if (!m) return undefined;
  const pre = m[4] === undefined ? [] : m[4].split('.');
  if (pre.some((p) => /^0[0-9]+$/.test(p))) return undefined;
  return { major: BigInt(m[1] ?? 0), minor: BigInt(m[2] ?? 0), patch: BigInt(m[3] ?? 0), pre };
}

export function compareSemver(a: Semver, b: Semver): number {
  for (const k of ['major', 'minor', 'patch'] as const) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  if (a.pre.length === 0 || b.pre.length === 0) return b.pre.length - a.pre.length === 0 ? 0 : a.pre.length === 0 ? 1 : -1;
  for (let i = 0; i < Math.max(a.pre.length, b.pre.length); i++) {
    const x = a.pre[i];
    const y = b.pre[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^[0-9]+$/.test(x);
    const ny = /^[0-9]+$/.test(y);
    if (nx && ny) {
      if (BigInt(x) !== BigInt(y)) return BigInt(x) < BigInt(y) ? -1 : 1;
    } else if (nx !== ny) return nx ? -1 : 1;
    else if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

export function semverFuncs({ cel }: CelRuntime): CelFunc[] {
  const { STRING, BOOL, INT, DYN } = cel.CelScalar;
  const make = (s: string, norm: boolean) => {
    const v = parseSemver(s, norm);
    if (!v) throw new Error(`string must be a valid semver: ${s}`);
    return opaque(SEMVER, v) as never;
  };
  const part = (name: 'major' | 'minor' | 'patch') =>
    cel.celMethod(name, DYN, [], INT, function (this: unknown) {
      const v = opaqueOf<Semver>(this, SEMVER);
      if (!v) throw new Error('no such overload: expected a Semver');
      return v[name];
    });
  return [
    cel.celFunc('semver', [STRING], DYN, (s) => make(s, false)),
    cel.celFunc('semver', [STRING, BOOL], DYN, (s, n) => make(s, n)),
    cel.celFunc('isSemver', [STRING], BOOL, (s) => parseSemver(s) !== undefined),
    cel.celFunc('isSemver', [STRING, BOOL], BOOL, (s, n) => parseSemver(s, n) !== undefined),
    part('major'),
    part('minor'),
    part('patch'),
  ];
}
