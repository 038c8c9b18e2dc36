/**
 * Evaluating policies on the objects of a run, as the API server would admit their creation:
 * `object` is the manifest, `oldObject` null, `request` a CREATE by an unnamed user,
 * `namespaceObject` the object's Namespace when the run has it, `params` the params object a
 * binding names (or a custom policy's own `params`), `variables` computed when an expression needs
 * them. What the manifests cannot give (`authorizer`, a Namespace not in the run) makes the check
 * "not evaluable", counted and reported once per policy, never passed in silence.
 */
import { describeObject, isRecord, type LintObject } from '../load/objects.js';
import { selectorMatches, labelMap } from '../k8s/selectors.js';
import type { Severity, YamlPath } from '../types.js';
import { neededVariables, objectFieldOf, rootsOf, usesOf, type RootVariable } from './expressions.js';
import { ADMISSION_GROUP, parseFieldPath } from './definitions.js';
import { matchCustom, matchResources, requestFacts, splitApiVersion, type RequestFacts, type RunIndex } from './match.js';
import {
  ACTION_SEVERITY,
  type BindingDefinition,
  type DefinitionProblem,
  type Expression,
  type NamedExpression,
  type PolicyDefinition,
  type Validation,
} from './model.js';

/** An expression compiled once per run. */
export interface Program {
  /** Evaluates with these CEL variables (values made by `CelBackend.value`). */
  evaluate(variables: Readonly<Record<string, unknown>>): EvalResult;
}

export type EvalResult = { ok: true; value: unknown } | { ok: false; error: string; runaway?: boolean };

/** The CEL environment policies are compiled and run in. */
export interface CelBackend {
  /** Compiles an expression that may use `names` as variables; throws an Error with the CEL message. */
  compile(text: string, names: readonly string[]): Program;
  /** A plain value (as parsed from YAML) as the backend's value: done once per object. */
  value(plain: unknown): unknown;
}

const DECLARED: readonly RootVariable[] = ['object', 'oldObject', 'request', 'params', 'namespaceObject', 'authorizer', 'variables'];

/** A policy with every expression compiled. */
export interface CompiledPolicy {
  definition: PolicyDefinition;
  programs: Map<Expression, Program>;
  /** Expressions that went over the CEL limit, and on which object: not run again in this run. */
  stopped: Map<Expression, string>;
  /** What each expression reads, found once (see `analysisOf`). */
  analyses: Map<Expression, Analysis>;
}

/** What an expression reads: the variables it needs, the CEL variables, the field of `object`. */
interface Analysis {
  needed: string[];
  roots: Set<RootVariable>;
  field: YamlPath;
}

function analysisOf(policy: CompiledPolicy, expression: Expression): Analysis {
  let analysis = policy.analyses.get(expression);
  if (!analysis) {
    const variables = policy.definition.variables;
    analysis = {
      needed: neededVariables(expression.text, variables),
      roots: rootsOf(expression.text, variables),
      field: objectFieldOf(expression.text, variables),
    };
    policy.analyses.set(expression, analysis);
  }
  return analysis;
}

