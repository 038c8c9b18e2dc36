/**
 * The bundled catalog of custom resource schemas (schemas/crds/, made by
 * scripts/gen-crd-catalog.ts): read lazily, its index when a run first meets an apiVersion/kind
 * that is not a built-in kind, and one group's file when it meets a custom resource of that group.
 * A run that meets no custom resource reads none of it.
 */
import { readFileSync } from 'node:fs';
import { lazyBuiltin } from '../lazy.js';
import { schemasFile } from './bundle.js';
import type { SchemaNode } from './types.js';

const DIR = 'crds';

interface CatalogIndex {
  groups: Record<string, { file: string; kinds: Record<string, { kind: string; versions: string[] }> }>;
}

interface GroupFile {
  schemas: Record<string, unknown>;
  shared: unknown[];
}

let index: CatalogIndex | null | undefined;
const groups = new Map<string, Map<string, SchemaNode> | null>();

function catalogIndex(): CatalogIndex | null {
  if (index === undefined) {
    try {
      index = JSON.parse(readFileSync(schemasFile(`${DIR}/index.json`), 'utf8')) as CatalogIndex;
    } catch {
      index = null;
    }
  }
  return index;
}

/** The bundled kind (as spelled by its CRD) of apiVersion/kind (kind matched case-insensitively), or undefined. */
export function bundledKind(group: string, version: string, kind: string): string | undefined {
  const g = catalogIndex()?.groups;
  if (!g || !Object.hasOwn(g, group)) return undefined;
  const kinds = g[group]?.kinds ?? {};
  const lower = kind.toLowerCase();
  const entry = Object.hasOwn(kinds, lower) ? kinds[lower] : undefined;
  return entry?.versions.includes(version) ? entry.kind : undefined;
}

/** Every bundled apiVersion/kind, for "did you mean" hints. */
export function bundledKinds(): { apiVersion: string; kind: string }[] {
  const out: { apiVersion: string; kind: string }[] = [];
  for (const [group, entry] of Object.entries(catalogIndex()?.groups ?? {})) {
    for (const { kind, versions } of Object.values(entry.kinds)) for (const v of versions) out.push({ apiVersion: `${group}/${v}`, kind });
  }
  return out;
}

/** `{"$shared": n}` references replaced by the shared subtree (built once, shared by every use). */
function expand(file: GroupFile): Map<string, SchemaNode> {
  const built = new Map<number, unknown>();
  const resolve = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(resolve);
    if (typeof node !== 'object' || node === null) return node;
    const record = node as Record<string, unknown>;
    const ref = record.$shared;
    if (typeof ref === 'number' && Object.keys(record).length === 1) {
      let out = built.get(ref);
      if (out === undefined) {
        out = resolve(file.shared[ref]);
        built.set(ref, out);
      }
      return out;
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(record)) out[k] = resolve(v);
    return out;
  };
  const schemas = new Map<string, SchemaNode>();
  for (const [name, schema] of Object.entries(file.schemas)) schemas.set(name, resolve(schema) as SchemaNode);
  return schemas;
}

/** The bundled schema of a custom resource, or undefined. */
export function bundledSchema(group: string, version: string, kind: string): SchemaNode | undefined {
  if (bundledKind(group, version, kind) === undefined) return undefined;
  let schemas = groups.get(group);
  if (schemas === undefined) {
    const file = catalogIndex()?.groups[group]?.file;
    try {
      const raw = readFileSync(schemasFile(`${DIR}/${file ?? ''}`));
      schemas = expand(JSON.parse(lazyBuiltin('node:zlib').brotliDecompressSync(raw).toString('utf8')) as GroupFile);
    } catch {
      schemas = null;
    }
    groups.set(group, schemas);
  }
  return schemas?.get(`${kind.toLowerCase()}_${version}`);
}
