/**
 * What an expression reads, found from its text (string literals left out): the CEL variables it
 * uses (`object`, `params`, `namespaceObject`, `authorizer`, ...), the policy variables it refers
 * to, and the first field of `object` it reads, where a finding without a fieldPath is reported.
 */
import type { NamedExpression } from './model.js';

/** The CEL variables of an admission request, as Kubernetes declares them. */
export const ROOT_VARIABLES = ['object', 'oldObject', 'request', 'params', 'namespaceObject', 'authorizer', 'variables'] as const;
export type RootVariable = (typeof ROOT_VARIABLES)[number];

/** The text without string and bytes literals (their content is not code). */
export function withoutStrings(text: string): string {
  return text.replace(/(?:[rRbB]{0,2})('''[\s\S]*?'''|"""[\s\S]*?"""|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*")/g, '""');
}

export interface ExpressionUses {
  roots: Set<RootVariable>;
  /** Policy variables referred to directly. */
  variables: Set<string>;
}

export function usesOf(text: string): ExpressionUses {
  const code = withoutStrings(text);
  const roots = new Set<RootVariable>();
  for (const m of code.matchAll(/(?<![\w.])([A-Za-z_]\w*)/g)) {
    const name = m[1] as RootVariable;
    if ((ROOT_VARIABLES as readonly string[]).includes(name)) roots.add(name);
  }
  const variables = new Set<string>();
  for (const m of code.matchAll(/(?<![\w.])variables\s*\.\s*([A-Za-z_]\w*)/g)) if (m[1]) variables.add(m[1]);
  return { roots, variables };
}

/**
 * The variables an expression needs, in definition order, through the variables they use in turn
 * (a variable may use those defined before it).
 */
export function neededVariables(text: string, variables: readonly NamedExpression[]): string[] {
  const wanted = new Set(usesOf(text).variables);
  for (let i = variables.length - 1; i >= 0; i--) {
    const variable = variables[i];
    if (variable && wanted.has(variable.name)) for (const used of usesOf(variable.expression.text).variables) wanted.add(used);
  }
  return variables.filter((v) => wanted.has(v.name)).map((v) => v.name);
}

/** Every CEL variable an expression reads, through the policy variables it uses. */
export function rootsOf(text: string, variables: readonly NamedExpression[]): Set<RootVariable> {
  const roots = new Set(usesOf(text).roots);
  const needed = new Set(neededVariables(text, variables));
  for (const variable of variables)
    if (needed.has(variable.name)) for (const root of usesOf(variable.expression.text).roots) roots.add(root);
  return roots;
}

/**
 * The field of `object` an expression is about: the longest path of `object` it reads, itself or
 * through the variables it uses (`object.spec.replicas <= 5` -> spec.replicas); empty when it
 * reads none. A finding without a fieldPath is reported there.
 */
export function objectFieldOf(text: string, variables: readonly NamedExpression[]): string[] {
  let best: string[] = [];
  const consider = (path: string[]): void => {
    if (path.length > best.length) best = path;
  };
  for (const path of objectFields(text)) consider(path);
  const needed = new Set(neededVariables(text, variables));
  for (const variable of variables)
    if (needed.has(variable.name)) for (const path of objectFields(variable.expression.text)) consider(path);
  return best;
}

/** Every chain of fields read from `object`, in order. */
function objectFields(text: string): string[][] {
  const code = withoutStrings(text);
  const out: string[][] = [];
  for (const m of code.matchAll(/(?<![\w.])object((?:\s*\.\s*[A-Za-z_]\w*)+)/g)) {
    const segments = (m[1] ?? '')
      .split('.')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    // `object.metadata.name.startsWith(...)`: the last segment is a method, not a field.
    if (/^\s*\(/.test(code.slice(m.index + m[0].length))) segments.pop();
    if (segments.length > 0) out.push(segments);
  }
  return out;
}
