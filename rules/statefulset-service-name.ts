import { defineRule, type RunReport } from '../src/engine/rule.js';
import { managesKind } from '../src/k8s/evidence.js';
import { describeNamespace, runIndexOf, similarName } from '../src/k8s/index.js';
import { hasNamePlaceholder, isPlaceholder } from '../src/k8s/placeholders.js';
import { isBuiltinKind } from '../src/k8s/workloads.js';
import { describeObject, isRecord } from '../src/k8s/values.js';

export interface StatefulsetServiceNameOptions {
  requireHeadless: boolean;
}

export default defineRule<StatefulsetServiceNameOptions>({
  id: 'statefulset-service-name',
  meta: {
    description: "A StatefulSet's serviceName names a Service of the run",
    category: 'correctness',
    defaultSeverity: 'warning',
    presets: ['recommended'],
    scope: 'run',
    rationale:
      "A StatefulSet's `serviceName` names the governing Service that gives each pod its stable DNS name (`web-0.web.ns.svc`). If that Service does not exist the names do not resolve (nor when it is not headless, `clusterIP: None`, which the `requireHeadless` option checks), and clustered software that finds its peers by them (databases, brokers, consensus stores) never forms a cluster. The field is immutable, so the mistake outlives the fix. kube-score reports it by default (statefulset-has-servicename), also for a Service that is not headless. " +
      "Evidence: kube-lint judges a serviceName only when the run defines at least one Service in the StatefulSet's namespace (compared literally, unset only with unset), in its folder or a folder above: a repository that keeps its Services elsewhere is not reported. A serviceName that is empty or a `${...}` placeholder is not judged. Severity warning.",
    remediation:
      'Add a headless Service with the name serviceName gives and a selector that matches the pod labels:\n\n```yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: web-headless\nspec:\n  clusterIP: None\n  selector:\n    app: web\n  ports:\n    - name: http\n      port: 8080\n```\n\nor fix serviceName to name the one that exists (recreating the StatefulSet, since the field is immutable).',
    options: {
      properties: {
        requireHeadless: {
          type: 'boolean',
          description:
            'Also report a serviceName whose Service is not headless (clusterIP: None). Off by default: many charts point it at their ordinary Service and find peers another way (memberlist, a seed list).',
        },
      },
    },
    defaults: { requireHeadless: false },
  },
  checkRun({ objects, options }) {
    const index = runIndexOf(objects);
    const reports: RunReport[] = [];
    for (const entry of index.pods) {
      const object = entry.object;
      if (!isBuiltinKind(object, 'StatefulSet')) continue;
      const spec = object.value.spec;
      const name = isRecord(spec) ? spec.serviceName : undefined;
      if (typeof name !== 'string' || name === '' || hasNamePlaceholder(name)) continue;
      if (!managesKind(objects, 'Service', entry.namespace, object)) continue;
      const services = index.find('Service', entry.namespace, name, '');
      const path = ['spec', 'serviceName'];
      if (services.length === 0) {
        const visible = index.ofKind('Service', entry.namespace);
        // A chart that forgot its name prefix: "backend" for "release-backend".
        const near =
          similarName(name, visible) ??
          visible.find((o) => o.name !== undefined && (o.name.endsWith(`-${name}`) || o.name === `${name}-headless`))?.name;
        reports.push({
          object,
          path,
          message: `${describeObject(object)} names serviceName "${name}" but no Service of that name is defined in ${describeNamespace(entry.namespace)}: ${near !== undefined ? `did you mean "${near}"?` : 'add a headless Service of that name (clusterIP: None)'}`,
        });
        continue;
      }
      if (!options.requireHeadless) continue;
      const headless = services.some((s) => isRecord(s.value.spec) && s.value.spec.clusterIP === 'None');
      const templated = services.some((s) => isRecord(s.value.spec) && isPlaceholder(s.value.spec.clusterIP));
      if (!headless && !templated) {
        reports.push({
          object,
          path,
          message: `${describeObject(object)} names serviceName "${name}" but that Service is not headless, so its pods get no stable DNS names: point serviceName at a Service with clusterIP: None`,
        });
      }
    }
    return reports;
  },
});
