/**
 * IntOrString values that count pods (`maxSurge`, `maxUnavailable`, `minAvailable`): an absolute
 * number or a percentage of a total, scaled as k8s.io/apimachinery/pkg/util/intstr does.
 */

export type IntOrPercent = { kind: 'int'; value: number } | { kind: 'percent'; value: number };

/**
 * Reads `3`, `"3"` or `"25%"`; undefined for anything else (negative, fractional, malformed).
 * A numeric string is accepted as the number it spells, though the API only takes percentages
 * as strings: a linter should judge what the author meant and leave syntax to the schema.
 */
export function parseIntOrPercent(value: unknown): IntOrPercent | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? { kind: 'int', value } : undefined;
  if (typeof value !== 'string') return undefined;
  const m = /^\s*(\d+)\s*(%?)\s*$/.exec(value);
  if (!m?.[1]) return undefined;
  const number = Number(m[1]);
  return m[2] === '%' ? { kind: 'percent', value: number } : { kind: 'int', value: number };
}

/**
 * The absolute value against `total`: percentages round up (`roundUp`, as for maxSurge) or down
 * (as for maxUnavailable), like `intstr.GetScaledValueFromIntOrPercent`.
 */
export function scaleIntOrPercent(value: IntOrPercent, total: number, roundUp: boolean): number {
  if (value.kind === 'int') return value.value;
  const exact = (value.value * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** `25%` or `1`, for messages. */
export function formatIntOrPercent(value: IntOrPercent): string {
  return value.kind === 'percent' ? `${value.value}%` : String(value.value);
}
