import { closest } from '../src/engine/config.js';
import { defineRule, type RunReport } from '../src/engine/rule.js';
import { containersOfEntry, namespaceOf, runIndexOf } from '../src/k8s/index.js';
import { declaredPorts, servicePorts, type DeclaredPort, type ServicePort } from '../src/k8s/ports.js';
import { isEmptySelector, parseMapSelector } from '../src/k8s/selectors.js';
import { isBuiltinKind } from '../src/k8s/workloads.js';
import { describeObject, isRecord } from '../src/k8s/values.js';

function describePort(port: ServicePort): string {
  return port.name !== undefined && port.name !== '' ? `port "${port.name}"` : `port ${port.port ?? `#${port.index}`}`;
}

function list(values: readonly string[]): string {
  return values.length > 6 ? `${values.slice(0, 6).join(', ')}, ...` : values.join(', ');
}

export interface ServiceTargetPortOptions {
  checkNumeric: boolean;
}

export default defineRule<ServiceTargetPortOptions>({
  id: 'service-target-port',
  meta: {
    description: 'A Service targetPort is a port that the pods it selects declare',
    category: 'correctness',
    defaultSeverity: 'error',
    presets: ['recommended'],
    scope: 'run',
    rationale:
      "A named targetPort is looked up in each selected pod's container ports (name and protocol); a pod without it gets no traffic on that Service port, and when no selected pod has it the Service has no endpoints for the port. A numeric targetPort that no container declares usually means the Service and the Deployment disagree about the port after a change (8080 in one, 80 in the other). An unset targetPort is the same number as `port`, a frequent surprise. " +
      'The rule judges a Service port only when the Service selects at least one linted pod template. A named port is reported when no selected pod template declares it (with the same protocol). Numeric ports are checked only with the checkNumeric option, and then only when every selected pod template declares container ports and none of them is that number: declaring ports is optional, and in real manifests most numeric mismatches are ports the application serves without declaring them.',
    remediation:
      'Point targetPort at a containerPort of the selected pods, by number or by its name (ports[].name of the container, same protocol), or declare the port in the container spec. Set targetPort explicitly when it differs from port.',
    options: {
      properties: {
        checkNumeric: {
          type: 'boolean',
          description:
            'Also report numeric targetPorts that no selected container declares. Off by default: containerPort lists are often incomplete (gossip, admin and proxy ports served without being declared).',
        },
      },
    },
    defaults: { checkNumeric: false },
  },
  checkRun({ objects, options }) {
    const index = runIndexOf(objects);
    if (index.pods.length === 0) return [];
    const reports: RunReport[] = [];
    for (const object of objects) {
      if (!isBuiltinKind(object, 'Service')) continue;
      const spec = object.value.spec;
      if (!isRecord(spec) || spec.type === 'ExternalName') continue;
      const selector = parseMapSelector(spec.selector);
      if (!selector || isEmptySelector(selector)) continue;
      const selected = index.podsSelectedBy(namespaceOf(object), selector);
      if (selected.length === 0) continue;
      const portsByPod = selected.map((entry) => ({ entry, ports: declaredPorts(containersOfEntry(entry)) }));
      const all: DeclaredPort[] = portsByPod.flatMap((p) => p.ports);
      const pods = [...new Set(selected.map((e) => describeObject(e.object)))];
      const who = pods.length === 1 ? `${pods[0] ?? ''} declares` : `the ${pods.length} selected pod templates (${list(pods)}) declare`;
      for (const port of servicePorts(object)) {
        const what = `${describeObject(object)} ${describePort(port)}`;
        if (typeof port.target === 'string') {
          const name = port.target;
          if (all.some((p) => p.name === name && p.protocol === port.protocol)) continue;
          const otherProtocol = all.find((p) => p.name === name);
          const names = [...new Set(all.flatMap((p) => (p.name === undefined ? [] : [p.name])))];
          const near = closest(name, names);
          let message: string;
          if (otherProtocol) {
            message = `${what} targets port "${name}" over ${port.protocol} but ${who} it as ${otherProtocol.protocol}: make the protocols agree`;
          } else if (names.length === 0) {
            message = `${what} targets port "${name}" but ${who} no named container port: name the containerPort "${name}" or use its number`;
          } else {
            message = `${what} targets port "${name}" but ${who} only ${list(names.map((n) => `"${n}"`))}: ${near !== undefined ? `did you mean "${near}"?` : 'use one of these names or a number'}`;
          }
          reports.push({ object, path: port.path, message });
          continue;
        }
        const number = port.target;
        if (!options.checkNumeric) continue;
        if (portsByPod.some((p) => p.ports.length === 0)) continue;
        if (all.some((p) => p.containerPort === number || Number.isNaN(p.containerPort))) continue;
        const numbers = [...new Set(all.map((p) => String(p.containerPort)))];
        const implicit = port.explicitTarget ? '' : ' (targetPort is unset, so it is the same as port)';
        reports.push({
          object,
          path: port.path,
          message: `${what} targets container port ${number}${implicit} but ${who} only ${list(numbers)}: set targetPort to the port the container listens on`,
        });
      }
    }
    return reports;
  },
});
