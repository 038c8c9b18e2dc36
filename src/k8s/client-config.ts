/**
 * Client-side configuration: files that look like Kubernetes objects (apiVersion and kind) but are
 * read by a tool on the user's machine or in CI, and never sent to the API server. Such a document
 * has no metadata.name to give and no schema to meet; kube-lint skips it and counts it.
 *
 * The table is documented in docs/client-config.md (generated from it); users add their own kinds
 * with the `clientKinds` config key.
 */
import { apiGroupOf } from './api-version.js';
import { isRecord } from './values.js';

/** One entry: an API group, and the kinds of it that are client-side (`*`: all of them). */
export interface ClientKind {
  /** The API group (`kustomize.config.k8s.io`; `` for the core group, `builtin` for kustomize's plugins). */
  group: string;
  /** Kinds of the group; `*` for every kind. */
  kinds: readonly string[] | '*';
  /** The tool that reads it, for the docs and the summary. */
  tool: string;
}

export const CLIENT_KINDS: readonly ClientKind[] = [
  { group: 'kustomize.config.k8s.io', kinds: '*', tool: 'kustomize (kustomization.yaml, components)' },
  { group: 'builtin', kinds: '*', tool: 'kustomize built-in generators and transformers' },
  { group: 'config.kubernetes.io', kinds: '*', tool: 'KRM functions (function configs, ResourceList)' },
  { group: 'kpt.dev', kinds: '*', tool: 'kpt (Kptfile)' },
  { group: 'fn.kpt.dev', kinds: '*', tool: 'kpt functions' },
  { group: '', kinds: ['Config'], tool: 'kubectl (kubeconfig)' },
  { group: 'client.authentication.k8s.io', kinds: '*', tool: 'kubectl credential plugins' },
  { group: 'skaffold', kinds: '*', tool: 'Skaffold (skaffold.yaml)' },
  { group: 'kind.x-k8s.io', kinds: '*', tool: 'kind cluster configuration' },
  { group: 'k3d.io', kinds: '*', tool: 'k3d cluster configuration' },
  { group: 'ctlptl.dev', kinds: '*', tool: 'ctlptl cluster configuration' },
  { group: 'k0sctl.k0sproject.io', kinds: '*', tool: 'k0sctl cluster configuration' },
  { group: 'eksctl.io', kinds: '*', tool: 'eksctl cluster configuration' },
  { group: 'kops.k8s.io', kinds: '*', tool: 'kOps cluster specifications' },
  { group: 'kwok.x-k8s.io', kinds: ['KwokConfiguration', 'KwokctlConfiguration'], tool: 'kwok configuration' },
  { group: 'kubeadm.k8s.io', kinds: '*', tool: 'kubeadm configuration' },
  { group: 'kubelet.config.k8s.io', kinds: '*', tool: 'kubelet configuration' },
  { group: 'kubeproxy.config.k8s.io', kinds: '*', tool: 'kube-proxy configuration' },
  { group: 'kubescheduler.config.k8s.io', kinds: '*', tool: 'kube-scheduler configuration' },
  { group: 'kubecontrollermanager.config.k8s.io', kinds: '*', tool: 'kube-controller-manager configuration' },
  { group: 'apiserver.config.k8s.io', kinds: '*', tool: 'kube-apiserver configuration (encryption, admission, authentication)' },
  { group: 'apiserver.k8s.io', kinds: '*', tool: 'kube-apiserver admission configuration' },
  { group: 'audit.k8s.io', kinds: '*', tool: 'kube-apiserver audit policy' },
  { group: 'pod-security.admission.config.k8s.io', kinds: '*', tool: 'Pod Security admission configuration' },
  { group: 'eventratelimit.admission.k8s.io', kinds: '*', tool: 'EventRateLimit admission configuration' },
  { group: 'cli.kyverno.io', kinds: '*', tool: 'Kyverno CLI tests' },
  { group: 'chainsaw.kyverno.io', kinds: '*', tool: 'Chainsaw tests' },
  { group: 'kuttl.dev', kinds: '*', tool: 'KUTTL tests' },
  { group: 'scorecard.operatorframework.io', kinds: '*', tool: 'operator-sdk scorecard' },
  { group: 'meta.pkg.crossplane.io', kinds: '*', tool: 'Crossplane package metadata (crossplane.yaml)' },
  { group: 'kbld.k14s.io', kinds: '*', tool: 'Carvel kbld' },
  { group: 'vendir.k14s.io', kinds: '*', tool: 'Carvel vendir' },
  { group: 'kapp.k14s.io', kinds: '*', tool: 'Carvel kapp configuration' },
  { group: 'imgpkg.carvel.dev', kinds: '*', tool: 'Carvel imgpkg' },
  { group: 'krew.googlecontainertools.github.com', kinds: '*', tool: 'krew plugin manifests' },
  { group: 'backstage.io', kinds: '*', tool: 'Backstage catalog (catalog-info.yaml)' },
];

/** File names kustomize reads as a kustomization, whatever they hold. */
export const KUSTOMIZATION_FILE_NAMES: readonly string[] = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** kustomize's annotation for objects that configure the build and are not part of its output. */
export const LOCAL_CONFIG_ANNOTATION = 'config.kubernetes.io/local-config';

/** Whether a file (by its path) is a kustomization file. */
export function isKustomizationFile(filePath: string): boolean {
  const base = filePath.slice(filePath.lastIndexOf('/') + 1);
  return KUSTOMIZATION_FILE_NAMES.includes(base);
}

/** A table of client-side kinds, with the user's additions. */
export class ClientKinds {
  private readonly byGroup = new Map<string, ClientKind[]>();

  constructor(extra: readonly ClientKind[] = []) {
    for (const entry of [...CLIENT_KINDS, ...extra]) {
      const list = this.byGroup.get(entry.group) ?? [];
      list.push(entry);
      this.byGroup.set(entry.group, list);
    }
  }

  /** The entry that makes this apiVersion and kind client-side, if any. */
  match(apiVersion: string | undefined, kind: string | undefined): ClientKind | undefined {
    if (apiVersion === undefined || kind === undefined) return undefined;
    // skaffold/v4beta11, skaffold/v2: the "group" is the tool's name.
    const entries = this.byGroup.get(apiGroupOf(apiVersion));
    return entries?.find((e) => e.kinds === '*' || e.kinds.includes(kind));
  }

  /**
   * Why an object is client-side configuration (the tool that reads it), or undefined. `filePath`
   * makes any mapping in a kustomization file one, as kustomize reads it whatever its apiVersion.
   */
  classify(value: Record<string, unknown>, filePath: string): string | undefined {
    const apiVersion = typeof value.apiVersion === 'string' ? value.apiVersion : undefined;
    const kind = typeof value.kind === 'string' ? value.kind : undefined;
    const entry = this.match(apiVersion, kind);
    if (entry) return entry.tool;
    if (isKustomizationFile(filePath) && (apiVersion === undefined || apiGroupOf(apiVersion) === 'kustomize.config.k8s.io'))
      return 'kustomize (kustomization.yaml, components)';
    const metadata = value.metadata;
    const annotations = isRecord(metadata) ? metadata.annotations : undefined;
    if (isRecord(annotations) && String(annotations[LOCAL_CONFIG_ANNOTATION]) === 'true') return 'kustomize (local configuration)';
    return undefined;
  }
}
