/**
 * The `.kube-lint.yaml` that `kube-lint init` writes: every key with a comment saying what it does,
 * the chosen preset, and the rules of that preset listed (commented out) for tuning.
 */
import { CONFIG_SCHEMA_URL } from '../version.js';
import { DEFAULT_KUBERNETES_VERSION } from '../schema/versions.js';
import { inPreset } from './config.js';
import { PRESETS, type AnyRule, type PresetName } from './rule.js';

export function initialConfig(preset: PresetName, rules: readonly AnyRule[]): string {
  const listed = rules.filter((r) => inPreset(r, preset));
  const width = Math.max(...listed.map((r) => r.id.length)) + 1;
  const ruleLines = listed.map((r) => `  # ${`${r.id}:`.padEnd(width)} ${r.meta.defaultSeverity.padEnd(7)}  # ${r.meta.description}`);
  return `# kube-lint configuration (https://github.com/kube-lint/kube-lint#configuration).
# Data only: YAML or JSON. An unknown key or a bad value stops the run with exit code 2.
# A key with every entry commented out is unset.
$schema: ${CONFIG_SCHEMA_URL}

# The preset to start from: ${PRESETS.join(', ')}.
extends: ${preset}

# The Kubernetes version the manifests are applied to; quote it (1.30 as a YAML number is 1.3).
# Default: the newest bundled, ${DEFAULT_KUBERNETES_VERSION}.
# kubernetesVersion: "${DEFAULT_KUBERNETES_VERSION}"

# Unknown fields are errors, as in kubectl's server-side field validation.
strict: true

# Rule settings by id: a severity (off, info, warning, error; ESLint's warn and 0, 1, 2 too), or
# [severity, {options}]. "kube-lint rules ID" prints a rule's documentation and options.
# The rules of the ${preset} preset, at their default severity:
rules:
${ruleLines.join('\n')}
  # image-tag: [error, { requireDigest: true }]

# Files to leave out: glob patterns relative to this file's folder.
ignore:
  # - "charts/**"

# CustomResourceDefinition files or folders, to validate custom resources with.
crds:
  # - crds/

# Schema folders laid out as {group}/{kind}_{version}.json (datreeio/CRDs-catalog's layout).
schemas:
  # - vendor/crd-schemas
`;
}
