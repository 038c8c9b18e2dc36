/**
 * Compute resources of containers and pods: `resources.requests` / `resources.limits`, and
 * pod-level `spec.resources` (PodLevelResources, Kubernetes 1.32+), which covers all containers.
 */
import { isRecord } from '../load/objects.js';
import type { YamlPath } from '../types.js';
import type { ContainerRef } from './workloads.js';

/** True when a requests/limits map sets `name` to a value (not null, not an empty string). */
export function hasResource(map: unknown, name: string): boolean {
  if (!isRecord(map) || !Object.hasOwn(map, name)) return false;
  const value = map[name];
  return (typeof value === 'string' && value.trim() !== '') || typeof value === 'number';
}

/** True when the pod-level `resources` of the container's pod set `name` in `field`. */
export function podLevelHas(ref: ContainerRef, field: 'requests' | 'limits', name: string): boolean {
  const resources = (ref.pod.spec as { resources?: unknown }).resources;
  return isRecord(resources) && hasResource(resources[field], name);
}

/** Where to report a container's missing resources: its `resources` field, or the container. */
export function resourcesPath(ref: ContainerRef): YamlPath {
  return isRecord(ref.container.resources) ? [...ref.path, 'resources'] : ref.path;
}
