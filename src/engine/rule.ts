/**
 * What a rule is: metadata plus a pure check function. A rule does no I/O and never computes line
 * numbers: it returns YAML paths (relative to the object) and messages; the engine finds ranges.
 */
import { lazyRequire } from '../lazy.js';
import type * as AjvModule from 'ajv';
import type { ValidateFunction } from 'ajv';
import type { KustomizeModel } from '../load/kustomize.js';
import type { LintObject, ObjectRole } from '../load/objects.js';

/** The object a rule sees (rules take the type from here, not from the loader). */
export type { LintObject, ObjectRole };
import type { SchemaRegistry } from '../schema/registry.js';
import type { PolicySet } from '../policy/load.js';
import { SEVERITY_RANK, type Category, type Severity, type YamlPath } from '../types.js';

export type { Category };
export type PresetName = 'recommended' | 'strict' | 'all';
export const PRESETS: readonly PresetName[] = ['recommended', 'strict', 'all'];

/**
 * `object`: sees one object at a time. `run`: sees every object of the run (cross-resource).
 * `builtin`: findings produced by the engine itself (parse errors, ...), documented like a rule.
 */
export type RuleScope = 'object' | 'run' | 'builtin';

export const DOCS_BASE_URL = 'https://github.com/kube-lint/kube-lint/blob/main/docs/rules';

export interface RuleMeta<O extends object> {
  description: string;
  category: Category;
  defaultSeverity: Severity;
  /** Presets that turn the rule on (`all` is implied). `strict` includes `recommended`. */
  presets: readonly Exclude<PresetName, 'all'>[];
  scope: RuleScope;
  rationale: string;
  remediation: string;
  /** JSON Schema of the options object, with a description for each property. */
  options?: Record<string, unknown>;
  defaults: O;
  /**
   * For object rules: the roles of objects the rule checks (default `['resource']`). A rule that
   * judges the fields an object has, not the ones it lacks, also checks kustomize `patch`es;
   * rules on `client-config` check kustomization files and the like.
   */
  appliesTo?: readonly ObjectRole[];
}

/** A problem a rule found: a path relative to the object and a message that says what to do. */
export interface RuleReport {
  path: YamlPath;
  message: string;
  /** Point at the map key rather than the value (for example an unwanted field). */
  target?: 'key' | 'value';
  /**
   * This finding's severity when it is lower than the rule's (a deprecated API is a warning where a
   * removed one is an error; a node agent's privilege a warning where an application's is an error).
   * It may lower the severity the rule runs at, never raise it: a rule set to `warning` reports
   * warnings (and `info` infos) everywhere, and a rule that is off reports nothing.
   */
  severity?: Severity;
  /**
   * The path only places the finding (an object's name, for a finding about the whole object): the
   * value there is not what is judged, so a placeholder in it does not drop the finding.
   */
  anchor?: boolean;
}

/** A cross-resource rule names the object each problem belongs to. */
export interface RunReport extends RuleReport {
  object: LintObject;
}

/** Facts about the run that rules may read. */
export interface RuleEnvironment {
  kubernetesVersion: string;
  strict: boolean;
  /** Schemas of the run (bundled, CRDs, schema folders); absent when the caller did not set them up. */
  schemas?: SchemaRegistry;
  /** What the run's kustomizations say (patches, apply units, the paths they name); empty without any. */
  kustomize?: KustomizeModel;
  /** Policies of the configuration and policy files (ValidatingAdmissionPolicies, bindings, context). */
  policies?: PolicySet;
}

export interface ObjectContext<O> {
  object: LintObject;
  options: O;
  env: RuleEnvironment;
}

export interface RunContext<O> {
  objects: readonly LintObject[];
  options: O;
  env: RuleEnvironment;
}

interface RuleBase<O extends object> {
  id: string;
  meta: RuleMeta<O>;
  docsUrl: string;
  /** Validates user options against `meta.options`, merged over the defaults. Throws on error. */
  resolveOptions(raw: unknown): O;
}

export interface ObjectRule<O extends object = object> extends RuleBase<O> {
  check(context: ObjectContext<O>): RuleReport[];
}

export interface RunRule<O extends object = object> extends RuleBase<O> {
  checkRun(context: RunContext<O>): RunReport[];
}

export type BuiltinRule<O extends object = object> = RuleBase<O>;

