import { defineRule, type RuleReport } from '../src/engine/rule.js';
import { isWindowsPod, resolveSetting } from '../src/k8s/security.js';
import { containersOf, describeContainer } from '../src/k8s/workloads.js';

export default defineRule({
  id: 'read-only-root-fs',
  meta: {
    description: 'Containers run with a read-only root filesystem',
    category: 'security',
    defaultSeverity: 'warning',
    presets: ['strict'],
    scope: 'object',
    rationale:
      "With a writable root filesystem, an attacker who gets code execution can download tools, drop a web shell, or replace the application's binaries and configuration, and the change lasts until the container restarts. A read-only root filesystem turns those writes into errors, makes the container's contents match its image, and surfaces apps that silently write logs or caches to the container layer (which fills the node's disk and is lost on restart). The Pod Security Standards do not require it, but the CIS Kubernetes Benchmark and most hardening guides do. Windows pods cannot set the field and are skipped.",
    remediation:
      "Set `readOnlyRootFilesystem: true` in each container's securityContext and mount an emptyDir wherever the application must write (temporary files, caches, PID files):\n\n```yaml\ncontainers:\n  - name: web\n    securityContext:\n      readOnlyRootFilesystem: true\n    volumeMounts:\n      - name: tmp\n        mountPath: /tmp\nvolumes:\n  - name: tmp\n    emptyDir: {}\n```\n\nRun the container once with the flag to find the paths it writes to (the error names them).",
    defaults: {},
  },
  check({ object }) {
    const reports: RuleReport[] = [];
    for (const ref of containersOf(object, { ephemeral: true })) {
      if (isWindowsPod(ref.pod)) continue;
      const setting = resolveSetting(ref, 'readOnlyRootFilesystem');
      if (setting.value === true) continue;
      const who = describeContainer(ref);
      reports.push({
        path: setting.path,
        message:
          setting.value === undefined
            ? `${who} does not set securityContext.readOnlyRootFilesystem: set it to true and mount an emptyDir where it must write`
            : `${who} sets securityContext.readOnlyRootFilesystem: ${JSON.stringify(setting.value)}: set it to true and mount an emptyDir where it must write`,
      });
    }
    return reports;
  },
});
