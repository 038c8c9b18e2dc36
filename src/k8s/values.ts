/**
 * Helpers on the plain values of a parsed object, for rules and the Kubernetes helpers: rules take
 * them from here, not from the loader (src/load/), which defines them for its own use.
 */
export { describeObject, isRecord } from '../load/objects.js';
