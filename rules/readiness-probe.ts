import { defineRule } from '../src/engine/rule.js';
import { longRunningContainersOf } from '../src/k8s/probes.js';
import { describeContainer } from '../src/k8s/workloads.js';

export default defineRule({
  id: 'readiness-probe',
  meta: {
    description: 'Containers of long-running workloads have a readiness probe',
    category: 'reliability',
    defaultSeverity: 'warning',
    presets: ['recommended'],
    scope: 'object',
    rationale:
      'Without a readiness probe a pod is Ready as soon as its containers start. Services send it requests before the application listens (connection errors on every rollout and scale-up), and a rolling update counts unready pods as available, so it can replace every old pod with new ones that do not work. A readiness probe also takes a pod out of rotation while it is overloaded or draining, without restarting it. Checked for the same containers as liveness-probe: long-running workloads, sidecar init containers included.',
    remediation:
      'Add a probe that succeeds only when the container can serve, for example:\n\n```yaml\nreadinessProbe:\n  httpGet:\n    path: /ready\n    port: http\n  periodSeconds: 5\n  failureThreshold: 3\n```\n\nFor a worker that serves no traffic, an `exec` probe on its own health (or suppressing the rule for that container) is fine.',
    defaults: {},
  },
  check({ object }) {
    return longRunningContainersOf(object)
      .filter((ref) => ref.container.readinessProbe == null)
      .map((ref) => ({
        path: ref.path,
        message: `${describeContainer(ref)} has no readinessProbe: add one so Services and rollouts wait until it is ready`,
      }));
  },
});
