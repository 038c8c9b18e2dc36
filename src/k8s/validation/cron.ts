/**
 * A port of the cron parser the API server uses for CronJob schedules: github.com/robfig/cron/v3
 * `ParseStandard` (five fields, `@hourly`-style descriptors, `@every <duration>`, an optional
 * `TZ=` or `CRON_TZ=` prefix), with its error messages, so that a schedule is accepted or refused
 * exactly as `kubectl apply` would.
 */

interface Bounds {
  min: number;
  max: number;
  names?: Readonly<Record<string, number>>;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const DAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

const FIELDS: readonly Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS },
  { min: 0, max: 6, names: DAYS },
];

const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

class CronError extends Error {}

/** strconv.Atoi, with its error text. */
function atoi(expr: string): number {
  if (!/^[+-]?\d+$/.test(expr)) throw new CronError(`strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`);
  const n = Number(expr);
  if (!Number.isSafeInteger(n) || Math.abs(n) > 2 ** 63 - 1)
    throw new CronError(`strconv.Atoi: parsing ${JSON.stringify(expr)}: value out of range`);
  return n;
}

/** mustParseInt */
function mustParseInt(expr: string): number {
  let n: number;
  try {
    n = atoi(expr);
  } catch (error) {
    throw new CronError(`failed to parse int from ${expr}: ${(error as Error).message}`);
  }
  if (n < 0) throw new CronError(`negative number (${n}) not allowed: ${expr}`);
  return n;
}

/** parseIntOrName */
function parseIntOrName(expr: string, names: Readonly<Record<string, number>> | undefined): number {
  const named = names ? names[expr.toLowerCase()] : undefined;
  return named ?? mustParseInt(expr);
}

/** getRange */
function getRange(expr: string, r: Bounds): void {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = (rangeAndStep[0] ?? '').split('-');
  const singleDigit = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = r.min;
    end = r.max;
  } else {
    start = parseIntOrName(lowAndHigh[0] ?? '', r.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1] ?? '', r.names);
    else throw new CronError(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = mustParseInt(rangeAndStep[1] ?? '');
    if (singleDigit) end = r.max;
  } else if (rangeAndStep.length > 2) {
    throw new CronError(`too many slashes: ${expr}`);
  }
  if (start < r.min) throw new CronError(`beginning of range (${start}) below minimum (${r.min}): ${expr}`);
  if (end > r.max) throw new CronError(`end of range (${end}) above maximum (${r.max}): ${expr}`);
  if (start > end) throw new CronError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronError(`step of range should be a positive number: ${expr}`);
}

/** time.ParseDuration, for `@every`: accepts `1h30m`, `90s`, `1.5h`, `0`. */
function parseDuration(text: string): void {
  if (text === '0' || /^[+-]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$/.test(text)) return;
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) throw new CronError(`time: missing unit in duration ${JSON.stringify(text)}`);
  throw new CronError(`time: invalid duration ${JSON.stringify(text)}`);
}

/** True when Go's time.LoadLocation would find the zone (the IANA database, case-sensitive). */
export function isKnownTimeZone(name: string): boolean {
  if (name === '' || name === 'UTC' || name === 'Local') return true;
  if (
    !/^[A-Za-z0-9_+\-/]+$/.test(name) ||
    name.split('/').some((part) => part === '' || part === '.' || part === '..' || part.startsWith('-'))
  )
    return false;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    // ICU matches names case-insensitively; Go reads files from the zone database, whose names are case-sensitive.
    return resolved === name || resolved.toLowerCase() !== name.toLowerCase();
  } catch {
    return false;
  }
}

/** Go prints a []string with %s as `[a b c]`. */
function goList(fields: readonly string[]): string {
  return `[${fields.join(' ')}]`;
}

/** cron.ParseStandard: the error message for `spec`, or undefined when it parses. */
export function parseStandardCron(spec: string): string | undefined {
  try {
    if (spec.length === 0) throw new CronError('empty spec string');
    let rest = spec;
    if (rest.startsWith('TZ=') || rest.startsWith('CRON_TZ=')) {
      const space = rest.indexOf(' ');
      const eq = rest.indexOf('=');
      const zone = space < 0 ? rest.slice(eq + 1) : rest.slice(eq + 1, space);
      if (!isKnownTimeZone(zone)) throw new CronError(`provided bad location ${zone}: unknown time zone ${zone}`);
      rest = space < 0 ? '' : rest.slice(space).trim();
    }
    if (rest.startsWith('@')) {
      if (DESCRIPTORS.has(rest)) return undefined;
      if (rest.startsWith('@every ')) {
        const duration = rest.slice('@every '.length);
        try {
          parseDuration(duration);
        } catch (error) {
          throw new CronError(`failed to parse duration ${rest}: ${(error as Error).message}`);
        }
        return undefined;
      }
      throw new CronError(`unrecognized descriptor: ${rest}`);
    }
    const fields = rest.split(/\s+/).filter((f) => f !== '');
    if (fields.length !== 5) throw new CronError(`expected exactly 5 fields, found ${fields.length}: ${goList(fields)}`);
    fields.forEach((field, i) => {
      for (const expr of field.split(',')) getRange(expr, FIELDS[i] ?? { min: 0, max: 0 });
    });
    return undefined;
  } catch (error) {
    if (error instanceof CronError) return error.message;
    throw error;
  }
}
