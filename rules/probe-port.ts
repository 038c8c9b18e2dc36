import { closest, distance } from 'fastest-levenshtein';
import { defineRule, type RuleReport } from '../src/engine/rule.js';
import { declaredPorts, describePorts, numericPort, portReferencesOf } from '../src/k8s/probes.js';
import { containersOf, describeContainer } from '../src/k8s/workloads.js';

/** Close enough to be a misspelling: at most 2 edits, and fewer than half the name's length. */
function isTypo(name: string, candidate: string): boolean {
  const d = distance(name, candidate);
  return d <= 2 && d * 2 < Math.max(name.length, candidate.length);
}

export interface ProbePortOptions {
  requireDeclaredNumericPorts: boolean;
}

export default defineRule<ProbePortOptions>({
  id: 'probe-port',
  meta: {
    description: 'Probes and lifecycle handlers use a port the container declares',
    category: 'correctness',
    defaultSeverity: 'error',
    presets: ['recommended'],
    scope: 'object',
    rationale:
      "The kubelet resolves a named probe port (`port: http`) against the same container's `ports` list. When no port has that name (a typo, or a port renamed or moved to another container) the probe fails on every attempt: a liveness probe then restarts the container forever, a readiness probe keeps the pod out of every Service, a startup probe never lets it start. The API server accepts the manifest, so this is only found at run time. A numeric port works whether declared or not (Kubernetes does not require ports to be declared), so undeclared numbers are reported only with the `requireDeclaredNumericPorts` option, which catches probes left behind after a port change.",
    remediation:
      'Name the port in the container and probe it by that name, so the two cannot drift apart:\n\n```yaml\nports:\n  - name: http\n    containerPort: 8080\nreadinessProbe:\n  httpGet:\n    path: /ready\n    port: http\n```\n\nOr probe the port number directly.',
    options: {
      properties: {
        requireDeclaredNumericPorts: {
          type: 'boolean',
          description:
            "Also report a numeric probe port that is not one of the container's containerPorts. Off by default: Kubernetes probes undeclared ports fine, but declaring every port documents the container and lets the check catch stale probes.",
        },
      },
    },
    defaults: { requireDeclaredNumericPorts: false },
  },
  check({ object, options }) {
    const reports: RuleReport[] = [];
    for (const ref of containersOf(object)) {
      const ports = declaredPorts(ref);
      const declared = ports.length > 0 ? `declared ports: ${describePorts(ports)}` : 'it declares no ports';
      for (const use of portReferencesOf(ref)) {
        const number = numericPort(use.port);
        const where = `${describeContainer(ref)} ${use.handler} (${use.action})`;
        if (number === undefined) {
          const name = String(use.port);
          if (ports.some((p) => p.name === name)) continue;
          const names = ports.flatMap((p) => (p.name ? [p.name] : []));
          const suggestion = names.length > 0 ? closest(name, names) : undefined;
          const fix =
            suggestion !== undefined && isTypo(name, suggestion)
              ? `use "${suggestion}" or the port number`
              : `name a container port "${name}" or use the port number`;
          reports.push({
            path: use.path,
            message: `${where} uses port "${name}", which is not a port name of this container (${declared}): ${fix}`,
          });
        } else if (
          options.requireDeclaredNumericPorts &&
          !use.otherHost &&
          !ports.some((p) => p.containerPort === number || Number.isNaN(p.containerPort))
        ) {
          reports.push({
            path: use.path,
            message: `${where} uses port ${number}, which the container does not declare (${declared}): add it to ports or probe a declared port`,
          });
        }
      }
    }
    return reports;
  },
});
