/**
 * What the kustomizations of a run say, read without running kustomize: which files each one
 * brings together (its resources, through its bases and components), which files are patches
 * (partial objects), which are generator or transformer configuration, and which of the paths it
 * names do not exist. Plain data, so that it can be handed to worker threads.
 *
 * kustomize's own rules are followed: paths are relative to the kustomization's folder; a folder
 * named in `resources` or `components` must hold a kustomization; remote references (git and
 * HTTP URLs) are not followed.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { YamlPath } from '../types.js';
import { parseYaml } from './parse.js';

/** What a kustomization entry names. */
export type EntryRole = 'resource' | 'component' | 'patch' | 'config' | 'generator-file' | 'other';

export interface KustomizationEntry {
  /** Where the entry is in the kustomization document, for findings. */
  path: YamlPath;
  /** The field it comes from (`resources`, `patches`, `configMapGenerator`, ...). */
  field: string;
  /** The reference as written. */
  ref: string;
  role: EntryRole;
  /** Display path of what it resolves to (undefined for remote references). */
  target?: string;
  /** `file`, `folder`, `missing`, or `remote` (not checked). */
  state: 'file' | 'folder' | 'missing' | 'remote';
  /** For a folder: the display path of its kustomization file, when it has one. */
  kustomization?: string;
}

export interface KustomizationInfo {
  /** Display path of the kustomization file. */
  file: string;
  /** 0-based document index of the kustomization in its file (always 0 in practice). */
  documentIndex: number;
  kind: 'Kustomization' | 'Component';
  entries: KustomizationEntry[];
  /** Image names whose tag or digest the kustomization's `images:` sets (kustomize rewrites them). */
  pinnedImages: string[];
}

export interface KustomizeModel {
  kustomizations: KustomizationInfo[];
  /** Files that some kustomization applies as a patch, and that none lists as a resource. */
  patchFiles: string[];
  /** Files named as generators, transformers, validators or replacements: client-side configuration. */
  configFiles: string[];
  /**
   * For each resource file, the kustomizations whose build includes it (directly, through a base
   * folder or a component): the units of objects applied together.
   */
  units: Record<string, string[]>;
  /**
   * For each file, the image names that some build including it pins (kustomize `images:` with a
   * newTag or digest, of the kustomization or of a component it uses), or that a tool builds and
   * tags at deploy time (Skaffold's `build.artifacts`, for every file).
   */
  pinnedImages: Record<string, string[]>;
  /** Images that Skaffold builds and tags when it deploys (`build.artifacts[].image`). */
  toolImages: string[];
}

export const EMPTY_KUSTOMIZE_MODEL: KustomizeModel = {
  kustomizations: [],
  patchFiles: [],
  configFiles: [],
  units: {},
  pinnedImages: {},
  toolImages: [],
};

/** The names in a kustomization's `images:` that get a tag or digest (not "latest"). */
export function pinnedImagesOf(value: Record<string, unknown>): string[] {
  const images = value.images;
  if (!Array.isArray(images)) return [];
  const out: string[] = [];
  for (const image of images) {
    if (!isMapping(image) || typeof image.name !== 'string') continue;
    const tag = image.newTag;
    const pinned = typeof image.digest === 'string' || ((typeof tag === 'string' || typeof tag === 'number') && String(tag) !== 'latest');
    if (pinned) out.push(image.name);
  }
  return out;
}

/** Skaffold's artifacts: images it builds and tags itself (build.artifacts, and in profiles). */
export function skaffoldImagesOf(value: Record<string, unknown>): string[] {
  const out: string[] = [];
  const fromBuild = (build: unknown): void => {
    if (!isMapping(build) || !Array.isArray(build.artifacts)) return;
    for (const artifact of build.artifacts) if (isMapping(artifact) && typeof artifact.image === 'string') out.push(artifact.image);
  };
  fromBuild(value.build);
  if (Array.isArray(value.profiles)) for (const profile of value.profiles) if (isMapping(profile)) fromBuild(profile.build);
  return out;
}

