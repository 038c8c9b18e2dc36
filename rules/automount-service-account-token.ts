import { defineRule } from '../src/engine/rule.js';
import { describeWorkload } from '../src/k8s/security.js';
import { podSpecOf } from '../src/k8s/workloads.js';

export default defineRule({
  id: 'automount-service-account-token',
  meta: {
    description: 'Pods that run as the default ServiceAccount do not mount its API token',
    category: 'security',
    defaultSeverity: 'warning',
    presets: ['strict'],
    scope: 'object',
    rationale:
      "Every pod gets a token for its ServiceAccount mounted at /var/run/secrets/kubernetes.io/serviceaccount unless told otherwise. For most applications it is unused, and a gift to whoever gets code execution in the pod: a credential for the Kubernetes API, with whatever RBAC the account has accumulated. Polaris reports it by default (automountServiceAccountToken). kube-lint reports only pods that run as the namespace's `default` ServiceAccount (no serviceAccountName, or `default`): a pod given its own ServiceAccount usually needs the API, and the account itself may set automountServiceAccountToken: false. Severity warning, in `strict`: the token is a risk only once the pod is compromised.",
    remediation:
      'Set `automountServiceAccountToken: false` in the pod spec. If the application does call the Kubernetes API, give it its own ServiceAccount with the few permissions it needs, and name it in serviceAccountName.',
    defaults: {},
  },
  check({ object }) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const spec = pod.spec as unknown as Record<string, unknown>;
    if (spec.automountServiceAccountToken != null) return []; // an explicit choice either way
    const account = spec.serviceAccountName ?? spec.serviceAccount;
    if (account !== undefined && account !== null && account !== '' && account !== 'default') return [];
    return [
      {
        path: pod.path,
        target: 'key',
        message: `${describeWorkload(object)} runs as the default ServiceAccount and mounts its API token: set automountServiceAccountToken: false in its pod spec, or give it its own ServiceAccount if it calls the API`,
      },
    ];
  },
});