export type Rule<O extends object = object> = ObjectRule<O> | RunRule<O> | BuiltinRule<O>;
// Rules are stored together; their option types differ, so the list is typed loosely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = Rule<any>;

/**
 * The severity of one finding: the rule's configured severity, lowered to the finding's own when a
 * report gives a lower one (never raised).
 */
export function findingSeverity(configured: Severity, own: Severity | undefined): Severity {
  return own !== undefined && SEVERITY_RANK[own] < SEVERITY_RANK[configured] ? own : configured;
}

export function isObjectRule(rule: AnyRule): rule is ObjectRule {
  return rule.meta.scope === 'object' && 'check' in rule;
}

export function isRunRule(rule: AnyRule): rule is RunRule {
  return rule.meta.scope === 'run' && 'checkRun' in rule;
}

/** Thrown when options given to a rule do not fit its schema. */
export class RuleOptionsError extends Error {
  override name = 'RuleOptionsError';
}

let ajv: AjvModule.Ajv | undefined;

function optionsValidator(id: string, schema: Record<string, unknown> | undefined): ValidateFunction | undefined {
  if (!schema) return undefined;
  // Loaded on first use. The schemas are ours (and compiled by the tests): no need to check them
  // against the meta-schema, whose compilation alone costs a noticeable part of a cold start.
  ajv ??= new (lazyRequire('ajv').Ajv)({ allErrors: true, strict: true, useDefaults: false, validateSchema: false });
  try {
    return ajv.compile({ type: 'object', additionalProperties: false, ...schema });
  } catch (error) {
    throw new Error(`rule ${id}: options schema does not compile: ${(error as Error).message}`, { cause: error });
  }
}

function makeResolver<O extends object>(id: string, meta: RuleMeta<O>): (raw: unknown) => O {
  // Compiled on first use: most runs give most rules no options.
  let compiled = false;
  let validate: ValidateFunction | undefined;
  return (raw) => {
    if (raw === undefined || raw === null) return { ...meta.defaults };
    if (typeof raw !== 'object' || Array.isArray(raw)) throw new RuleOptionsError(`options of rule "${id}" must be an object`);
    if (!compiled) {
      validate = optionsValidator(id, meta.options);
      compiled = true;
    }
    if (!validate) {
      if (Object.keys(raw).length > 0) throw new RuleOptionsError(`rule "${id}" takes no options`);
      return { ...meta.defaults };
    }
    const merged = { ...meta.defaults, ...(raw as Partial<O>) };
    if (!validate(merged)) {
      const detail = (validate.errors ?? [])
        .map((e) =>
          e.keyword === 'additionalProperties'
            ? `unknown option "${String(e.params.additionalProperty)}"`
            : `${e.instancePath.slice(1) || 'options'} ${e.message ?? ''}`,
        )
        .join('; ');
      throw new RuleOptionsError(`invalid options for rule "${id}": ${detail}`);
    }
    return merged;
  };
}

interface ObjectRuleSpec<O extends object> {
  id: string;
  meta: RuleMeta<O> & { scope: 'object' };
  check(context: ObjectContext<O>): RuleReport[];
}
interface RunRuleSpec<O extends object> {
  id: string;
  meta: RuleMeta<O> & { scope: 'run' };
  checkRun(context: RunContext<O>): RunReport[];
}
interface BuiltinRuleSpec<O extends object> {
  id: string;
  meta: RuleMeta<O> & { scope: 'builtin' };
}

export function defineRule<O extends object>(spec: ObjectRuleSpec<O>): ObjectRule<O>;
export function defineRule<O extends object>(spec: RunRuleSpec<O>): RunRule<O>;
export function defineRule<O extends object>(spec: BuiltinRuleSpec<O>): BuiltinRule<O>;
export function defineRule<O extends object>(spec: ObjectRuleSpec<O> | RunRuleSpec<O> | BuiltinRuleSpec<O>): Rule<O> {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(spec.id)) throw new Error(`rule id "${spec.id}" is not kebab-case`);
  const resolveOptions = makeResolver(spec.id, spec.meta);
  // The defaults are checked against the options schema by the tests (test/startup.test.ts), not
  // at every start.
  return { ...spec, docsUrl: `${DOCS_BASE_URL}/${spec.id}.md`, resolveOptions };
}
