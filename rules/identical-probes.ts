import { isDeepStrictEqual } from 'node:util';
import { defineRule } from '../src/engine/rule.js';
import { longRunningContainersOf } from '../src/k8s/probes.js';
import { describeContainer } from '../src/k8s/workloads.js';
import { isRecord } from '../src/k8s/values.js';

export default defineRule({
  id: 'identical-probes',
  meta: {
    description: 'A container’s liveness probe differs from its readiness probe',
    category: 'reliability',
    defaultSeverity: 'warning',
    presets: ['strict'],
    scope: 'object',
    rationale:
      'Readiness and liveness answer different questions: "should this pod get traffic now?" and "is this process beyond repair?". With the same check and the same thresholds, a pod that is only overloaded or waiting for a dependency fails both at once: it is taken out of the Service and restarted in the same breath, which turns a slow period into a restart storm, and the readiness probe never gets the chance to shed load. kube-score reports it by default (pod-probes-identical). Compared: the whole probe (handler, period, thresholds, timeouts); a probe with the same endpoint but a larger failureThreshold on liveness is fine. Only containers of long-running workloads are checked. Severity warning, in `strict`: for a simple process with no dependencies (an exporter, a proxy) the same check is a reasonable answer to both questions, and such containers are common.',
    remediation:
      'Keep readiness as it is and make liveness more patient, so that it fires only when the process is stuck: a larger `failureThreshold` or `periodSeconds`, or a cheaper endpoint that checks the process itself (`/livez`) rather than its dependencies (`/readyz`).',
    defaults: {},
  },
  check({ object }) {
    return longRunningContainersOf(object)
      .filter((ref) => {
        const { livenessProbe, readinessProbe } = ref.container;
        return isRecord(livenessProbe) && Object.keys(livenessProbe).length > 0 && isDeepStrictEqual(livenessProbe, readinessProbe);
      })
      .map((ref) => ({
        path: [...ref.path, 'livenessProbe'],
        target: 'key' as const,
        message: `${describeContainer(ref)} has a livenessProbe identical to its readinessProbe, so a busy pod is restarted as soon as it stops taking traffic: give liveness a larger failureThreshold or a cheaper endpoint`,
      }));
  },
});
