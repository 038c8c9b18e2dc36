import { defineRule, type RuleReport } from '../src/engine/rule.js';
import { registryFor } from '../src/schema/registry.js';

/**
 * The CEL validation rules (`x-kubernetes-validations`) of custom resource schemas, evaluated as
 * the API server does (src/schema/cel-rules.ts), and the rules of CustomResourceDefinitions in the
 * run, which must compile. A rule of its own, beside `schema`: the rules are programs a CRD's
 * authors wrote, the place where a difference between kube-lint's CEL and the API server's would
 * show first, so a team can turn them off and keep OpenAPI validation.
 */
export default defineRule({
  id: 'cel-rule',
  meta: {
    description: 'Custom resources satisfy the CEL validation rules of their CRD, and CRDs carry rules that compile',
    category: 'correctness',
    defaultSeverity: 'error',
    presets: ['recommended'],
    scope: 'object',
    rationale:
      "CustomResourceDefinitions state much of what they accept as CEL rules (x-kubernetes-validations): Gateway API routes, cert-manager issuers, Flux objects and many operators reject values that pass every OpenAPI check. The API server evaluates these rules on every create and update and rejects the object with the rule's message. A CRD whose rules do not compile, or name a field its schema lacks, is itself rejected.",
    remediation:
      "Change the value the message names so that the rule holds (the message is the CRD author's). Rules that compare with the stored object (oldSelf) are not checked. For a CRD, fix the rule's expression or the field names it uses.",
    defaults: {},
  },
  check({ object, env }) {
    if (object.apiVersion === undefined || object.kind === undefined) return [];
    const result = registryFor(env).validate(object.value, object.apiVersion, object.kind);
    return (result?.issues ?? [])
      .filter((issue) => issue.rule === 'cel-rule')
      .map((issue): RuleReport => ({ path: issue.path, message: issue.message }));
  },
});
