/** Deprecated and removed apiVersions (schemas/deprecations.json), resolved for a target version. */
import { deprecationEntries, kindDefinition, kindsOf } from './bundle.js';
import type { DeprecationEntry } from './types.js';
import { compareVersions } from './versions.js';
import { apiGroupOf, compareApiVersions } from '../k8s/api-version.js';

export interface Deprecation {
  entry: DeprecationEntry;
  /** `removed`: not served by the target version (for k8s), or removed in the component's history. */
  state: 'removed' | 'deprecated';
}

function matches(entry: DeprecationEntry, apiVersion: string, kind: string): boolean {
  if (entry.kind !== undefined && entry.kind !== kind) return false;
  if (entry.apiVersion !== undefined) return entry.apiVersion === apiVersion;
  return entry.group !== undefined && entry.group === apiGroupOf(apiVersion);
}

/** The deprecation of apiVersion/kind in Kubernetes `target` (a minor such as `1.31`), if any. */
export function deprecationOf(apiVersion: string, kind: string, target: string, entries = deprecationEntries()): Deprecation | undefined {
  for (const entry of entries) {
    if (!matches(entry, apiVersion, kind)) continue;
    if (entry.component !== 'k8s') {
      // Versions of another project: we cannot know which one runs, so report what happened.
      return { entry, state: entry.removedIn !== undefined ? 'removed' : 'deprecated' };
    }
    if (entry.removedIn !== undefined && compareVersions(entry.removedIn, target) <= 0) return { entry, state: 'removed' };
    if (entry.deprecatedIn !== undefined && compareVersions(entry.deprecatedIn, target) <= 0) return { entry, state: 'deprecated' };
  }
  return undefined;
}

/**
 * What to move to: the most stable apiVersion of the replacement's group that serves the kind in
 * the target version (pluto names the next step, `v1beta2` -> `v1beta3`, which may itself be
 * deprecated by then), else the replacement as listed.
 */
export function replacementFor(entry: DeprecationEntry, kind: string, target: string): string | undefined {
  const replacement = entry.replacement;
  if (replacement === undefined || entry.component !== 'k8s') return replacement;
  const group = apiGroupOf(replacement);
  const served = Object.keys(kindsOf(target)).filter((api) => apiGroupOf(api) === group && kindDefinition(target, api, kind) !== undefined);
  served.sort(compareApiVersions);
  return served[0] ?? replacement;
}
