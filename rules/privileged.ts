import { defineRule, type RuleReport } from '../src/engine/rule.js';
import { isRecord } from '../src/k8s/values.js';
import {
  containerSetting,
  containerSecurityContextPath,
  describeWorkload,
  podSetting,
  pssControl,
  baselineFinding,
  NODE_AGENT_SEVERITY,
} from '../src/k8s/security.js';
import { containersOf, describeContainer, podSpecOf } from '../src/k8s/workloads.js';

const HOST_PROCESS = pssControl('baseline', 'HostProcess');

export default defineRule({
  id: 'privileged',
  meta: {
    description: 'Containers do not run privileged (nor as Windows HostProcess containers)',
    category: 'security',
    defaultSeverity: 'error',
    presets: ['recommended'],
    scope: 'object',
    rationale: `A privileged container gets every Linux capability, all host devices (/dev), no seccomp or AppArmor confinement and a writable /sys: root in it is root on the node. Anyone who can run code in it (through an application bug or a poisoned image) can mount the host disk, load kernel modules and read every other pod's secrets. The Windows equivalent, a HostProcess container (windowsOptions.hostProcess: true), runs directly on the host. Both are forbidden by the Baseline Pod Security Standard (controls Privileged Containers and HostProcess), so a namespace labelled pod-security.kubernetes.io/enforce: baseline (or restricted) rejects the pod. Severity error on applications, in \`recommended\`: Baseline is the Kubernetes project's minimum for every namespace, and a linter's default should not be weaker than the cluster's own admission. ${NODE_AGENT_SEVERITY}`,
    remediation:
      'Remove `privileged: true` (and `windowsOptions.hostProcess: true`) from the securityContext. If the workload needs one specific power, grant only that: a capability in `securityContext.capabilities.add` (for example NET_ADMIN for a CNI agent), a device plugin for hardware, or a hostPath volume for one file. Node agents that truly need it (CNI, CSI node plugins) belong in a namespace that allows the privileged profile; suppress the finding there with a comment saying why.',
    defaults: {},
  },
  check({ object }) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const reports: RuleReport[] = [];
    const podWindows = podSetting(pod, 'windowsOptions');
    if (isRecord(podWindows.value) && podWindows.value.hostProcess === true) {
      reports.push({
        path: [...podWindows.path, 'hostProcess'],
        ...baselineFinding(
          object,
          `${describeWorkload(object)} sets securityContext.windowsOptions.hostProcess: true, so its containers run directly on the Windows host`,
          'remove it',
          HOST_PROCESS,
        ),
      });
    }
    for (const ref of containersOf(object, { ephemeral: true })) {
      const who = describeContainer(ref);
      const context = containerSecurityContextPath(ref);
      if (containerSetting(ref, 'privileged') === true) {
        reports.push({
          path: [...context, 'privileged'],
          ...baselineFinding(
            object,
            `${who} runs privileged, with every capability and all host devices`,
            'remove securityContext.privileged: true and add only the capabilities it needs',
            pssControl('baseline', 'Privileged Containers'),
          ),
        });
      }
      const windows = containerSetting(ref, 'windowsOptions');
      if (isRecord(windows) && windows.hostProcess === true) {
        reports.push({
          path: [...context, 'windowsOptions', 'hostProcess'],
          ...baselineFinding(
            object,
            `${who} sets securityContext.windowsOptions.hostProcess: true and runs directly on the Windows host`,
            'remove it',
            HOST_PROCESS,
          ),
        });
      }
    }
    return reports;
  },
});
