import { defineRule, type RuleReport } from '../src/engine/rule.js';
import {
  containerSecurityContextPath,
  containerSetting,
  describeWorkload,
  isWindowsPod,
  podSetting,
  pssControl,
  baselineFinding,
  seccompTypeOf,
  NODE_AGENT_SEVERITY,
} from '../src/k8s/security.js';
import { containersOf, describeContainer, podSpecOf } from '../src/k8s/workloads.js';

const CONTROL = pssControl('baseline', 'Seccomp');

export default defineRule({
  id: 'seccomp-unconfined',
  meta: {
    description: 'Pods and containers do not turn seccomp off (seccompProfile.type: Unconfined)',
    category: 'security',
    defaultSeverity: 'error',
    presets: ['recommended'],
    scope: 'object',
    rationale: `Seccomp filters the system calls a container may make; the runtime's default profile blocks the few dozen that applications do not use but kernel exploits and container escapes do (unshare, mount, keyctl, bpf, ...). \`seccompProfile.type: Unconfined\` turns the filter off explicitly, even on clusters whose kubelets apply RuntimeDefault by default (seccompDefault: true). The Baseline Pod Security Standard (control Seccomp) forbids it at pod and container level; severity error, in \`recommended\`, because a namespace that enforces Baseline (the Kubernetes project's minimum) rejects the pod. Requiring a profile on every container is the Restricted profile's rule, \`seccomp-profile\`, in \`strict\`. Windows pods are skipped. ${NODE_AGENT_SEVERITY}`,
    remediation:
      'Use `type: RuntimeDefault`. If a program really needs a system call the default profile blocks, write a Localhost profile that allows just that one (`type: Localhost`, `localhostProfile: profiles/app.json`, installed on every node) rather than turning filtering off.',
    defaults: {},
  },
  check({ object }) {
    const pod = podSpecOf(object);
    if (!pod || isWindowsPod(pod)) return [];
    const reports: RuleReport[] = [];
    const podProfile = podSetting(pod, 'seccompProfile');
    if (seccompTypeOf(podProfile.value) === 'Unconfined') {
      reports.push({
        path: [...podProfile.path, 'type'],
        ...baselineFinding(
          object,
          `${describeWorkload(object)} sets securityContext.seccompProfile.type: Unconfined, turning off syscall filtering for its containers`,
          'use RuntimeDefault',
          CONTROL,
        ),
      });
    }
    for (const ref of containersOf(object, { ephemeral: true })) {
      if (seccompTypeOf(containerSetting(ref, 'seccompProfile')) !== 'Unconfined') continue;
      reports.push({
        path: [...containerSecurityContextPath(ref), 'seccompProfile', 'type'],
        ...baselineFinding(
          object,
          `${describeContainer(ref)} sets securityContext.seccompProfile.type: Unconfined and may make any system call`,
          'use RuntimeDefault',
          CONTROL,
        ),
      });
    }
    return reports;
  },
});
