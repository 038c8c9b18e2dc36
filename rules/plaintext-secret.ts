import { defineRule } from '../src/engine/rule.js';
import { isRecord } from '../src/k8s/values.js';
import { hasPlaceholder } from '../src/k8s/placeholders.js';
import { isLiteral, isSopsValue } from '../src/k8s/secrets.js';
import { isBuiltinKind } from '../src/k8s/workloads.js';

/** Keys of a data/stringData map whose values are written out (not empty, encrypted or placeholders). */
function literalKeys(map: unknown, encoded: boolean): string[] {
  if (!isRecord(map)) return [];
  return Object.entries(map)
    .filter(([, value]) => {
      if (typeof value !== 'string') return typeof value === 'number';
      if (isSopsValue(value) || hasPlaceholder(value)) return false;
      // `data` is base64: a placeholder or reference would only show in stringData.
      return encoded ? value.trim() !== '' : isLiteral(value);
    })
    .map(([key]) => key);
}

export default defineRule({
  id: 'plaintext-secret',
  meta: {
    description: 'Secret manifests with their values are not kept in the repository',
    category: 'security',
    defaultSeverity: 'warning',
    presets: ['recommended'],
    scope: 'object',
    rationale:
      "A Secret's `data` is base64, not encryption: anyone who can read the repository (and every clone, fork, CI cache and backup of it) can read the credential, and it stays in the Git history after it is deleted or rotated. Not reported: Secrets with no values (`data: {}`, placeholders filled at deploy time), service-account-token Secrets the API server fills, and files encrypted with SOPS or helm-secrets (a top-level `sops` key or `ENC[...]` values).",
    remediation:
      'Keep only an encrypted or indirect form in Git: a SealedSecret (Bitnami Sealed Secrets), an ExternalSecret that syncs from Vault or a cloud secret manager (External Secrets Operator), a SOPS-encrypted file decrypted by Flux, Argo CD or helm-secrets, or create the Secret at deploy time (`kubectl create secret generic db --from-literal=...` in the pipeline). Then rotate the committed values.',
    defaults: {},
  },
  check({ object }) {
    if (!isBuiltinKind(object, 'Secret')) return [];
    const value = object.value;
    if (Object.hasOwn(value, 'sops')) return [];
    const dataKeys = literalKeys(value.data, true);
    const keys = [...new Set([...dataKeys, ...literalKeys(value.stringData, false)])];
    if (keys.length === 0) return [];
    const field = dataKeys.length > 0 ? 'data' : 'stringData';
    const shown = keys.slice(0, 3).join(', ') + (keys.length > 3 ? `, ... (${keys.length} keys)` : '');
    return [
      {
        path: [field],
        target: 'key',
        message: `Secret "${object.name ?? '(unnamed)'}" keeps ${keys.length === 1 ? 'a value' : `${keys.length} values`} in plain ${field} (${shown}): commit a SealedSecret, ExternalSecret or SOPS-encrypted file instead, or create the Secret at deploy time`,
      },
    ];
  },
});
