import path from 'node:path';
import { defineRule, type RunReport } from '../src/engine/rule.js';
import { runIndexOf } from '../src/k8s/index.js';
import { describeObject, type LintObject } from '../src/load/objects.js';

/** Where an object is, without line numbers: file, document and List item. */
function placeOf(object: LintObject, from: LintObject): string {
  const item = object.basePath[0] === 'items' && typeof object.basePath[1] === 'number' ? `item ${object.basePath[1] + 1} of ` : '';
  const where = `${item}document ${object.document.index + 1}`;
  return object.filePath === from.filePath ? `${where} of this file` : `${object.filePath} (${where})`;
}

function groupByFolder(objects: readonly LintObject[]): LintObject[][] {
  const groups = new Map<string, LintObject[]>();
  for (const object of objects) {
    const folder = path.posix.dirname(object.filePath);
    const group = groups.get(folder);
    if (group) group.push(object);
    else groups.set(folder, [object]);
  }
  return [...groups.values()];
}

export interface DuplicateResourceOptions {
  scope: 'run' | 'folder';
}

export default defineRule<DuplicateResourceOptions>({
  id: 'duplicate-resource',
  meta: {
    description: 'No object (group, kind, namespace, name) is defined twice in the linted files',
    category: 'correctness',
    defaultSeverity: 'error',
    presets: ['recommended'],
    scope: 'run',
    rationale:
      'Two manifests for the same object overwrite each other: `kubectl apply` keeps whichever comes last, so a change made in the first copy silently never reaches the cluster, and GitOps tools report the object as out of sync or refuse to sync. ' +
      'Objects are the same when API group, kind, namespace and metadata.name agree (namespaces must be written the same, an unset one matching only an unset one; cluster-scoped kinds ignore the namespace; extensions/v1beta1 and apps/v1 Deployments are the same object). Objects with only generateName are never duplicates. The second and later copies are reported. ' +
      'Lint each rendered application (or each kustomize overlay) as its own run: a base and its overlays, or several unrelated examples, legitimately repeat names.',
    remediation: 'Delete one of the copies, or give them different names or namespaces.',
    options: {
      properties: {
        scope: {
          enum: ['run', 'folder'],
          description:
            'Where two definitions count as duplicates: anywhere in the run, or only within one folder (for repositories that keep one variant of an application per folder).',
        },
      },
    },
    defaults: { scope: 'run' },
  },
  checkRun({ objects, options }) {
    const index = runIndexOf(objects);
    const reports: RunReport[] = [];
    for (const all of index.duplicateGroups()) {
      const groups = options.scope === 'run' ? [all] : groupByFolder(all);
      for (const copies of groups) {
        const first = copies[0];
        if (first === undefined) continue;
        for (const object of copies.slice(1)) {
          reports.push({
            object,
            path: ['metadata', 'name'],
            message: `${describeObject(object)} is already defined in ${placeOf(first, object)}: remove this copy or rename it`,
          });
        }
      }
    }
    return reports;
  },
});
