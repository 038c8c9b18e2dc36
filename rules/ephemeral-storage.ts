import { defineRule, type RuleReport } from '../src/engine/rule.js';
import { hasResource, podLevelHas, resourcesPath } from '../src/k8s/resources.js';
import { containersOf, describeContainer } from '../src/k8s/workloads.js';

export interface EphemeralStorageOptions {
  requireLimit: boolean;
}

const RESOURCE = 'ephemeral-storage';

export default defineRule<EphemeralStorageOptions>({
  id: 'ephemeral-storage',
  meta: {
    description: 'Containers request (and limit) ephemeral-storage',
    category: 'reliability',
    defaultSeverity: 'warning',
    presets: [],
    scope: 'object',
    rationale:
      "A container's writable layer, its logs and its emptyDir volumes use the node's disk. The scheduler does not count that use unless the container requests ephemeral-storage, so pods that write a lot pile onto one node until its disk fills; the kubelet then evicts pods under DiskPressure, starting with those that exceed their requests (everything, when nothing is requested). A limit makes the kubelet evict the one offending pod instead. kube-score reports a missing request or limit by default (container-ephemeral-storage-request-and-limit). Severity warning, in no preset (turn it on in the config, or use `all`): most workloads write little, many clusters size node disks generously, and on the shared corpus it reported almost every container (999 findings), which is a preference rather than a defect for most of them.",
    remediation:
      'Set both from observed usage:\n\n```yaml\nresources:\n  requests:\n    ephemeral-storage: 1Gi\n  limits:\n    ephemeral-storage: 2Gi\n```\n\nA LimitRange can default them per namespace.',
    options: {
      properties: {
        requireLimit: { type: 'boolean', description: 'Also require resources.limits.ephemeral-storage.' },
      },
    },
    defaults: { requireLimit: true },
  },
  check({ object, options }) {
    const reports: RuleReport[] = [];
    for (const ref of containersOf(object)) {
      const resources = ref.container.resources;
      const request = hasResource(resources?.requests, RESOURCE) || podLevelHas(ref, 'requests', RESOURCE);
      const limit = hasResource(resources?.limits, RESOURCE) || podLevelHas(ref, 'limits', RESOURCE);
      // A limit alone becomes the request.
      const missing = [!request && !limit ? 'request' : undefined, options.requireLimit && !limit ? 'limit' : undefined].filter(
        (x): x is string => x !== undefined,
      );
      if (missing.length === 0) continue;
      reports.push({
        path: resourcesPath(ref),
        message: `${describeContainer(ref)} has no ephemeral-storage ${missing.join(' or ')}: set resources.${missing.length === 2 ? 'requests and limits' : missing[0] === 'request' ? 'requests' : 'limits'}.ephemeral-storage so its disk use is scheduled and bounded`,
      });
    }
    return reports;
  },
});
