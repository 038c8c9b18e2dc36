import { closest } from '../src/engine/config.js';
import { serviceAccountJudged } from '../src/k8s/evidence.js';
import { defineRule, type RunReport } from '../src/engine/rule.js';
import {
  similarName,
  claimTemplateNames,
  containersOfEntry,
  describeNamespace,
  namespaceOf,
  namespacesMatch,
  runIndexOf,
  type RunIndex,
} from '../src/k8s/index.js';
import { podReferences, REFERENCED_KINDS, type PodReference, type ReferencedKind } from '../src/k8s/references.js';
import { describeObject, isRecord } from '../src/k8s/values.js';
import type { LintObject } from '../src/engine/rule.js';

export interface DanglingReferenceOptions {
  kinds: ReferencedKind[];
  ignoreNames: string[];
  checkKeys: boolean;
}

/** `kube-root-ca.crt` is published in every namespace by Kubernetes; `istio-ca-root-cert` by Istio. */
const DEFAULT_IGNORED = ['kube-root-ca.crt', 'istio-ca-root-cert'];

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

/** Keys a ConfigMap or Secret provides, or undefined when they cannot be known from the manifest. */
function providedKeys(object: LintObject): Set<string> | undefined {
  const value = object.value;
  if (value.type === 'kubernetes.io/service-account-token') return undefined; // filled in by the token controller
  const fields = object.kind === 'Secret' ? ['data', 'stringData'] : ['data', 'binaryData'];
  const maps = fields.map((f) => value[f]).filter(isRecord);
  if (maps.length === 0) return undefined; // no data at all: filled in by something else
  return new Set(maps.flatMap((m) => Object.keys(m)));
}

function hintFor(index: RunIndex, ref: PodReference, namespace: string): string {
  const elsewhere = index.findInAnyNamespace(ref.kind, ref.name).find((o) => !namespacesMatch(namespaceOf(o), namespace));
  if (elsewhere) return `one exists in namespace "${namespaceOf(elsewhere)}", but a pod can use only its own namespace's`;
  const sameKind = index.ofKind(ref.kind, namespace);
  const near = similarName(ref.name, sameKind);
  if (near !== undefined) return `did you mean "${near}"?`;
  const canBeOptional = ref.kind === 'ConfigMap' || (ref.kind === 'Secret' && ref.via !== 'imagePullSecrets');
  return canBeOptional ? 'define it, fix the name, or mark the reference optional: true' : 'define it or fix the name';
}

export default defineRule<DanglingReferenceOptions>({
  id: 'dangling-reference',
  meta: {
    description: 'ConfigMaps, Secrets, PersistentVolumeClaims and ServiceAccounts that pods refer to are defined',
    category: 'correctness',
    defaultSeverity: 'warning',
    presets: ['strict'],
    scope: 'run',
    rationale:
      'A pod that refers to a ConfigMap, Secret or PersistentVolumeClaim that does not exist never starts (CreateContainerConfigError, or Pending with FailedMount), and a missing ServiceAccount stops the controller from creating pods at all. A missing key in an existing ConfigMap or Secret fails the same way. These surface only at deploy time, often in one environment only. ' +
      "Read: envFrom, env valueFrom (configMapKeyRef, secretKeyRef), volumes (configMap, secret, projected, persistentVolumeClaim), serviceAccountName and imagePullSecrets of every pod-bearing kind, CronJobs included, in the pod's namespace (an object without metadata.namespace matches any namespace, since it goes wherever the manifests are applied). " +
      "Not reported: references marked optional: true; the `default` ServiceAccount; ServiceAccounts of a namespace in which the run defines other ServiceAccounts (the `missing-service-account` rule, in `recommended`, reports those); names in ignoreNames (by default kube-root-ca.crt, which Kubernetes publishes in every namespace, and istio-ca-root-cert); Secrets that an ExternalSecret, SealedSecret, cert-manager Certificate, Vault Secrets Operator or 1Password item among the linted objects creates; and claims a StatefulSet's volumeClaimTemplates create (`<template>-<statefulset>-<ordinal>`). Key checks skip ConfigMaps and Secrets that hold no data in the manifest.",
    remediation:
      'Add the missing object to the manifests (or lint it together with them), fix the name or key, or mark the reference optional: true when the pod can start without it. For objects created outside the manifests, list their names in ignoreNames or leave their kind out of kinds.',
    options: {
      properties: {
        kinds: {
          type: 'array',
          items: { enum: [...REFERENCED_KINDS] },
          uniqueItems: true,
          description:
            'Kinds of reference to check. Leave out Secret when Secrets are created outside the manifests (by a vault, by hand).',
        },
        ignoreNames: {
          type: 'array',
          items: { type: 'string' },
          description: 'Names that exist outside the manifests; `*` matches any characters (e.g. `regcred`, `*-tls`).',
        },
        checkKeys: {
          type: 'boolean',
          description: 'Also report env key references and volume items naming a key the referenced ConfigMap or Secret does not have.',
        },
      },
    },
    defaults: { kinds: [...REFERENCED_KINDS], ignoreNames: DEFAULT_IGNORED, checkKeys: true },
  },
  checkRun({ objects, options }) {
    const index = runIndexOf(objects);
    const kinds = new Set<string>(options.kinds);
    const ignored = options.ignoreNames.map(globToRegExp);
    const reports: RunReport[] = [];
    for (const entry of index.pods) {
      const { object, namespace } = entry;
      for (const ref of podReferences(object, entry.pod, containersOfEntry(entry))) {
        if (!kinds.has(ref.kind) || ref.optional) continue;
        if (ref.kind === 'ServiceAccount' && ref.name === 'default') continue;
        // With evidence that the run manages the namespace's ServiceAccounts, missing-service-account reports it.
        if (ref.kind === 'ServiceAccount' && serviceAccountJudged(objects, namespace, ref.name, object)) continue;
        if (ignored.some((re) => re.test(ref.name))) continue;
        if (ref.kind === 'PersistentVolumeClaim' && claimTemplateNames(object).includes(ref.name)) continue;
        const defined = index.defined(ref.kind, namespace, ref.name)[0];
        if (!defined) {
          if (index.generatorOf(ref.kind, namespace, ref.name) !== undefined) continue;
          reports.push({
            object,
            path: ref.path,
            message: `${ref.via} of ${describeObject(object)} refers to ${ref.kind} "${ref.name}", which is not among the linted objects in ${describeNamespace(namespace)}: ${hintFor(index, ref, namespace)}`,
          });
          continue;
        }
        if (!options.checkKeys || ref.keys.length === 0) continue;
        const keys = providedKeys(defined);
        if (!keys) continue;
        for (const { key, path } of ref.keys) {
          if (keys.has(key)) continue;
          const near = closest(key, [...keys]);
          reports.push({
            object,
            path,
            message: `${ref.via} of ${describeObject(object)} needs key "${key}" of ${describeObject(defined)}, which has no such key: ${near !== undefined ? `did you mean "${near}"?` : 'add the key or fix the reference'}`,
          });
        }
      }
    }
    return reports;
  },
});
