import { defineRule } from '../src/engine/rule.js';
import { longRunningContainersOf } from '../src/k8s/probes.js';
import { describeContainer } from '../src/k8s/workloads.js';

export default defineRule({
  id: 'liveness-probe',
  meta: {
    description: 'Containers of long-running workloads have a liveness probe',
    category: 'reliability',
    defaultSeverity: 'warning',
    presets: ['recommended'],
    scope: 'object',
    rationale:
      'The kubelet restarts a container whose process exits, but not one that is alive and stuck: deadlocked, out of threads or connections, or wedged after a lost dependency. Without a liveness probe such a pod keeps its place (and, if it still passes readiness, its traffic) until someone notices. Checked for the containers of Deployments, StatefulSets, DaemonSets, ReplicaSets, ReplicationControllers and Pods that restart, including sidecar init containers (`restartPolicy: Always`); not for Jobs, CronJobs, ordinary init containers or pods with restartPolicy Never/OnFailure, which are meant to finish.',
    remediation:
      'Add a cheap check of the process itself (not of its database or other dependencies, or one outage restarts every pod at once), with a startupProbe if the container starts slowly:\n\n```yaml\nlivenessProbe:\n  httpGet:\n    path: /healthz\n    port: http\n  periodSeconds: 10\n  failureThreshold: 3\n```\n\nUse `tcpSocket`, `grpc` or `exec` when the container has no HTTP endpoint.',
    defaults: {},
  },
  check({ object }) {
    return longRunningContainersOf(object)
      .filter((ref) => ref.container.livenessProbe == null)
      .map((ref) => ({
        path: ref.path,
        message: `${describeContainer(ref)} has no livenessProbe: add one so the kubelet restarts the container when it hangs`,
      }));
  },
});
