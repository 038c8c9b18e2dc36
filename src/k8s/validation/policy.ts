/**
 * The policy API group's validation (k8s.io/kubernetes/pkg/apis/policy/validation/validation.go):
 * PodDisruptionBudgets.
 */
import { isNotMoreThan100Percent } from './apps.js';
import { type ApiFinding, FieldPath, invalid, isSet, notSupported, rec, str } from './field.js';
import { validateLabelSelector } from './meta.js';

/** ValidatePodDisruptionBudgetSpec */
export function validatePodDisruptionBudget(value: Record<string, unknown>): ApiFinding[] {
  const spec = rec(value.spec);
  if (!spec) return [];
  const sp = FieldPath.root('spec');
  const out: ApiFinding[] = [];
  if (isSet(spec.minAvailable) && isSet(spec.maxUnavailable)) {
    out.push(
      invalid(
        sp.at(['spec', 'maxUnavailable']),
        spec,
        'minAvailable and maxUnavailable cannot be both set',
        'keep one of them (maxUnavailable: 1 is the usual choice)',
      ),
    );
  }
  for (const f of ['minAvailable', 'maxUnavailable'] as const) out.push(...isNotMoreThan100Percent(spec[f], sp.child(f)));
  out.push(...validateLabelSelector(spec.selector, sp.child('selector')));
  const policy = str(spec.unhealthyPodEvictionPolicy);
  if (policy !== undefined && policy !== 'IfHealthyBudget' && policy !== 'AlwaysAllow') {
    out.push(notSupported(sp.child('unhealthyPodEvictionPolicy'), policy, ['AlwaysAllow', 'IfHealthyBudget']));
  }
  return out;
}
