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
}

export interface InputProblem {
  /** The path (or pattern) as the user wrote it, or the file it concerns. */
  path: string;
  message: string;
  /** `missing`: a path named on the command line does not exist (usage error). */
  kind: 'missing' | 'unreadable' | 'loop' | 'helm-chart' | 'no-match';
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

function isManifestName(name: string): boolean {
  const lower = name.toLowerCase();
  return MANIFEST_EXTENSIONS.some((ext) => lower.endsWith(ext));
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

  const found = new Map<string, FileEntry>();
  const problems: InputProblem[] = [];
  const add = (absolute: string): void => {
    if (isIgnored(absolute)) return;
    if (!found.has(absolute)) found.set(absolute, { absolutePath: absolute, displayPath: displayPathOf(absolute, cwd) });
  };

  const walk = async (folder: string, seen: Set<string>): Promise<void> => {
    let real: string;
    try {
      real = await fs.realpath(folder);
    } catch (error) {
      problems.push({ path: displayPathOf(folder, cwd), message: errorText(error), kind: 'unreadable' });
      return;
    }
    if (seen.has(real)) {
      problems.push({ path: displayPathOf(folder, cwd), message: 'symbolic link loop: folder already visited, skipped', kind: 'loop' });
      return;
    }
    const visited = new Set(seen).add(real);
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
    for (const entry of entries) {
      const child = path.join(folder, entry.name);
      if (isIgnored(child)) continue;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const stat = await fs.stat(child);
          isDir = stat.isDirectory();
          isFile = stat.isFile();
        } catch (error) {
          problems.push({ path: displayPathOf(child, cwd), message: `broken symbolic link: ${errorText(error)}`, kind: 'unreadable' });
          continue;
        }
      }
      if (isDir) {
        if (!SKIPPED_FOLDERS.has(entry.name)) await walk(child, visited);
      } else if (isFile && isManifestName(entry.name)) {
        add(child);
      }
    }
  };

  for (const input of inputs) {
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
        const manifests = matches.filter(isManifestName);
        if (manifests.length === 0) problems.push({ path: input, message: 'pattern matched no YAML or JSON file', kind: 'no-match' });
        for (const match of manifests) add(match);
        continue;
      }
      problems.push({ path: input, message: errorText(error), kind: code === 'ENOENT' ? 'missing' : 'unreadable' });
      continue;
    }
    if (stat.isDirectory()) await walk(absolute, new Set());
    else add(absolute);
  }

  const files = [...found.values()].sort((a, b) => (a.displayPath < b.displayPath ? -1 : a.displayPath > b.displayPath ? 1 : 0));
  return { files, problems };
}
