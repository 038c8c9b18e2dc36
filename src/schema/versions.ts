/**
 * Kubernetes versions kube-lint knows: the versions of the bundled schemas (schemas/index.json);
 * the newest is the default target.
 */
import { UsageError } from '../errors.js';
import { bundleIndex } from './bundle.js';

export const KUBERNETES_VERSIONS: readonly string[] = bundleIndex().versions;
export const DEFAULT_KUBERNETES_VERSION: string = bundleIndex().default;

/** `1.9` < `1.16`. */
export function compareVersions(a: string, b: string): number {
  const [a1 = 0, a2 = 0, a3 = 0] = a.split('.').map(Number);
  const [b1 = 0, b2 = 0, b3 = 0] = b.split('.').map(Number);
  return a1 - b1 || a2 - b2 || a3 - b3;
}

/** Accepts `1.31`, `v1.31`, `1.31.4`, `v1.31.0`; returns `1.31`. Throws UsageError when unknown. */
export function normalizeKubernetesVersion(input: string | number | undefined): string {
  if (input === undefined || input === '') return DEFAULT_KUBERNETES_VERSION;
  const text = String(input).trim();
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(text);
  const minor = match ? `${match[1]}.${match[2]}` : undefined;
  if (minor === undefined || !KUBERNETES_VERSIONS.includes(minor)) {
    throw new UsageError(`unknown Kubernetes version "${text}": known versions are ${KUBERNETES_VERSIONS.join(', ')}`);
  }
  return minor;
}
