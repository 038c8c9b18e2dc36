/**
 * k8s.io/apimachinery/pkg/apis/meta/v1/validation: label selectors, used by every API group.
 */
import { type ApiFinding, FieldPath, forbidden, list, notSupported, rec, required } from './field.js';

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/**
 * The values rule shared by label selector and node selector requirements: In and NotIn need
 * values, Exists and DoesNotExist take none. Undefined for any other operator.
 */
export function validateSetOperatorValues(operator: unknown, values: readonly unknown[], p: FieldPath): ApiFinding[] | undefined {
  switch (operator) {
    case 'In':
    case 'NotIn':
      return values.length === 0
        ? [required(p.child('values'), "must be specified when `operator` is 'In' or 'NotIn'", 'list the values to match')]
        : [];
    case 'Exists':
    case 'DoesNotExist':
      return values.length > 0
        ? [forbidden(p.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'", 'remove values')]
        : [];
    default:
      return undefined;
  }
}

/** ValidateLabelSelectorRequirement */
export function validateLabelSelectorRequirement(req: Record<string, unknown>, p: FieldPath): ApiFinding[] {
  const byValues = validateSetOperatorValues(req.operator, list(req.values), p);
  if (byValues) return byValues;
  return typeof req.operator === 'string' && !req.operator.includes('${')
    ? [notSupported(p.child('operator'), req.operator, OPERATORS)]
    : [];
}

/** ValidateLabelSelector (its requirements; label syntax is left to the schema). */
export function validateLabelSelector(selector: unknown, p: FieldPath): ApiFinding[] {
  const s = rec(selector);
  if (!s) return [];
  return list(s.matchExpressions).flatMap((r, i) => {
    const req = rec(r);
    return req ? validateLabelSelectorRequirement(req, p.child('matchExpressions').index(i)) : [];
  });
}

export { FieldPath };
