/**
 * What a pod spec refers to by name: ConfigMaps, Secrets, PersistentVolumeClaims and its
 * ServiceAccount, from env, envFrom, volumes (projected included), serviceAccountName and
 * imagePullSecrets. Every pod-bearing kind is walked through `podSpecOf` / `containersOf`.
 */
import { isRecord, type LintObject } from '../load/objects.js';
import type { YamlPath } from '../types.js';
import { containersOf, podSpecOf, type ContainerRef, type PodSpecRef } from './workloads.js';

export type ReferencedKind = 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim' | 'ServiceAccount';
export const REFERENCED_KINDS: readonly ReferencedKind[] = ['ConfigMap', 'Secret', 'PersistentVolumeClaim', 'ServiceAccount'];

export interface KeyReference {
  key: string;
  /** Path of the `key` field, relative to the object. */
  path: YamlPath;
}

export interface PodReference {
  kind: ReferencedKind;
  name: string;
  /** `optional: true`: the pod starts without it. */
  optional: boolean;
  /** Keys the pod needs from a ConfigMap or Secret (env key refs, volume items). */
  keys: KeyReference[];
  /** Path of the field holding the name, relative to the object. */
  path: YamlPath;
  /** Where the reference is, for messages: `container "web" envFrom`, `volume "config"`. */
  via: string;
}

function nameOf(value: unknown, field = 'name'): string | undefined {
  if (!isRecord(value)) return undefined;
  const name = value[field];
  return typeof name === 'string' && name !== '' ? name : undefined;
}

function itemKeys(source: Record<string, unknown>, path: YamlPath): KeyReference[] {
  if (!Array.isArray(source.items)) return [];
  const out: KeyReference[] = [];
  source.items.forEach((item: unknown, i) => {
    if (isRecord(item) && typeof item.key === 'string') out.push({ key: item.key, path: [...path, 'items', i, 'key'] });
  });
  return out;
}

/**
 * Every reference of the object's pod spec (none when the object has no pod spec). For pod
 * templates that `podSpecOf` does not know (custom resources), pass the pod and its containers.
 */
export function podReferences(
  object: LintObject,
  pod: PodSpecRef | undefined = podSpecOf(object),
  containers: readonly ContainerRef[] = containersOf(object),
): PodReference[] {
  if (!pod) return [];
  const out: PodReference[] = [];
  const spec = pod.spec as unknown as Record<string, unknown>;

  for (const ref of containers) {
    const container = ref.container as unknown as Record<string, unknown>;
    const who = ref.type === 'initContainer' ? `init container "${ref.name}"` : `container "${ref.name}"`;
    if (Array.isArray(container.envFrom)) {
      container.envFrom.forEach((source: unknown, i) => {
        if (!isRecord(source)) return;
        for (const [field, kind] of [
          ['configMapRef', 'ConfigMap'],
          ['secretRef', 'Secret'],
        ] as const) {
          const target = source[field];
          const name = nameOf(target);
          if (name === undefined || !isRecord(target)) continue;
          out.push({
            kind,
            name,
            optional: target.optional === true,
            keys: [],
            path: [...ref.path, 'envFrom', i, field, 'name'],
            via: `${who} envFrom`,
          });
        }
      });
    }
    if (Array.isArray(container.env)) {
      container.env.forEach((variable: unknown, i) => {
        if (!isRecord(variable) || !isRecord(variable.valueFrom)) return;
        for (const [field, kind] of [
          ['configMapKeyRef', 'ConfigMap'],
          ['secretKeyRef', 'Secret'],
        ] as const) {
          const target = variable.valueFrom[field];
          const name = nameOf(target);
          if (name === undefined || !isRecord(target)) continue;
          const base = [...ref.path, 'env', i, 'valueFrom', field];
          out.push({
            kind,
            name,
            optional: target.optional === true,
            keys: typeof target.key === 'string' ? [{ key: target.key, path: [...base, 'key'] }] : [],
            path: [...base, 'name'],
            via: `${who} env ${typeof variable.name === 'string' ? `"${variable.name}"` : `#${i}`}`,
          });
        }
      });
    }
  }

  if (Array.isArray(spec.volumes)) {
    spec.volumes.forEach((volume: unknown, i) => {
      if (!isRecord(volume)) return;
      const base = [...pod.path, 'volumes', i];
      const via = `volume ${typeof volume.name === 'string' ? `"${volume.name}"` : `#${i}`}`;
      const configMap = volume.configMap;
      if (isRecord(configMap) && nameOf(configMap) !== undefined) {
        out.push({
          kind: 'ConfigMap',
          name: nameOf(configMap) ?? '',
          optional: configMap.optional === true,
          keys: itemKeys(configMap, [...base, 'configMap']),
          path: [...base, 'configMap', 'name'],
          via,
        });
      }
      const secret = volume.secret;
      if (isRecord(secret) && nameOf(secret, 'secretName') !== undefined) {
        out.push({
          kind: 'Secret',
          name: nameOf(secret, 'secretName') ?? '',
          optional: secret.optional === true,
          keys: itemKeys(secret, [...base, 'secret']),
          path: [...base, 'secret', 'secretName'],
          via,
        });
      }
      const claim = volume.persistentVolumeClaim;
      if (isRecord(claim) && nameOf(claim, 'claimName') !== undefined) {
        out.push({
          kind: 'PersistentVolumeClaim',
          name: nameOf(claim, 'claimName') ?? '',
          optional: false,
          keys: [],
          path: [...base, 'persistentVolumeClaim', 'claimName'],
          via,
        });
      }
      const projected = volume.projected;
      if (isRecord(projected) && Array.isArray(projected.sources)) {
        projected.sources.forEach((source: unknown, j) => {
          if (!isRecord(source)) return;
          for (const [field, kind] of [
            ['configMap', 'ConfigMap'],
            ['secret', 'Secret'],
          ] as const) {
            const target = source[field];
            const name = nameOf(target);
            if (name === undefined || !isRecord(target)) continue;
            const sourcePath = [...base, 'projected', 'sources', j, field];
            out.push({
              kind,
              name,
              optional: target.optional === true,
              keys: itemKeys(target, sourcePath),
              path: [...sourcePath, 'name'],
              via: `${via} (projected)`,
            });
          }
        });
      }
    });
  }

  const account = nameOf(spec, 'serviceAccountName') ?? nameOf(spec, 'serviceAccount');
  if (account !== undefined) {
    const field = nameOf(spec, 'serviceAccountName') !== undefined ? 'serviceAccountName' : 'serviceAccount';
    out.push({ kind: 'ServiceAccount', name: account, optional: false, keys: [], path: [...pod.path, field], via: field });
  }

  if (Array.isArray(spec.imagePullSecrets)) {
    spec.imagePullSecrets.forEach((entry: unknown, i) => {
      const name = nameOf(entry);
      if (name === undefined) return;
      out.push({
        kind: 'Secret',
        name,
        optional: false,
        keys: [],
        path: [...pod.path, 'imagePullSecrets', i, 'name'],
        via: 'imagePullSecrets',
      });
    });
  }
  return out;
}
