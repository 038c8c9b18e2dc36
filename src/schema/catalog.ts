/**
 * Schema folders in the catalog layout of datreeio/CRDs-catalog and kubeconform:
 * `{group}/{kind}_{version}.json`, with the kind lowercased. Scanning reads names only; a schema is
 * read when an object of its kind is validated.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export interface CatalogEntry {
  group: string;
  version: string;
  /** Lowercased kind, from the file name. */
  kind: string;
  file: string;
}

/** The schema files of a catalog folder. Throws when the folder cannot be read. */
export function scanCatalog(dir: string): CatalogEntry[] {
  const out: CatalogEntry[] = [];
  for (const group of readdirSync(dir).sort()) {
    const groupDir = path.join(dir, group);
    if (!statSync(groupDir).isDirectory()) continue;
    for (const name of readdirSync(groupDir).sort()) {
      const m = /^(.+)_([^_]+)\.json$/.exec(name);
      if (!m?.[1] || !m[2]) continue;
      out.push({ group, version: m[2], kind: m[1].toLowerCase(), file: path.join(groupDir, name) });
    }
  }
  return out;
}
