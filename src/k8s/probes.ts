/**
 * Probes, lifecycle handlers and the ports they reach, as the kubelet resolves them. Also which
 * containers run for the pod's whole life (the ones health probes are meant for).
 */
import { isPlaceholder } from './placeholders.js';
import { isRecord, type LintObject } from '../load/objects.js';
import type { YamlPath } from '../types.js';
import { containersOf, isLongRunning, type ContainerRef } from './workloads.js';

export type ProbeField = 'livenessProbe' | 'readinessProbe' | 'startupProbe';
export const PROBE_FIELDS: readonly ProbeField[] = ['livenessProbe', 'readinessProbe', 'startupProbe'];

/** A probe or lifecycle handler action that connects to a port. */
export type PortAction = 'httpGet' | 'tcpSocket' | 'grpc';

export interface PortReference {
  /** `livenessProbe`, `lifecycle.preStop`, ... */
  handler: string;
  action: PortAction;
  /** The port as written: a number or a name (or a numeric string). */
  port: number | string;
  /** Path of the `port` field, relative to the object. */
  path: YamlPath;
  /** The handler names another host (`httpGet.host`), so the container's ports do not apply. */
  otherHost: boolean;
}

/**
 * Every port a container's probes and lifecycle handlers connect to. Lifecycle handlers take
 * httpGet and tcpSocket (no grpc); probes take all three.
 */
export function portReferencesOf(ref: ContainerRef): PortReference[] {
  const out: PortReference[] = [];
  const container = ref.container as unknown as Record<string, unknown>;
  const handlers: [string, unknown, YamlPath, readonly PortAction[]][] = PROBE_FIELDS.map((field) => [
    field,
    container[field],
    [...ref.path, field],
    ['httpGet', 'tcpSocket', 'grpc'],
  ]);
  const lifecycle = container.lifecycle;
  if (isRecord(lifecycle)) {
    for (const hook of ['postStart', 'preStop']) {
      handlers.push([`lifecycle.${hook}`, lifecycle[hook], [...ref.path, 'lifecycle', hook], ['httpGet', 'tcpSocket']]);
    }
  }
  for (const [handler, value, path, actions] of handlers) {
    if (!isRecord(value)) continue;
    for (const action of actions) {
      const spec = value[action];
      if (!isRecord(spec)) continue;
      const port = spec.port;
      if (typeof port !== 'number' && typeof port !== 'string') continue;
      const host = spec.host;
      out.push({
        handler,
        action,
        port,
        path: [...path, action, 'port'],
        otherHost: typeof host === 'string' && host !== '' && host !== 'localhost' && host !== '127.0.0.1',
      });
    }
  }
  return out;
}

/**
 * The port number a reference spells (`8080`, `"8080"`), or undefined for a port name. The
 * kubelet reads a numeric string as a number before it looks for a port of that name.
 */
export function numericPort(port: number | string): number | undefined {
  if (typeof port === 'number') return port;
  return /^\d+$/.test(port.trim()) ? Number(port.trim()) : undefined;
}

export interface DeclaredPort {
  name: string | undefined;
  containerPort: number;
}

/** The container's `ports` entries that have a containerPort. */
export function declaredPorts(ref: ContainerRef): DeclaredPort[] {
  const ports = (ref.container as unknown as Record<string, unknown>).ports;
  if (!Array.isArray(ports)) return [];
  const out: DeclaredPort[] = [];
  for (const entry of ports) {
    if (!isRecord(entry)) continue;
    // A number still to be substituted (`${PORT}`): the name is declared, the number unknown (NaN).
    const number = isPlaceholder(entry.containerPort)
      ? NaN
      : typeof entry.containerPort === 'number'
        ? entry.containerPort
        : numericPort(String(entry.containerPort));
    if (number === undefined) continue;
    out.push({ name: typeof entry.name === 'string' && entry.name !== '' ? entry.name : undefined, containerPort: number });
  }
  return out;
}

/** `http (8080), metrics (9090), 5432`, for messages. */
export function describePorts(ports: readonly DeclaredPort[]): string {
  return ports.map((p) => (p.name ? `${p.name} (${p.containerPort})` : String(p.containerPort))).join(', ');
}

/**
 * The containers that run for the pod's whole life: regular containers and sidecar init
 * containers (`restartPolicy: Always`) of a long-running workload. Not Jobs, CronJobs, pods that
 * do not restart (restartPolicy Never/OnFailure), ordinary init containers or ephemeral ones.
 */
export function longRunningContainersOf(object: LintObject): ContainerRef[] {
  if (!isLongRunning(object)) return [];
  return containersOf(object).filter((ref) => {
    if (ref.type === 'initContainer' && !ref.sidecar) return false;
    const policy = (ref.pod.spec as { restartPolicy?: unknown }).restartPolicy;
    return policy === undefined || policy === 'Always';
  });
}
