import { defineRule, type RuleReport } from '../src/engine/rule.js';
import { hasResource, podLevelHas, resourcesPath } from '../src/k8s/resources.js';
import { containersOf, describeContainer } from '../src/k8s/workloads.js';

const RESOURCES = ['cpu', 'memory'] as const;

export default defineRule({
  id: 'resource-requests',
  meta: {
    description: 'Every container requests cpu and memory',
    category: 'reliability',
    defaultSeverity: 'warning',
    presets: ['recommended'],
    scope: 'object',
    rationale:
      'The scheduler places pods by their requests. A container without requests counts as needing nothing, so nodes get overcommitted: under pressure its pod is among the first evicted (BestEffort or Burstable QoS), CPU-starved neighbours slow down, and the HorizontalPodAutoscaler cannot compute utilisation for it. A limit without a request is fine here: Kubernetes then uses the limit as the request. Init containers count too, since the pod is scheduled for the largest of them.',
    remediation:
      'Set requests from observed usage (for example the p95 of the last weeks, or a VerticalPodAutoscaler in recommendation mode):\n\n```yaml\nresources:\n  requests:\n    cpu: 100m\n    memory: 128Mi\n```\n\nA LimitRange can default requests per namespace, but an explicit value in the manifest is reviewable.',
    defaults: {},
  },
  check({ object }) {
    const reports: RuleReport[] = [];
    for (const ref of containersOf(object)) {
      const resources = ref.container.resources;
      for (const resource of RESOURCES) {
        // A limit alone becomes the request; pod-level resources (spec.resources) cover every container.
        if (hasResource(resources?.requests, resource) || hasResource(resources?.limits, resource)) continue;
        if (podLevelHas(ref, 'requests', resource) || podLevelHas(ref, 'limits', resource)) continue;
        reports.push({
          path: resourcesPath(ref),
          message: `${describeContainer(ref)} has no ${resource} request: set resources.requests.${resource} so the scheduler reserves ${resource === 'cpu' ? 'CPU' : 'memory'} for it`,
        });
      }
    }
    return reports;
  },
});
