/**
 * Kubernetes resource quantities (`250m`, `64Mi`, `1.5`, `1e3`), as
 * k8s.io/apimachinery/pkg/api/resource parses them.
 */

/** The regular expression CRDs use for quantities (`x-kubernetes-int-or-string` with a pattern). */
export const QUANTITY_PATTERN =
  /^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$/;

const BINARY: Readonly<Record<string, number>> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Readonly<Record<string, number>> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** True when `value` is a valid quantity (a number, or a string in quantity syntax). */
export function isQuantity(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'string' && QUANTITY_PATTERN.test(value);
}

/**
 * The quantity's value as a number (`500m` -> 0.5, `1Gi` -> 1073741824), or undefined when it is
 * not a quantity. Precise enough to compare requests with limits.
 */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || !QUANTITY_PATTERN.test(value)) return undefined;
  const m = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(.*)$/.exec(value);
  if (!m) return undefined;
  const number = Number(m[1]);
  const suffix = m[2] ?? '';
  if (suffix in BINARY) return number * (BINARY[suffix] ?? 1);
  if (suffix in DECIMAL) return number * (DECIMAL[suffix] ?? 1);
  if (/^[eE]/.test(suffix)) return number * 10 ** Number(suffix.slice(1));
  return undefined;
}

/** True for a quantity below zero. */
export function isNegativeQuantity(value: unknown): boolean {
  const parsed = parseQuantity(value);
  return parsed !== undefined && parsed < 0;
}
