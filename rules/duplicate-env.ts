import { defineRule, type RuleReport } from '../src/engine/rule.js';
import { hasPlaceholder } from '../src/k8s/placeholders.js';
import { containersOf, describeContainer } from '../src/k8s/workloads.js';
import { isRecord } from '../src/load/objects.js';

export default defineRule({
  id: 'duplicate-env',
  meta: {
    description: 'A container sets each environment variable once',
    category: 'correctness',
    defaultSeverity: 'warning',
    presets: ['recommended'],
    scope: 'object',
    rationale:
      "When a container's `env` list names the same variable twice, the API server accepts it and the later entry silently wins. The earlier one is dead configuration that a reader takes for the real value, and a later edit of it changes nothing; with strategic-merge patches (kubectl apply, kustomize) the two entries can even merge into one in surprising ways. It usually comes from a Helm template that renders a default and an override of the same variable. kube-linter (duplicate-env-var) and kube-score (environment-variable-key-duplication) report it by default. Severity warning: the container runs, with the last value.",
    remediation: 'Keep one entry per variable: delete the earlier one, or merge the two in the template that renders them.',
    defaults: {},
  },
  check({ object }) {
    const reports: RuleReport[] = [];
    for (const ref of containersOf(object, { ephemeral: true })) {
      const env = (ref.container as unknown as Record<string, unknown>).env;
      if (!Array.isArray(env)) continue;
      const seen = new Map<string, number>();
      env.forEach((entry: unknown, index) => {
        if (!isRecord(entry) || typeof entry.name !== 'string' || hasPlaceholder(entry.name)) return;
        const first = seen.get(entry.name);
        if (first === undefined) {
          seen.set(entry.name, index);
          return;
        }
        reports.push({
          path: [...ref.path, 'env', index, 'name'],
          message: `${describeContainer(ref)} sets environment variable ${entry.name} again (first at env[${first}]); this later value wins: remove one of them`,
        });
      });
    }
    return reports;
  },
});
