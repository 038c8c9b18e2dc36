/**
 * Names, label keys and values, annotation keys and port names, as the API server validates them
 * (k8s.io/apimachinery/pkg/util/validation and each API group's ValidateObjectMeta name function).
 * Each check returns what is wrong, in words a user can act on, or undefined when the value is fine.
 */
import { lazyBuiltin } from '../lazy.js';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const IANA_SVC_NAME = /^[-a-z0-9]+$/;

export const DNS1123_LABEL_MAX = 63;
export const DNS1123_SUBDOMAIN_MAX = 253;
export const LABEL_VALUE_MAX = 63;
/** Bytes of all annotation keys and values together. */
export const TOTAL_ANNOTATION_SIZE_MAX = 256 * 1024;

/** The kinds of names the API server accepts for `metadata.name`. */
export type NameFormat = 'dns-subdomain' | 'dns-label' | 'dns-1035-label' | 'path-segment' | 'ip-address';

const FORMAT_RULES: Record<NameFormat, string> = {
  'dns-subdomain': "lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters",
  'dns-label': "lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters",
  'dns-1035-label': "lowercase letters, digits and '-', starting with a letter and ending with a letter or digit, at most 63 characters",
  'path-segment': 'any text except "." and "..", without "/" or "%"',
  'ip-address': 'an IP address',
};

export interface NameRule {
  format: NameFormat;
  /** A tighter length limit than the format's own. */
  maxLength?: number;
  /** Why the limit is tighter, for the message. */
  why?: string;
}

/**
 * The rule for `metadata.name` of a kind (core and built-in API groups). Custom resources and kinds
 * not listed use DNS subdomains, as the API server does.
 */
export function nameRuleOf(apiVersion: string | undefined, kind: string | undefined): NameRule {
  const group = apiVersion?.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  switch (`${group}/${kind ?? ''}`) {
    case '/Namespace':
      return { format: 'dns-label' };
    case '/Service':
      return { format: 'dns-1035-label' };
    case 'apps/StatefulSet':
      return { format: 'dns-label' };
    case 'batch/CronJob':
      // The controller appends an 11-character suffix to name each Job.
      return { format: 'dns-subdomain', maxLength: 52, why: 'the CronJob controller appends 11 characters to name its Jobs' };
    case 'batch/Job':
      return { format: 'dns-subdomain', maxLength: 63, why: 'the name becomes the value of the job-name label of its Pods' };
    case 'rbac.authorization.k8s.io/Role':
    case 'rbac.authorization.k8s.io/ClusterRole':
    case 'rbac.authorization.k8s.io/RoleBinding':
    case 'rbac.authorization.k8s.io/ClusterRoleBinding':
      return { format: 'path-segment' };
    case 'networking.k8s.io/IPAddress':
      return { format: 'ip-address' };
    default:
      return { format: 'dns-subdomain' };
  }
}

/** The last trailing '-' of a generateName prefix is allowed (a random suffix follows). */
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -1)}a` : name;
}

/** A name in the given format that is close to `value`, for "for example" hints. */
export function suggestName(value: string, format: NameFormat): string | undefined {
  if (format === 'path-segment' || format === 'ip-address') return undefined;
  const allowed = format === 'dns-subdomain' ? /[^a-z0-9.-]+/g : /[^a-z0-9-]+/g;
  let out = value.toLowerCase().replace(allowed, '-').replace(/-{2,}/g, '-');
  out = out.replace(/^[^a-z0-9]+/, '').replace(/[^a-z0-9]+$/, '');
  if (format === 'dns-subdomain') out = out.replace(/\.{2,}/g, '.').replace(/-?\.-?/g, '.');
  if (format === 'dns-1035-label') out = out.replace(/^[^a-z]+/, '');
  const max = format === 'dns-subdomain' ? DNS1123_SUBDOMAIN_MAX : DNS1123_LABEL_MAX;
  out = out.slice(0, max).replace(/[^a-z0-9]+$/, '');
  return out !== '' && out !== value ? out : undefined;
}

/** What is wrong with `value` as a `metadata.name` (or, with `prefix`, a generateName). */
export function nameProblem(value: string, rule: NameRule, prefix = false): string | undefined {
  const name = prefix ? maskTrailingDash(value) : value;
  const { format } = rule;
  const rules = FORMAT_RULES[format];
  switch (format) {
    case 'path-segment':
      if (name === '.' || name === '..') return `may not be "${name}"`;
      if (name.includes('/') || name.includes('%')) return `may not contain "${name.includes('/') ? '/' : '%'}"`;
      return undefined;
    case 'ip-address':
      return lazyBuiltin('node:net').isIP(name) === 0 ? 'must be an IP address' : undefined;
    default: {
      const max = Math.min(rule.maxLength ?? Infinity, format === 'dns-subdomain' ? DNS1123_SUBDOMAIN_MAX : DNS1123_LABEL_MAX);
      const pattern = format === 'dns-subdomain' ? DNS1123_SUBDOMAIN : format === 'dns-label' ? DNS1123_LABEL : DNS1035_LABEL;
      if (name.length > max) {
        return `is ${name.length} characters long, more than ${max}${rule.maxLength !== undefined && rule.why ? ` (${rule.why})` : ''}`;
      }
      if (pattern.test(name)) return undefined;
      return `must consist of ${rules}`;
    }
  }
}

/** Problems of a qualified name (label keys, annotation keys, finalizers): `prefix/name` or `name`. */
export function qualifiedNameProblem(value: string): string | undefined {
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) name = value;
  else if (parts.length === 2) {
    const [prefix = '', rest = ''] = parts;
    if (prefix === '') return 'the prefix before "/" is empty';
    if (prefix.length > DNS1123_SUBDOMAIN_MAX || !DNS1123_SUBDOMAIN.test(prefix)) {
      return `the prefix "${prefix}" must be a DNS subdomain (lowercase letters, digits, '-' and '.')`;
    }
    name = rest;
  } else {
    return 'it may contain at most one "/"';
  }
  if (name === '') return 'the name part is empty';
  if (name.length > 63) return `the name part is ${name.length} characters long, more than 63`;
  if (!QUALIFIED_NAME.test(name)) {
    return "the name part must consist of letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
  }
  return undefined;
}

export function labelValueProblem(value: string): string | undefined {
  if (value.length > LABEL_VALUE_MAX) return `it is ${value.length} characters long, more than ${LABEL_VALUE_MAX}`;
  if (!LABEL_VALUE.test(value)) {
    return "label values consist of letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
  }
  return undefined;
}

/** IANA_SVC_NAME (RFC 6335): named container and Service target ports. */
export function portNameProblem(value: string): string | undefined {
  if (value.length > 15) return `is ${value.length} characters long, more than 15`;
  if (!IANA_SVC_NAME.test(value)) return "may contain only lowercase letters, digits and '-'";
  if (value.startsWith('-') || value.endsWith('-')) return "may not start or end with '-'";
  if (value.includes('--')) return "may not contain '--'";
  if (!/[a-z]/.test(value)) return 'must contain at least one letter';
  return undefined;
}
