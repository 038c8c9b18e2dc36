/**
 * CEL as Kubernetes evaluates it: the standard language and macros (@bufbuild/cel), the strings
 * extension, and the Kubernetes libraries (lists, sets, regex, URLs, quantity, IP and CIDR, format,
 * semver, optionals) that ./lib adds.
 *
 * - `compileCel(expression, variables)` parses and checks an expression once per run (cached by its
 *   text and declared variables): an undeclared variable or an unknown function is a compile error.
 * - `evaluateCel(program, bindings, limits)` runs it. Errors are values (`{ ok: false }`), never
 *   exceptions. Every iteration of a comprehension (`all`, `exists`, `map`, `filter`, ...) costs one
 *   step; an evaluation that goes over its step budget or its time budget stops with
 *   `kind: 'limit'`, so that no expression can hang a run.
 *
 * This module knows nothing of schemas: callers convert values (./values) and read results.
 */
import type { CelFunc, CelValue } from '@bufbuild/cel';
import { celRuntime, type CelRuntime } from './runtime.js';
import { opaqueOf, opaqueType, toCelValue } from './values.js';
import { listFuncs } from './lib/lists.js';
import { regexFuncs } from './lib/regex.js';
import { urlFuncs } from './lib/urls.js';
import { QUANTITY, compareQuantities, quantityFuncs, quantityOperand, type Quantity } from './lib/quantity.js';
import { CIDR, IP, formatIp, ipFuncs, type Cidr, type Ip } from './lib/ip.js';
import { SEMVER, compareSemver, semverFuncs, type Semver } from './lib/semver.js';
import { formatFuncs } from './lib/format.js';
import { rewriteOptionalSyntax } from './optional-syntax.js';

export { toCelValue, fromCelValue, celDouble, celTypeName, CelDouble } from './values.js';

/** Limits of one evaluation. */
export interface CelLimits {
  /** Comprehension iterations, all nested loops together (default 100,000: a rule over lists of a real manifest needs a few hundred). */
  steps?: number;
  /** Wall-clock milliseconds: a guard against a hang, set well above what the step budget takes (0.1 to 2 s under load), so that the step budget decides. */
  ms?: number;
}

export const DEFAULT_CEL_LIMITS: Required<CelLimits> = { steps: 100_000, ms: 10_000 };

/** A compiled expression. */
export interface CelProgram {
  readonly expression: string;
  readonly variables: readonly string[];
  /** Field selections rooted at a declared variable (see `CelReference`). */
  readonly references: readonly CelReference[];
  /** @internal */
  readonly run: (bindings: Record<string, CelValue>) => unknown;
}

/**
 * A chain of field selections from a declared variable: `self.spec.ports.all(p, p.name != '')`
 * gives `self.spec.ports` and `self.spec.ports[].name`. `'[]'` stands for an element of a list, a
 * value of a map or an index (`x[0]`, `x['k']`). Names are as written (escaped: `__namespace__`).
 * `has` is true for `has(...)` tests (the last field may be absent).
 */
export interface CelReference {
  variable: string;
  path: string[];
  has: boolean;
}

export type CelCompileResult = { ok: true; program: CelProgram } | { ok: false; error: string };

export type CelEvalResult = { ok: true; value: unknown } | { ok: false; kind: 'error' | 'limit'; error: string };

// ---------------------------------------------------------------------------------------------
// The environment

const STEP = '__kube_lint_step__';

interface StepState {
  steps: number;
  limit: number;
  deadline: number;
  exceeded: string | undefined;
}

const state: StepState = { steps: 0, limit: DEFAULT_CEL_LIMITS.steps, deadline: Infinity, exceeded: undefined };

function comparable(v: unknown): { type: string; compare: (other: unknown) => number } {
  switch (opaqueType(v)) {
    case QUANTITY: {
      const q = opaqueOf<Quantity>(v, QUANTITY) as Quantity;
      return { type: QUANTITY, compare: (o) => compareQuantities(q, quantityOperand(o)) };
    }
    case SEMVER: {
      const s = opaqueOf<Semver>(v, SEMVER) as Semver;
      return {
        type: SEMVER,
        compare: (o) => {
          const t = opaqueOf<Semver>(o, SEMVER);
          if (!t) throw new Error('no such overload: expected a Semver');
          return compareSemver(s, t);
        },
      };
    }
    default:
      throw new Error('no such overload: expected a Quantity or a Semver');
  }
}

