import { defineRule, type RuleReport } from '../src/engine/rule.js';
import { hasResource, podLevelHas, resourcesPath } from '../src/k8s/resources.js';
import { containersOf, describeContainer } from '../src/k8s/workloads.js';

export interface ResourceLimitsOptions {
  cpu: boolean;
}

export default defineRule<ResourceLimitsOptions>({
  id: 'resource-limits',
  meta: {
    description: 'Every container has a memory limit (and, optionally, a cpu limit)',
    category: 'reliability',
    defaultSeverity: 'warning',
    presets: ['recommended'],
    scope: 'object',
    rationale:
      "Without a memory limit, one leaking container can use all of its node's memory; the kernel then OOM-kills processes on that node, often other teams' pods, and the kubelet evicts more. With a limit, only the offender is restarted. CPU is different: a CPU limit throttles a container even when the node is idle, which adds latency, so many teams set CPU requests but no CPU limits. That is why the cpu limit is only checked with the `cpu` option.",
    remediation:
      'Set a memory limit, usually equal to the memory request (so the container cannot be OOM-killed for using memory it was promised):\n\n```yaml\nresources:\n  requests:\n    memory: 256Mi\n  limits:\n    memory: 256Mi\n```\n\nA namespace LimitRange can supply defaults, but an explicit value is visible in review.',
    options: {
      properties: {
        cpu: {
          type: 'boolean',
          description:
            'Also require a cpu limit. Off by default: CPU limits throttle containers even on idle nodes; enable it where CPU must be capped (for example multi-tenant clusters or Guaranteed QoS).',
        },
      },
    },
    defaults: { cpu: false },
  },
  check({ object, options }) {
    const resources = options.cpu ? (['cpu', 'memory'] as const) : (['memory'] as const);
    const reports: RuleReport[] = [];
    for (const ref of containersOf(object)) {
      for (const resource of resources) {
        if (hasResource(ref.container.resources?.limits, resource) || podLevelHas(ref, 'limits', resource)) continue;
        reports.push({
          path: resourcesPath(ref),
          message:
            resource === 'memory'
              ? `${describeContainer(ref)} has no memory limit: set resources.limits.memory so a leak restarts this container instead of starving the node`
              : `${describeContainer(ref)} has no cpu limit: set resources.limits.cpu`,
        });
      }
    }
    return reports;
  },
});
