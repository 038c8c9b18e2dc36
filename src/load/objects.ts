/**
 * From parsed documents to Kubernetes objects: skip what is not Kubernetes, expand `List` kinds
 * into their items (each keeping its own position), and note objects that are half-typed.
 */
import type { ObjectRef, YamlPath } from '../types.js';
import type { ParsedDocument } from './parse.js';

export type KubeValue = Record<string, unknown>;

/**
 * What an object is to the run: `resource`, an object to apply; `patch`, a partial object that a
 * kustomization applies to another (its fields are checked, its absences are not); `client-config`,
 * configuration read by a tool and never sent to the cluster (kustomization.yaml, kubeconfig, ...).
 */
export type ObjectRole = 'resource' | 'patch' | 'client-config';

/** One Kubernetes object as the rules see it. */
export interface LintObject {
  apiVersion: string | undefined;
  kind: string | undefined;
  name: string | undefined;
  namespace: string | undefined;
  /** The object's data. Rules must treat it as read-only. */
  value: KubeValue;
  filePath: string;
  document: ParsedDocument;
  /** Where the object sits in its document: `[]`, or `['items', 3]` inside a List. */
  basePath: (string | number)[];
  /** See ObjectRole; set by the linter (default `resource`). */
  role: ObjectRole;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function refOf(object: LintObject): ObjectRef {
  const ref: ObjectRef = {};
  if (object.apiVersion !== undefined) ref.apiVersion = object.apiVersion;
  if (object.kind !== undefined) ref.kind = object.kind;
  if (object.namespace !== undefined) ref.namespace = object.namespace;
  if (object.name !== undefined) ref.name = object.name;
  return ref;
}

/** `Deployment/web` or `Deployment/team-a/web`, for messages. */
export function describeObject(object: Pick<LintObject, 'kind' | 'name' | 'namespace'>): string {
  const kind = object.kind ?? 'object';
  const name = object.name ?? '(unnamed)';
  return object.namespace ? `${kind} ${object.namespace}/${name}` : `${kind} ${name}`;
}

export interface DocumentObjects {
  objects: LintObject[];
  /** The document is not a Kubernetes object (no apiVersion and no kind). */
  skipped: boolean;
  /** Objects that have one of apiVersion/kind but not the other, or no usable name. */
  incomplete: { path: YamlPath; message: string }[];
}

function stringField(value: KubeValue, key: string): string | undefined {
  const field = value[key];
  return typeof field === 'string' ? field : typeof field === 'number' || typeof field === 'boolean' ? String(field) : undefined;
}

export function makeObject(value: KubeValue, filePath: string, document: ParsedDocument, basePath: (string | number)[]): LintObject {
  const metadata = isRecord(value.metadata) ? value.metadata : {};
  return {
    apiVersion: stringField(value, 'apiVersion'),
    kind: stringField(value, 'kind'),
    name: stringField(metadata, 'name') ?? stringField(metadata, 'generateName'),
    namespace: stringField(metadata, 'namespace'),
    value,
    filePath,
    document,
    basePath,
    role: 'resource',
  };
}

function isListKind(value: KubeValue): boolean {
  const kind = value.kind;
  return typeof kind === 'string' && (kind === 'List' || kind.endsWith('List')) && Array.isArray(value.items);
}

/** Objects of one document. Lists nest (a List of Lists) only one level, as the API does. */
export function objectsOfDocument(document: ParsedDocument, filePath: string): DocumentObjects {
  const result: DocumentObjects = { objects: [], skipped: false, incomplete: [] };
  const value = document.value;
  // An empty document (only comments, as Helm leaves behind) is nothing at all: not counted.
  if (value === null || value === undefined) return result;
  if (!isRecord(value) || (value.apiVersion === undefined && value.kind === undefined)) {
    result.skipped = true;
    return result;
  }
  if (isListKind(value)) {
    (value.items as unknown[]).forEach((item, i) => {
      const itemPath: (string | number)[] = ['items', i];
      if (!isRecord(item)) {
        result.incomplete.push({
          path: itemPath,
          message: `item ${i} of ${String(value.kind)} is not an object: remove it or make it a Kubernetes object`,
        });
        return;
      }
      checkTypeMeta(item, itemPath, result);
      result.objects.push(makeObject(item, filePath, document, itemPath));
    });
    return result;
  }
  checkTypeMeta(value, [], result);
  result.objects.push(makeObject(value, filePath, document, []));
  return result;
}

function checkTypeMeta(value: KubeValue, base: (string | number)[], result: DocumentObjects): void {
  const hasApi = typeof value.apiVersion === 'string' && value.apiVersion !== '';
  const hasKind = typeof value.kind === 'string' && value.kind !== '';
  if (hasApi && !hasKind) {
    result.incomplete.push({
      path: [...base, 'kind'],
      message: `object has apiVersion "${String(value.apiVersion)}" but no kind: add kind`,
    });
  } else if (!hasApi && hasKind) {
    result.incomplete.push({
      path: [...base, 'apiVersion'],
      message: `${String(value.kind)} has no apiVersion: add apiVersion (for example "v1" or "apps/v1")`,
    });
  }
  const metadata = value.metadata;
  const name = isRecord(metadata) ? (metadata.name ?? metadata.generateName) : undefined;
  if (hasKind && (name === undefined || name === null || name === '')) {
    result.incomplete.push({
      path: [...base, 'metadata', 'name'],
      message: `${String(value.kind)} has no metadata.name: give it a name`,
    });
  }
}
