import { defineRule, type RuleReport } from '../src/engine/rule.js';
import { isKustomizationFile } from '../src/k8s/client-config.js';

/** The folder of a display path (`a/b/kustomization.yaml` -> `a/b`, `kustomization.yaml` -> `.`). */
function folderOf(filePath: string): string {
  const slash = filePath.lastIndexOf('/');
  return slash < 0 ? '.' : filePath.slice(0, slash);
}

/**
 * Where a missing path is, as the message shows it: the path from the folder kube-lint runs in, or,
 * for a path that leaves that folder, only that it does (an absolute path would make the report
 * differ from one checkout to another).
 */
function whereIs(target: string): string {
  return target.startsWith('/') || /^[A-Za-z]:[\\/]/.test(target) ? 'it resolves outside the folder kube-lint runs in' : target;
}

export default defineRule({
  id: 'kustomize-reference',
  meta: {
    description: 'Every file and folder a kustomization names exists, and is of the kind kustomize expects there',
    category: 'correctness',
    defaultSeverity: 'error',
    presets: ['recommended'],
    scope: 'object',
    appliesTo: ['client-config'],
    rationale:
      '`kustomize build` (and so `kubectl apply -k`, Flux and Argo CD) fails on a kustomization that names a resource, component, patch or generator file that is not there, a folder without a kustomization of its own, or itself: the whole application stops deploying, often only once the change reaches the cluster. kube-lint reads every kustomization in the run without running kustomize, and checks each local path it names (remote git and HTTP references are not fetched). The same reading tells which files are patches (partial objects, checked for types and spelling only) and which objects a build brings together (rule duplicate-resource).',
    remediation:
      'Correct the path (paths are relative to the folder of the kustomization), add the missing file, or remove the entry. A folder listed in resources or components needs a kustomization.yaml; a component needs `kind: Component`.',
    defaults: {},
  },
  check({ object, env }) {
    if (!isKustomizationFile(object.filePath)) return [];
    const info = env.kustomize?.kustomizations.find((k) => k.file === object.filePath && k.documentIndex === object.document.index);
    if (!info) return [];
    const kinds = new Map(env.kustomize?.kustomizations.map((k) => [k.file, k.kind]));
    const here = folderOf(object.filePath);
    const reports: RuleReport[] = [];
    for (const entry of info.entries) {
      const named = `${entry.field} entry "${entry.ref}"`;
      if (entry.state === 'remote' || entry.target === undefined) continue;
      if (entry.role === 'resource' || entry.role === 'component') {
        if (entry.target === here || entry.target === object.filePath) {
          reports.push({
            path: entry.path,
            message: `${named} is this kustomization itself: kustomize build fails on the cycle; remove it`,
          });
          continue;
        }
      }
      if (entry.state === 'missing') {
        reports.push({
          path: entry.path,
          message: `${named} does not exist (${whereIs(entry.target)}): kustomize build fails; correct the path relative to ${here}, add the file, or remove the entry`,
        });
      } else if (entry.state === 'folder') {
        if (entry.role === 'resource' || entry.role === 'component') {
          if (entry.kustomization === undefined) {
            reports.push({
              path: entry.path,
              message: `${named} is a folder without a kustomization.yaml: kustomize build fails; add one there, or list the folder's files`,
            });
          } else if (entry.role === 'component' && kinds.get(entry.kustomization) === 'Kustomization') {
            reports.push({
              path: entry.path,
              message: `${named} is a Kustomization, not a Component: kustomize build fails; set kind: Component in ${entry.kustomization} or list it under resources`,
            });
          }
        } else if (entry.role === 'patch' || entry.role === 'generator-file') {
          reports.push({ path: entry.path, message: `${named} is a folder, not a file: kustomize build fails; name the file` });
        }
      } else if (entry.role === 'component') {
        reports.push({ path: entry.path, message: `${named} is a file: kustomize expects a folder holding a Component; name its folder` });
      }
    }
    return reports;
  },
});
