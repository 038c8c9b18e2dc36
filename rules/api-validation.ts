import { defineRule, type RuleReport } from '../src/engine/rule.js';
import { validateObject } from '../src/k8s/validation/index.js';

/**
 * The API server's hand-written validation (pkg/apis/<group>/validation in kubernetes/kubernetes),
 * ported to src/k8s/validation/. A sibling of `schema` rather than part of it: the schema rule
 * checks what the OpenAPI documents say, this one what the Go code decides, and a team can tell
 * them apart in reports and configuration. The warnings the API server sends on create are the
 * sibling rule `api-warnings`, so that turning the warnings down never turns the errors down.
 */
export default defineRule({
  id: 'api-validation',
  meta: {
    description: 'Objects pass the validation the API server runs on create, beyond what schemas express',
    category: 'correctness',
    defaultSeverity: 'error',
    presets: ['recommended'],
    scope: 'object',
    rationale:
      "Most of what the API server refuses is decided by its hand-written validation code, which no OpenAPI schema expresses: a volumeMount naming a volume the pod does not define, two containers with one name, a probe with two handlers, `env` with both `value` and `valueFrom`, a Deployment template with `restartPolicy: Never`, `maxSurge` and `maxUnavailable` both 0, a Job whose pods would restart Always, a CronJob schedule that does not parse, an Ingress path that is not absolute, a RoleBinding whose roleRef is not a role, a TLS Secret without `tls.key`, a PodDisruptionBudget with both `minAvailable` and `maxUnavailable`... Each passes schema validation and fails at `kubectl apply`, in the middle of a deploy. The checks are ported function by function from kubernetes/kubernetes (see docs/api-server-validation.md) and judge the object as the API server sees it, after its defaulting (a Job's unset restartPolicy is Always, a DaemonSet's unset maxUnavailable is 1, a Deployment's unset maxSurge 25%). Messages start with the API server's own text, so the error you would get from kubectl can be searched for. Values that are unresolved placeholders (`${VAR}`) are not judged, and pod specs whose containers have no image (patches merged later by kustomize or Helm) are skipped. StatefulSet pod templates are checked as the Pods the controller creates will be (the API server defers those checks to Pod creation, where they stall the rollout).",
    remediation:
      'Fix the field the message names, as the message says. The text before the ";" is what `kubectl apply` would print, for example `spec.template.spec.containers[1].name: Duplicate value: "web"`.',
    defaults: {},
  },
  check({ object, env }) {
    return validateObject(object, env.kubernetesVersion)
      .filter((f) => f.kind === 'error')
      .map((f): RuleReport => ({ path: f.path, message: f.message, ...(f.target ? { target: f.target } : {}) }));
  },
});
