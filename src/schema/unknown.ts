/**
 * Why an apiVersion/kind has no schema, and what the user probably meant: a kind served under
 * another apiVersion, a kind of a later or earlier Kubernetes version, a typo, a CRD version that is
 * not listed, or a custom resource whose CRD was not given.
 */
import { closest } from '../suggest.js';
import { bundleIndex, deprecationEntries, kindDefinition, kindsOf } from './bundle.js';
import { apiGroupOf, compareApiVersions } from '../k8s/api-version.js';
import type { SchemaRegistry } from './registry.js';
import { compareVersions } from './versions.js';

export interface UnknownKindReport {
  path: ['apiVersion'] | ['kind'];
  message: string;
}

/** Groups of the Kubernetes API itself: a custom resource never lives there. */
function isBuiltinGroup(group: string, registry: SchemaRegistry): boolean {
  if (group === '' || group.endsWith('.k8s.io') || !group.includes('.')) return true;
  return Object.keys(kindsOf(registry.kubernetesVersion)).some((api) => apiGroupOf(api) === group);
}

function quoteList(items: readonly string[]): string {
  return items.map((i) => `"${i}"`).join(', ');
}

export function explainUnknown(registry: SchemaRegistry, apiVersion: string, kind: string): UnknownKindReport {
  const target = registry.kubernetesVersion;
  const group = apiGroupOf(apiVersion);
  const known = registry.knownKinds();
  const kindLower = kind.toLowerCase();

  // A CRD defines this kind, but not this version.
  const crdVersions = registry.crdVersions(group, kind).filter((r) => r.version.served);
  if (crdVersions.length > 0) {
    const served = crdVersions.map((r) => `${group}/${r.version.name}`).sort(compareApiVersions);
    return {
      path: ['apiVersion'],
      message: `${kind} is not served as ${apiVersion}: its CustomResourceDefinition serves ${quoteList(served)}`,
    };
  }

  // The same kind under another apiVersion of the same group; or of another group when this
  // group is unknown altogether (a misspelled group: `app/v1`).
  // Kinds of the bundled CRD catalog share names across projects (Provider, Configuration,
  // Database): one of another group is suggested only for a close spelling of its apiVersion.
  const sameKind = known.filter(
    (k) =>
      (k.kind === kind || ((k.source === 'catalog' || k.source === 'bundled') && k.kind.toLowerCase() === kindLower)) &&
      (k.source !== 'bundled' || apiGroupOf(k.apiVersion) === group || closest(apiVersion, [k.apiVersion]) !== undefined),
  );
  const groupKnown = known.some((k) => apiGroupOf(k.apiVersion) === group);
  const inGroup = sameKind.filter((k) => apiGroupOf(k.apiVersion) === group);
  if (inGroup.length > 0 || (!groupKnown && sameKind.length > 0)) {
    const apis = [...new Set((inGroup.length > 0 ? inGroup : sameKind).map((k) => k.apiVersion))].sort(compareApiVersions);
    const choice = inGroup.length > 0 ? apis[0] : (closest(apiVersion, apis) ?? apis[0]);
    if (choice !== undefined) {
      return {
        path: ['apiVersion'],
        message: `${kind} is not served as ${apiVersion} by Kubernetes ${target}: use apiVersion "${choice}"`,
      };
    }
  }

  // A kind Kubernetes removed (under any apiVersion): say when, and what replaced it.
  const removed = deprecationEntries()
    .filter((e) => e.component === 'k8s' && e.kind === kind && e.removedIn !== undefined && compareVersions(e.removedIn, target) <= 0)
    .sort((a, b) => compareVersions(b.removedIn ?? '', a.removedIn ?? ''))[0];
  if (removed && !known.some((k) => k.kind === kind)) {
    const use = removed.replacement !== undefined ? `use ${removed.replacement}` : 'it has no replacement';
    return {
      path: ['kind'],
      message: `${kind} is not served by Kubernetes ${target}: ${removed.apiVersion ?? ''} ${kind} was removed in ${removed.removedIn ?? ''} (${use})`,
    };
  }

  // The apiVersion/kind exists in another bundled Kubernetes version.
  const otherVersions = bundleIndex().versions.filter((v) => v !== target && kindDefinition(v, apiVersion, kind) !== undefined);
  if (otherVersions.length > 0) {
    const later = otherVersions.filter((v) => compareVersions(v, target) > 0);
    const when =
      later.length > 0
        ? `it is served from Kubernetes ${later[0] ?? ''}`
        : `it was last served by Kubernetes ${otherVersions[otherVersions.length - 1] ?? ''}`;
    return {
      path: ['apiVersion'],
      message: `${apiVersion} ${kind} is not served by Kubernetes ${target}: ${when}; set --kubernetes-version or change the apiVersion`,
    };
  }

  // The apiVersion is known: the kind is probably misspelled.
  const kindsOfApi = known.filter((k) => k.apiVersion === apiVersion).map((k) => k.kind);
  if (kindsOfApi.length > 0) {
    const near = closest(kind, kindsOfApi);
    if (near !== undefined) return { path: ['kind'], message: `unknown kind "${kind}" in ${apiVersion} (did you mean "${near}"?)` };
  }
  // A kind of another version of the same group, by a close spelling. Never a kind of another
  // group: RayService of ray.io is no misspelt AIService of hub.traefik.io.
  const groupKinds = known.filter((k) => k.source !== 'catalog' && apiGroupOf(k.apiVersion) === group);
  const nearKind = closest(kind, [...new Set(groupKinds.map((k) => k.kind))]);
  if (nearKind !== undefined && nearKind !== kind) {
    const apis = [...new Set(groupKinds.filter((k) => k.kind === nearKind).map((k) => k.apiVersion))].sort(compareApiVersions);
    const api = apis[0] ?? '';
    return { path: ['kind'], message: `unknown kind "${kind}" in ${apiVersion} (did you mean "${nearKind}" in ${api}?)` };
  }
  if (!isBuiltinGroup(group, registry)) {
    return {
      path: ['kind'],
      message: `no schema for ${apiVersion} ${kind}: pass its CustomResourceDefinition with --crd or a schema folder with --schemas, or use --ignore-missing-schemas`,
    };
  }
  return { path: ['kind'], message: `${apiVersion} ${kind} is not a kind Kubernetes ${target} serves: check the apiVersion and kind` };
}
