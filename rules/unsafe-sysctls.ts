import { defineRule, type RuleReport } from '../src/engine/rule.js';
import { isRecord } from '../src/k8s/values.js';
import {
  baselineFinding,
  describeWorkload,
  podSecurityContextPath,
  pssControl,
  safeSysctls,
  NODE_AGENT_SEVERITY,
} from '../src/k8s/security.js';
import { hasPlaceholder } from '../src/k8s/placeholders.js';
import { podSpecOf } from '../src/k8s/workloads.js';

export interface UnsafeSysctlsOptions {
  allowedSysctls: string[];
}

const CONTROL = pssControl('baseline', 'Sysctls');

export default defineRule<UnsafeSysctlsOptions>({
  id: 'unsafe-sysctls',
  meta: {
    description: 'Pods set only the sysctls that are safe and namespaced',
    category: 'security',
    defaultSeverity: 'error',
    presets: ['recommended'],
    scope: 'object',
    rationale: `A sysctl set in \`spec.securityContext.sysctls\` changes a kernel parameter. Only a few are namespaced and isolated from other pods; the rest either change the whole node (vm.*, kernel.*, most net.core.*) or can disable security mechanisms. The Baseline Pod Security Standard (control Sysctls) allows only the safe set, which depends on the Kubernetes version: kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, net.ipv4.ip_unprivileged_port_start, net.ipv4.tcp_syncookies and net.ipv4.ping_group_range; net.ipv4.ip_local_reserved_ports since 1.27; net.ipv4.tcp_keepalive_time, tcp_fin_timeout, tcp_keepalive_intvl and tcp_keepalive_probes since 1.29; net.ipv4.tcp_rmem and tcp_wmem since 1.32. kube-lint uses the target version (--kubernetes-version). Besides the admission check, the kubelet refuses to start a pod with an unsafe sysctl unless it was started with --allowed-unsafe-sysctls. Severity error on applications, in \`recommended\`. ${NODE_AGENT_SEVERITY}`,
    remediation:
      'Remove the sysctl, or tune it on the nodes (a node image, a tuned DaemonSet in a privileged namespace). If the cluster deliberately allows it (kubelet --allowed-unsafe-sysctls and a namespace with a looser profile), list it in `allowedSysctls`.',
    options: {
      properties: {
        allowedSysctls: {
          type: 'array',
          items: { type: 'string' },
          description: 'Sysctls accepted besides the safe set, for example ["net.core.somaxconn"].',
        },
      },
    },
    defaults: { allowedSysctls: [] },
  },
  check({ object, options, env }) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const context = (pod.spec as unknown as Record<string, unknown>).securityContext;
    const sysctls = isRecord(context) ? context.sysctls : undefined;
    if (!Array.isArray(sysctls)) return [];
    const safe = safeSysctls(env.kubernetesVersion);
    const reports: RuleReport[] = [];
    sysctls.forEach((sysctl: unknown, index) => {
      if (!isRecord(sysctl) || typeof sysctl.name !== 'string' || hasPlaceholder(sysctl.name)) return;
      const name = sysctl.name;
      if (safe.has(name) || options.allowedSysctls.includes(name)) return;
      const dotted = name.replace(/\//g, '.');
      // A spelling only Pod Security Admission rejects is the owners' to fix, node agent or not.
      const finding = safe.has(dotted)
        ? {
            message: `${describeWorkload(object)} sets sysctl "${name}": write it as ${dotted}, the only spelling Pod Security Admission accepts${CONTROL}`,
          }
        : baselineFinding(
            object,
            `${describeWorkload(object)} sets sysctl ${name}, which is not in the safe set for Kubernetes ${env.kubernetesVersion}`,
            'remove it or tune it on the nodes',
            CONTROL,
          );
      reports.push({ path: [...podSecurityContextPath(pod), 'sysctls', index, 'name'], ...finding });
    });
    return reports;
  },
});
