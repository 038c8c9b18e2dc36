/** Helpers on the plain values of a parsed object, for rules and the Kubernetes helpers. */

/** A YAML mapping (a plain object), not null and not a sequence. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `Deployment web` or `Deployment team-a/web`, for messages. */
export function describeObject(object: { kind: string | undefined; name: string | undefined; namespace: string | undefined }): string {
  const kind = object.kind ?? 'object';
  const name = object.name ?? '(unnamed)';
  return object.namespace ? `${kind} ${object.namespace}/${name}` : `${kind} ${name}`;
}
