/**
 * Generates what `schemas/` ships from the offline data in ../shared (see each folder's README):
 *
 *   schemas/kubernetes.json.br  core Kubernetes definitions for every bundled minor version, without
 *                               descriptions, each distinct definition body stored once
 *   schemas/deprecations.json   deprecated and removed apiVersions (pluto's table, cross-checked)
 *   schemas/index.json          versions, file names, provenance and input checksums
 *   schemas/README.md           where the data comes from and how it was transformed
 *
 * Usage: tsx scripts/gen-schemas.ts [--shared DIR] [--out DIR] [--check]
 * `--check` regenerates into memory and fails when `--out` differs (compressed files are compared
 * by content, so a different brotli build does not fail the check).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { brotliCompressSync, brotliDecompressSync, constants as zlib } from 'node:zlib';
import { parse as parseYaml } from 'yaml';
import type { DeprecationEntry, DeprecationsFile, JsonObject, JsonValue, KubernetesBundle } from '../src/schema/types.js';

export const BUNDLE_FORMAT = 1;
export const KUBERNETES_FILE = 'kubernetes.json.br';
export const DEPRECATIONS_FILE = 'deprecations.json';
export const INDEX_FILE = 'index.json';
export const KINDS_FILE = 'kinds.json';
export const README_FILE = 'README.md';

/** Provenance of the inputs, as recorded in ../shared/<folder>/README.md. Update on refresh. */
export const SOURCES = {
  kubernetes: {
    repository: 'https://github.com/cdk8s-team/cdk8s',
    commit: '71f8cba7ecc809d861e837e842217202d5e5a16c',
    path: 'kubernetes-schemas/v1.XX.0/_definitions.json',
    upstream: 'api/openapi-spec/swagger.json of kubernetes/kubernetes at tag v1.XX.0, converted to JSON Schema by openapi2jsonschema',
    license: 'Apache-2.0 (The Kubernetes Authors; cdk8s)',
    fileCommits: {
      '1.29': 'a817769b879dc06307664c1674175c3b1ff02cbc',
      '1.30': 'd853c60d1efa1ce91d350e11e86a970024e9140a',
      '1.31': '46df0fee6589f75541801312fcf3a39eccbdca88',
      '1.32': 'caea946169726721c790acc0102c80ccc87d9ae9',
      '1.33': '5e90db4429a549592a015078dcdd84117bb2fba8',
      '1.34': 'e646a08281be314f3a4f2f55fd26ae76d46c0ad3',
      '1.35': 'e646a08281be314f3a4f2f55fd26ae76d46c0ad3',
      '1.36': 'd75f4ceaf07ca61d159af0800d66d18ddfbadf05',
    } as Record<string, string>,
  },
  deprecations: {
    repository: 'https://github.com/FairwindsOps/pluto',
    commit: 'dd5ec8cccce5e42dfe8054b8250baa35546056a0',
    fileCommit: '46b3b711d10fe8596b2458ec555ec38f2d577ee2',
    path: 'versions.yaml',
    license: 'Apache-2.0 (FairwindsOps)',
  },
} as const;

/** Schema keywords kept in the bundle. Everything else (descriptions, patch strategies, list and map types, unions) is dropped. */
const KEPT_KEYWORDS = new Set([
  'type',
  'format',
  'required',
  'enum',
  '$ref',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-int-or-string',
]);
const SCHEMA_KEYWORDS = new Set(['items', 'additionalProperties', 'not']);
const SCHEMA_LIST_KEYWORDS = new Set(['oneOf', 'anyOf', 'allOf']);

const GVK = 'x-kubernetes-group-version-kind';

/**
 * Definitions that carry one GVK per API group (request and event envelopes). They are not kinds a
 * manifest holds, so they are left out of the kind index, except Status, which is a real `v1`
 * kind (single-GVK from 1.31; multi-GVK in 1.29 and 1.30, where it is registered as `v1` too).
 */
const MULTI_GVK_KEEP: Record<string, { group: string; version: string }> = {
  'io.k8s.apimachinery.pkg.apis.meta.v1.Status': { group: '', version: 'v1' },
};

