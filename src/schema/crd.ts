/** CustomResourceDefinitions as data: what a CRD object says about the kinds it defines. */
import type { SchemaNode } from './types.js';
import { isRecord } from '../load/objects.js';

export interface CrdVersion {
  name: string;
  served: boolean;
  storage: boolean;
  deprecated: boolean;
  deprecationWarning?: string;
  schema?: SchemaNode;
}

export interface CrdInfo {
  /** metadata.name, `<plural>.<group>` */
  name: string;
  group: string;
  kind: string;
  plural?: string;
  versions: CrdVersion[];
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function isCrdObject(value: unknown): value is Record<string, unknown> {
  return (
    isRecord(value) &&
    value.kind === 'CustomResourceDefinition' &&
    typeof value.apiVersion === 'string' &&
    value.apiVersion.startsWith('apiextensions.k8s.io/')
  );
}

/** Reads a CRD (apiextensions.k8s.io/v1, or the removed v1beta1 layout); undefined when it names no group or kind. */
export function crdInfoOf(value: unknown): CrdInfo | undefined {
  if (!isCrdObject(value)) return undefined;
  const spec = isRecord(value.spec) ? value.spec : {};
  const names = isRecord(spec.names) ? spec.names : {};
  const group = str(spec.group);
  const kind = str(names.kind);
  if (group === undefined || kind === undefined) return undefined;
  const metadata = isRecord(value.metadata) ? value.metadata : {};
  // v1beta1: one schema for every version under spec.validation.
  const shared = isRecord(spec.validation) && isRecord(spec.validation.openAPIV3Schema) ? spec.validation.openAPIV3Schema : undefined;
  const versions: CrdVersion[] = [];
  if (Array.isArray(spec.versions)) {
    for (const v of spec.versions) {
      if (!isRecord(v)) continue;
      const name = str(v.name);
      if (name === undefined) continue;
      const schema = isRecord(v.schema) && isRecord(v.schema.openAPIV3Schema) ? v.schema.openAPIV3Schema : shared;
      const version: CrdVersion = { name, served: v.served !== false, storage: v.storage === true, deprecated: v.deprecated === true };
      const warning = str(v.deprecationWarning);
      if (warning !== undefined) version.deprecationWarning = warning;
      if (schema) version.schema = schema as SchemaNode;
      versions.push(version);
    }
  } else if (str(spec.version) !== undefined) {
    const version: CrdVersion = { name: str(spec.version) ?? '', served: true, storage: true, deprecated: false };
    if (shared) version.schema = shared as SchemaNode;
    versions.push(version);
  }
  const info: CrdInfo = { name: str(metadata.name) ?? '', group, kind, versions };
  const plural = str(names.plural);
  if (plural !== undefined) info.plural = plural;
  return info;
}
