/**
 * Reading the generated files in schemas/ (see scripts/gen-schemas.ts). Each is read once per
 * process, on first use; nothing here reads the source data folder the generator uses.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { lazyBuiltin } from '../lazy.js';
import type { BundleIndex, DeprecationEntry, DeprecationsFile, KubernetesBundle, SchemaNode } from './types.js';

/** The schemas/ folder of the package: two levels up from src/schema, three from dist/src/schema. */
function findSchemasDir(): string {
  let dir = import.meta.dirname;
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'schemas');
    if (existsSync(path.join(candidate, 'index.json'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error(`kube-lint is installed without its schemas/ folder (looked above ${import.meta.dirname})`);
}

let schemasDir: string | undefined;
let index: BundleIndex | undefined;
let kubernetes: Omit<KubernetesBundle, 'kinds'> | undefined;
let kinds: KubernetesBundle['kinds'] | undefined;
let deprecations: DeprecationEntry[] | undefined;

function file(name: string): string {
  schemasDir ??= findSchemasDir();
  return path.join(schemasDir, name);
}

/** The path of a file in the package's schemas/ folder. */
export function schemasFile(name: string): string {
  return file(name);
}

/**
 * A digest of the bundled Kubernetes schemas (a small compressed file): part of the disk cache's
 * keys, so a regenerated bundle makes new entries. Taken from the content, not the file's time,
 * so that validators compiled when the package was built match after it is installed.
 */
export function bundleStamp(): string {
  if (stamp === undefined) {
    try {
      stamp = createHash('sha256')
        .update(readFileSync(file(bundleIndex().files.kubernetes)))
        .digest('hex');
    } catch {
      stamp = 'unknown';
    }
  }
  return stamp;
}
let stamp: string | undefined;

export function bundleIndex(): BundleIndex {
  index ??= JSON.parse(readFileSync(file('index.json'), 'utf8')) as BundleIndex;
  return index;
}

function kubernetesBundle(): Omit<KubernetesBundle, 'kinds'> {
  kubernetes ??= JSON.parse(
    lazyBuiltin('node:zlib')
      .brotliDecompressSync(readFileSync(file(bundleIndex().files.kubernetes)))
      .toString('utf8'),
  ) as Omit<KubernetesBundle, 'kinds'>;
  return kubernetes;
}

const definitionsCache = new Map<string, Record<string, SchemaNode>>();

/**
 * The core definitions of one Kubernetes version, by OpenAPI name. Bodies are shared between
 * versions: treat them as read-only.
 */
export function definitionsOf(version: string): Record<string, SchemaNode> {
  let defs = definitionsCache.get(version);
  if (!defs) {
    const bundle = kubernetesBundle();
    const names = bundle.definitions[version];
    if (!names) throw new Error(`no bundled schemas for Kubernetes ${version}`);
    defs = {};
    for (const [name, at] of Object.entries(names)) {
      const body = bundle.bodies[at];
      if (body) defs[name] = body;
    }
    definitionsCache.set(version, defs);
  }
  return defs;
}

/**
 * The definition name of `apiVersion`/`kind` in one Kubernetes version. Own properties only: a
 * manifest's `kind: toString` or `__proto__` must not find Object.prototype's members.
 */
export function kindDefinition(version: string, apiVersion: string, kind: string): string | undefined {
  const kinds = kindsOf(version);
  const byKind = Object.hasOwn(kinds, apiVersion) ? kinds[apiVersion] : undefined;
  const name = byKind && Object.hasOwn(byKind, kind) ? byKind[kind] : undefined;
  return typeof name === 'string' ? name : undefined;
}

/** apiVersion -> kind -> definition name, for one Kubernetes version. */
export function kindsOf(version: string): Readonly<Record<string, Readonly<Record<string, string>>>> {
  kinds ??= JSON.parse(readFileSync(file(bundleIndex().files.kinds), 'utf8')) as KubernetesBundle['kinds'];
  return kinds[version] ?? {};
}

export function deprecationEntries(): readonly DeprecationEntry[] {
  deprecations ??= (JSON.parse(readFileSync(file(bundleIndex().files.deprecations), 'utf8')) as DeprecationsFile).entries;
  return deprecations;
}
