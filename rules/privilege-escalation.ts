import { defineRule, type RuleReport } from '../src/engine/rule.js';
import { addsSysAdmin, containerSetting, isWindowsPod, pssControl, resolveSetting } from '../src/k8s/security.js';
import { containersOf, describeContainer } from '../src/k8s/workloads.js';

const CONTROL = pssControl('restricted', 'Privilege Escalation');

export default defineRule({
  id: 'privilege-escalation',
  meta: {
    description: 'Containers set allowPrivilegeEscalation: false',
    category: 'security',
    defaultSeverity: 'warning',
    presets: ['strict'],
    scope: 'object',
    rationale:
      'Unless allowPrivilegeEscalation is false, a process in the container can gain more privileges than its parent: a set-user-ID binary in the image (su, sudo, ping on older images, or one an attacker drops into a writable path) or file capabilities turn a foothold as an unprivileged user into root in the container, the first step of most container escapes. The field defaults to true, so it must be set explicitly; false sets the no_new_privs flag on the process. The Restricted Pod Security Standard (control Privilege Escalation) requires it on every container, init container and ephemeral container (Linux pods only). It is always true for a privileged container or one that adds CAP_SYS_ADMIN, and the API server rejects false together with privileged: true (rule `api-validation` reports that as an error). Severity warning, in `strict`: a hardening step that most images allow, not a setting that opens a known escape on its own.',
    remediation:
      'Add `allowPrivilegeEscalation: false` to the securityContext of every container (there is no pod-level field):\n\n```yaml\ncontainers:\n  - name: web\n    securityContext:\n      allowPrivilegeEscalation: false\n```\n\nIf the container is privileged or adds SYS_ADMIN, remove that first; an image that relies on sudo or set-user-ID binaries needs to be rebuilt to run as its final user.',
    defaults: {},
  },
  check({ object }) {
    const reports: RuleReport[] = [];
    for (const ref of containersOf(object, { ephemeral: true })) {
      if (isWindowsPod(ref.pod)) continue;
      const who = describeContainer(ref);
      const setting = resolveSetting(ref, 'allowPrivilegeEscalation');
      const privileged = containerSetting(ref, 'privileged') === true;
      const sysAdmin = addsSysAdmin(ref);
      if (setting.value === false) {
        // false with privileged: true is refused by the API server: rule api-validation reports it.
        if (!privileged && sysAdmin) {
          reports.push({
            path: setting.path,
            message: `${who} sets allowPrivilegeEscalation: false but adds SYS_ADMIN, which lets it escalate regardless: remove SYS_ADMIN from capabilities.add${CONTROL}`,
          });
        }
        continue;
      }
      const reason = privileged ? 'is privileged' : sysAdmin ? 'adds SYS_ADMIN' : undefined;
      if (reason !== undefined) {
        reports.push({
          path: setting.path,
          message: `${who} ${reason}, so privilege escalation is always allowed: remove ${privileged ? 'privileged: true' : 'SYS_ADMIN'}, then set securityContext.allowPrivilegeEscalation: false${CONTROL}`,
        });
      } else if (setting.value === undefined) {
        reports.push({
          path: setting.path,
          message: `${who} does not set securityContext.allowPrivilegeEscalation, which defaults to true: set it to false${CONTROL}`,
        });
      } else {
        reports.push({
          path: setting.path,
          message: `${who} sets securityContext.allowPrivilegeEscalation: ${JSON.stringify(setting.value)}: set it to false${CONTROL}`,
        });
      }
    }
    return reports;
  },
});
