/**
 * Kubernetes versions kube-lint knows. The list mirrors the bundled schemas (see schemas/); the
 * newest is the default target.
 */
import { UsageError } from '../errors.js';

export const KUBERNETES_VERSIONS = ['1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36'] as const;
export const DEFAULT_KUBERNETES_VERSION: string = KUBERNETES_VERSIONS[KUBERNETES_VERSIONS.length - 1] ?? '1.36';

/** Accepts `1.31`, `v1.31`, `1.31.4`, `v1.31.0`; returns `1.31`. Throws UsageError when unknown. */
export function normalizeKubernetesVersion(input: string | number | undefined): string {
  if (input === undefined || input === '') return DEFAULT_KUBERNETES_VERSION;
  const text = String(input).trim();
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(text);
  const minor = match ? `${match[1]}.${match[2]}` : undefined;
  if (minor === undefined || !(KUBERNETES_VERSIONS as readonly string[]).includes(minor)) {
    throw new UsageError(`unknown Kubernetes version "${text}": known versions are ${KUBERNETES_VERSIONS.join(', ')}`);
  }
  return minor;
}
