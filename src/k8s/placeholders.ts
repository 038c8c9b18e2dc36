/**
 * Unresolved placeholders: values that a tool fills in before the manifest reaches the cluster
 * (Flux post-build substitution, envsubst, sed, Helm, kustomize components, SOPS). Such a value
 * says nothing about what will be applied, so no value check judges it (see the engine's filter
 * and the rules that report on a parent node). Pure functions of strings and paths.
 *
 * Placeholders anywhere in a string:
 * - `${VAR}`, `${VAR:=default}`, `${VAR:-default}`, `${VAR:+x}` (Flux, envsubst); `$${VAR}` is
 *   Flux's escape for a literal `${VAR}` and is no placeholder
 * - envsubst's `$VAR` (upper case; Kubernetes' own `$(VAR)` in command, args and env is not one)
 * - template markers `<UPPER_CASE>`, `<some-thing>` and `<your domain>` (lower-case words joined by
 *   dashes, underscores or spaces; one word alone, `<html>`, is none)
 * - `__NAME__`
 * - Helm and Jinja `{{ ... }}`
 * - SOPS ciphertext `ENC[AES256_GCM,data:...]`
 *
 * Where a DNS-style lower-case name must stand (metadata.name and namespace, names of other
 * objects), also a sed-style upper-case token (`PVC_NAME`, `NAMESPACE`, `app-ENV_NAME`) and
 * kustomize's `_` (a component's stand-in name).
 */
import type { YamlPath } from '../types.js';

