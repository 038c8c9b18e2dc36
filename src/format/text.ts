/** Helpers shared by the formatters: what reaches a terminal or a CI log must be inert. */
import type { ObjectRef } from '../types.js';

/**
 * Control characters (ANSI escapes among them), line and paragraph separators, and the bidi
 * controls that can reorder what a reader sees ("Trojan Source").
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * `##[` is a GitHub Actions log command anywhere in a line (the old syntax); `::` at the start of
 * a line is the new one. Neither may come from a linted file.
 */
const LOG_COMMAND = /##\[/g;

function escape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * Makes a value safe to print on a terminal: control characters are shown as `\u001b` and the
 * like instead of reaching the terminal raw, and log commands are broken up.
 */
export function printable(text: string): string {
  return text
    .replace(/\r?\n|\t/g, ' ')
    .replace(CONTROL, escape)
    .replace(LOG_COMMAND, '#\\u0023[');
}

/** `printable`, for text that starts a line: a leading `::` would be a GitHub Actions command. */
export function printableLineStart(text: string): string {
  const safe = printable(text);
  return /^\s*::/.test(safe) ? `./${safe}` : safe;
}

/** Escapes, inside JSON text, the characters `printable` escapes (JSON.stringify leaves them). */
export function inertJson(json: string): string {
  return json.replace(CONTROL, escape).replace(LOG_COMMAND, '##\\u005b');
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** An object's identity for reports: `apps/v1 Deployment team/web` (parts the object lacks left out). */
export function describeRef(object: ObjectRef): string {
  const name = `${object.namespace !== undefined ? `${object.namespace}/` : ''}${object.name ?? '(unnamed)'}`;
  return [object.apiVersion, object.kind ?? 'object', name].filter((part) => part !== undefined).join(' ');
}
