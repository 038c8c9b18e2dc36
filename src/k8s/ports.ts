/**
 * Ports: what a pod declares (`containerPort`, with its name and protocol) and what a Service port
 * points at (`targetPort`, which defaults to `port`).
 */
import { isPlaceholder } from './placeholders.js';
import { isRecord, type LintObject } from '../load/objects.js';
import type { YamlPath } from '../types.js';
import type { ContainerRef } from './workloads.js';

export interface DeclaredPort {
  containerPort: number;
  name: string | undefined;
  /** `TCP` unless set. */
  protocol: string;
  container: ContainerRef;
}

/** A port number, from a YAML number or a string of digits; undefined otherwise. */
export function portNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value === 'string' && /^[0-9]+$/.test(value)) return Number(value);
  return undefined;
}

/**
 * The ports that containers declare: regular containers and sidecars (init containers with
 * `restartPolicy: Always`). Ports of run-to-completion init containers serve nothing and are left out.
 * Pass `containersOf(object)` (or `containersOfEntry` for custom resources with a pod template).
 */
export function declaredPorts(containers: readonly ContainerRef[]): DeclaredPort[] {
  const out: DeclaredPort[] = [];
  for (const ref of containers) {
    if (ref.type === 'initContainer' && !ref.sidecar) continue;
    const ports: unknown = ref.container.ports;
    if (!Array.isArray(ports)) continue;
    for (const port of ports) {
      if (!isRecord(port)) continue;
      // A port number still to be substituted (`${PORT}`) declares its name all the same; its
      // number is unknown (NaN), and so matches any number asked for.
      const containerPort = isPlaceholder(port.containerPort) ? NaN : portNumber(port.containerPort);
      if (containerPort === undefined) continue;
      out.push({
        containerPort,
        name: typeof port.name === 'string' && port.name !== '' ? port.name : undefined,
        protocol: typeof port.protocol === 'string' ? port.protocol : 'TCP',
        container: ref,
      });
    }
  }
  return out;
}

export interface ServicePort {
  index: number;
  /** The port's `name`, when it has one. */
  name: string | undefined;
  port: number | undefined;
  /** `targetPort`, or `port` when targetPort is unset: a number or a port name. */
  target: number | string;
  /** Whether targetPort is written (false: it defaults to `port`). */
  explicitTarget: boolean;
  protocol: string;
  /** Path of targetPort (or of port when targetPort is unset), relative to the Service. */
  path: YamlPath;
}

/** The ports of a Service's `spec.ports` that have a usable target. */
export function servicePorts(service: LintObject): ServicePort[] {
  const spec = service.value.spec;
  if (!isRecord(spec) || !Array.isArray(spec.ports)) return [];
  const out: ServicePort[] = [];
  spec.ports.forEach((entry: unknown, index) => {
    if (!isRecord(entry)) return;
    const port = portNumber(entry.port);
    const rawTarget = entry.targetPort;
    const explicitTarget = rawTarget !== undefined && rawTarget !== null && rawTarget !== '';
    let target: number | string | undefined;
    if (explicitTarget) target = portNumber(rawTarget) ?? (typeof rawTarget === 'string' ? rawTarget : undefined);
    else target = port;
    if (target === undefined) return;
    out.push({
      index,
      name: typeof entry.name === 'string' ? entry.name : undefined,
      port,
      target,
      explicitTarget,
      protocol: typeof entry.protocol === 'string' ? entry.protocol : 'TCP',
      path: ['spec', 'ports', index, explicitTarget ? 'targetPort' : 'port'],
    });
  });
  return out;
}