const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** A reference kustomize fetches rather than reads from disk. */
export function isRemoteRef(ref: string): boolean {
  return (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(ref) || /^(git@|git::|github\.com\/|gitlab\.com\/|bitbucket\.org\/)/.test(ref) || ref.includes('?ref=')
  );
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function statOf(absolute: string): 'file' | 'folder' | 'missing' {
  try {
    const stat = statSync(absolute);
    return stat.isDirectory() ? 'folder' : 'file';
  } catch {
    return 'missing';
  }
}

function kustomizationIn(folder: string): string | undefined {
  for (const name of KUSTOMIZATION_NAMES) {
    const candidate = path.join(folder, name);
    if (statOf(candidate) === 'file') return candidate;
  }
  return undefined;
}

interface Context {
  dir: string;
  toDisplay: (absolute: string) => string;
}

/** The paths a generator entry reads: `files` (`key=path` or `path`), `envs`, `env`. */
function generatorRefs(generator: Record<string, unknown>): { key: string; index?: number; ref: string }[] {
  const out: { key: string; index?: number; ref: string }[] = [];
  const files = generator.files;
  if (Array.isArray(files)) {
    files.forEach((item, index) => {
      if (typeof item !== 'string') return;
      const eq = item.indexOf('=');
      out.push({ key: 'files', index, ref: eq >= 0 ? item.slice(eq + 1) : item });
    });
  }
  const envs = generator.envs;
  if (Array.isArray(envs)) envs.forEach((item, index) => typeof item === 'string' && out.push({ key: 'envs', index, ref: item }));
  if (typeof generator.env === 'string') out.push({ key: 'env', ref: generator.env });
  return out;
}

/** The entries of one kustomization document. */
export function entriesOf(value: Record<string, unknown>, context: Context): KustomizationEntry[] {
  const entries: KustomizationEntry[] = [];
  const add = (field: string, entryPath: YamlPath, ref: string, role: EntryRole): void => {
    if (ref.trim() === '') return;
    if (isRemoteRef(ref)) {
      entries.push({ path: entryPath, field, ref, role, state: 'remote' });
      return;
    }
    const absolute = path.resolve(context.dir, ref);
    const state = statOf(absolute);
    const entry: KustomizationEntry = { path: entryPath, field, ref, role, target: context.toDisplay(absolute), state };
    if (state === 'folder') {
      const inner = kustomizationIn(absolute);
      if (inner) entry.kustomization = context.toDisplay(inner);
    }
    entries.push(entry);
  };
  const list = (field: string, role: EntryRole): void => {
    const items = value[field];
    if (!Array.isArray(items)) return;
    items.forEach((item, index) => {
      if (typeof item === 'string') add(field, [field, index], item, role);
    });
  };
  list('resources', 'resource');
  list('bases', 'resource');
  list('components', 'component');
  list('crds', 'other');
  list('configurations', 'other');
  for (const field of ['generators', 'transformers', 'validators']) {
    // Entries are file or folder paths, or inline configuration (a mapping, or a YAML string).
    const items = value[field];
    if (!Array.isArray(items)) continue;
    items.forEach((item, index) => {
      if (typeof item === 'string' && !item.includes('\n') && !/^\s*apiVersion:/.test(item)) add(field, [field, index], item, 'config');
    });
  }
  // patchesStrategicMerge: file paths, or inline patches written as YAML strings.
  const strategic = value.patchesStrategicMerge;
  if (Array.isArray(strategic)) {
    strategic.forEach((item, index) => {
      if (typeof item === 'string' && !item.includes('\n') && !/^\s*(apiVersion|kind):/.test(item))
        add('patchesStrategicMerge', ['patchesStrategicMerge', index], item, 'patch');
    });
  }
  for (const field of ['patches', 'patchesJson6902']) {
    const items = value[field];
    if (!Array.isArray(items)) continue;
    items.forEach((item, index) => {
      if (isMapping(item) && typeof item.path === 'string') add(field, [field, index, 'path'], item.path, 'patch');
    });
  }
  const replacements = value.replacements;
  if (Array.isArray(replacements)) {
    replacements.forEach((item, index) => {
      if (isMapping(item) && typeof item.path === 'string') add('replacements', ['replacements', index, 'path'], item.path, 'config');
    });
  }
  for (const field of ['configMapGenerator', 'secretGenerator']) {
    const generators = value[field];
    if (!Array.isArray(generators)) continue;
    generators.forEach((generator, index) => {
      if (!isMapping(generator)) return;
      for (const { key, index: at, ref } of generatorRefs(generator)) {
        add(field, at === undefined ? [field, index, key] : [field, index, key, at], ref, 'generator-file');
      }
    });
  }
  const helmCharts = value.helmCharts;
  if (Array.isArray(helmCharts)) {
    helmCharts.forEach((chart, index) => {
      if (isMapping(chart) && typeof chart.valuesFile === 'string' && !isRemoteRef(chart.valuesFile))
        add('helmCharts', ['helmCharts', index, 'valuesFile'], chart.valuesFile, 'other');
    });
  }
  const openapi = value.openapi;
  if (isMapping(openapi) && typeof openapi.path === 'string') add('openapi', ['openapi', 'path'], openapi.path, 'other');
  return entries;
}

/**
 * Reads the kustomization files among `files` (absolute paths with their display paths) and
 * works out the model. `readText` returns a file's text, or undefined when it cannot be read (the
 * linter reports that file on its own).
 */
export function buildKustomizeModel(
  files: readonly { absolutePath: string; displayPath: string }[],
  toDisplay: (absolute: string) => string,
  readText: (absolute: string) => string | undefined,
): KustomizeModel {
  const kustomizations: KustomizationInfo[] = [];
  const toolImages: string[] = [];
  for (const file of files) {
    const base = path.basename(file.absolutePath);
    if (/^skaffold\.ya?ml$/.test(base)) {
      const text = readText(file.absolutePath);
      try {
        for (const d of text === undefined ? [] : parseYaml(text).documents) {
          if (isMapping(d.value) && String(d.value.apiVersion).startsWith('skaffold/')) toolImages.push(...skaffoldImagesOf(d.value));
        }
      } catch {
        // the linter reports what does not parse
      }
      continue;
    }
    if (!KUSTOMIZATION_NAMES.includes(base)) continue;
    const text = readText(file.absolutePath);
    if (text === undefined) continue;
    let parsed;
    try {
      parsed = parseYaml(text);
    } catch {
      continue;
    }
    const document = parsed.documents.find((d) => isMapping(d.value));
    if (!document || !isMapping(document.value)) continue;
    const value = document.value;
    kustomizations.push({
      file: file.displayPath,
      documentIndex: document.index,
      kind: value.kind === 'Component' ? 'Component' : 'Kustomization',
      entries: entriesOf(value, { dir: path.dirname(file.absolutePath), toDisplay }),
      pinnedImages: pinnedImagesOf(value),
    });
  }
  return modelOf(kustomizations, toolImages);
}

/** The patch and configuration files and the apply units that the kustomizations define. */
export function modelOf(kustomizations: KustomizationInfo[], toolImages: string[] = []): KustomizeModel {
  const byFile = new Map(kustomizations.map((k) => [k.file, k]));
  const resources = new Set<string>();
  const patches = new Set<string>();
  const configs = new Set<string>();
  for (const k of kustomizations) {
    for (const entry of k.entries) {
      if (entry.state !== 'file' || entry.target === undefined) continue;
      if (entry.role === 'resource') resources.add(entry.target);
      else if (entry.role === 'patch') patches.add(entry.target);
      else if (entry.role === 'config') configs.add(entry.target);
    }
  }
  // The resource files of each kustomization's build, through bases and components.
  const closure = new Map<string, Set<string>>();
  const filesOf = (file: string, visiting: Set<string>): Set<string> => {
    const known = closure.get(file);
    if (known) return known;
    const out = new Set<string>();
    const k = byFile.get(file);
    if (!k || visiting.has(file)) return out;
    visiting.add(file);
    for (const entry of k.entries) {
      if (entry.role !== 'resource' && entry.role !== 'component') continue;
      if (entry.state === 'file' && entry.role === 'resource' && entry.target !== undefined) out.add(entry.target);
      else if (entry.state === 'folder' && entry.kustomization !== undefined) {
        for (const inner of filesOf(entry.kustomization, visiting)) out.add(inner);
      }
    }
    visiting.delete(file);
    closure.set(file, out);
    return out;
  };
  const units: Record<string, string[]> = {};
  const pinned: Record<string, Set<string>> = {};
  for (const k of kustomizations) {
    const build = filesOf(k.file, new Set());
    for (const file of build) (units[file] ??= []).push(k.file);
    // kustomize's images transformer rewrites the build's resources and patches; a component's
    // transformers run on the build of the kustomization that uses it.
    const names = [...k.pinnedImages];
    for (const entry of k.entries) {
      if (entry.role === 'component' && entry.kustomization !== undefined)
        names.push(...(byFile.get(entry.kustomization)?.pinnedImages ?? []));
    }
    if (names.length === 0) continue;
    const patched = k.entries
      .filter((e) => e.role === 'patch' && e.state === 'file' && e.target !== undefined)
      .map((e) => e.target as string);
    for (const file of [...build, ...patched]) for (const name of names) (pinned[file] ??= new Set()).add(name);
  }
  return {
    kustomizations,
    patchFiles: [...patches].filter((f) => !resources.has(f)).sort(),
    configFiles: [...configs].filter((f) => !resources.has(f)).sort(),
    units,
    pinnedImages: Object.fromEntries(Object.entries(pinned).map(([file, names]) => [file, [...names].sort()])),
    toolImages: [...new Set(toolImages)].sort(),
  };
}
