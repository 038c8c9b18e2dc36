import { defineRule } from '../src/engine/rule.js';
import { celBackend } from '../src/policy/cel.js';
import type { PolicySet } from '../src/policy/load.js';
import { admissionReports, POLICIES_DOCS_URL } from '../src/policy/rules.js';

/** No policy files: only the policies and bindings among the linted objects. */
let none: PolicySet | undefined;

export default defineRule({
  id: 'admission-policy',
  meta: {
    description: 'Objects pass the ValidatingAdmissionPolicies bound to them, evaluated offline as the API server would on creation',
    category: 'correctness',
    defaultSeverity: 'error',
    presets: ['recommended'],
    scope: 'run',
    rationale: `A ValidatingAdmissionPolicy rejects (Deny), warns about (Warn) or audits (Audit) the objects its bindings match, but only at deploy time, when the API server evaluates it. The ValidatingAdmissionPolicies and bindings among the linted files, and those of the policy files (--policy, policyPaths), are evaluated here against every object they bind to: the severity follows the binding's validationActions (Deny: error, Warn: warning, Audit: info). A policy whose expressions do not compile is reported where it is written, since the API server refuses it. What a manifest cannot tell (authorizer checks, a Namespace outside the run) is reported once per policy as not checked. See ${POLICIES_DOCS_URL}.`,
    remediation:
      "Change the object so that the policy's validations hold (the message is the API server's), or, if the policy is wrong, fix the policy or its binding.",
    defaults: {},
  },
  checkRun({ objects, env }) {
    const set = env.policies ?? (none ??= { custom: [], admission: [], bindings: [], context: [], backend: celBackend });
    return admissionReports(objects, set);
  },
});
