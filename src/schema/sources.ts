/**
 * Setting up the schemas of a run: CRD files and folders (`--crd`, config `crds`), catalog folders
 * (`--schemas`, config `schemas`), and CRDs found in the linted inputs themselves. This is the I/O
 * side of src/schema; the registry it fills is what rules see.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, UsageError } from '../errors.js';
import { MANIFEST_EXTENSIONS } from '../load/files.js';
import { objectsOfDocument } from '../load/objects.js';
import { parseYaml, type ParsedFile } from '../load/parse.js';
import { scanCatalog, type CatalogEntry } from './catalog.js';
import { isCrdObject } from './crd.js';
import type { DiskValidatorCache } from './disk-cache.js';
import { SchemaRegistry, type ValidatorCache } from './registry.js';

/** A path from the command line (relative to the working folder) or the config (relative to its folder). */
export interface SchemaPath {
  path: string;
  base: string;
  origin: 'cli' | 'config';
}

export interface SchemaSetupOptions {
  kubernetesVersion: string;
  strict: boolean;
  crds: readonly SchemaPath[];
  schemas: readonly SchemaPath[];
  cache?: ValidatorCache;
  /** Compiled validators kept between runs. */
  disk?: DiskValidatorCache;
}

export interface SchemaSetup {
  registry: SchemaRegistry;
  /** Things worth telling the user (a --crd file without any CRD). */
  warnings: { message: string; filePath: string }[];
}

function fail(origin: SchemaPath['origin'], message: string): never {
  throw origin === 'cli' ? new UsageError(message) : new ConfigError(message);
}

function statOf(p: SchemaPath, flag: string): { absolute: string; isDirectory: boolean } {
  const absolute = path.resolve(p.base, p.path);
  try {
    return { absolute, isDirectory: statSync(absolute).isDirectory() };
  } catch {
    return fail(p.origin, `${flag} ${p.path}: no such file or folder`);
  }
}

function manifestFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...manifestFiles(child));
    else if (MANIFEST_EXTENSIONS.some((ext) => entry.name.toLowerCase().endsWith(ext))) out.push(child);
  }
  return out;
}

/** CRD objects of a parsed file. */
export function crdsOfParsed(parsed: ParsedFile, filePath: string): Record<string, unknown>[] {
  return parsed.documents.flatMap((document) =>
    objectsOfDocument(document, filePath)
      .objects.map((o) => o.value)
      .filter(isCrdObject),
  );
}

/** Cheap test before parsing: only files that mention CustomResourceDefinition can hold one. */
export function mayHoldCrd(text: string): boolean {
  return text.includes('CustomResourceDefinition');
}

export function setUpSchemas(options: SchemaSetupOptions): SchemaSetup {
  const catalog: CatalogEntry[] = [];
  for (const dir of options.schemas) {
    const { absolute, isDirectory } = statOf(dir, dir.origin === 'cli' ? '--schemas' : 'schemas:');
    if (!isDirectory)
      fail(
        dir.origin,
        `${dir.origin === 'cli' ? '--schemas' : 'schemas:'} ${dir.path}: not a folder (give a folder laid out as {group}/{kind}_{version}.json)`,
      );
    catalog.push(...scanCatalog(absolute));
  }
  const registry = new SchemaRegistry({
    kubernetesVersion: options.kubernetesVersion,
    strict: options.strict,
    catalog,
    ...(options.cache ? { cache: options.cache } : {}),
    ...(options.disk ? { disk: options.disk } : {}),
  });
  const warnings: SchemaSetup['warnings'] = [];
  for (const crd of options.crds) {
    const flag = crd.origin === 'cli' ? '--crd' : 'crds:';
    const { absolute, isDirectory } = statOf(crd, flag);
    const files = isDirectory ? manifestFiles(absolute) : [absolute];
    let found = 0;
    for (const file of files) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        return fail(crd.origin, `${flag} ${file}: cannot read: ${(error as Error).message}`);
      }
      if (!mayHoldCrd(text)) continue;
      for (const value of crdsOfParsed(parseYaml(text), file)) {
        if (registry.addCrd(value, file)) found++;
      }
    }
    if (found === 0) warnings.push({ message: `${flag} ${crd.path}: no CustomResourceDefinition found`, filePath: crd.path });
  }
  return { registry, warnings };
}
