/**
 * Shared knowledge of pod-bearing objects: where each kind keeps its pod spec, its containers of
 * every type, and its pod labels. Rules never hard-code `spec.template.spec`; they ask here.
 */
import type { Container, PodSpec } from 'kubernetes-types/core/v1.js';
import { isRecord, type LintObject } from '../load/objects.js';
import type { YamlPath } from '../types.js';
import { apiGroupOf } from './api-version.js';
import { labelMap } from './selectors.js';

/** Where the pod template sits in each kind, relative to the object. */
const TEMPLATE_PATHS: Readonly<Record<string, YamlPath>> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  PodTemplate: ['template'],
};

/** API groups whose kinds above are the built-in workloads (extensions/ and apps/v1beta* included). */
const WORKLOAD_GROUPS = new Set(['', 'apps', 'extensions', 'batch']);

export const POD_BEARING_KINDS: readonly string[] = ['Pod', ...Object.keys(TEMPLATE_PATHS)];

/** True for a built-in kind (not a custom resource that happens to share the name). */
export function isBuiltinKind(object: Pick<LintObject, 'apiVersion' | 'kind'>, kind: string): boolean {
  return object.kind === kind && WORKLOAD_GROUPS.has(apiGroupOf(object.apiVersion));
}

export interface PodSpecRef {
  spec: PodSpec;
  /** Path of the pod spec, relative to the object. */
  path: YamlPath;
  /** Path of the pod's metadata (template metadata for controllers). */
  metadataPath: YamlPath;
  /** The pod's labels (template labels for controllers). */
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

function getPath(value: unknown, path: YamlPath): unknown {
  let current = value;
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[segment];
    } else {
      if (!isRecord(current) || !Object.hasOwn(current, segment)) return undefined;
      current = current[segment];
    }
  }
  return current;
}

export { getPath };

/** The pod spec at `podPath` (`[]` for a Pod, the template's path for a controller), if it is a map. */
export function podSpecAt(object: LintObject, podPath: YamlPath): PodSpecRef | undefined {
  const spec = getPath(object.value, [...podPath, 'spec']);
  if (!isRecord(spec)) return undefined;
  const metadata = getPath(object.value, [...podPath, 'metadata']);
  return {
    spec: spec as unknown as PodSpec,
    path: [...podPath, 'spec'],
    metadataPath: [...podPath, 'metadata'],
    labels: labelMap(isRecord(metadata) ? metadata.labels : undefined),
    annotations: labelMap(isRecord(metadata) ? metadata.annotations : undefined),
  };
}

/** The pod spec of a Pod or of a controller's pod template, if the object has one. */
export function podSpecOf(object: LintObject): PodSpecRef | undefined {
  const kind = object.kind;
  if (kind === undefined || !WORKLOAD_GROUPS.has(apiGroupOf(object.apiVersion))) return undefined;
  if (kind === 'Pod') return podSpecAt(object, []);
  // Own keys only: a kind named "toString" or "constructor" must not find Object.prototype's.
  const template = Object.hasOwn(TEMPLATE_PATHS, kind) ? TEMPLATE_PATHS[kind] : undefined;
  return template ? podSpecAt(object, template) : undefined;
}

export type ContainerType = 'container' | 'initContainer' | 'ephemeralContainer';

export interface ContainerRef {
  container: Container;
  /** Path of the container, relative to the object. */
  path: YamlPath;
  type: ContainerType;
  /** The container's name, or `#N` when it has none. */
  name: string;
  /** An init container with `restartPolicy: Always` runs for the pod's life (a sidecar). */
  sidecar: boolean;
  pod: PodSpecRef;
}

const CONTAINER_FIELDS: readonly ['initContainers' | 'containers' | 'ephemeralContainers', ContainerType][] = [
  ['initContainers', 'initContainer'],
  ['containers', 'container'],
  ['ephemeralContainers', 'ephemeralContainer'],
];

export interface ContainerFilter {
  /** Include init containers (default true). */
  init?: boolean;
  /** Include ephemeral containers (default false: they are debugging tools, added at run time). */
  ephemeral?: boolean;
}

/** Every container of the object's pod spec, with its path. Malformed entries are left out. */
export function containersOf(object: LintObject, filter: ContainerFilter = {}): ContainerRef[] {
  const pod = podSpecOf(object);
  return pod ? containersOfPod(pod, filter) : [];
}

/** Every container of a pod spec, with its path. Malformed entries are left out. */
export function containersOfPod(pod: PodSpecRef, filter: ContainerFilter = {}): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const [field, type] of CONTAINER_FIELDS) {
    if (type === 'initContainer' && filter.init === false) continue;
    if (type === 'ephemeralContainer' && filter.ephemeral !== true) continue;
    const list = (pod.spec as unknown as Record<string, unknown>)[field];
    if (!Array.isArray(list)) continue;
    list.forEach((container: unknown, index) => {
      if (!isRecord(container)) return;
      const c = container as unknown as Container;
      out.push({
        container: c,
        path: [...pod.path, field, index],
        type,
        name: typeof c.name === 'string' && c.name !== '' ? c.name : `#${index}`,
        sidecar: type === 'initContainer' && (container as { restartPolicy?: unknown }).restartPolicy === 'Always',
        pod,
      });
    });
  }
  return out;
}

/** Kinds whose pods are meant to run until stopped (not run-to-completion Jobs). */
export function isLongRunning(object: LintObject): boolean {
  if (object.kind === 'Job' || object.kind === 'CronJob') return false;
  if (object.kind === 'Pod') {
    const policy = (object.value.spec as { restartPolicy?: unknown } | undefined)?.restartPolicy;
    return policy === undefined || policy === 'Always';
  }
  return podSpecOf(object) !== undefined;
}

/** `init container "migrate"`, `container "web"`, for messages. */
export function describeContainer(ref: ContainerRef): string {
  const label =
    ref.type === 'initContainer'
      ? ref.sidecar
        ? 'sidecar container'
        : 'init container'
      : ref.type === 'ephemeralContainer'
        ? 'ephemeral container'
        : 'container';
  return `${label} "${ref.name}"`;
}