/** Compiles every expression of a policy; each that does not compile is a problem at its line. */
export function compilePolicy(definition: PolicyDefinition, backend: CelBackend, problems: DefinitionProblem[]): CompiledPolicy {
  const programs = new Map<Expression, Program>();
  const expressions: [Expression, string][] = [
    ...definition.matchConditions.map((c) => [c.expression, `match condition "${c.name}"`] as [Expression, string]),
    ...definition.variables.map((v) => [v.expression, `variable "${v.name}"`] as [Expression, string]),
    ...definition.validations.flatMap((v, i): [Expression, string][] => [
      [v.expression, `validations[${i}].expression`],
      ...(v.messageExpression ? [[v.messageExpression, `validations[${i}].messageExpression`] as [Expression, string]] : []),
    ]),
  ];
  for (const [expression, what] of expressions) {
    // The authorizer asks the cluster; such an expression is never run offline (see `blocked`).
    if (usesOf(expression.text).roots.has('authorizer')) continue;
    try {
      programs.set(expression, backend.compile(expression.text, DECLARED));
    } catch (error) {
      const detail = (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ').trim();
      problems.push({ path: expression.path, message: `${what} does not compile: ${detail}` });
    }
  }
  return { definition, programs, stopped: new Map(), analyses: new Map() };
}

/** An expression as messages quote it: long ones cut. */
export function quoted(text: string): string {
  const flat = text.trim().replace(/\s+/g, ' ');
  return flat.length > 100 ? `${flat.slice(0, 97)}...` : flat;
}

/** A finding of a policy on an object. */
export interface PolicyReport {
  object: LintObject;
  path: YamlPath;
  message: string;
  severity?: Severity;
}

/** Checks left undone for want of what a manifest cannot give, counted per reason. */
export class NotEvaluable {
  readonly byReason = new Map<string, LintObject[]>();

  add(reason: string, object: LintObject): void {
    const list = this.byReason.get(reason);
    if (!list) this.byReason.set(reason, [object]);
    else if (!list.includes(object)) list.push(object);
  }

  /** One report per reason, on the first object concerned. */
  reports(policy: string, severity: Severity): PolicyReport[] {
    return [...this.byReason].flatMap(([reason, objects]) => {
      const first = objects[0];
      if (!first) return [];
      const names = objects.slice(0, 3).map(describeObject).join(', ');
      const more = objects.length > 3 ? ` and ${objects.length - 3} more` : '';
      const count = objects.length === 1 ? '1 object' : `${objects.length} objects`;
      return [
        {
          object: first,
          path: [],
          severity,
          message: `${policy} cannot be checked offline on ${count} (${names}${more}): ${reason}`,
        },
      ];
    });
  }
}

/** What evaluating one policy over a run needs. */
export interface PolicyRun {
  index: RunIndex;
  backend: CelBackend;
  /** Backend values of objects, made once per object for every policy. */
  values: WeakMap<object, unknown>;
  /** Request facts and starting CEL variables of objects, made once per object for every policy. */
  facts: WeakMap<LintObject, RequestFacts>;
  starts: WeakMap<LintObject, Start>;
}

export function newPolicyRun(index: RunIndex, backend: CelBackend): PolicyRun {
  return { index, backend, values: new WeakMap(), facts: new WeakMap(), starts: new WeakMap() };
}

/** The CEL variables every check of an object starts from, and those the run cannot give. */
interface Start {
  base: Record<string, unknown>;
  missing: Set<RootVariable>;
}

function factsOf(object: LintObject, run: PolicyRun): RequestFacts {
  let facts = run.facts.get(object);
  if (!facts) {
    facts = requestFacts(object, run.index);
    run.facts.set(object, facts);
  }
  return facts;
}

function startOf(object: LintObject, run: PolicyRun): Start {
  let start = run.starts.get(object);
  if (!start) {
    start = baseOf(object, factsOf(object, run), run);
    run.starts.set(object, start);
  }
  return start;
}

function valueOf(run: PolicyRun, plain: object): unknown {
  let value = run.values.get(plain);
  if (value === undefined) {
    value = run.backend.value(plain);
    run.values.set(plain, value);
  }
  return value;
}

function requestOf(facts: RequestFacts): Record<string, unknown> {
  const kind = { group: facts.group, version: facts.version, kind: facts.kind };
  const resource = { group: facts.group, version: facts.version, resource: facts.resource };
  return {
    uid: '',
    kind,
    resource,
    subResource: '',
    requestKind: kind,
    requestResource: resource,
    requestSubResource: '',
    name: facts.name,
    namespace: facts.namespace ?? '',
    operation: 'CREATE',
    userInfo: { username: '', uid: '', groups: [], extra: {} },
    dryRun: false,
    options: { apiVersion: 'meta.k8s.io/v1', kind: 'CreateOptions' },
  };
}

/** The evaluation of one (policy, binding, params) on one object. */
class Evaluation {
  private readonly variables = new Map<string, EvalResult>();
  private readonly variableValues = new Map<string, unknown>();
  /** The CEL variables as last made; undefined when a variable was added since. */
  private current: Record<string, unknown> | undefined;

  constructor(
    private readonly policy: CompiledPolicy,
    private readonly run: PolicyRun,
    private readonly base: Record<string, unknown>,
  ) {}

  /** Evaluates an expression, the variables it needs first (each once, errors kept). */
  evaluate(expression: Expression): EvalResult {
    const program = this.policy.programs.get(expression);
    if (!program) return { ok: false, error: 'the expression did not compile' };
    const stopped = this.policy.stopped.get(expression);
    if (stopped !== undefined) return { ok: false, error: `not run again: it went over the CEL limit on ${stopped}`, runaway: true };
    const definitions = this.policy.definition.variables;
    for (const name of analysisOf(this.policy, expression).needed) {
      const known = this.variables.get(name);
      if (known) {
        if (!known.ok) return known.runaway ? known : { ok: false, error: `variable "${name}": ${known.error}` };
        continue;
      }
      const variable = definitions.find((v) => v.name === name) as NamedExpression;
      const variableProgram = this.policy.programs.get(variable.expression);
      const result: EvalResult = variableProgram
        ? variableProgram.evaluate(this.activation())
        : { ok: false, error: 'the variable did not compile' };
      this.variables.set(name, result);
      if (result.ok) {
        this.variableValues.set(name, result.value);
        this.current = undefined;
      } else if (!result.runaway) {
        // The error belongs to the expression that reads the variable.
        return { ok: false, error: `variable "${name}": ${result.error}` };
      } else return result;
    }
    return program.evaluate(this.activation());
  }

  private activation(): Record<string, unknown> {
    this.current ??=
      this.variableValues.size === 0
        ? this.base
        : { ...this.base, variables: this.run.backend.value(Object.fromEntries(this.variableValues)) };
    return this.current;
  }
}

/** Where a validation's finding goes: its fieldPath, else the field of `object` it is about. */
function locationOf(policy: CompiledPolicy, validation: Validation): YamlPath {
  if (validation.fieldPath !== undefined) return parseFieldPath(validation.fieldPath) ?? [];
  return analysisOf(policy, validation.expression).field;
}

/** A message from messageExpression, when it gives one line of text. */
function messageOf(evaluation: Evaluation, validation: Validation): string {
  if (validation.messageExpression) {
    const result = evaluation.evaluate(validation.messageExpression);
    if (result.ok && typeof result.value === 'string' && result.value.trim() !== '' && !/[\r\n]/.test(result.value)) return result.value;
  }
  if (validation.message !== undefined && validation.message.trim() !== '') return validation.message;
  return `failed expression: ${quoted(validation.expression.text)}`;
}

/** How one policy's failures read and weigh: as kube-lint rule, or as the API server words them. */
interface Voice {
  severity?: Severity;
  say(message: string): string;
}

/**
 * Runs a policy's match conditions and validations on one object with the given CEL variables;
 * reports each failure. Not evaluable: recorded in `unknown`.
 */
function validate(
  policy: CompiledPolicy,
  object: LintObject,
  base: Record<string, unknown>,
  missing: Set<RootVariable>,
  voice: Voice,
  run: PolicyRun,
  out: PolicyReport[],
  unknown: NotEvaluable,
): void {
  const definition = policy.definition;
  const evaluation = new Evaluation(policy, run, base);
  const report = (path: YamlPath, message: string): void => {
    out.push({ object, path, message: voice.say(message), ...(voice.severity ? { severity: voice.severity } : {}) });
  };
  const runaway = (expression: Expression, what: string, path: YamlPath): void => {
    if (policy.stopped.has(expression)) {
      unknown.add(
        `${what} '${quoted(expression.text)}' went over the CEL limit on ${policy.stopped.get(expression) ?? ''} and was not run again`,
        object,
      );
      return;
    }
    policy.stopped.set(expression, describeObject(object));
    // Which bound is hit first (loop iterations or time) depends on the machine: not in the message.
    report(path, `${what} '${quoted(expression.text)}' went over the CEL evaluation limit (loop iterations or time): simplify it`);
  };
  const blocked = (expression: Expression): string | undefined => {
    const roots = analysisOf(policy, expression).roots;
    if (roots.has('authorizer')) return 'an expression uses authorizer, which asks the cluster who may do what';
    if (roots.has('namespaceObject') && missing.has('namespaceObject'))
      return "an expression reads namespaceObject, and the object's Namespace is not in the run";
    return undefined;
  };
  // Match conditions: any false skips the policy; otherwise an error fails it (failurePolicy Fail).
  let conditionError: string | undefined;
  for (const condition of definition.matchConditions) {
    const why = blocked(condition.expression);
    if (why) {
      unknown.add(why, object);
      return;
    }
    const result = evaluation.evaluate(condition.expression);
    if (result.ok && result.value === false) return;
    if (!result.ok) {
      if (result.runaway) {
        runaway(condition.expression, `match condition "${condition.name}"`, []);
        return;
      }
      conditionError ??= `match condition "${condition.name}" resulted in error: ${result.error}`;
    } else if (result.value !== true) conditionError ??= `match condition "${condition.name}" must evaluate to a bool`;
  }
  if (conditionError !== undefined) {
    if (definition.failurePolicy === 'Fail') report([], conditionError);
    return;
  }
  for (const validation of definition.validations) {
    const why = blocked(validation.expression);
    if (why) {
      unknown.add(why, object);
      continue;
    }
    const result = evaluation.evaluate(validation.expression);
    if (result.ok && result.value === true) continue;
    const path = locationOf(policy, validation);
    const text = quoted(validation.expression.text);
    if (result.ok && result.value === false) report(path, messageOf(evaluation, validation));
    else if (!result.ok && result.runaway) runaway(validation.expression, 'expression', path);
    else if (definition.failurePolicy === 'Fail') {
      const error = result.ok ? `must evaluate to a bool, got ${JSON.stringify(result.value) ?? typeof result.value}` : result.error;
      report(path, `expression '${text}' resulted in error: ${error}`);
    }
  }
}

/** Namespaces as the API server keeps them, labelled with their name (kubernetes.io/metadata.name), made once. */
const storedNamespaces = new WeakMap<LintObject, Record<string, unknown>>();

function namespaceAsStored(namespace: LintObject): Record<string, unknown> {
  let stored = storedNamespaces.get(namespace);
  if (!stored) {
    const value = namespace.value;
    const metadata = isRecord(value.metadata) ? value.metadata : {};
    const labels = isRecord(metadata.labels) ? metadata.labels : {};
    stored = { ...value, metadata: { ...metadata, labels: { ...labels, 'kubernetes.io/metadata.name': namespace.name ?? '' } } };
    storedNamespaces.set(namespace, stored);
  }
  return stored;
}

/** The CEL variables every check of `object` starts from, and those the run cannot give. */
function baseOf(object: LintObject, facts: RequestFacts, run: PolicyRun): { base: Record<string, unknown>; missing: Set<RootVariable> } {
  const missing = new Set<RootVariable>(['authorizer']);
  let namespaceObject: unknown = null;
  if (!facts.clusterScoped) {
    const namespace = facts.namespace !== undefined ? run.index.namespaces.get(facts.namespace) : undefined;
    if (namespace) namespaceObject = valueOf(run, namespaceAsStored(namespace));
    else missing.add('namespaceObject');
  }
  const base = {
    object: valueOf(run, object.value),
    oldObject: null,
    request: run.backend.value(requestOf(facts)),
    namespaceObject,
    params: null,
  };
  return { base, missing };
}

/** Checks of one custom policy over the run's objects. */
export function runCustomPolicy(policy: CompiledPolicy, objects: readonly LintObject[], run: PolicyRun): PolicyReport[] {
  const out: PolicyReport[] = [];
  const unknown = new NotEvaluable();
  const definition = policy.definition;
  const params = definition.params === undefined ? null : run.backend.value(definition.params);
  const voice: Voice = { say: (m) => m };
  for (const object of objects) {
    if (object.apiVersion === undefined || object.kind === undefined) continue;
    const outcome = matchCustom(definition.match, factsOf(object, run), run.index);
    if (outcome.kind === 'no') continue;
    if (outcome.kind === 'unknown') {
      unknown.add(outcome.reason, object);
      continue;
    }
    const { base, missing } = startOf(object, run);
    validate(policy, object, params === null ? base : { ...base, params }, missing, voice, run, out, unknown);
  }
  out.push(...unknown.reports(`policy "${definition.name}"`, 'info'));
  return out;
}

/** The params objects a binding selects for `object`, from the run and the policy files. */
export function paramsFor(
  policy: PolicyDefinition,
  binding: BindingDefinition,
  facts: RequestFacts,
  index: RunIndex,
): { params: LintObject[]; where: string } | undefined {
  const kind = policy.paramKind;
  const ref = binding.paramRef;
  if (!kind || !ref) return undefined;
  const { group } = splitApiVersion(kind.apiVersion);
  const clusterParams = index.isClusterScoped(group, kind.kind);
  // A param without metadata.namespace is applied along with the others: it matches any namespace.
  const namespace = clusterParams ? undefined : (ref.namespace ?? facts.namespace);
  let candidates = index
    .ofType(kind.apiVersion, kind.kind)
    .filter((p) => namespace === undefined || p.namespace === undefined || p.namespace === namespace);
  if (ref.name !== undefined) candidates = candidates.filter((p) => p.name === ref.name);
  if (ref.selector) {
    const selector = ref.selector;
    candidates = candidates.filter((p) =>
      selectorMatches(selector, labelMap(isRecord(p.value.metadata) ? p.value.metadata.labels : undefined)),
    );
  }
  const what = ref.name !== undefined ? `${kind.kind} "${ref.name}"` : `${kind.kind} objects selected by the binding's paramRef.selector`;
  return { params: candidates, where: `${what}${namespace !== undefined ? ` in namespace "${namespace}"` : ''}` };
}

/** Checks of one ValidatingAdmissionPolicy, through each of its bindings, over the run's objects. */
export function runAdmissionPolicy(
  policy: CompiledPolicy,
  bindings: readonly BindingDefinition[],
  objects: readonly LintObject[],
  run: PolicyRun,
): PolicyReport[] {
  const out: PolicyReport[] = [];
  const unknown = new NotEvaluable();
  const definition = policy.definition;
  for (const object of objects) {
    if (object.apiVersion === undefined || object.kind === undefined) continue;
    const facts = factsOf(object, run);
    // The API server never sends admission configuration to admission policies (no deadlock).
    if (facts.group === ADMISSION_GROUP) continue;
    const constraint = matchResources(definition.match, facts, run.index);
    if (constraint.kind === 'no') continue;
    if (constraint.kind === 'unknown') {
      unknown.add(constraint.reason, object);
      continue;
    }
    for (const binding of bindings) {
      const outcome = binding.match ? matchResources(binding.match, facts, run.index, true) : { kind: 'match' as const };
      if (outcome.kind === 'no') continue;
      if (outcome.kind === 'unknown') {
        unknown.add(`${outcome.reason} (binding '${binding.name}')`, object);
        continue;
      }
      const context = startOf(object, run);
      const severity = binding.actions.map((a) => ACTION_SEVERITY[a]).sort((a, b) => rank(b) - rank(a))[0] ?? 'error';
      const lead = `ValidatingAdmissionPolicy '${definition.name}' with binding '${binding.name}'`;
      const voice: Voice = {
        severity,
        say: (m) =>
          binding.actions.includes('Deny')
            ? `${lead} denied request: ${m}`
            : binding.actions.includes('Warn')
              ? `Validation failed for ${lead}: ${m}`
              : `${lead} would audit a validation failure: ${m}`,
      };
      const selected = paramsFor(definition, binding, facts, run.index);
      if (!selected) {
        validate(policy, object, context.base, context.missing, voice, run, out, unknown);
        continue;
      }
      if (selected.params.length === 0) {
        if (binding.paramRef?.parameterNotFoundAction === 'Deny') {
          out.push({
            object,
            path: [],
            severity,
            message: voice.say(
              `failed to configure binding: no params found for policy binding with \`Deny\` parameterNotFoundAction (looked for ${selected.where} in the linted files and policy files)`,
            ),
          });
        }
        continue;
      }
      for (const param of selected.params) {
        validate(policy, object, { ...context.base, params: valueOf(run, param.value) }, context.missing, voice, run, out, unknown);
      }
    }
  }
  out.push(...unknown.reports(`ValidatingAdmissionPolicy '${definition.name}'`, 'info'));
  return out;
}

function rank(severity: Severity): number {
  return severity === 'error' ? 3 : severity === 'warning' ? 2 : 1;
}
