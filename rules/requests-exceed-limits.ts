import { defineRule, type RuleReport } from '../src/engine/rule.js';
import { isRecord } from '../src/k8s/values.js';
import { parseQuantity } from '../src/k8s/quantity.js';
import { containersOf, describeContainer, podSpecOf } from '../src/k8s/workloads.js';
import type { YamlPath } from '../src/types.js';

function compare(requests: unknown, limits: unknown, path: YamlPath, who: string): RuleReport[] {
  if (!isRecord(requests) || !isRecord(limits)) return [];
  const reports: RuleReport[] = [];
  for (const [name, request] of Object.entries(requests)) {
    if (!Object.hasOwn(limits, name)) continue;
    const limit = limits[name];
    const r = parseQuantity(request);
    const l = parseQuantity(limit);
    if (r === undefined || l === undefined || r <= l) continue;
    reports.push({
      path: [...path, 'requests', name],
      message: `${who} requests ${name} ${String(request)}, more than its limit ${String(limit)}: lower the request or raise the limit`,
    });
  }
  return reports;
}

export default defineRule({
  id: 'requests-exceed-limits',
  meta: {
    description: 'No resource request is larger than its limit',
    category: 'correctness',
    defaultSeverity: 'error',
    presets: ['recommended'],
    scope: 'object',
    rationale:
      'A request is what the container is guaranteed, a limit what it may use at most, so a request above its limit is contradictory and the API server rejects the pod (`must be less than or equal to ... limit`). For a Deployment the object is accepted but no pod is ever created: the ReplicaSet reports FailedCreate events while the rollout hangs. Quantities are compared by value, so `500m` is less than `1` and `128Mi` less than `1Gi`; every resource is checked (cpu, memory, ephemeral-storage, hugepages, extended resources such as nvidia.com/gpu).',
    remediation:
      'Make each request at most its limit. For memory, setting request equal to limit is a good default:\n\n```yaml\nresources:\n  requests:\n    memory: 512Mi\n  limits:\n    memory: 512Mi\n```',
    defaults: {},
  },
  check({ object }) {
    const reports: RuleReport[] = [];
    for (const ref of containersOf(object, { ephemeral: true })) {
      const resources = ref.container.resources;
      if (!resources) continue;
      reports.push(...compare(resources.requests, resources.limits, [...ref.path, 'resources'], describeContainer(ref)));
    }
    const pod = podSpecOf(object);
    const podResources = (pod?.spec as { resources?: unknown } | undefined)?.resources;
    if (pod && isRecord(podResources)) {
      reports.push(...compare(podResources.requests, podResources.limits, [...pod.path, 'resources'], 'the pod'));
    }
    return reports;
  },
});