function sharedFuncs({ cel }: CelRuntime): CelFunc[] {
  const { BOOL, INT, DYN, STRING } = cel.CelScalar;
  return [
    cel.celMethod('isGreaterThan', DYN, [DYN], BOOL, function (this: unknown, o) {
      return comparable(this).compare(o) > 0;
    }),
    cel.celMethod('isLessThan', DYN, [DYN], BOOL, function (this: unknown, o) {
      return comparable(this).compare(o) < 0;
    }),
    cel.celMethod('compareTo', DYN, [DYN], INT, function (this: unknown, o) {
      return BigInt(comparable(this).compare(o));
    }),
    cel.celFunc('string', [DYN], STRING, (v) => {
      const ip = opaqueOf<Ip>(v, IP);
      if (ip) return formatIp(ip);
      const c = opaqueOf<Cidr>(v, CIDR);
      if (c) return `${formatIp(c.ip)}/${c.prefix}`;
      throw new Error(`no such overload: string(${opaqueType(v) ?? 'dyn'})`);
    }),
    cel.celFunc(STEP, [DYN], DYN, (v) => {
      state.steps++;
      if (state.exceeded === undefined) {
        if (state.steps > state.limit) state.exceeded = `more than ${state.limit} iterations`;
        else if ((state.steps & 1023) === 0 && Date.now() > state.deadline) state.exceeded = 'its time budget';
      }
      if (state.exceeded !== undefined) throw new Error(`evaluation stopped: ${state.exceeded}`);
      return v;
    }),
  ];
}

/** Why the last evaluation stopped early (read after it: flow analysis cannot see the step function). */
function exceededReason(): string | undefined {
  return state.exceeded;
}

type Env = ReturnType<CelRuntime['cel']['celEnv']>;
let env: Env | undefined;

function celEnvironment(): Env {
  if (env) return env;
  const rt = celRuntime();
  const funcs = [
    ...rt.ext.strings,
    ...listFuncs(rt),
    ...regexFuncs(rt),
    ...urlFuncs(rt),
    ...quantityFuncs(rt),
    ...ipFuncs(rt),
    ...semverFuncs(rt),
    ...formatFuncs(rt),
    ...sharedFuncs(rt),
  ];
  env = rt.cel.celEnv({ funcs });
  return env;
}

// ---------------------------------------------------------------------------------------------
// Compiling

/** The parts of @bufbuild/cel's AST (cel.expr.Expr) that this module reads and writes. */
interface Expr {
  id: bigint;
  exprKind:
    | { case: 'identExpr'; value: { name: string } }
    | { case: 'selectExpr'; value: { operand?: Expr; field: string; testOnly: boolean } }
    | { case: 'callExpr'; value: { target?: Expr; function: string; args: Expr[] } }
    | { case: 'listExpr'; value: { elements: Expr[] } }
    | { case: 'structExpr'; value: { entries: { mapKey?: Expr; value?: Expr }[] } }
    | {
        case: 'comprehensionExpr';
        value: {
          iterVar: string;
          iterVar2: string;
          accuVar: string;
          iterRange?: Expr;
          accuInit?: Expr;
          loopCondition?: Expr;
          loopStep?: Expr;
          result?: Expr;
        };
      }
    | { case: 'constExpr' | undefined; value?: unknown };
}

function children(e: Expr): Expr[] {
  const k = e.exprKind;
  switch (k.case) {
    case 'selectExpr':
      return k.value.operand ? [k.value.operand] : [];
    case 'callExpr':
      return [...(k.value.target ? [k.value.target] : []), ...k.value.args];
    case 'listExpr':
      return k.value.elements;
    case 'structExpr':
      return k.value.entries.flatMap((en) => [en.mapKey, en.value].filter((x): x is Expr => x !== undefined));
    case 'comprehensionExpr': {
      const c = k.value;
      return [c.iterRange, c.accuInit, c.loopCondition, c.loopStep, c.result].filter((x): x is Expr => x !== undefined);
    }
    default:
      return [];
  }
}

/** `a.b.c` as a dotted name when the expression is only identifiers and selections. */
function qualifiedName(e: Expr): string | undefined {
  if (e.exprKind.case === 'identExpr') return e.exprKind.value.name;
  if (e.exprKind.case === 'selectExpr' && !e.exprKind.value.testOnly && e.exprKind.value.operand) {
    const head = qualifiedName(e.exprKind.value.operand);
    return head === undefined ? undefined : `${head}.${e.exprKind.value.field}`;
  }
  return undefined;
}