/** `${...}` not preceded by a `$` (which makes `$${...}` a literal). */
const BRACED = /(?<!\$)\$\{[^{}\s]*\}/;
/** envsubst `$VAR`: an upper-case name, not escaped, not part of a longer word (`$N9qo8` of a bcrypt hash is none). */
const BARE = /(?<![$\\])\$[A-Z_][A-Z0-9_]*(?![A-Za-z0-9_])/;
const MARKER = /<(?:[A-Z][A-Z0-9_-]*|[a-z0-9]+(?:[-_ ][a-z0-9]+)+)>/;
const DUNDER = /__[A-Z][A-Z0-9_]*__/;
const TEMPLATE = /\{\{[^]*?\}\}/;
const SOPS_CIPHERTEXT = /ENC\[[A-Z0-9_]+,data:/;
/** A sed-style token standing for a whole name. */
const SED_TOKEN = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;
/** A sed-style token within a name (`app-ENV_NAME`): it needs an underscore to tell it from a shout. */
const SED_SEGMENT = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

/** What one of the patterns needs: most strings have none and are decided by one scan. */
const MAY_HOLD = /[$<]|\{\{|__|ENC\[/;

function mayHold(value: string): boolean {
  return MAY_HOLD.test(value);
}

/** Whether a string holds an unresolved placeholder of any kind listed above (not the name-only ones). */
export function hasPlaceholder(value: string): boolean {
  if (!mayHold(value)) return false;
  return (
    BRACED.test(value) ||
    BARE.test(value) ||
    MARKER.test(value) ||
    DUNDER.test(value) ||
    TEMPLATE.test(value) ||
    SOPS_CIPHERTEXT.test(value)
  );
}

/** Whether a string is SOPS ciphertext (`ENC[AES256_GCM,data:...]`). */
export function isSopsCiphertext(value: string): boolean {
  return value.startsWith('ENC[') && SOPS_CIPHERTEXT.test(value);
}

/** Whether a string standing where a DNS-style name must holds a placeholder (sed-style and `_` included). */
export function hasNamePlaceholder(value: string): boolean {
  if (value === '_' || (value.length > 1 && SED_TOKEN.test(value))) return true;
  if (/[A-Z]/.test(value) && value.split(/[-.]/).some((segment) => SED_SEGMENT.test(segment))) return true;
  return hasPlaceholder(value);
}

/** Whether a value (of any type) is a string holding a placeholder; `name`: it stands where a name must. */
export function isPlaceholder(value: unknown, options: { name?: boolean } = {}): boolean {
  if (typeof value !== 'string') return false;
  return options.name ? hasNamePlaceholder(value) : hasPlaceholder(value);
}

/** Whether a value holds a placeholder anywhere: a string, or deeply in a list or map (keys included). */
export function containsPlaceholder(value: unknown): boolean {
  if (typeof value === 'string') return hasPlaceholder(value);
  if (Array.isArray(value)) return value.some(containsPlaceholder);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).some(([key, v]) => hasPlaceholder(key) || containsPlaceholder(v));
  }
  return false;
}

/** Whether any of the values is a string holding a placeholder (for findings on a list of them). */
export function anyPlaceholder(values: Iterable<unknown>, options: { name?: boolean } = {}): boolean {
  for (const value of values) if (isPlaceholder(value, options)) return true;
  return false;
}

/**
 * Whether labels holding placeholders could match a selector's labels once filled in: every
 * selected label is there, equal or a placeholder, and at least one is a placeholder.
 */
export function mayMatchOnceFilled(selected: Readonly<Record<string, string>>, labels: Readonly<Record<string, unknown>>): boolean {
  let filled = false;
  for (const [key, value] of Object.entries(selected)) {
    const label = labels[key];
    if (isPlaceholder(label)) filled = true;
    else if (label !== value) return false;
  }
  return filled;
}

/** Maps whose keys are data, not fields: a `name` key in them is no object name. */
const DATA_MAPS = new Set([
  'labels',
  'annotations',
  'matchLabels',
  'selector',
  'nodeSelector',
  'data',
  'stringData',
  'binaryData',
  'values',
]);
/** Lists whose items' `name` is local to the object, not the name of another object. */
const LOCAL_LISTS = new Set([
  'env',
  'ports',
  'containers',
  'initContainers',
  'ephemeralContainers',
  'volumes',
  'volumeMounts',
  'volumeDevices',
  'rules',
  'paths',
  'metrics',
]);
/** Fields named like names that hold something else (a Windows user name may be upper case). */
const NOT_NAMES = new Set(['runAsUserName', 'fieldPath']);

/**
 * Whether the value at `path` is a name of an object (its own or one it refers to), where a DNS
 * name must stand: `name`, `namespace`, `generateName` and `...Name` fields (claimName,
 * secretName, serviceAccountName), except environment variable names and keys of data maps.
 */
export function isNamePath(path: YamlPath): boolean {
  const key = path[path.length - 1];
  if (typeof key !== 'string' || NOT_NAMES.has(key)) return false;
  if (key !== 'name' && key !== 'namespace' && key !== 'generateName' && !/^[a-z][A-Za-z]*Name$/.test(key)) return false;
  const parent = path[path.length - 2];
  if (typeof parent === 'string' && DATA_MAPS.has(parent)) return false;
  // Names of list items inside the object (env[i].name, an environment variable, upper case by
  // custom; ports, containers, volumes, volumeMounts) name no object: "HTTP" there is a mistake.
  if (typeof parent === 'number' && key === 'name' && LOCAL_LISTS.has(String(path[path.length - 3]))) return false;
  return true;
}

/**
 * Whether the value at `path` (in an object) is an unresolved placeholder, names judged as names.
 * A text of several lines (a script, a configuration file) is never one: the rules that read such
 * text judge its parts, and a `${HOME}` in line 3 says nothing about a password in line 9.
 */
export function isPlaceholderAt(value: unknown, path: YamlPath): boolean {
  return typeof value === 'string' && isPlaceholder(value, { name: isNamePath(path) }) && !value.trimEnd().includes('\n');
}

/**
 * Whether an object is a SOPS-encrypted file: a top-level `sops` mapping with `mac` and
 * `lastmodified`. Its `sops` key is SOPS's own metadata, and its values are ciphertext.
 */
export function isSopsEncrypted(value: Record<string, unknown>): boolean {
  const sops = value.sops;
  return typeof sops === 'object' && sops !== null && !Array.isArray(sops) && 'mac' in sops && 'lastmodified' in sops;
}

/** Keys whose value may be a name (see isNamePath): only their values can hold a sed-style name placeholder. */
function mayBeNameKey(key: string | number): boolean {
  return typeof key === 'string' && (key === 'name' || key === 'namespace' || key === 'generateName' || key.endsWith('Name'));
}

/** Nesting beyond which `countPlaceholders` stops (the linter refuses deeper documents before). */
const MAX_DEPTH = 1000;

/** What `countPlaceholders` leaves out. */
export interface PlaceholderCountOptions {
  /** A key of the top-level mapping not to count or walk into (SOPS's own `sops` metadata). */
  skipTopKey?: string;
  /**
   * Whether the string at `container[key]`, which looks like a placeholder, is literal text rather
   * than one (substitution's `$${...}`). Asked only of such strings: most values never are.
   */
  isLiteral?: (container: object, key: string | number) => boolean;
}

/**
 * Counts the string values in `value` that hold an unresolved placeholder (names judged as names),
 * once per path (a node shared through aliases counts where it appears). Most strings are decided
 * by a glance at their characters; the walk allocates nothing but the path it keeps.
 */
export function countPlaceholders(value: unknown, options: PlaceholderCountOptions = {}): number {
  if (typeof value !== 'object' || value === null) return 0;
  const path: (string | number)[] = [];
  const { skipTopKey, isLiteral } = options;
  let count = 0;
  const visit = (container: object, key: string | number, child: unknown): void => {
    if (typeof child === 'string') {
      if (!mayHold(child) && !(mayBeNameKey(key) && /[A-Z_]/.test(child))) return;
      path.push(key);
      if (isPlaceholderAt(child, path) && !isLiteral?.(container, key)) count++;
      path.pop();
    } else if (typeof child === 'object' && child !== null && path.length < MAX_DEPTH) {
      path.push(key);
      walk(child);
      path.pop();
    }
  };
  const walk = (node: object): void => {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) visit(node, i, node[i]);
    } else {
      const record = node as Record<string, unknown>;
      // for-in allocates no key array; parsed values are plain objects with no inherited keys.
      for (const key in record) {
        if (path.length === 0 && key === skipTopKey) continue;
        visit(node, key, record[key]);
      }
    }
  };
  walk(value);
  return count;
}
