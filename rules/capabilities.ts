import { defineRule, type RuleReport } from '../src/engine/rule.js';
import { isRecord } from '../src/k8s/values.js';
import {
  BASELINE_CAPABILITIES,
  CAPABILITY_RISKS,
  pssControl,
  containerSecurityContextPath,
  containerSetting,
  isWindowsPod,
  normalizeCapability,
  RESTRICTED_CAPABILITIES,
} from '../src/k8s/security.js';
import { hasPlaceholder } from '../src/k8s/placeholders.js';
import { containersOf, describeContainer } from '../src/k8s/workloads.js';

export interface CapabilitiesOptions {
  allowedCapabilities: string[];
  requireDropAll: boolean;
}

const CONTROL = pssControl('restricted', 'Capabilities');

export default defineRule<CapabilitiesOptions>({
  id: 'capabilities',
  meta: {
    description: 'Containers drop ALL capabilities and add back at most NET_BIND_SERVICE',
    category: 'security',
    defaultSeverity: 'warning',
    presets: ['strict'],
    scope: 'object',
    rationale:
      "Linux capabilities split root's powers into pieces, and a container gets about a dozen of them by default (CHOWN, DAC_OVERRIDE, SETUID, NET_RAW, ...), enough for a compromised process to change file ownership, switch users or spoof packets on the pod network. Dropping ALL removes them; almost every application needs none, and one that binds a port below 1024 needs only NET_BIND_SERVICE. Adding capabilities goes the other way: SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYS_MODULE and NET_RAW are forbidden even by the Baseline Pod Security Standard, because each is a known path to the node. The Restricted standard (control Capabilities) requires `drop: [ALL]` on every container and allows adding only NET_BIND_SERVICE (Linux pods only). This rule reports the Restricted part: a missing `drop: [ALL]` and added capabilities from the Baseline set other than the allowed ones; capabilities that even Baseline forbids, and misspelled names, are reported by `added-capabilities` (in `recommended`), so each problem is reported once. Severity warning, in `strict`: most images run fine without the default capabilities, but dropping them is a hardening step, not a fix for a known escape.",
    remediation:
      "Drop everything and add back only what the process needs:\n\n```yaml\nsecurityContext:\n  capabilities:\n    drop: [ALL]\n    add: [NET_BIND_SERVICE]   # only if it binds a port below 1024\n```\n\nInstead of NET_BIND_SERVICE, the app can often listen on a port above 1024 and let the Service map port 80 to it. If a workload needs a forbidden capability (a CNI agent's NET_ADMIN), keep it in a namespace with a less strict profile and suppress the finding there with a comment saying why.",
    options: {
      properties: {
        allowedCapabilities: {
          type: 'array',
          items: { type: 'string' },
          description:
            'Capabilities a container may add, without the CAP_ prefix. The Restricted standard allows only NET_BIND_SERVICE; Baseline also allows AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, SETFCAP, SETGID, SETPCAP, SETUID and SYS_CHROOT.',
        },
        requireDropAll: { type: 'boolean', description: 'Require `drop: [ALL]` on every container.' },
      },
    },
    defaults: { allowedCapabilities: [...RESTRICTED_CAPABILITIES], requireDropAll: true },
  },
  check({ object, options }) {
    const allowed = new Set(options.allowedCapabilities.map(normalizeCapability));
    const reports: RuleReport[] = [];
    for (const ref of containersOf(object, { ephemeral: true })) {
      if (isWindowsPod(ref.pod)) continue;
      const who = describeContainer(ref);
      const path = [...containerSecurityContextPath(ref), 'capabilities'];
      const caps = containerSetting(ref, 'capabilities');
      const add = isRecord(caps) && Array.isArray(caps.add) ? caps.add : [];
      const drop = isRecord(caps) && Array.isArray(caps.drop) ? caps.drop : undefined;

      add.forEach((raw: unknown, index) => {
        if (typeof raw !== 'string' || hasPlaceholder(raw)) return;
        const name = normalizeCapability(raw);
        // Capabilities beyond the Baseline set, and misspellings, are the added-capabilities rule's.
        if (allowed.has(name) || !BASELINE_CAPABILITIES.has(name)) return;
        const risk = CAPABILITY_RISKS[name];
        reports.push({
          path: [...path, 'add', index],
          message: `${who} adds capability ${name}${risk ? ` (${risk})` : ''}, which the Restricted profile does not allow: remove it from securityContext.capabilities.add${CONTROL}`,
        });
      });

      if (!options.requireDropAll) continue;
      const dropped = (drop ?? []).filter((c): c is string => typeof c === 'string');
      if (dropped.includes('ALL')) continue;
      const lowerAll = dropped.find((c) => c.trim().toUpperCase() === 'ALL');
      if (lowerAll !== undefined) {
        // The runtime accepts any case, but Pod Security Admission compares exactly.
        reports.push({
          path: [...path, 'drop', (drop ?? []).indexOf(lowerAll)],
          message: `${who} drops "${lowerAll}": write it as ALL, the only spelling Pod Security Admission accepts${CONTROL}`,
        });
        continue;
      }
      reports.push({
        path: [...path, 'drop'],
        message:
          dropped.length === 0
            ? `${who} keeps the runtime's default capabilities: set securityContext.capabilities.drop: [ALL]${CONTROL}`
            : `${who} drops only ${dropped.join(', ')}: drop ALL instead, securityContext.capabilities.drop: [ALL]${CONTROL}`,
      });
    }
    return reports;
  },
});
