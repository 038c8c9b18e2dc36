/**
 * Container image references, as the container runtime reads them:
 * `[registry[:port]/]repository[:tag][@algorithm:digest]`.
 */
export interface ImageRef {
  /** Everything before the tag and digest, registry included. */
  repository: string;
  tag?: string;
  digest?: string;
}

const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/;

export function parseImage(image: string): ImageRef {
  let rest = image.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', lastSlash + 1);
  const ref: ImageRef = { repository: colon >= 0 ? rest.slice(0, colon) : rest };
  if (colon >= 0) ref.tag = rest.slice(colon + 1);
  if (digest !== undefined) ref.digest = digest;
  return ref;
}

/** A digest of the form `sha256:<64 hex>` (any registered algorithm, at least 32 hex digits). */
export function isValidDigest(digest: string): boolean {
  return DIGEST.test(digest);
}
