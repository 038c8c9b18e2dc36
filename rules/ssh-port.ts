import { defineRule, type RuleReport } from '../src/engine/rule.js';
import { containersOf, describeContainer } from '../src/k8s/workloads.js';
import { isRecord } from '../src/k8s/values.js';

export default defineRule({
  id: 'ssh-port',
  meta: {
    description: 'Containers do not expose port 22 (SSH)',
    category: 'security',
    defaultSeverity: 'warning',
    presets: ['strict'],
    scope: 'object',
    rationale:
      'An SSH server in a container is a second way in that bypasses `kubectl exec` and its RBAC and audit log, usually with long-lived keys or passwords baked into the image, and it is a favourite target of scanners once a Service exposes it. Debugging belongs to `kubectl exec` or `kubectl debug`. Some workloads are SSH servers by design (a Git server, a bastion, an SFTP service), which is why the rule is in `strict` only; kube-linter reports it by default (ssh-port). A TCP containerPort 22 is reported (the protocol defaults to TCP).',
    remediation:
      'Remove the SSH server and its port; use `kubectl exec` or `kubectl debug` to get a shell. For a deliberate SSH service (Git over SSH, SFTP), keep it and suppress the finding with a comment saying so, and make sure keys are not in the image.',
    defaults: {},
  },
  check({ object }) {
    const reports: RuleReport[] = [];
    for (const ref of containersOf(object, { ephemeral: true })) {
      const ports = (ref.container as unknown as Record<string, unknown>).ports;
      if (!Array.isArray(ports)) continue;
      ports.forEach((port: unknown, index) => {
        if (!isRecord(port) || port.containerPort !== 22) return;
        if (port.protocol !== undefined && port.protocol !== 'TCP') return;
        reports.push({
          path: [...ref.path, 'ports', index, 'containerPort'],
          message: `${describeContainer(ref)} exposes port 22, the SSH port: remove the SSH server and use kubectl exec, or suppress this finding if it is an SSH service by design`,
        });
      });
    }
    return reports;
  },
});
