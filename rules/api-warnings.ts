import { defineRule, type RuleReport } from '../src/engine/rule.js';
import { validateObject } from '../src/k8s/validation/index.js';

/**
 * The warnings the API server returns on create (pkg/api/pod/warnings.go,
 * pkg/api/service/warnings.go, the Ingress registry). A rule of its own, next to `api-validation`:
 * a per-finding severity would be flattened by a user's severity for the rule, so errors and
 * warnings live in two rules that can be configured apart.
 */
export default defineRule({
  id: 'api-warnings',
  meta: {
    description: 'Objects draw no warning from the API server on create',
    category: 'correctness',
    defaultSeverity: 'warning',
    presets: ['recommended'],
    scope: 'object',
    rationale:
      'The API server accepts these objects but answers with a warning (`Warning: ...` in kubectl output), because a field is deprecated or ignored, or because the object says something it does not mean: a duplicate env var that `kubectl apply` may drop, a memory request of "100m" (a tenth of a byte), a port declared twice, a deprecated node label in a selector, a removed volume plugin, an `ingress.class` annotation that spec.ingressClassName replaces, a headless Service field that is ignored. The warnings are ported from kubernetes/kubernetes with their text.',
    remediation: 'Do what the message says after the ";"; the text before it is the warning kubectl would print.',
    defaults: {},
  },
  check({ object, env }) {
    return validateObject(object, env.kubernetesVersion)
      .filter((f) => f.kind === 'warning')
      .map((f): RuleReport => ({ path: f.path, message: f.message, ...(f.target ? { target: f.target } : {}) }));
  },
});
