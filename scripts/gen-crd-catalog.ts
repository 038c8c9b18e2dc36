/**
 * Generates the bundled catalog of custom resource schemas, schemas/crds/, from the offline
 * selection of datreeio/CRDs-catalog in ../shared/crd-schemas (see its README):
 *
 *   schemas/crds/index.json            group -> file, and kind -> versions (the only file a run
 *                                      that meets a custom resource reads before its group's file)
 *   schemas/crds/<group>.json.br       brotli-compressed JSON of one API group: `schemas`
 *                                      ("<kind>_<version>" -> schema) and `shared` (subtrees that
 *                                      occur more than once in the group, stored once and referred
 *                                      to as {"$shared": index})
 *   schemas/crds/README.md             provenance, licences, counts
 *   schemas/crds/LICENSE-CRDs-catalog  the catalog's licence, verbatim
 *
 * Transformations: `description` keywords are dropped (never the properties named so); object
 * keys are sorted; everything else (validation keywords, CEL rules, x-kubernetes-* markers) is
 * kept. Groups of client-side configuration files (kustomize.config.k8s.io) are left out: they
 * are never sent to the API server.
 *
 * Usage: tsx scripts/gen-crd-catalog.ts [--shared DIR] [--out DIR] [--check]
 * `--check` regenerates into memory and fails when `--out` differs (compressed files are compared
 * by content).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants as zlib } from 'node:zlib';
import { parse as parseYaml } from 'yaml';
import type { JsonObject, JsonValue } from '../src/schema/types.js';
import { checkGenerated as checkFiles } from './gen-schemas.js';

export const CATALOG_FORMAT = 1;
export const INDEX_FILE = 'index.json';
export const README_FILE = 'README.md';
export const LICENSE_FILE = 'LICENSE-CRDs-catalog';
/** A subtree stored once per group when its JSON is at least this long and it occurs twice. */
const SHARED_MIN_CHARS = 200;
/** Groups left out of the bundle, and why. */
export const EXCLUDED_GROUPS: Readonly<Record<string, string>> = {
  'kustomize.config.k8s.io': 'client-side configuration of kustomize, never sent to the API server',
};

export const SOURCE = {
  repository: 'https://github.com/datreeio/CRDs-catalog',
  commit: '7b1e26ef9deea49293714d204c1a2270aab1178f',
  license:
    "MIT (c) 2022 datree.io; each schema is extracted from its project's own CRDs, under that project's licence (mostly Apache-2.0, some MIT)",
} as const;

export interface CatalogIndex {
  format: number;
  source: string;
  commit: string;
  /** group -> its file and kinds (lowercase kind -> { kind as spelled, versions }). */
  groups: Record<string, { file: string; kinds: Record<string, { kind: string; versions: string[] }> }>;
}

export interface GroupFile {
  schemas: Record<string, JsonValue>;
  shared: JsonValue[];
}

function isObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Keywords whose value maps names to schemas: their keys are names, never keywords. */
const NAME_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas']);

/** Drops `description` keywords and sorts object keys. */
export function strip(node: JsonValue, namesHere = false): JsonValue {
  if (Array.isArray(node)) return node.map((n) => strip(n));
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const key of Object.keys(node).sort()) {
    if (!namesHere && (key === 'description' || key === '$schema')) continue;
    const value = node[key];
    if (value === undefined) continue;
    out[key] = namesHere ? strip(value) : strip(value, NAME_MAPS.has(key) && isObject(value));
  }
  return out;
}

/** Stores repeated subtrees of a group's schemas once (hash-consing by JSON text). */
export function share(schemas: Record<string, JsonValue>): GroupFile {
  const counts = new Map<string, number>();
  const text = new Map<object, string>();
  const count = (n: JsonValue): string => {
    if (typeof n !== 'object' || n === null) return JSON.stringify(n);
    const t = Array.isArray(n)
      ? `[${n.map(count).join(',')}]`
      : `{${Object.entries(n)
          .map(([k, v]) => `${JSON.stringify(k)}:${count(v)}`)
          .join(',')}}`;
    text.set(n, t);
    if (!Array.isArray(n) && t.length >= SHARED_MIN_CHARS) counts.set(t, (counts.get(t) ?? 0) + 1);
    return t;
  };
  for (const s of Object.values(schemas)) count(s);
  const shared: JsonValue[] = [];
  const ids = new Map<string, number>();
  const rewrite = (n: JsonValue): JsonValue => {
    if (typeof n !== 'object' || n === null) return n;
    if (Array.isArray(n)) return n.map(rewrite);
    const t = text.get(n) ?? '';
    const rebuilt = (): JsonObject => Object.fromEntries(Object.entries(n).map(([k, v]) => [k, rewrite(v)]));
    if ((counts.get(t) ?? 0) < 2) return rebuilt();
    let id = ids.get(t);
    if (id === undefined) {
      id = shared.length;
      ids.set(t, id);
      shared.push(null);
      shared[id] = rebuilt();
    }
    return { $shared: id };
  };
  const out: Record<string, JsonValue> = {};
  for (const [name, s] of Object.entries(schemas)) out[name] = rewrite(s);
  return { schemas: out, shared };
}

