import { defineRule, type RuleReport } from '../src/engine/rule.js';
import { describeWorkload } from '../src/k8s/security.js';
import { hasPlaceholder } from '../src/k8s/placeholders.js';
import { podSpecOf } from '../src/k8s/workloads.js';

export default defineRule({
  id: 'deprecated-service-account-field',
  meta: {
    description: 'Pods name their ServiceAccount with serviceAccountName, not the deprecated serviceAccount',
    category: 'correctness',
    defaultSeverity: 'warning',
    presets: ['recommended'],
    scope: 'object',
    rationale:
      "`spec.serviceAccount` is a deprecated alias of `spec.serviceAccountName`, kept only for old clients. When only the alias is set the API server copies it over, but tools that read serviceAccountName (policy engines, RBAC audits, kube-lint's own reference checks) see the default account; when both are set and differ, serviceAccountName wins and the alias silently says something false. kube-linter reports it by default (deprecated-service-account-field). Severity warning: the pod runs as intended when the two agree.",
    remediation: 'Rename `serviceAccount:` to `serviceAccountName:`, or delete it when serviceAccountName already names the same account.',
    defaults: {},
  },
  check({ object }) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const spec = pod.spec as unknown as Record<string, unknown>;
    const alias = spec.serviceAccount;
    if (typeof alias !== 'string' || alias === '') return [];
    const name = spec.serviceAccountName;
    const who = describeWorkload(object);
    const path = [...pod.path, 'serviceAccount'];
    const reports: RuleReport[] = [];
    if (typeof name !== 'string' || name === '') {
      reports.push({
        path,
        target: 'key',
        message: `${who} sets the deprecated serviceAccount: "${alias}": rename the field to serviceAccountName`,
      });
    } else if (name === alias || hasPlaceholder(name) || hasPlaceholder(alias)) {
      reports.push({ path, target: 'key', message: `${who} repeats its ServiceAccount in the deprecated serviceAccount field: remove it` });
    } else {
      reports.push({
        path,
        target: 'key',
        message: `${who} sets serviceAccount: "${alias}" but serviceAccountName: "${name}", which wins: remove the deprecated serviceAccount field`,
      });
    }
    return reports;
  },
});
