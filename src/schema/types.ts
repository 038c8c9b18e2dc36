/** Shapes of the files in schemas/ (written by scripts/gen-schemas.ts, read by src/schema/bundle.ts). */

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** A JSON Schema node as kube-lint handles it (plain data). */
export type SchemaNode = JsonObject;

export interface KubernetesBundle {
  format: number;
  versions: string[];
  /** Distinct definition bodies. */
  bodies: SchemaNode[];
  /** version -> definition name -> index into `bodies`. */
  definitions: Record<string, Record<string, number>>;
  /** version -> apiVersion -> kind -> definition name. */
  kinds: Record<string, Record<string, Record<string, string>>>;
}

export interface BundleIndex {
  format: number;
  versions: string[];
  default: string;
  files: { kubernetes: string; deprecations: string; kinds: string };
}

export interface DeprecationEntry {
  /** Exact apiVersion (`extensions/v1beta1`); absent when `group` matches every version. */
  apiVersion?: string;
  /** Every version of this API group (istio's loose `rbac.istio.io` entry). */
  group?: string;
  /** Absent: every kind of the apiVersion. */
  kind?: string;
  /** `k8s`, or the project the API belongs to (`cert-manager`, `istio`). */
  component: string;
  /** A Kubernetes minor (`1.16`) for component k8s, the component's own version otherwise (`1.6.0`). */
  deprecatedIn?: string;
  removedIn?: string;
  replacement?: string;
  replacementAvailableIn?: string;
  /** `pluto`, or `schemas` for removals seen between bundled versions that pluto does not list. */
  source: 'pluto' | 'schemas';
  note?: string;
}

export interface DeprecationsFile {
  format: number;
  entries: DeprecationEntry[];
}
