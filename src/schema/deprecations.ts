/** Deprecated and removed apiVersions (schemas/deprecations.json), resolved for a target version. */
import { deprecationEntries, kindDefinition, kindsOf } from './bundle.js';
import type { DeprecationEntry } from './types.js';
import { compareVersions } from './versions.js';

export interface Deprecation {
  entry: DeprecationEntry;
  /** `removed`: not served by the target version (for k8s), or removed in the component's history. */
  state: 'removed' | 'deprecated';
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

function matches(entry: DeprecationEntry, apiVersion: string, kind: string): boolean {
  if (entry.kind !== undefined && entry.kind !== kind) return false;
  if (entry.apiVersion !== undefined) return entry.apiVersion === apiVersion;
  return entry.group !== undefined && entry.group === groupOf(apiVersion);
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

function stability(apiVersion: string): [number, number, number] {
  const version = apiVersion.split('/').pop() ?? apiVersion;
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(version);
  if (!m) return [3, 0, 0];
  return [m[2] === undefined ? 0 : m[2] === 'beta' ? 1 : 2, -Number(m[1]), -Number(m[3] ?? 0)];
}

/**
 * What to move to: the most stable apiVersion of the replacement's group that serves the kind in
 * the target version (pluto names the next step, `v1beta2` -> `v1beta3`, which may itself be
 * deprecated by then), else the replacement as listed.
 */
export function replacementFor(entry: DeprecationEntry, kind: string, target: string): string | undefined {
  const replacement = entry.replacement;
  if (replacement === undefined || entry.component !== 'k8s') return replacement;
  const group = groupOf(replacement);
  const served = Object.keys(kindsOf(target)).filter((api) => groupOf(api) === group && kindDefinition(target, api, kind) !== undefined);
  served.sort((a, b) => {
    const [a1, a2, a3] = stability(a);
    const [b1, b2, b3] = stability(b);
    return a1 - b1 || a2 - b2 || a3 - b3;
  });
  return served[0] ?? replacement;
}
