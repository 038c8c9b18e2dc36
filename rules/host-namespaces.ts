import { defineRule, type RuleReport } from '../src/engine/rule.js';
import { baselineFinding, describeWorkload, pssControl, NODE_AGENT_SEVERITY } from '../src/k8s/security.js';
import { podSpecOf } from '../src/k8s/workloads.js';

type HostNamespace = 'hostNetwork' | 'hostPID' | 'hostIPC';

export interface HostNamespacesOptions {
  allow: HostNamespace[];
}

const NAMESPACES: readonly { field: HostNamespace; what: string }[] = [
  {
    field: 'hostNetwork',
    what: "so it can reach services bound to the node's localhost, sniff node traffic and escape NetworkPolicy",
  },
  { field: 'hostPID', what: 'so it sees every process on the node and can read their environment and signal them' },
  { field: 'hostIPC', what: "so it can read and write host processes' shared memory" },
];

export default defineRule<HostNamespacesOptions>({
  id: 'host-namespaces',
  meta: {
    description: "Pods do not share the node's network, process or IPC namespaces (hostNetwork, hostPID, hostIPC)",
    category: 'security',
    defaultSeverity: 'error',
    presets: ['recommended'],
    scope: 'object',
    rationale: `Namespaces are what keep a container from seeing the rest of the node. With hostNetwork: true the pod uses the node's network stack: it can connect to anything listening on the node's localhost (the kubelet's read-only port, cloud metadata proxies, other pods' host-bound admin ports), sniff traffic, and NetworkPolicy no longer applies to it. With hostPID: true it sees every process on the node and, as root, can read their environment variables (often secrets), ptrace them or enter their namespaces through /proc. With hostIPC: true it shares System V shared memory and semaphores with host processes. The Baseline Pod Security Standard forbids all three (control Host Namespaces); severity error, in \`recommended\`, because a namespace that enforces Baseline (the Kubernetes project's minimum) rejects the pod. hostUsers: false (a user namespace for the pod) is the opposite, safe, setting and is not reported. ${NODE_AGENT_SEVERITY}`,
    remediation:
      'Remove `hostNetwork`, `hostPID` and `hostIPC` from the pod spec (they default to false). To expose a port, use a Service (NodePort or LoadBalancer) instead of the node network. Node agents that truly need a host namespace (CNI plugins, node exporters) can list it in the `allow` option or suppress the finding with a comment saying why.',
    options: {
      properties: {
        allow: {
          type: 'array',
          items: { enum: ['hostNetwork', 'hostPID', 'hostIPC'] },
          uniqueItems: true,
          description: 'Host namespaces that are accepted everywhere, for example ["hostNetwork"].',
        },
      },
    },
    defaults: { allow: [] },
  },
  check({ object, options }) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const spec = pod.spec as unknown as Record<string, unknown>;
    const reports: RuleReport[] = [];
    for (const { field, what } of NAMESPACES) {
      if (spec[field] !== true || options.allow.includes(field)) continue;
      reports.push({
        path: [...pod.path, field],
        ...baselineFinding(
          object,
          `${describeWorkload(object)} sets ${field}: true, ${what}`,
          'remove it',
          pssControl('baseline', 'Host Namespaces'),
        ),
      });
    }
    return reports;
  },
});
