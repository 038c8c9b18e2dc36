/**
 * What a plain (unquoted) YAML scalar means to Kubernetes. The API machinery reads YAML with
 * go-yaml v2 (through sigs.k8s.io/yaml) and converts it to JSON; both parsers of kube-lint resolve
 * plain scalars with this one function so that they agree with each other and with kubectl:
 *
 * - booleans: y Y yes Yes YES true True TRUE on On ON, and n N no No NO false False FALSE off Off OFF
 * - null: the empty scalar, ~ null Null NULL
 * - integers as Go's `strconv.ParseInt(s, 0, 64)` reads them once `_` are removed: decimal, `0x1F`,
 *   `0o17`, `0b101`, and a leading zero meaning octal (`0755` is 493)
 * - floats: `1.5`, `1e3`, `.5`, `.inf`, `-.Inf`, `.nan`
 * - no sexagesimal numbers (`1:30` stays a string) and no timestamps (`2024-01-01` stays a string, as
 *   go-yaml hands timestamps to untyped targets as their text)
 *
 * Anything else is a string. Quoted and block scalars are always strings.
 */

const BOOLEANS_AND_NULLS = new Map<string, boolean | null>([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((s) => [s, true] as const),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((s) => [s, false] as const),
  ...['', '~', 'null', 'Null', 'NULL'].map((s) => [s, null] as const),
]);

const SPECIAL_FLOATS = new Map<string, number>([
  ...['.nan', '.NaN', '.NAN'].map((s) => [s, Number.NaN] as const),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((s) => [s, Number.POSITIVE_INFINITY] as const),
  ...['-.inf', '-.Inf', '-.INF'].map((s) => [s, Number.NEGATIVE_INFINITY] as const),
]);

/** Go integer syntax for base 0, without sign and underscores. */
const GO_INT = /^(?:0[bB][01]+|0[oO][0-7]+|0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/;
/** go-yaml's `yamlStyleFloat`. */
const GO_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
/** What Go's ParseFloat accepts for a string starting with a dot. */
const DOT_FLOAT = /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/;

const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

function bigOf(digits: string): bigint {
  // BigInt reads 0x, 0o and 0b; Go's bare leading zero is octal.
  return BigInt(digits.length > 1 && digits[0] === '0' && /[0-7]/.test(digits[1] ?? '') ? `0o${digits.slice(1)}` : digits);
}

function resolveNumber(text: string): number | string {
  const plain = text.includes('_') ? text.replace(/_/g, '') : text;
  const sign = plain[0] === '-' || plain[0] === '+' ? plain[0] : '';
  const digits = sign ? plain.slice(1) : plain;
  let unsignedOverflow = false;
  if (GO_INT.test(digits)) {
    const magnitude = bigOf(digits);
    if (magnitude <= (sign === '-' ? INT64_MAX + 1n : INT64_MAX)) return Number(sign === '-' ? -magnitude : magnitude);
    if (!sign && magnitude <= UINT64_MAX) return Number(magnitude);
    unsignedOverflow = !sign;
  }
  if (GO_FLOAT.test(plain)) {
    const value = Number(plain);
    if (Number.isFinite(value)) return value;
  }
  // go-yaml falls back to a big integer only when ParseUint failed on range.
  if (unsignedOverflow) return Number(bigOf(digits));
  return text;
}

/** The value of a plain scalar as Kubernetes reads it; the text itself when it is a string. */
export function resolvePlainScalar(text: string): unknown {
  const known = BOOLEANS_AND_NULLS.get(text);
  if (known !== undefined) return known;
  const c = text.charCodeAt(0);
  if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d) {
    const special = SPECIAL_FLOATS.get(text);
    return special ?? resolveNumber(text);
  }
  if (c === 0x2e) {
    const special = SPECIAL_FLOATS.get(text);
    if (special !== undefined) return special;
    if (DOT_FLOAT.test(text)) return Number(text);
  }
  return text;
}

/**
 * Plain scalars that start like a number (digit, sign or dot) go through `resolvePlainScalar`,
 * before the YAML 1.1 tags of the `yaml` package (which would read `1:30` as 90, `0o17` as a
 * string and `2024-01-01` as a Date) get a chance. Booleans and nulls of YAML 1.1 are already
 * those of go-yaml v2.
 */
export const kubernetesNumberTag = {
  tag: 'tag:kube-lint.io,2024:plain-number',
  default: true,
  test: /^[-+.0-9]/,
  resolve: (text: string): unknown => resolvePlainScalar(text),
} as const;