/** Identifiers that name types (`type(x) == string`). */
const TYPE_NAMES = new Set(['int', 'uint', 'double', 'bool', 'string', 'bytes', 'list', 'map', 'null_type', 'type']);

/** Checks names (variables, functions) and collects references; returns the first problem. */
function check(
  root: Expr,
  declared: ReadonlySet<string>,
  funcs: { find(name: string): unknown },
): { error?: string; references: CelReference[] } {
  const references: CelReference[] = [];
  let error: string | undefined;
  // Scope: variable -> the path it stands for (a declared variable: its own name; an iteration
  // variable over a tracked list: the list's path plus '[]'), or null when untracked.
  const visit = (e: Expr, scope: ReadonlyMap<string, CelReference | null>): CelReference | null => {
    if (error !== undefined) return null;
    const k = e.exprKind;
    switch (k.case) {
      case 'identExpr': {
        const name = k.value.name;
        if (scope.has(name)) return scope.get(name) ?? null;
        if (declared.has(name)) return { variable: name, path: [], has: false };
        if (TYPE_NAMES.has(name)) return null;
        error = `undeclared reference to '${name}'`;
        return null;
      }
      case 'selectExpr': {
        const operand = k.value.operand;
        if (!operand) return null;
        const base = visit(operand, scope);
        if (!base) return null;
        const ref = { variable: base.variable, path: [...base.path, k.value.field], has: k.value.testOnly };
        references.push(ref);
        return k.value.testOnly ? null : ref;
      }
      case 'callExpr': {
        const fn = k.value.function;
        const target = k.value.target;
        if (target) {
          const qual = qualifiedName(target);
          if (
            qual !== undefined &&
            !scope.has(qual.split('.')[0] ?? '') &&
            !declared.has(qual.split('.')[0] ?? '') &&
            funcs.find(`${qual}.${fn}`)
          ) {
            for (const a of k.value.args) visit(a, scope);
            return null;
          }
        }
        if (!/^[_@!-]/.test(fn) && !funcs.find(fn)) {
          error = `undeclared reference to '${fn}'${target ? " (in container '')" : ''}`;
          return null;
        }
        if (target) visit(target, scope);
        const args = k.value.args.map((a) => visit(a, scope));
        if (fn === '_[_]' && !target && args[0]) {
          const ref = { variable: args[0].variable, path: [...args[0].path, '[]'], has: false };
          references.push(ref);
          return ref;
        }
        return null;
      }
      case 'comprehensionExpr': {
        const c = k.value;
        const range = c.iterRange ? visit(c.iterRange, scope) : null;
        if (c.accuInit) visit(c.accuInit, scope);
        const inner = new Map(scope);
        inner.set(c.accuVar, null);
        // For a list, the (only) iteration variable is an element; with two (`all(i, v, ...)`),
        // the second is. For a map, the first is a key.
        if (c.iterVar2 !== '') {
          inner.set(c.iterVar, null);
          inner.set(c.iterVar2, range ? { variable: range.variable, path: [...range.path, '[]'], has: false } : null);
        } else {
          inner.set(c.iterVar, range ? { variable: range.variable, path: [...range.path, '[]'], has: false } : null);
        }
        for (const part of [c.loopCondition, c.loopStep, c.result]) if (part) visit(part, inner);
        return null;
      }
      default:
        for (const child of children(e)) visit(child, scope);
        return null;
    }
  };
  visit(root, new Map());
  return error === undefined ? { references } : { error, references };
}

/** Wraps the loop condition of every comprehension in a step-counting call. */
function instrument(root: Expr): void {
  let next = 0n;
  const maxId = (e: Expr): void => {
    if (e.id > next) next = e.id;
    for (const c of children(e)) maxId(c);
  };
  maxId(root);
  const walk = (e: Expr): void => {
    for (const c of children(e)) walk(c);
    if (e.exprKind.case === 'comprehensionExpr' && e.exprKind.value.loopCondition) {
      const cond = e.exprKind.value.loopCondition;
      next++;
      e.exprKind.value.loopCondition = {
        $typeName: 'cel.expr.Expr',
        id: next,
        exprKind: { case: 'callExpr', value: { $typeName: 'cel.expr.Expr.Call', function: STEP, args: [cond], target: undefined } },
      } as unknown as Expr;
    }
  };
  walk(root);
}

