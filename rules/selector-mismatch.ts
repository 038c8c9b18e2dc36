import { defineRule } from '../src/engine/rule.js';
import { anyPlaceholder } from '../src/k8s/placeholders.js';
import { describeWorkload } from '../src/k8s/security.js';
import { isBuiltinKind, podSpecOf, getPath } from '../src/k8s/workloads.js';
import { describeSelector, isEmptySelector, parseLabelSelector, parseMapSelector, selectorMatches } from '../src/k8s/selectors.js';

/** Controllers with a selector next to their pod template (`spec.selector` beside `spec.template`). */
const CONTROLLERS = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController'];

function describeLabels(labels: Readonly<Record<string, string>>): string {
  const entries = Object.entries(labels);
  return entries.length === 0 ? 'no labels' : `labels ${entries.map(([k, v]) => `${k}=${v}`).join(',')}`;
}

export default defineRule({
  id: 'selector-mismatch',
  meta: {
    description: "A controller's selector matches its own pod template labels",
    category: 'correctness',
    defaultSeverity: 'error',
    presets: ['recommended'],
    scope: 'object',
    rationale:
      "A controller finds its pods by its selector. If the selector does not match the template's labels, the API server rejects the object (`selector does not match template labels`), and an empty selector is refused too. In a pipeline that applies many objects this is one failed apply among many; caught here, it names the missing label. Checked: matchLabels and matchExpressions for Deployments, ReplicaSets, StatefulSets, DaemonSets, Jobs and CronJobs (when they set a selector), and the plain map of a ReplicationController (an absent selector defaults to the template labels).",
    remediation:
      'Give the template every label the selector requires, or narrow the selector. The selector of an apps/v1 workload is immutable: changing it means deleting and recreating the object (`kubectl delete --cascade=orphan`, then apply), so fix the template labels when you can.\n\n```yaml\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n```',
    defaults: {},
  },
  check({ object }) {
    if (!CONTROLLERS.some((kind) => isBuiltinKind(object, kind))) return [];
    const pod = podSpecOf(object);
    if (!pod) return [];
    // The selector sits beside the template: spec.template -> spec.selector, spec.jobTemplate.spec.template -> spec.jobTemplate.spec.selector.
    const selectorPath = [...pod.metadataPath.slice(0, -2), 'selector'];
    const raw = getPath(object.value, selectorPath);
    if (raw === undefined || raw === null) return [];
    const rc = object.kind === 'ReplicationController';
    const selector = rc ? parseMapSelector(raw) : parseLabelSelector(raw);
    if (!selector) return [];
    const what = describeWorkload(object);
    if (isEmptySelector(selector)) {
      if (rc) return []; // an empty map selector is defaulted from the template labels
      return [
        {
          path: selectorPath,
          target: 'key',
          message: `${what} has an empty selector, which the API server rejects: select the template's labels (${describeLabels(pod.labels)})`,
        },
      ];
    }
    if (selectorMatches(selector, pod.labels)) return [];
    // A label left for a tool to fill in (`app: ${APP}`) cannot be compared.
    if (
      anyPlaceholder(Object.values(pod.labels)) ||
      anyPlaceholder([...Object.values(selector.matchLabels), ...selector.matchExpressions.flatMap((e) => e.values)])
    )
      return [];
    return [
      {
        path: selectorPath,
        target: 'key',
        message: `${what} selects ${describeSelector(selector)} but its pod template has ${describeLabels(pod.labels)}: make the selector match the template labels`,
      },
    ];
  },
});
