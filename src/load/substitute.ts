/**
 * Substitution variables with Flux's post-build semantics (kustomize-controller `postBuild.substitute`):
 *
 * - `${var}` is the value of `var`
 * - `${var:=default}` and `${var:-default}`: the default when `var` is unset or empty
 * - `${var=default}` and `${var-default}`: the default when `var` is unset
 * - `${var:+alt}`: `alt` when `var` is set and not empty, else nothing (`${var+alt}`: when set)
 * - `$${var}` is the literal text `${var}` (and no placeholder afterwards)
 *
 * One deviation: a variable that is referenced without a default and not given stays as written
 * (an unresolved placeholder that no value check judges), where Flux would make it empty.
 *
 * Values are substituted in the parsed document (every string scalar; keys stay as written), so
 * that findings keep the positions of the source. Flux substitutes in the text, so a plain
 * (unquoted) scalar that becomes `3` or `true` is retyped as YAML 1.1 reads it.
 */
import { UsageError } from '../errors.js';
import type { YamlPath } from '../types.js';
import type { ParsedDocument } from './parse.js';
import { resolvePlainScalar } from './scalars.js';

export type Vars = Readonly<Record<string, string>>;

/** A variable name as Flux accepts it. */
export const VAR_NAME = /^[_a-zA-Z][_a-zA-Z0-9]*$/;

const REFERENCE = /\$(\$?)\{([_a-zA-Z][_a-zA-Z0-9]*)(?:(:?[-=+])([^}]*))?\}/g;

export interface Substituted {
  value: string;
  /** The text changed. */
  changed: boolean;
  /** An escaped `$${var}` was turned into a literal `${var}`, and no reference was left unresolved. */
  literal: boolean;
}

/** Substitutes the variables in one string. */
export function substituteString(text: string, vars: Vars): Substituted {
  if (!text.includes('${')) return { value: text, changed: false, literal: false };
  let escaped = false;
  let unresolved = false;
  const value = text.replace(REFERENCE, (match: string, escape: string, name: string, op?: string, operand?: string) => {
    if (escape) {
      escaped = true;
      return match.slice(1);
    }
    const given = Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : undefined;
    switch (op) {
      case ':=':
      case ':-':
        return given !== undefined && given !== '' ? given : (operand ?? '');
      case '=':
      case '-':
        return given ?? operand ?? '';
      case ':+':
        return given !== undefined && given !== '' ? (operand ?? '') : '';
      case '+':
        return given !== undefined ? (operand ?? '') : '';
      default:
        if (given === undefined) unresolved = true;
        return given ?? match;
    }
  });
  return { value, changed: value !== text, literal: escaped && !unresolved };
}

/** Values that substitution made literal `${...}` text (from `$${...}`): container -> keys. */
const literals = new WeakMap<object, Set<string | number>>();

/** Whether the value at `container[key]` is literal text made by an escaped `$${...}`. */
export function isLiteral(container: object, key: string | number): boolean {
  return literals.get(container)?.has(key) ?? false;
}

function markLiteral(container: object, key: string | number): void {
  let keys = literals.get(container);
  if (!keys) literals.set(container, (keys = new Set()));
  keys.add(key);
}

/** The offset of each line start of `text` (line 1 at index 0). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * Substitutes `vars` in every string scalar of a parsed document, in place. `text` is the
 * document's source, read to tell plain scalars (retyped after substitution) from quoted and block
 * ones (strings whatever they hold). Returns how many values changed.
 */
export function substituteDocument(document: ParsedDocument, vars: Vars, text: string): number {
  let starts: number[] | undefined;
  const isPlain = (path: YamlPath): boolean => {
    let range;
    try {
      range = document.locate(path);
    } catch {
      return false;
    }
    if (!range.exact) return false;
    starts ??= lineStarts(text);
    const offset = (starts[range.line - 1] ?? 0) + range.column - 1;
    const first = text[offset];
    return first !== '"' && first !== "'" && first !== '|' && first !== '>' && first !== '!' && first !== '&' && first !== '*';
  };
  let changed = 0;
  const seen = new Set<object>();
  const path: (string | number)[] = [];
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    seen.add(node);
    const record = node as Record<string | number, unknown>;
    for (const key of Array.isArray(node) ? node.keys() : Object.keys(node)) {
      const child = record[key];
      path.push(key);
      if (typeof child === 'string') {
        const result = substituteString(child, vars);
        if (result.changed) {
          changed++;
          const typed = resolvePlainScalar(result.value);
          record[key] = typed !== result.value && isPlain(path) ? typed : result.value;
          if (result.literal) markLiteral(node, key);
        }
      } else {
        walk(child);
      }
      path.pop();
    }
  };
  walk(document.value);
  return changed;
}

/**
 * `NAME=VALUE` assignments (the CLI's `--var`, the Action's `vars` lines) as variables; `what`
 * names the source in errors. The value may be empty and may hold `=`.
 */
export function parseVarAssignments(assignments: readonly string[], what: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const assignment of assignments) {
    const at = assignment.indexOf('=');
    const name = at === -1 ? assignment : assignment.slice(0, at);
    if (at === -1 || !VAR_NAME.test(name)) {
      throw new UsageError(
        `${what} takes NAME=VALUE with a name of letters, digits and "_" (not starting with a digit), got "${assignment}"`,
      );
    }
    vars[name] = assignment.slice(at + 1);
  }
  return vars;
}