const compiled = new Map<string, CelCompileResult>();

/**
 * Compiles `expression` with the given variables declared (for example `['self']`, or
 * `['object', 'oldObject', 'params', 'request', 'variables']`). The result is kept for the run.
 */
export function compileCel(expression: string, variables: readonly string[]): CelCompileResult {
  const key = `${[...variables].sort().join(',')}\u0000${expression}`;
  const cached = compiled.get(key);
  if (cached) return cached;
  const result = compileUncached(expression, variables);
  compiled.set(key, result);
  return result;
}

function compileUncached(expression: string, variables: readonly string[]): CelCompileResult {
  const { cel } = celRuntime();
  const environment = celEnvironment();
  let parsed: { expr: unknown };
  try {
    parsed = cel.parse(rewriteOptionalSyntax(expression));
  } catch (e) {
    return { ok: false, error: `syntax error: ${(e as Error).message.replace(/^<input>:/, '')}` };
  }
  const root = parsed.expr as Expr;
  const { error, references } = check(root, new Set(variables), environment.funcs);
  if (error !== undefined) return { ok: false, error };
  instrument(root);
  let run: (bindings: Record<string, CelValue>) => unknown;
  try {
    run = cel.plan(environment, parsed as Parameters<typeof cel.plan>[1]);
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
  return { ok: true, program: { expression, variables: [...variables], references, run } };
}

// ---------------------------------------------------------------------------------------------
// Evaluating

/**
 * Evaluates a compiled program. Bindings are plain values (converted with `toCelValue`) or values
 * already converted; a declared variable left out is unbound (an error if the expression reads it).
 */
export function evaluateCel(program: CelProgram, bindings: Record<string, unknown>, limits: CelLimits = {}): CelEvalResult {
  const { cel } = celRuntime();
  const ctx: Record<string, CelValue> = {};
  for (const name of program.variables) {
    if (bindings[name] !== undefined) ctx[name] = toCelValue(bindings[name]);
  }
  state.steps = 0;
  state.limit = limits.steps ?? DEFAULT_CEL_LIMITS.steps;
  state.deadline = Date.now() + (limits.ms ?? DEFAULT_CEL_LIMITS.ms);
  state.exceeded = undefined;
  let value: unknown;
  try {
    value = program.run(ctx);
  } catch (e) {
    value = cel.celError(e);
  }
  const exceeded = exceededReason();
  if (exceeded !== undefined) return { ok: false, kind: 'limit', error: `evaluation stopped after ${exceeded}` };
  if (cel.isCelError(value)) return { ok: false, kind: 'error', error: value.message };
  return { ok: true, value };
}

/** Compiles (cached) and evaluates in one call. */
export function runCel(expression: string, bindings: Record<string, unknown>, limits?: CelLimits): CelEvalResult {
  const c = compileCel(expression, Object.keys(bindings));
  if (!c.ok) return { ok: false, kind: 'error', error: c.error };
  return evaluateCel(c.program, bindings, limits);
}

// ---------------------------------------------------------------------------------------------
// Field names

const RESERVED = new Set(
  'true false null in as break const continue else for function if import let loop package namespace return var void while'.split(' '),
);

/**
 * A property name as CEL expressions of Kubernetes see it (apiextensions escaping): reserved words
 * become `__word__`; `__`, `.`, `-` and `/` become `__underscores__`, `__dot__`, `__dash__` and
 * `__slash__`. Undefined when the name cannot be written in CEL at all (other characters).
 */
export function escapeCelFieldName(name: string): string | undefined {
  if (RESERVED.has(name)) return `__${name}__`;
  if (!/^[A-Za-z_][A-Za-z0-9_./-]*$/.test(name)) return undefined;
  return name.replace(/__|[./-]/g, (m) => (m === '__' ? '__underscores__' : m === '.' ? '__dot__' : m === '-' ? '__dash__' : '__slash__'));
}

/** The inverse of `escapeCelFieldName`. */
export function unescapeCelFieldName(name: string): string {
  const reserved = /^__([a-z]+)__$/.exec(name);
  if (reserved?.[1] !== undefined && RESERVED.has(reserved[1])) return reserved[1];
  return name.replace(/__(underscores|dot|dash|slash)__/g, (_, w: string) =>
    w === 'underscores' ? '__' : w === 'dot' ? '.' : w === 'dash' ? '-' : '/',
  );
}
