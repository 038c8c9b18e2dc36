import { defineRule, type RunReport } from '../src/engine/rule.js';
import { serviceAccountJudged } from '../src/k8s/evidence.js';
import { containersOfEntry, describeNamespace, runIndexOf, similarName } from '../src/k8s/index.js';
import { podReferences } from '../src/k8s/references.js';
import { describeObject } from '../src/k8s/values.js';

export default defineRule({
  id: 'missing-service-account',
  meta: {
    description: 'Pods run as a ServiceAccount the run defines, in a namespace whose ServiceAccounts the run manages',
    category: 'correctness',
    defaultSeverity: 'error',
    presets: ['recommended'],
    scope: 'run',
    rationale:
      'A pod template whose serviceAccountName names an account that does not exist is never turned into pods: the ReplicaSet or Job controller fails every create with "serviceaccount not found", and nothing starts. It typically follows a rename of the ServiceAccount, or a Helm value that turns its creation off. kube-linter reports it by default (non-existent-service-account). ' +
      "Evidence: kube-lint judges a reference only when the run defines at least one ServiceAccount in the pod's namespace (compared literally, unset only with unset), so a repository that creates its ServiceAccounts elsewhere (a platform repository, a Helm chart with serviceAccount.create: false) is not reported. The `default` account, names with a `${...}` placeholder, and accounts an object of the run generates are not reported. Without that evidence, `dangling-reference` (in `strict`) still reports the reference; with it, the finding is this rule's only. Severity error: the workload does not start.",
    remediation: 'Define the ServiceAccount in the same namespace, or fix serviceAccountName to name one that exists.',
    defaults: {},
  },
  checkRun({ objects }) {
    const index = runIndexOf(objects);
    const reports: RunReport[] = [];
    for (const entry of index.pods) {
      const { object, namespace } = entry;
      for (const ref of podReferences(object, entry.pod, containersOfEntry(entry))) {
        if (ref.kind !== 'ServiceAccount' || !serviceAccountJudged(objects, namespace, ref.name, object)) continue;
        if (index.defined('ServiceAccount', namespace, ref.name).length > 0) continue;
        if (index.generatorOf('ServiceAccount', namespace, ref.name) !== undefined) continue;
        const near = similarName(ref.name, index.ofKind('ServiceAccount', namespace));
        reports.push({
          object,
          path: ref.path,
          message: `${describeObject(object)} runs as ServiceAccount "${ref.name}", which is not defined in ${describeNamespace(namespace)} although the run defines other ServiceAccounts there: ${near !== undefined ? `did you mean "${near}"?` : 'define it or fix serviceAccountName'}`,
        });
      }
    }
    return reports;
  },
});
