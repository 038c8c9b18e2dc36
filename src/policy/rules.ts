/**
 * Policies as rules. Each of kube-lint's own policies is a cross-resource rule with the policy's id:
 * turned on and off, re-severitied and suppressed like any rule. The ValidatingAdmissionPolicies
 * (of the linted files and of the policy files) are checked by the built-in rule
 * `admission-policy`, whose findings take their severity from the binding's validationActions.
 */
import { defineRule, type RunReport, type RunRule } from '../engine/rule.js';
import type { LintObject } from '../load/objects.js';
import { BINDING_KIND, isAdmissionObject, POLICY_KIND, readAdmissionPolicy, readBinding } from './definitions.js';
import {
  compilePolicy,
  newPolicyRun,
  runAdmissionPolicy,
  runCustomPolicy,
  type CompiledPolicy,
  type PolicyRun,
  type PolicyReport,
} from './evaluate.js';
import { lineIn, type PolicySet } from './load.js';
import { RunIndex } from './match.js';
import type { BindingDefinition, DefinitionProblem, Origin } from './model.js';

export const POLICIES_DOCS_URL = 'https://github.com/kube-lint/kube-lint/blob/main/docs/policies.md';

/** One PolicyRun per run (the objects' CEL values are made once for every policy). */
const runs = new WeakMap<readonly LintObject[], PolicyRun>();

function policyRunFor(objects: readonly LintObject[], set: PolicySet): PolicyRun {
  let run = runs.get(objects);
  if (!run) {
    run = newPolicyRun(new RunIndex([...objects, ...set.context]), set.backend());
    runs.set(objects, run);
  }
  return run;
}

function toRunReports(reports: readonly PolicyReport[]): RunReport[] {
  return reports.map(({ object, path, message, severity }) => ({ object, path, message, ...(severity ? { severity } : {}) }));
}

/** The rule of one of kube-lint's own policies. */
export function customPolicyRule(policy: CompiledPolicy, set: PolicySet): RunRule {
  const definition = policy.definition;
  const meta = definition.meta;
  if (!meta) throw new Error(`policy ${definition.name} is not one of kube-lint's own`);
  const line = definition.origin.lineOf(definition.origin.path);
  const where = `${definition.origin.file}${line !== undefined ? `:${line}` : ''}`;
  const rule = defineRule<Record<string, never>>({
    id: definition.name,
    meta: {
      description: meta.description,
      category: meta.category,
      defaultSeverity: meta.severity,
      presets: ['recommended'],
      scope: 'run',
      rationale: `A policy of this repository, defined in ${where}.`,
      remediation: meta.remediation ?? 'Change the object so that it meets the policy, or ask the policy owners for an exception.',
      defaults: {},
    },
    checkRun({ objects }) {
      return toRunReports(runCustomPolicy(policy, objects, policyRunFor(objects, set)));
    },
  });
  return { ...rule, docsUrl: meta.docsUrl ?? POLICIES_DOCS_URL, source: where } as RunRule & { source: string };
}

function objectOrigin(object: LintObject): Origin {
  return {
    file: object.filePath,
    path: [],
    lineOf: (p) => lineIn(object.document, [...object.basePath, ...p]),
  };
}

/**
 * What `admission-policy` reports over a run: problems of the ValidatingAdmissionPolicies and
 * bindings among the linted objects (their expressions must compile, as the API server checks when
 * they are created), then every policy with a binding, through each binding, on every object.
 */
export function admissionReports(objects: readonly LintObject[], set: PolicySet): RunReport[] {
  const reports: RunReport[] = [];
  const policies: CompiledPolicy[] = [];
  const bindings: BindingDefinition[] = [];
  const problem = (object: LintObject) => (p: DefinitionProblem) =>
    reports.push({ object, path: p.path, message: p.message, severity: 'error' });
  for (const object of objects) {
    const isPolicy = isAdmissionObject(object.value, POLICY_KIND);
    const isBinding = !isPolicy && isAdmissionObject(object.value, BINDING_KIND);
    if (!isPolicy && !isBinding) continue;
    const problems: DefinitionProblem[] = [];
    if (isPolicy) {
      const definition = readAdmissionPolicy(object.value, objectOrigin(object), problems);
      if (definition && problems.length === 0) {
        const compiled = compilePolicy(definition, set.backend(), problems);
        if (problems.length === 0) policies.push(compiled);
      }
    } else {
      const binding = readBinding(object.value, objectOrigin(object), problems);
      if (binding && problems.length === 0) bindings.push(binding);
    }
    problems.forEach(problem(object));
  }
  const allPolicies = [...policies, ...set.admission.filter((p) => !policies.some((q) => q.definition.name === p.definition.name))];
  const allBindings = [...bindings, ...set.bindings];
  if (allPolicies.length === 0 || allBindings.length === 0) return reports;
  const run = policyRunFor(objects, set);
  for (const policy of allPolicies) {
    const bound = allBindings.filter((b) => b.policyName === policy.definition.name);
    if (bound.length === 0) continue;
    reports.push(...toRunReports(runAdmissionPolicy(policy, bound, objects, run)));
  }
  return reports;
}