type Json = JsonValue;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A schema with descriptions and other documentation-only keywords removed, keys sorted. */
export function slimSchema(schema: Json): Json {
  if (!isObject(schema)) return schema;
  const out: JsonObject = {};
  for (const key of Object.keys(schema).sort()) {
    const value = schema[key];
    if (value === undefined) continue;
    if (key === 'properties' && isObject(value)) {
      const props: JsonObject = {};
      for (const name of Object.keys(value).sort()) props[name] = slimSchema(value[name] ?? {});
      out[key] = props;
    } else if (SCHEMA_KEYWORDS.has(key)) {
      out[key] = typeof value === 'boolean' ? value : slimSchema(value);
    } else if (SCHEMA_LIST_KEYWORDS.has(key) && Array.isArray(value)) {
      out[key] = value.map(slimSchema);
    } else if (KEPT_KEYWORDS.has(key)) {
      out[key] = value;
    }
  }
  return out;
}

/** `v1.29` or `v1.29.0` -> `1.29`. */
export function minorOf(version: string): string | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(version.trim());
  return m ? `${m[1]}.${m[2]}` : undefined;
}

export function compareMinor(a: string, b: string): number {
  const [a1 = 0, a2 = 0] = a.split('.').map(Number);
  const [b1 = 0, b2 = 0] = b.split('.').map(Number);
  return a1 - b1 || a2 - b2;
}

function apiVersionOf(group: string, version: string): string {
  return group === '' ? version : `${group}/${version}`;
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

interface Inputs {
  versions: { version: string; file: string; text: string }[];
  deprecations: { file: string; text: string };
}

export function readInputs(sharedDir: string): Inputs {
  const schemaDir = path.join(sharedDir, 'k8s-schemas');
  if (!existsSync(schemaDir)) throw new Error(`${schemaDir} does not exist: pass --shared DIR`);
  const versions = readdirSync(schemaDir)
    .map((name) => ({ name, version: minorOf(name) }))
    .filter((v): v is { name: string; version: string } => v.version !== undefined)
    .filter((v) => existsSync(path.join(schemaDir, v.name, '_definitions.json')))
    .sort((a, b) => compareMinor(a.version, b.version))
    .map(({ name, version }) => {
      const file = path.join(schemaDir, name, '_definitions.json');
      return { version, file, text: readFileSync(file, 'utf8') };
    });
  if (versions.length === 0) throw new Error(`no v1.XX/_definitions.json under ${schemaDir}`);
  const depFile = path.join(sharedDir, 'k8s-deprecations', 'versions.yaml');
  return { versions, deprecations: { file: depFile, text: readFileSync(depFile, 'utf8') } };
}

export function buildKubernetesBundle(inputs: Inputs): KubernetesBundle {
  const bundle: KubernetesBundle = { format: BUNDLE_FORMAT, versions: [], bodies: [], definitions: {}, kinds: {} };
  const bodyIndex = new Map<string, number>();
  for (const { version, file, text } of inputs.versions) {
    const data = JSON.parse(text) as unknown;
    if (!isObject(data) || !isObject(data.definitions)) throw new Error(`${file}: no "definitions" object`);
    const defs = data.definitions;
    const index: Record<string, number> = {};
    const kinds: Record<string, Record<string, string>> = {};
    for (const name of Object.keys(defs).sort()) {
      const raw = defs[name];
      if (!isObject(raw)) throw new Error(`${file}: definition ${name} is not an object`);
      const slim = JSON.stringify(slimSchema(raw));
      let at = bodyIndex.get(slim);
      if (at === undefined) {
        at = bundle.bodies.length;
        bodyIndex.set(slim, at);
        bundle.bodies.push(JSON.parse(slim) as JsonObject);
      }
      index[name] = at;
      const gvks = Array.isArray(raw[GVK]) ? raw[GVK].filter(isObject) : [];
      const keep = MULTI_GVK_KEEP[name];
      const chosen = gvks.length === 1 ? gvks : keep ? gvks.filter((g) => g.group === keep.group && g.version === keep.version) : [];
      for (const gvk of chosen) {
        const { group, version: v, kind } = gvk;
        if (typeof group !== 'string' || typeof v !== 'string' || typeof kind !== 'string') continue;
        const api = apiVersionOf(group, v);
        (kinds[api] ??= {})[kind] = name;
      }
    }
    bundle.versions.push(version);
    bundle.definitions[version] = index;
    bundle.kinds[version] = sortKeys(kinds);
  }
  return bundle;
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys(record).sort()) {
    const value = record[key] as T;
    out[key] = isObject(value) ? (sortKeys(value as Record<string, unknown>) as T) : value;
  }
  return out;
}

