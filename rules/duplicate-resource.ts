import path from 'node:path';
import { defineRule, type RunReport } from '../src/engine/rule.js';
import { runIndexOf } from '../src/k8s/index.js';
import type { LintObject } from '../src/engine/rule.js';
import { describeObject } from '../src/k8s/values.js';

/** Where an object is, without line numbers: file, document and List item. */
function placeOf(object: LintObject, from: LintObject): string {
  const item = object.basePath[0] === 'items' && typeof object.basePath[1] === 'number' ? `item ${object.basePath[1] + 1} of ` : '';
  const where = `${item}document ${object.document.index + 1}`;
  return object.filePath === from.filePath ? `${where} of this file` : `${object.filePath} (${where})`;
}

export type DuplicateScope = 'file' | 'kustomization' | 'folder' | 'run';

export interface DuplicateResourceOptions {
  scope: DuplicateScope;
}

/**
 * Whether two objects are applied together under `scope`, and if so, the kustomization that
 * brings them together (for the message) or '' when they share a file, folder or run.
 */
function together(
  a: LintObject,
  b: LintObject,
  scope: DuplicateScope,
  units: Readonly<Record<string, readonly string[]>>,
): string | undefined {
  if (scope === 'run' || a.filePath === b.filePath) return '';
  if (scope === 'folder' && path.posix.dirname(a.filePath) === path.posix.dirname(b.filePath)) return '';
  if (scope === 'file') return undefined;
  const theirs = units[b.filePath];
  return theirs ? units[a.filePath]?.find((k) => theirs.includes(k)) : undefined;
}

export default defineRule<DuplicateResourceOptions>({
  id: 'duplicate-resource',
  meta: {
    description: 'No object (group, kind, namespace, name) is defined twice in files that are applied together',
    category: 'correctness',
    defaultSeverity: 'error',
    presets: ['recommended'],
    scope: 'run',
    rationale:
      'Two manifests for the same object overwrite each other: `kubectl apply` keeps whichever comes last, so a change made in the first copy silently never reaches the cluster, and GitOps tools report the object as out of sync or refuse to sync. ' +
      'Objects are the same when API group, kind, namespace and metadata.name agree (namespaces must be written the same, an unset one matching only an unset one; cluster-scoped kinds ignore the namespace; extensions/v1beta1 and apps/v1 Deployments are the same object). Objects with only generateName are never duplicates. The second and later copies are reported. ' +
      'What counts as "applied together" is the `scope` option. The default, `kustomization`, compares the objects of one file (kubectl applies a file whole) and the resources that one kustomization brings together through its bases and components (kustomize build fails on such a duplicate): that is all a repository says about what is applied together. Two files side by side may be alternatives (quickstart.yaml and all-in-one.yaml), copies for two clusters (clusters/staging and clusters/production), or an archive; a base and the overlay that patches it are one object, and a patch is never a duplicate. Choose `folder` when every folder is applied whole (`kubectl apply -f dir/`), and `run` when everything linted goes to one cluster.',
    remediation: 'Delete one of the copies, or give them different names or namespaces.',
    options: {
      properties: {
        scope: {
          enum: ['file', 'kustomization', 'folder', 'run'],
          description:
            'Which objects are applied together, and so must not repeat: `file` (one file), `kustomization` (one file, or the resources of one kustomization build), `folder` (also every file of one folder), `run` (everything linted).',
        },
      },
    },
    defaults: { scope: 'kustomization' },
  },
  checkRun({ objects, options, env }) {
    const index = runIndexOf(objects);
    const units = env.kustomize?.units ?? {};
    const reports: RunReport[] = [];
    for (const copies of index.duplicateGroups()) {
      copies.forEach((object, i) => {
        for (const first of copies.slice(0, i)) {
          const via = together(first, object, options.scope, units);
          if (via === undefined) continue;
          const unit = via === '' ? '' : ` (both are resources of ${via})`;
          reports.push({
            object,
            path: ['metadata', 'name'],
            message: `${describeObject(object)} is already defined in ${placeOf(first, object)}${unit}: remove this copy or rename it`,
          });
          return;
        }
      });
    }
    return reports;
  },
});
