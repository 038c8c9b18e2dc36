import { defineRule, type RuleReport } from '../src/engine/rule.js';
import { compareApiVersions } from '../src/k8s/api-version.js';
import { deprecationOf, replacementFor } from '../src/schema/deprecations.js';
import { registryFor } from '../src/schema/registry.js';
import { compareVersions } from '../src/schema/versions.js';

export default defineRule({
  id: 'deprecated-api',
  meta: {
    description: 'apiVersions are still served by the target Kubernetes version and not deprecated',
    category: 'reliability',
    defaultSeverity: 'error',
    presets: ['recommended'],
    scope: 'object',
    appliesTo: ['resource', 'patch'],
    rationale:
      "An apiVersion removed from the target Kubernetes version is rejected by the API server, which breaks deploys and upgrades; a deprecated one will be removed in a later release. Each finding is an error when the apiVersion is removed in the target version and a warning when it is only deprecated; a severity set in the config caps both (`deprecated-api: warning` makes removed apiVersions warnings too). Data: pluto's versions.yaml cross-checked with the bundled schemas, and the deprecated flag of versions in CustomResourceDefinitions.",
    remediation:
      'Move the manifest to the replacement apiVersion the message names (kubectl convert can help), adjusting fields that changed between versions. Check the target with --kubernetes-version.',
    defaults: {},
  },
  check({ object, env }) {
    const { apiVersion, kind } = object;
    if (apiVersion === undefined || kind === undefined) return [];
    const target = env.kubernetesVersion;
    const deprecation = deprecationOf(apiVersion, kind, target);
    if (deprecation) {
      const { entry, state } = deprecation;
      const replacement = replacementFor(entry, kind, target);
      const use =
        replacement !== undefined ? `use apiVersion "${replacement}"` : 'it has no replacement: remove it or migrate away from it';
      if (entry.component !== 'k8s') {
        const when =
          state === 'removed'
            ? `was removed in ${entry.component} ${entry.removedIn ?? ''}`
            : `is deprecated since ${entry.component} ${entry.deprecatedIn ?? ''}`;
        return [{ path: ['apiVersion'], message: `${apiVersion} ${kind} ${when}: ${use}`, severity: 'warning' }];
      }
      if (state === 'removed') {
        const since = entry.deprecatedIn !== undefined ? ` (deprecated since ${entry.deprecatedIn})` : '';
        return [
          {
            path: ['apiVersion'],
            message: `${apiVersion} ${kind} was removed in Kubernetes ${entry.removedIn ?? ''}${since}: ${use}`,
            severity: 'error',
          },
        ];
      }
      const removal = entry.removedIn !== undefined ? ` and is removed in ${entry.removedIn}` : '';
      const later =
        entry.replacementAvailableIn !== undefined && compareVersions(entry.replacementAvailableIn, target) > 0
          ? ` (served from Kubernetes ${entry.replacementAvailableIn})`
          : '';
      return [
        {
          path: ['apiVersion'],
          message: `${apiVersion} ${kind} is deprecated since Kubernetes ${entry.deprecatedIn ?? ''}${removal}: ${use}${later}`,
          severity: 'warning',
        },
      ];
    }
    const crd = registryFor(env).crd(apiVersion, kind);
    if (!crd) return [];
    const group = crd.info.group;
    const alternatives = crd.info.versions
      .filter((v) => v.served && !v.deprecated)
      .map((v) => `${group}/${v.name}`)
      .sort(compareApiVersions);
    const use = alternatives.length > 0 ? `use apiVersion "${alternatives[0] ?? ''}"` : 'check the CRD for a served version';
    if (!crd.version.served) {
      return [
        {
          path: ['apiVersion'],
          message: `${apiVersion} ${kind} is not served: its CustomResourceDefinition has served: false for ${crd.version.name}; ${use}`,
          severity: 'error',
        },
      ];
    }
    if (crd.version.deprecated) {
      const warning = crd.version.deprecationWarning !== undefined ? `"${crd.version.deprecationWarning}"` : 'deprecated';
      const report: RuleReport = {
        path: ['apiVersion'],
        message: `${apiVersion} ${kind} is deprecated by its CustomResourceDefinition (${warning}): ${use}`,
        severity: 'warning',
      };
      return [report];
    }
    return [];
  },
});