function compress(json: string): Buffer {
  return brotliCompressSync(Buffer.from(json), {
    params: {
      [zlib.BROTLI_PARAM_QUALITY]: 11,
      [zlib.BROTLI_PARAM_LGWIN]: 24,
      [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
      [zlib.BROTLI_PARAM_SIZE_HINT]: json.length,
    },
  });
}

export interface Generated {
  /** File name -> content as written (undefined for compressed files when not compressing). */
  files: Map<string, Buffer | undefined>;
  /** File name -> canonical content compared by --check (decompressed for compressed files). */
  canonical: Map<string, string>;
}

interface IndexEntry {
  apiVersion: string;
  filename: string;
  kind: string;
}

export function generate(sharedDir: string, options: { compress?: boolean } = {}): Generated {
  const dir = path.join(sharedDir, 'crd-schemas');
  const indexYaml = readFileSync(path.join(dir, 'index.yaml'), 'utf8');
  const upstream = parseYaml(indexYaml) as Record<string, IndexEntry[] | null>;
  const index: CatalogIndex = { format: CATALOG_FORMAT, source: SOURCE.repository, commit: SOURCE.commit, groups: {} };
  const files = new Map<string, Buffer | undefined>();
  const canonical = new Map<string, string>();
  const rows: string[] = [];
  let totalRaw = 0;
  let totalStored = 0;
  let totalCompressed = 0;
  let totalSchemas = 0;
  let totalRules = 0;
  const groups = readdirSync(dir)
    .filter((g) => statSync(path.join(dir, g)).isDirectory())
    .sort();
  for (const group of groups) {
    if (group in EXCLUDED_GROUPS) continue;
    const kindNames = new Map<string, string>();
    for (const e of upstream[group] ?? []) {
      const base = path.basename(e.filename, '.json');
      kindNames.set(base.slice(0, base.lastIndexOf('_')), e.kind);
    }
    const schemas: Record<string, JsonValue> = {};
    const kinds: CatalogIndex['groups'][string]['kinds'] = {};
    let raw = 0;
    for (const name of readdirSync(path.join(dir, group)).sort()) {
      const m = /^(.+)_([^_]+)\.json$/.exec(name);
      if (!m?.[1] || !m[2]) continue;
      const text = readFileSync(path.join(dir, group, name), 'utf8');
      raw += text.length;
      const schema = strip(JSON.parse(text) as JsonValue);
      totalRules += (JSON.stringify(schema).match(/"rule":/g) ?? []).length;
      const kind = m[1].toLowerCase();
      schemas[`${kind}_${m[2]}`] = schema;
      const entry = (kinds[kind] ??= { kind: kindNames.get(kind) ?? kind, versions: [] });
      entry.versions.push(m[2]);
    }
    if (Object.keys(schemas).length === 0) continue;
    const file = `${group}.json.br`;
    const json = JSON.stringify(share(schemas));
    const compressed = options.compress === false ? undefined : compress(json);
    files.set(file, compressed);
    canonical.set(file, json);
    index.groups[group] = { file, kinds };
    const n = Object.keys(schemas).length;
    totalSchemas += n;
    totalRaw += raw;
    totalStored += json.length;
    totalCompressed += compressed?.length ?? 0;
    rows.push(`| ${group} | ${n} | ${raw} | ${json.length} | ${compressed?.length ?? '-'} |`);
  }
  const indexJson = `${JSON.stringify(index)}\n`;
  files.set(INDEX_FILE, Buffer.from(indexJson));
  canonical.set(INDEX_FILE, indexJson);
  const license = readFileSync(path.join(dir, LICENSE_FILE), 'utf8');
  files.set(LICENSE_FILE, Buffer.from(license));
  canonical.set(LICENSE_FILE, license);
  const readme = [
    '# Bundled custom resource schemas',
    '',
    'Generated by `npm run gen:crd-catalog` (scripts/gen-crd-catalog.ts) from `../shared/crd-schemas`; do not edit.',
    '`npm run gen:crd-catalog -- --check` fails when these files are not what the generator makes.',
    '',
    '## Source and licences',
    '',
    `A selection of ${SOURCE.repository} at \`${SOURCE.commit}\`: the API groups of widely used operators and`,
    'controllers (see the table). Licences: the catalog is MIT (`LICENSE-CRDs-catalog`, (c) 2022 datree.io); each',
    "schema is extracted from its project's own CustomResourceDefinitions and stays under that project's licence",
    '(mostly Apache-2.0, some MIT). Input SHA-256 of `index.yaml`: `' +
      createHash('sha256').update(indexYaml).digest('hex').slice(0, 16) +
      '`.',
    '',
    '## Files and transformations',
    '',
    '- `index.json`: group -> file and kinds (lowercase kind -> kind as spelled, versions). A run reads it only when it',
    '  meets an apiVersion/kind that neither Kubernetes nor a given CRD or schema folder defines.',
    '- `<group>.json.br`: brotli-compressed JSON, `schemas` (`<kind>_<version>` -> schema) and `shared` (subtrees that',
    `  occur more than once in the group, ${SHARED_MIN_CHARS} characters of JSON or more, stored once: \`{"$shared": n}\`). A run reads`,
    '  the file of a group when it meets a custom resource of that group.',
    '- `description` keywords are dropped and object keys sorted; everything else, CEL rules included, is kept.',
    ...Object.entries(EXCLUDED_GROUPS).map(([g, why]) => `- Left out: \`${g}\` (${why}).`),
    '',
    `Totals: ${groups.length - Object.keys(EXCLUDED_GROUPS).length} groups, ${totalSchemas} schemas, ${totalRules} CEL rules; ${totalRaw} bytes as catalog files, ${totalStored} bytes stored (JSON), ${totalCompressed || '-'} bytes compressed.`,
    '',
    '| group | schemas | catalog bytes | stored JSON bytes | brotli bytes |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
  ].join('\n');
  // The README's byte counts depend on compression; --check compares it without them.
  files.set(README_FILE, Buffer.from(readme));
  canonical.set(README_FILE, readmeForCheck(readme));
  return { files, canonical };
}

/** The README without the compressed sizes (which depend on the brotli build). */
function readmeForCheck(readme: string): string {
  return readme.replace(/ \| [0-9-]+ \|$/gm, ' |').replace(/, [0-9-]+ bytes compressed\./, '.');
}

/** Differences between what would be generated and what `outDir` holds (empty when current). */
export function checkGenerated(generated: Generated, outDir: string): string[] {
  // Compressed files compare by content, as for the Kubernetes schemas; the README without the
  // compressed sizes.
  const { [README_FILE]: readme, ...rest } = Object.fromEntries(generated.canonical);
  const problems = checkFiles({ canonical: new Map(Object.entries(rest)) }, outDir);
  const file = path.join(outDir, README_FILE);
  if (!existsSync(file)) problems.push(`${README_FILE} is missing`);
  else if (readmeForCheck(readFileSync(file, 'utf8')) !== readme) problems.push(`${README_FILE} is out of date`);
  if (existsSync(outDir)) {
    for (const name of readdirSync(outDir)) if (!generated.canonical.has(name)) problems.push(`${name} is not generated (remove it)`);
  }
  return problems;
}

export function writeGenerated(generated: Generated, outDir: string): void {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const [name, content] of generated.files) if (content) writeFileSync(path.join(outDir, name), content);
}

export function main(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      shared: { type: 'string', default: '../shared' },
      out: { type: 'string', default: 'schemas/crds' },
      check: { type: 'boolean' },
    },
  });
  const shared = path.resolve(values.shared);
  const out = path.resolve(values.out);
  if (values.check) {
    const problems = checkGenerated(generate(shared, { compress: false }), out);
    if (problems.length > 0) {
      process.stderr.write(`${problems.map((p) => `gen-crd-catalog: ${p}`).join('\n')}\nRun npm run gen:crd-catalog to regenerate.\n`);
      return 1;
    }
    process.stdout.write(`gen-crd-catalog: ${out} is up to date\n`);
    return 0;
  }
  const generated = generate(shared);
  writeGenerated(generated, out);
  let total = 0;
  for (const content of generated.files.values()) total += content?.length ?? 0;
  process.stdout.write(`wrote ${generated.files.size} files to ${path.relative(process.cwd(), out)} (${total} bytes)\n`);
  return 0;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  process.exitCode = main(process.argv.slice(2));
}
