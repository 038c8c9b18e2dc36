/**
 * When a run says enough about a namespace to judge what is missing from it. A cross-resource rule
 * that reports a missing ServiceAccount, Service or NetworkPolicy would fire on every object of a
 * repository that manages those elsewhere; these helpers tell whether the run manages them for an
 * object: it defines at least one object of the kind in the object's namespace (compared
 * literally, unset only with unset), in the object's folder or a folder above it. A repository
 * linted as one run often holds unrelated projects side by side; a policy or account of one says
 * nothing about the others.
 */
import path from 'node:path';
import type { LintObject } from '../load/objects.js';
import { namespaceOf } from './index.js';
import { hasNamePlaceholder } from './placeholders.js';

/** The folder of a file and every folder above it, nearest first (`a/b/c.yaml`: a/b, a, .). */
export function foldersAbove(file: string): string[] {
  const out: string[] = [];
  let dir = path.dirname(file);
  for (;;) {
    out.push(dir);
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return out;
}

/** kind -> namespace -> folders holding an object of that kind in that namespace. */
type Folders = Map<string, Map<string, Set<string>>>;

const cache = new WeakMap<readonly LintObject[], Folders>();

function foldersOf(objects: readonly LintObject[]): Folders {
  let folders = cache.get(objects);
  if (folders) return folders;
  folders = new Map();
  for (const object of objects) {
    if (object.kind === undefined) continue;
    let byNamespace = folders.get(object.kind);
    if (!byNamespace) folders.set(object.kind, (byNamespace = new Map<string, Set<string>>()));
    const namespace = namespaceOf(object);
    let dirs = byNamespace.get(namespace);
    if (!dirs) byNamespace.set(namespace, (dirs = new Set<string>()));
    dirs.add(path.dirname(object.filePath));
  }
  cache.set(objects, folders);
  return folders;
}

/**
 * Whether the run manages objects of this kind for `object`: it defines one in exactly the
 * object's namespace, in the object's folder or a folder above.
 */
export function managesKind(objects: readonly LintObject[], kind: string, namespace: string, object: LintObject): boolean {
  const dirs = foldersOf(objects).get(kind)?.get(namespace);
  return dirs !== undefined && foldersAbove(object.filePath).some((dir) => dirs.has(dir));
}

/**
 * Whether a pod's reference to a ServiceAccount is judged by `missing-service-account`: a named,
 * non-default account, in a namespace whose ServiceAccounts the run manages for the pod.
 */
export function serviceAccountJudged(objects: readonly LintObject[], namespace: string, name: string, object: LintObject): boolean {
  return name !== 'default' && !hasNamePlaceholder(name) && managesKind(objects, 'ServiceAccount', namespace, object);
}
