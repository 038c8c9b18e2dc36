/**
 * The pieces of k8s.io/apimachinery/pkg/util/validation/field that the ported validation needs: a
 * field path that knows both its YAML path (for the engine) and its text as the API server prints
 * it (`spec.template.spec.containers[1].name`, `data[tls.key]`), and the error kinds with the API
 * server's own wording (`Duplicate value: "web"`, `Unsupported value: ...`), each followed by what
 * to do.
 */
import { isRecord } from '../../load/objects.js';
import type { YamlPath } from '../../types.js';

/** A finding of the ported validation: an error the API server returns, or a warning it sends. */
export interface ApiFinding {
  path: YamlPath;
  message: string;
  kind: 'error' | 'warning';
  /** Point at the map key rather than the value. */
  target?: 'key';
}

/**
 * field.Path: the YAML path and the printed path side by side. A linked list, built as the
 * validation walks an object and read only when a finding is made, so that walking allocates
 * little.
 */
export class FieldPath {
  private constructor(
    private readonly parent: FieldPath | undefined,
    private readonly segment: string | number | undefined,
    private readonly isKey: boolean,
    private readonly yamlOverride?: YamlPath,
  ) {}

  static root(...names: string[]): FieldPath {
    return new FieldPath(undefined, undefined, false).child(...names);
  }

  /** The path of `yaml` (strings as fields, numbers as indexes). */
  static of(yaml: YamlPath): FieldPath {
    let p = FieldPath.root();
    for (const s of yaml) p = typeof s === 'number' ? p.index(s) : p.child(s);
    return p;
  }

  child(...names: string[]): FieldPath {
    return names.reduce<FieldPath>((p, name) => new FieldPath(p, name, false), this);
  }

  /** This path and its ancestors, innermost first. */
  private *chain(): Generator<FieldPath> {
    for (let p: FieldPath | undefined = this.parent; p; p = p.parent) yield p;
  }

  index(i: number): FieldPath {
    return new FieldPath(this, i, false);
  }

  /** A map key: `data[tls.key]`. */
  key(k: string): FieldPath {
    return new FieldPath(this, k, true);
  }

  /** The same printed path, reported at another YAML node (a more useful place to point at). */
  at(yaml: YamlPath): FieldPath {
    return new FieldPath(this.parent, this.segment, this.isKey, yaml);
  }

  get yaml(): YamlPath {
    if (this.yamlOverride) return this.yamlOverride;
    const out: (string | number)[] = [];
    for (const p of [this as FieldPath, ...this.chain()]) if (p.segment !== undefined) out.push(p.segment);
    return out.reverse();
  }

  get text(): string {
    const parts: string[] = [];
    for (const p of [this as FieldPath, ...this.chain()]) {
      if (p.segment === undefined) continue;
      parts.push(
        typeof p.segment === 'number' || p.isKey ? `[${p.segment}]` : p.parent?.segment === undefined ? p.segment : `.${p.segment}`,
      );
    }
    return parts.reverse().join('');
  }
}

/** How field.Error prints a value: strings quoted, numbers and booleans bare, the rest as JSON. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === undefined || value === null) return 'null';
  return JSON.stringify(value);
}

function finding(p: FieldPath, body: string, fix: string, kind: ApiFinding['kind'] = 'error'): ApiFinding {
  return { path: p.yaml, message: `${p.text}: ${body}; ${fix}`, kind };
}

/** field.Invalid */
export function invalid(p: FieldPath, value: unknown, detail: string, fix: string): ApiFinding {
  return finding(p, `Invalid value: ${formatValue(value)}: ${detail}`, fix);
}

/** field.Required */
export function required(p: FieldPath, detail: string, fix: string): ApiFinding {
  return finding(p, detail === '' ? 'Required value' : `Required value: ${detail}`, fix);
}

/** field.Forbidden */
export function forbidden(p: FieldPath, detail: string, fix: string): ApiFinding {
  return finding(p, `Forbidden: ${detail}`, fix);
}

/** field.Duplicate */
export function duplicate(p: FieldPath, value: unknown, fix: string): ApiFinding {
  return finding(p, `Duplicate value: ${formatValue(value)}`, fix);
}

/** field.NotFound */
export function notFound(p: FieldPath, value: unknown, fix: string): ApiFinding {
  return finding(p, `Not found: ${formatValue(value)}`, fix);
}

/** field.NotSupported: the supported values quoted, in the order given. */
export function notSupported(p: FieldPath, value: unknown, supported: readonly string[], fix?: string): ApiFinding {
  const list = supported.map((s) => JSON.stringify(s)).join(', ');
  return finding(p, `Unsupported value: ${formatValue(value)}: supported values: ${list}`, fix ?? `use one of ${supported.join(', ')}`);
}

/** field.TooMany */
export function tooMany(p: FieldPath, actual: number, max: number, fix: string): ApiFinding {
  return finding(p, `Too many: ${actual}: must have at most ${max} items`, fix);
}

/** A create-time warning: the API server's text (`<path>: <message>`) and what to do. */
export function warning(p: FieldPath | undefined, text: string, fix: string): ApiFinding {
  return { path: p?.yaml ?? [], message: `${p ? `${p.text}: ` : ''}${text}; ${fix}`, kind: 'warning' };
}

// Reading untyped YAML values.

export function rec(value: unknown): Record<string, unknown> | undefined {
  return isRecord(value) ? value : undefined;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A set field: present and not null (the API server sees null as unset). */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

export function int(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

/** The keys of a map, or none. */
export function keysOf(value: unknown): string[] {
  return isRecord(value) ? Object.keys(value) : [];
}

/** Messages of k8s.io/apimachinery/pkg/util/validation. */
export const MSG = {
  dns1123Label:
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
  dns1123Subdomain:
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
  wildcardDns1123Subdomain:
    "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
  configMapKey:
    "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
  nonNegative: 'must be greater than or equal to 0',
  positive: 'must be greater than zero',
  portRange: 'must be between 1 and 65535, inclusive',
  notAnInteger: 'must be an integer',
} as const;

export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** IsDNS1123Label as one message, or undefined. */
export function dns1123LabelProblem(value: string): string | undefined {
  if (value.length > 63) return 'must be no more than 63 characters';
  return DNS1123_LABEL.test(value) ? undefined : MSG.dns1123Label;
}

/** IsDNS1123Subdomain as one message, or undefined. */
export function dns1123SubdomainProblem(value: string): string | undefined {
  if (value.length > 253) return 'must be no more than 253 characters';
  return DNS1123_SUBDOMAIN.test(value) ? undefined : MSG.dns1123Subdomain;
}

/** IsConfigMapKey as one message, or undefined. */
export function configMapKeyProblem(key: string): string | undefined {
  if (key.length > 253) return 'must be no more than 253 characters';
  if (!/^[-._a-zA-Z0-9]+$/.test(key)) return MSG.configMapKey;
  if (key === '.') return "must not be '.'";
  if (key === '..') return "must not be '..'";
  if (key.startsWith('..')) return "must not start with '..'";
  return undefined;
}
