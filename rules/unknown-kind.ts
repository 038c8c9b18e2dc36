import { defineRule } from '../src/engine/rule.js';
import { deprecationOf } from '../src/schema/deprecations.js';
import { registryFor } from '../src/schema/registry.js';
import { explainUnknown } from '../src/schema/unknown.js';

export default defineRule({
  id: 'unknown-kind',
  meta: {
    description: 'Every apiVersion and kind is known to the target Kubernetes version or to a loaded CRD or schema',
    category: 'correctness',
    defaultSeverity: 'warning',
    presets: ['recommended'],
    scope: 'object',
    rationale:
      'An object whose apiVersion or kind the cluster does not serve is rejected ("no matches for kind"), and an object without a schema cannot be validated at all. A misspelled kind, an apiVersion the target version does not serve yet (or any more), or a custom resource whose CRD was not given all end up here.',
    remediation:
      'Correct the apiVersion or kind (the message suggests one). For custom resources, pass the CustomResourceDefinition with --crd (config crds) or a schema folder with --schemas (config schemas), lint the CRD together with its resources, or use --ignore-missing-schemas to skip objects without a schema.',
    defaults: {},
  },
  check({ object, env }) {
    const { apiVersion, kind } = object;
    if (apiVersion === undefined || kind === undefined || apiVersion === '' || kind === '') return [];
    const registry = registryFor(env);
    if (registry.sourceOf(apiVersion, kind) !== undefined) return [];
    // Versions a CRD lists but does not serve, and removed apiVersions, are deprecated-api findings.
    if (registry.crd(apiVersion, kind) !== undefined) return [];
    if (deprecationOf(apiVersion, kind, env.kubernetesVersion)?.state === 'removed') return [];
    const { path, message } = explainUnknown(registry, apiVersion, kind);
    return [{ path, message }];
  },
});
