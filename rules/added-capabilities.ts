import { defineRule, type RuleReport } from '../src/engine/rule.js';
import { isRecord } from '../src/k8s/values.js';
import {
  BASELINE_CAPABILITIES,
  CAPABILITY_RISKS,
  containerSecurityContextPath,
  containerSetting,
  baselineFinding,
  normalizeCapability,
  pssControl,
  NODE_AGENT_SEVERITY,
} from '../src/k8s/security.js';
import { hasPlaceholder } from '../src/k8s/placeholders.js';
import { containersOf, describeContainer } from '../src/k8s/workloads.js';

export interface AddedCapabilitiesOptions {
  allowedCapabilities: string[];
}

const CONTROL = pssControl('baseline', 'Capabilities');

export default defineRule<AddedCapabilitiesOptions>({
  id: 'added-capabilities',
  meta: {
    description: "Containers add no Linux capability beyond the runtime's default set (Baseline)",
    category: 'security',
    defaultSeverity: 'error',
    presets: ['recommended'],
    scope: 'object',
    rationale: `The Baseline Pod Security Standard (control Capabilities) lets a container add only capabilities from the container runtimes' historical default set: AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID and SYS_CHROOT. Everything else is a known path to the node: SYS_ADMIN mounts filesystems and is the usual container escape, SYS_MODULE loads kernel modules, SYS_PTRACE reads other processes' memory, NET_ADMIN rewrites the node's network, NET_RAW spoofs packets, and ALL is as good as privileged. Pod Security Admission compares the names exactly, so \`cap_chown\` or \`chown\` is rejected even though the runtime would accept it. Severity error on applications, in \`recommended\`: a namespace that enforces Baseline (the Kubernetes project's minimum for every namespace) rejects the pod. The Restricted profile's stricter rule (drop ALL, add back only NET_BIND_SERVICE) is the \`capabilities\` rule, in \`strict\`; each added capability is reported by one of the two rules only. ${NODE_AGENT_SEVERITY}`,
    remediation:
      "Remove the capability from `securityContext.capabilities.add`, and grant the one power the workload needs some other way (a device plugin for hardware, a Service instead of NET_ADMIN tricks). Write capabilities without the CAP_ prefix, in upper case. A node agent that truly needs one (a CNI plugin's NET_ADMIN) belongs in a namespace with the privileged profile: list the capability in `allowedCapabilities` or suppress the finding there with a comment saying why.",
    options: {
      properties: {
        allowedCapabilities: {
          type: 'array',
          items: { type: 'string' },
          description: 'Capabilities accepted besides the Baseline set, without the CAP_ prefix, for example ["NET_ADMIN"].',
        },
      },
    },
    defaults: { allowedCapabilities: [] },
  },
  check({ object, options }) {
    const allowed = new Set(options.allowedCapabilities.map(normalizeCapability));
    const reports: RuleReport[] = [];
    for (const ref of containersOf(object, { ephemeral: true })) {
      const caps = containerSetting(ref, 'capabilities');
      const add = isRecord(caps) && Array.isArray(caps.add) ? caps.add : [];
      const who = describeContainer(ref);
      const path = [...containerSecurityContextPath(ref), 'capabilities', 'add'];
      // Forbidden capabilities: one finding per container, at the first, naming them all.
      const forbidden: { name: string; index: number }[] = [];
      add.forEach((raw: unknown, index) => {
        if (typeof raw !== 'string' || hasPlaceholder(raw)) return;
        const name = normalizeCapability(raw);
        if (allowed.has(name)) return;
        if (!BASELINE_CAPABILITIES.has(name)) {
          forbidden.push({ name, index });
        } else if (raw !== name) {
          reports.push({
            path: [...path, index],
            message: `${who} adds capability "${raw}": write it as ${name}, the only spelling Pod Security Admission accepts${CONTROL}`,
          });
        }
      });
      const first = forbidden[0];
      if (first === undefined) continue;
      const described = forbidden.map(({ name }) => {
        const risk = CAPABILITY_RISKS[name];
        return risk ? `${name} (${risk})` : name;
      });
      const fix =
        forbidden.length === 1 ? 'remove it from securityContext.capabilities.add' : 'remove them from securityContext.capabilities.add';
      reports.push({
        path: [...path, first.index],
        ...baselineFinding(
          object,
          `${who} adds ${forbidden.length === 1 ? 'capability' : 'capabilities'} ${described.join(', ')}`,
          fix,
          CONTROL,
        ),
      });
    }
    return reports;
  },
});
