/**
 * Turning the inputs a user names (files, folders, glob patterns) into a sorted list of files to
 * lint, with a message for everything that could not be taken.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Minimatch as MinimatchType } from 'minimatch';

export const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'] as const;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

export interface FileEntry {
  /** Absolute path. */
  absolutePath: string;
  /** Path shown in reports: relative to the working folder when inside it, with `/`. */
  displayPath: string;
  /** Size in bytes, when already known (else looked up when needed). */
  size?: number;
  /**
   * Named by the user as a file (not found in a folder or by a pattern): linted whatever it
   * holds, where a file found in a folder is skipped when it is no Kubernetes manifest.
   */
  explicit?: boolean;
}

export interface InputProblem {
  /** The path (or pattern) as the user wrote it, or the file it concerns. */
  path: string;
  message: string;
  /**
   * `missing`: a path named on the command line does not exist (usage error). `outside`: a
   * symbolic link found in a folder leads out of it, and is not followed.
   */
  kind: 'missing' | 'unreadable' | 'loop' | 'helm-chart' | 'no-match' | 'outside';
}

export interface CollectOptions {
  cwd: string;
  /** Glob patterns of files to leave out, each set relative to its own base folder. */
  ignore?: readonly { patterns: readonly string[]; base: string }[];
}

export interface CollectResult {
  files: FileEntry[];
  problems: InputProblem[];
}

export function displayPathOf(absolutePath: string, cwd: string): string {
  const relative = path.relative(cwd, absolutePath);
  const shown = relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? absolutePath : relative;
  return shown.split(path.sep).join('/');
}

/** kube-lint's own config files are not manifests. */
const CONFIG_NAMES = new Set(['.kube-lint.yaml', '.kube-lint.yml', '.kube-lint.json']);

function isManifestName(name: string): boolean {
  const lower = name.toLowerCase();
  return MANIFEST_EXTENSIONS.some((ext) => lower.endsWith(ext)) && !CONFIG_NAMES.has(path.basename(lower));
}

function errorText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENOTDIR':
      return 'not a directory';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** Whether `target` is `folder` or inside it (both real, absolute paths). */
