/**
 * Label selectors: the `matchLabels` / `matchExpressions` form (Deployments, PDBs, NetworkPolicies)
 * and the plain map form (Services, ReplicationControllers).
 */
import { isRecord } from '../load/objects.js';

export interface SelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: string[];
}

export interface Selector {
  matchLabels: Record<string, string>;
  matchExpressions: SelectorRequirement[];
}

/** A map of labels (or annotations) as strings; scalars of other types as Kubernetes would print them. */
export function labelMap(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
  }
  return out;
}

/** Reads a `LabelSelector` (`{matchLabels, matchExpressions}`); undefined when not an object. */
export function parseLabelSelector(value: unknown): Selector | undefined {
  if (!isRecord(value)) return undefined;
  const matchExpressions: SelectorRequirement[] = [];
  if (Array.isArray(value.matchExpressions)) {
    for (const item of value.matchExpressions) {
      if (!isRecord(item) || typeof item.key !== 'string') continue;
      const operator = item.operator;
      if (operator !== 'In' && operator !== 'NotIn' && operator !== 'Exists' && operator !== 'DoesNotExist') continue;
      const values = Array.isArray(item.values) ? item.values.map(String) : [];
      matchExpressions.push({ key: item.key, operator, values });
    }
  }
  return { matchLabels: labelMap(value.matchLabels), matchExpressions };
}

/** Reads a plain map selector (`spec.selector` of a Service). */
export function parseMapSelector(value: unknown): Selector | undefined {
  if (!isRecord(value)) return undefined;
  return { matchLabels: labelMap(value), matchExpressions: [] };
}

/** An empty selector (no labels, no expressions). For most kinds it selects everything. */
export function isEmptySelector(selector: Selector): boolean {
  return Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0;
}

/** Whether `labels` satisfy the selector, as the API server decides. */
export function selectorMatches(selector: Selector, labels: Readonly<Record<string, string>>): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels)) {
    if (labels[key] !== value) return false;
  }
  for (const req of selector.matchExpressions) {
    const has = Object.hasOwn(labels, req.key);
    const value = labels[req.key];
    switch (req.operator) {
      case 'In':
        if (!has || value === undefined || !req.values.includes(value)) return false;
        break;
      case 'NotIn':
        if (has && value !== undefined && req.values.includes(value)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
    }
  }
  return true;
}

/** `app=web,tier in (a,b)` for messages. */
export function describeSelector(selector: Selector): string {
  const parts = Object.entries(selector.matchLabels).map(([k, v]) => `${k}=${v}`);
  for (const req of selector.matchExpressions) {
    if (req.operator === 'Exists') parts.push(req.key);
    else if (req.operator === 'DoesNotExist') parts.push(`!${req.key}`);
    else parts.push(`${req.key} ${req.operator === 'In' ? 'in' : 'notin'} (${req.values.join(',')})`);
  }
  return parts.join(',');
}
