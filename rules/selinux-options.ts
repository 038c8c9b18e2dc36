import { defineRule, type RuleReport } from '../src/engine/rule.js';
import { isRecord } from '../src/k8s/values.js';
import {
  containerSecurityContextPath,
  containerSetting,
  describeWorkload,
  podSetting,
  pssControl,
  baselineFinding,
  SELINUX_TYPES,
  versionAtLeast,
  NODE_AGENT_SEVERITY,
} from '../src/k8s/security.js';
import type { YamlPath } from '../src/types.js';
import { hasPlaceholder } from '../src/k8s/placeholders.js';
import { containersOf, describeContainer, podSpecOf } from '../src/k8s/workloads.js';

const CONTROL = pssControl('baseline', 'SELinux');

/** The problems of one seLinuxOptions value: the field and why. */
function problems(options: unknown, allowedTypes: ReadonlySet<string>): { field: string; what: string; fix: string }[] {
  if (!isRecord(options)) return [];
  const out: { field: string; what: string; fix: string }[] = [];
  const type = options.type;
  if (typeof type === 'string' && type !== '' && !hasPlaceholder(type) && !allowedTypes.has(type)) {
    out.push({ field: 'type', what: `SELinux type ${type}`, fix: 'use container_t or leave the type unset' });
  }
  for (const field of ['user', 'role'] as const) {
    const value = options[field];
    if (typeof value === 'string' && value !== '' && !hasPlaceholder(value)) {
      out.push({ field, what: `a custom SELinux ${field} "${value}"`, fix: `remove seLinuxOptions.${field}` });
    }
  }
  return out;
}

export default defineRule({
  id: 'selinux-options',
  meta: {
    description: 'Pods and containers do not set a custom SELinux user, role or a privileged SELinux type',
    category: 'security',
    defaultSeverity: 'error',
    presets: ['recommended'],
    scope: 'object',
    rationale: `On SELinux nodes (RHEL, Fedora, OpenShift), the runtime labels every container process container_t, the type that SELinux policy confines to its own files. Another type, such as spc_t (super-privileged container) or unconfined_t, or a custom SELinux user or role, escapes that confinement. The Baseline Pod Security Standard (control SELinux) allows only the types container_t, container_init_t, container_kvm_t and (since Kubernetes 1.31) container_engine_t, and no user or role; the level (MCS categories) may be set. kube-lint uses the target version. Severity error on applications, in \`recommended\`: a namespace that enforces Baseline (the Kubernetes project's minimum) rejects the pod. ${NODE_AGENT_SEVERITY}`,
    remediation:
      'Remove `seLinuxOptions.user` and `seLinuxOptions.role`, and leave `type` unset (or container_t). To share files between pods, set `seLinuxOptions.level` to the same MCS level instead of changing the type.',
    defaults: {},
  },
  check({ object, env }) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const allowed = new Set(SELINUX_TYPES.filter(([, since]) => versionAtLeast(env.kubernetesVersion, since)).map(([t]) => t));
    const reports: RuleReport[] = [];
    const report = (who: string, base: YamlPath, options: unknown): void => {
      for (const { field, what, fix } of problems(options, allowed)) {
        reports.push({ path: [...base, field], ...baselineFinding(object, `${who} sets ${what}`, fix, CONTROL) });
      }
    };
    const podOptions = podSetting(pod, 'seLinuxOptions');
    report(describeWorkload(object), podOptions.path, podOptions.value);
    for (const ref of containersOf(object, { ephemeral: true })) {
      report(describeContainer(ref), [...containerSecurityContextPath(ref), 'seLinuxOptions'], containerSetting(ref, 'seLinuxOptions'));
    }
    return reports;
  },
});