function isWithin(target: string, folder: string): boolean {
  const relative = path.relative(folder, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

export async function collectFiles(inputs: readonly string[], options: CollectOptions): Promise<CollectResult> {
  const { cwd } = options;
  // glob and minimatch are loaded only when a pattern needs them: they weigh on a cold start.
  const ignore = (options.ignore ?? []).filter(({ patterns }) => patterns.length > 0);
  const Minimatch = ignore.length > 0 ? (await import('minimatch')).Minimatch : undefined;
  const matchers: { base: string; matcher: MinimatchType }[] = [];
  for (const { patterns, base } of ignore) {
    for (const pattern of patterns) {
      const trimmed = pattern.replace(/\/+$/, '');
      if (Minimatch) matchers.push({ base, matcher: new Minimatch(trimmed, { dot: true, matchBase: !trimmed.includes('/') }) });
    }
  }
  const isIgnored = (absolute: string): boolean =>
    matchers.some(({ base, matcher }) => {
      const relative = path.relative(base, absolute).split(path.sep).join('/');
      return !relative.startsWith('..') && matcher.match(relative);
    });

  // Files by real path, so that one reached through several links is linted once (under the
  // path that sorts first, whatever the order of the inputs).
  const found = new Map<string, FileEntry>();
  const problems: InputProblem[] = [];
  const add = (absolute: string, real: string, explicit = false): void => {
    if (isIgnored(absolute)) return;
    const entry: FileEntry = { absolutePath: absolute, displayPath: displayPathOf(absolute, cwd) };
    const known = found.get(real);
    if (explicit || known?.explicit) entry.explicit = true;
    if (!known || entry.displayPath < known.displayPath) found.set(real, entry);
    else if (entry.explicit) known.explicit = true;
  };
  const realCwd = await fs.realpath(cwd).catch(() => cwd);
  /** Folders walked, by real path: each is walked once, however many links lead to it. */
  const walked = new Set<string>();

  /**
   * Walks a folder. `root` is the real path of the folder named as input: symbolic links are
   * followed only to targets inside it (or inside the working folder), so that a link in a
   * linted tree cannot make kube-lint read, and print parts of, files elsewhere on the machine.
   */
  const walk = async (folder: string, real: string, ancestors: readonly string[], root: string): Promise<void> => {
    if (ancestors.includes(real)) {
      problems.push({ path: displayPathOf(folder, cwd), message: 'symbolic link loop: folder already visited, skipped', kind: 'loop' });
      return;
    }
    if (walked.has(real)) return; // reached again through another link: its files are already in
    walked.add(real);
    let entries;
    try {
      entries = await fs.readdir(folder, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: displayPathOf(folder, cwd), message: `cannot read folder: ${errorText(error)}`, kind: 'unreadable' });
      return;
    }
    if (entries.some((e) => e.name === 'Chart.yaml' && (e.isFile() || e.isSymbolicLink()))) {
      problems.push({
        path: displayPathOf(folder, cwd),
        message:
          'Helm chart folder skipped: its templates are not plain YAML. Lint the rendered output: helm template <release> <chart> | kube-lint -',
        kind: 'helm-chart',
      });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const inside = [...ancestors, real];
    for (const entry of entries) {
      const child = path.join(folder, entry.name);
      if (isIgnored(child)) continue;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      let childReal = path.join(real, entry.name);
      if (entry.isSymbolicLink()) {
        if (SKIPPED_FOLDERS.has(entry.name)) continue;
        try {
          childReal = await fs.realpath(child);
          const stat = await fs.stat(childReal);
          isDir = stat.isDirectory();
          isFile = stat.isFile();
        } catch (error) {
          // A dangling link matters only where a manifest was expected.
          if (isManifestName(entry.name)) {
            problems.push({ path: displayPathOf(child, cwd), message: `broken symbolic link: ${errorText(error)}`, kind: 'unreadable' });
          }
          continue;
        }
        if (!(isDir || (isFile && isManifestName(entry.name)))) continue;
        if (!isWithin(childReal, root) && !isWithin(childReal, realCwd)) {
          problems.push({
            path: displayPathOf(child, cwd),
            message: `symbolic link to ${childReal}, outside ${path.relative(realCwd, root) === '' ? '.' : displayPathOf(root, cwd)}: not followed`,
            kind: 'outside',
          });
          continue;
        }
      }
      if (isDir) {
        if (!SKIPPED_FOLDERS.has(entry.name)) await walk(child, childReal, inside, root);
      } else if (isFile && isManifestName(entry.name)) {
        add(child, childReal);
      }
    }
  };

  // In a fixed order, so that which link a shared folder is reached through does not depend on
  // the order of the inputs.
  for (const input of [...inputs].sort()) {
    const absolute = path.resolve(cwd, input);
    let stat;
    try {
      stat = await fs.stat(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const globber = code === 'ENOENT' ? await import('glob') : undefined;
      if (globber?.hasMagic(input, { windowsPathsNoEscape: false })) {
        const matches = await globber.glob(input, {
          cwd,
          absolute: true,
          nodir: true,
          dot: false,
          ignore: ['**/node_modules/**', '**/.git/**'],
        });
        const manifests = matches.filter(isManifestName).sort();
        if (manifests.length === 0) problems.push({ path: input, message: 'pattern matched no YAML or JSON file', kind: 'no-match' });
        for (const match of manifests) {
          const real = await fs.realpath(match).catch(() => match);
          // As in folders: a link that leads out of the working folder is not followed.
          if (real !== match && !isWithin(real, realCwd)) {
            problems.push({
              path: displayPathOf(match, cwd),
              message: `symbolic link to ${real}, outside .: not followed`,
              kind: 'outside',
            });
            continue;
          }
          add(match, real);
        }
        continue;
      }
      problems.push({ path: input, message: errorText(error), kind: code === 'ENOENT' ? 'missing' : 'unreadable' });
      continue;
    }
    let real: string;
    try {
      real = await fs.realpath(absolute);
    } catch (error) {
      problems.push({ path: input, message: errorText(error), kind: 'unreadable' });
      continue;
    }
    // A path named on the command line is the user's choice: read wherever it leads.
    if (stat.isDirectory()) await walk(absolute, real, [], real);
    else add(absolute, real, true);
  }

  const files = [...found.values()].sort((a, b) => (a.displayPath < b.displayPath ? -1 : a.displayPath > b.displayPath ? 1 : 0));
  return { files, problems };
}