interface PlutoEntry {
  version?: unknown;
  kind?: unknown;
  'deprecated-in'?: unknown;
  'removed-in'?: unknown;
  'replacement-api'?: unknown;
  'replacement-available-in'?: unknown;
  component?: unknown;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function componentVersion(value: unknown, component: string): string | undefined {
  const raw = text(value);
  if (raw === undefined) return undefined;
  if (component === 'k8s') {
    const minor = minorOf(raw);
    if (minor === undefined) throw new Error(`versions.yaml: "${raw}" is not a Kubernetes version`);
    return minor;
  }
  return raw.replace(/^v/, '');
}

export interface DeprecationReport {
  file: DeprecationsFile;
  /** What the generator decided where its sources disagree (printed, and written to the README). */
  notes: string[];
}

export function buildDeprecations(inputs: Inputs, bundle: KubernetesBundle): DeprecationReport {
  const parsed = parseYaml(inputs.deprecations.text) as { 'deprecated-versions'?: unknown };
  const list = parsed['deprecated-versions'];
  if (!Array.isArray(list)) throw new Error('versions.yaml: no deprecated-versions list');
  const notes: string[] = [];
  const entries: DeprecationEntry[] = [];
  const seen = new Map<string, string>();
  for (const item of list as PlutoEntry[]) {
    const component = text(item.component) ?? 'k8s';
    const version = text(item.version);
    if (version === undefined) throw new Error(`versions.yaml: an entry has no version: ${JSON.stringify(item)}`);
    const entry: DeprecationEntry = { component, source: 'pluto' };
    if (version.includes('/')) entry.apiVersion = version;
    else if (version.includes('.')) {
      // istio's `rbac.istio.io`: a group without a version. The whole group went away in Istio 1.4,
      // and its kind "AuthorizationPolicies" is no kind of that group, so match every kind.
      entry.group = version;
      entry.note = `pluto lists "${version}" with kind "${text(item.kind) ?? ''}": matched as every kind of every version of the group`;
    } else entry.apiVersion = version; // core group (`v1`)
    const kind = text(item.kind);
    if (kind !== undefined && entry.group === undefined) entry.kind = kind;
    const deprecatedIn = componentVersion(item['deprecated-in'], component);
    const removedIn = componentVersion(item['removed-in'], component);
    const replacement = text(item['replacement-api']);
    const availableIn = componentVersion(item['replacement-available-in'], component);
    if (deprecatedIn !== undefined) entry.deprecatedIn = deprecatedIn;
    if (removedIn !== undefined) entry.removedIn = removedIn;
    if (replacement !== undefined) entry.replacement = replacement;
    if (availableIn !== undefined) entry.replacementAvailableIn = availableIn;
    const key = `${entry.apiVersion ?? entry.group ?? ''} ${entry.kind ?? '*'} ${component}`;
    const body = JSON.stringify(entry);
    const previous = seen.get(key);
    if (previous !== undefined) {
      if (previous !== body) throw new Error(`versions.yaml: conflicting entries for ${key}: ${previous} and ${body}`);
      notes.push(`pluto lists ${key.replace(/ k8s$/, '')} twice (identical): kept once`);
      continue;
    }
    seen.set(key, body);
    entries.push(entry);
  }

  // Cross-check with the schemas: when is each GVK present?
  const presence = new Map<string, string[]>();
  for (const version of bundle.versions) {
    for (const [api, kinds] of Object.entries(bundle.kinds[version] ?? {})) {
      for (const kind of Object.keys(kinds)) {
        const key = `${api} ${kind}`;
        const list = presence.get(key) ?? [];
        list.push(version);
        presence.set(key, list);
      }
    }
  }
  const newest = bundle.versions[bundle.versions.length - 1] ?? '';
  for (const entry of entries) {
    if (entry.component !== 'k8s' || entry.apiVersion === undefined || entry.kind === undefined || entry.removedIn === undefined) continue;
    const seenIn = presence.get(`${entry.apiVersion} ${entry.kind}`) ?? [];
    const stillThere = seenIn.filter((v) => compareMinor(v, entry.removedIn ?? '') >= 0);
    if (stillThere.length === 0) continue;
    // The schemas are the API server's own OpenAPI for that release: a version it still defines
    // can still be served (when enabled), so it is not removed yet. The schemas win.
    const planned = entry.removedIn;
    const lastSeen = stillThere[stillThere.length - 1] ?? planned;
    delete entry.removedIn;
    if (compareMinor(lastSeen, newest) < 0) {
      const next = bundle.versions[bundle.versions.indexOf(lastSeen) + 1];
      if (next !== undefined) entry.removedIn = next;
    }
    entry.note = `pluto says removed in ${planned}, but the ${stillThere.join(', ')} schemas still define it${entry.removedIn ? `: removed in ${entry.removedIn}` : ': deprecated, not removed'}`;
    notes.push(`${entry.apiVersion} ${entry.kind}: ${entry.note}`);
  }

  // GVKs that disappear between bundled versions and that pluto does not list (alpha APIs mostly).
  const covered = new Set(entries.filter((e) => e.apiVersion && e.kind).map((e) => `${e.apiVersion ?? ''} ${e.kind ?? ''}`));
  const newestKinds = bundle.kinds[newest] ?? {};
  for (const [key, versions] of [...presence].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const last = versions[versions.length - 1] ?? newest;
    const [apiVersion = '', kind = ''] = key.split(' ');
    // `*List` kinds are expanded by the loader: only their items are linted.
    if (last === newest || covered.has(key) || kind.endsWith('List')) continue;
    const removedIn = bundle.versions[bundle.versions.indexOf(last) + 1] ?? newest;
    const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
    const replacement = Object.keys(newestKinds)
      .filter((api) => (api.includes('/') ? api.split('/')[0] : '') === group && newestKinds[api]?.[kind] !== undefined)
      .sort(compareApiVersions)[0];
    const entry: DeprecationEntry = { apiVersion, kind, component: 'k8s', removedIn, source: 'schemas' };
    if (replacement !== undefined) entry.replacement = replacement;
    entry.note = `defined in the ${versions.length === 1 ? (versions[0] ?? '') : `${versions[0] ?? ''} to ${last}`} schemas only`;
    entries.push(entry);
  }
  return { file: { format: BUNDLE_FORMAT, entries }, notes };
}

/** Most stable first: v1 > v1beta2 > v1beta1 > v1alpha1, then higher numbers. */
export function compareApiVersions(a: string, b: string): number {
  const rank = (api: string): [number, number, number] => {
    const version = api.split('/').pop() ?? api;
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(version);
    if (!m) return [3, 0, 0];
    const level = m[2] === undefined ? 0 : m[2] === 'beta' ? 1 : 2;
    return [level, -Number(m[1]), -Number(m[3] ?? 0)];
  };
  const [a1, a2, a3] = rank(a);
  const [b1, b2, b3] = rank(b);
  return a1 - b1 || a2 - b2 || a3 - b3 || (a < b ? -1 : a > b ? 1 : 0);
}

export interface Generated {
  /** File name -> content, as written to disk. */
  files: Map<string, Buffer>;
  /** File name -> canonical content compared by --check (decompressed for compressed files). */
  canonical: Map<string, string>;
  notes: string[];
}

function compress(json: string): Buffer {
  return brotliCompressSync(Buffer.from(json), {
    params: {
      [zlib.BROTLI_PARAM_QUALITY]: 11,
      [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
      [zlib.BROTLI_PARAM_SIZE_HINT]: json.length,
    },
  });
}

export function generate(sharedDir: string): Generated {
  const inputs = readInputs(sharedDir);
  const bundle = buildKubernetesBundle(inputs);
  const { file: deprecations, notes } = buildDeprecations(inputs, bundle);
  // The kinds index is a file of its own: a run whose validators come from the disk cache reads
  // only it (a few kB), not the definitions.
  const { kinds, ...definitions } = bundle;
  const bundleJson = JSON.stringify(definitions);
  const compressed = compress(bundleJson);
  const kindsJson = `${JSON.stringify(kinds)}\n`;
  const deprecationsJson = `${JSON.stringify(deprecations, null, 1)}\n`;
  const index = {
    format: BUNDLE_FORMAT,
    versions: bundle.versions,
    default: bundle.versions[bundle.versions.length - 1],
    files: { kubernetes: KUBERNETES_FILE, deprecations: DEPRECATIONS_FILE, kinds: KINDS_FILE },
    inputs: {
      kubernetes: Object.fromEntries(inputs.versions.map((v) => [v.version, sha256(v.text)])),
      deprecations: sha256(inputs.deprecations.text),
    },
  };
  const indexJson = `${JSON.stringify(index, null, 2)}\n`;
  const readme = renderReadme(bundle, deprecations, notes, index.inputs, bundleJson.length, compressed.length);
  const files = new Map<string, Buffer>([
    [KUBERNETES_FILE, compressed],
    [DEPRECATIONS_FILE, Buffer.from(deprecationsJson)],
    [KINDS_FILE, Buffer.from(kindsJson)],
    [INDEX_FILE, Buffer.from(indexJson)],
    [README_FILE, Buffer.from(readme)],
  ]);
  const canonical = new Map<string, string>([
    [KUBERNETES_FILE, bundleJson],
    [DEPRECATIONS_FILE, deprecationsJson],
    [KINDS_FILE, kindsJson],
    [INDEX_FILE, indexJson],
    [README_FILE, readme],
  ]);
  return { files, canonical, notes };
}

function renderReadme(
  bundle: KubernetesBundle,
  deprecations: DeprecationsFile,
  notes: string[],
  inputs: { kubernetes: Record<string, string>; deprecations: string },
  rawBytes: number,
  compressedBytes: number,
): string {
  const k = SOURCES.kubernetes;
  const d = SOURCES.deprecations;
  const defCount = bundle.versions.reduce((n, v) => n + Object.keys(bundle.definitions[v] ?? {}).length, 0);
  const rows = bundle.versions.map((v) => {
    const kinds = Object.values(bundle.kinds[v] ?? {}).reduce((n, byKind) => n + Object.keys(byKind).length, 0);
    return `| ${v} | ${Object.keys(bundle.definitions[v] ?? {}).length} | ${kinds} | \`${k.fileCommits[v] ?? 'unknown'}\` | \`${(inputs.kubernetes[v] ?? '').slice(0, 16)}\` |`;
  });
  const lines = [
    '# Bundled schemas',
    '',
    'Generated by `npm run gen:schemas` (scripts/gen-schemas.ts) from the offline data in `../shared`; do not edit.',
    '`npm run gen:schemas -- --check` fails when these files are not what the generator makes.',
    '',
    '## Files',
    '',
    `- \`${KUBERNETES_FILE}\`: brotli-compressed JSON (${rawBytes} bytes raw, ${compressedBytes} compressed) with \`versions\`, \`bodies\` (the ${bundle.bodies.length} distinct definition bodies of all ${defCount} definitions), \`definitions\` (version -> definition name -> body index).`,
    `- \`${KINDS_FILE}\`: version -> apiVersion -> kind -> definition name.`,
    `- \`${DEPRECATIONS_FILE}\`: ${deprecations.entries.length} deprecated or removed apiVersions.`,
    `- \`${INDEX_FILE}\`: the versions (the newest is the default target), file names and SHA-256 of the inputs.`,
    '',
    '## Kubernetes definitions',
    '',
    `Source: ${k.repository} at \`${k.commit}\`, \`${k.path}\` (upstream: ${k.upstream}). Licence: ${k.license}.`,
    '',
    'Transformations: every `description` and the documentation-only keywords (`x-kubernetes-patch-*`,',
    '`x-kubernetes-list-*`, `x-kubernetes-map-type`, `x-kubernetes-unions`) are dropped; object keys are sorted; the',
    '`x-kubernetes-group-version-kind` markers move to the `kinds` index. Definitions carrying one GVK per API group',
    '(`DeleteOptions`, `WatchEvent`) are not kinds; multi-GVK `Status` (1.29, 1.30) is indexed as `v1 Status`, as from 1.31.',
    '',
    '| version | definitions | kinds | cdk8s commit of the file | input SHA-256 (first 16) |',
    '| --- | ---: | ---: | --- | --- |',
    ...rows,
    '',
    '## Deprecations',
    '',
    `Source: ${d.repository} at \`${d.commit}\`, \`${d.path}\` (file last changed in \`${d.fileCommit}\`). Licence: ${d.license}.`,
    `Input SHA-256: \`${inputs.deprecations.slice(0, 16)}\`.`,
    '',
    'Kubernetes versions are reduced to their minor (`v1.16.0` -> `1.16`); versions of other components (cert-manager,',
    'istio) are kept as that component\'s versions. Empty fields are left out. Entries with `"source": "schemas"` are',
    'apiVersions that disappear between two bundled Kubernetes versions and that pluto does not list.',
    '',
    "Where the sources disagree, the schemas win: they are the API server's own OpenAPI for that release, so an",
    'apiVersion they still define can still be served and is reported as deprecated, not removed.',
    '',
    ...(notes.length > 0 ? ['Decisions made while generating:', '', ...notes.map((n) => `- ${n}`), ''] : []),
  ];
  return lines.join('\n');
}

/** Differences between what would be generated and what `outDir` holds (empty when current). */
export function checkGenerated(generated: Pick<Generated, 'canonical'>, outDir: string): string[] {
  const problems: string[] = [];
  for (const [name, expected] of generated.canonical) {
    const file = path.join(outDir, name);
    if (!existsSync(file)) {
      problems.push(`${name} is missing`);
      continue;
    }
    let actual: string;
    try {
      const raw = readFileSync(file);
      actual = name.endsWith('.br') ? brotliDecompressSync(raw).toString('utf8') : raw.toString('utf8');
    } catch (error) {
      problems.push(`${name} cannot be read: ${(error as Error).message}`);
      continue;
    }
    if (actual !== expected) problems.push(`${name} is out of date`);
  }
  return problems;
}

export function writeGenerated(generated: Generated, outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  for (const [name, content] of generated.files) writeFileSync(path.join(outDir, name), content);
}

export function main(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: { shared: { type: 'string', default: '../shared' }, out: { type: 'string', default: 'schemas' }, check: { type: 'boolean' } },
  });
  const shared = path.resolve(values.shared);
  const out = path.resolve(values.out);
  const generated = generate(shared);
  if (values.check) {
    const problems = checkGenerated(generated, out);
    if (problems.length > 0) {
      process.stderr.write(`${problems.map((p) => `gen-schemas: ${p}`).join('\n')}\nRun npm run gen:schemas to regenerate.\n`);
      return 1;
    }
    process.stdout.write(`gen-schemas: ${out} is up to date\n`);
    return 0;
  }
  writeGenerated(generated, out);
  for (const note of generated.notes) process.stdout.write(`note: ${note}\n`);
  for (const [name, content] of generated.files)
    process.stdout.write(`wrote ${path.join(path.relative(process.cwd(), out), name)} (${content.length} bytes)\n`);
  return 0;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  process.exitCode = main(process.argv.slice(2));
}
