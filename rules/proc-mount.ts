import { defineRule, type RuleReport } from '../src/engine/rule.js';
import {
  baselineFinding,
  containerSecurityContextPath,
  containerSetting,
  pssControl,
  usesUserNamespace,
  NODE_AGENT_SEVERITY,
} from '../src/k8s/security.js';
import { isPlaceholder } from '../src/k8s/placeholders.js';
import { containersOf, describeContainer } from '../src/k8s/workloads.js';

const CONTROL = pssControl('baseline', '/proc Mount Type');

export default defineRule({
  id: 'proc-mount',
  meta: {
    description: 'Containers keep the default masked /proc (procMount unset or Default)',
    category: 'security',
    defaultSeverity: 'error',
    presets: ['recommended'],
    scope: 'object',
    rationale: `The container runtime masks and makes read-only the parts of /proc that expose the node's kernel (/proc/kcore, /proc/sys, /proc/sysrq-trigger, ...). \`procMount: Unmasked\` removes those masks; it exists for nested containers in a user namespace. The Baseline Pod Security Standard (control /proc Mount Type) allows only Default or no value, except for pods that run in their own user namespace (hostUsers: false), where the unmasked /proc belongs to the pod's own user namespace; kube-lint skips those pods too, as Pod Security Admission does. Severity error on applications, in \`recommended\`: a namespace that enforces Baseline (the Kubernetes project's minimum) rejects the pod. ${NODE_AGENT_SEVERITY}`,
    remediation:
      'Remove `securityContext.procMount` (or set it to Default). A workload that runs containers inside its container (a build agent, a sandbox) should run with `hostUsers: false` so that root inside is not root on the node.',
    defaults: {},
  },
  check({ object }) {
    const reports: RuleReport[] = [];
    for (const ref of containersOf(object, { ephemeral: true })) {
      if (usesUserNamespace(ref.pod)) continue;
      const value = containerSetting(ref, 'procMount');
      if (value === undefined || value === 'Default' || isPlaceholder(value)) continue;
      reports.push({
        path: [...containerSecurityContextPath(ref), 'procMount'],
        ...baselineFinding(
          object,
          `${describeContainer(ref)} sets securityContext.procMount: ${JSON.stringify(value)}, unmasking the node's kernel interfaces in /proc`,
          'remove it',
          CONTROL,
        ),
      });
    }
    return reports;
  },
});
