/**
 * The autoscaling API group's validation (k8s.io/kubernetes/pkg/apis/autoscaling/validation/
 * validation.go): HorizontalPodAutoscalers, autoscaling/v2 and v1.
 */
import { parseQuantity } from '../quantity.js';
import { type ApiFinding, FieldPath, forbidden, int, invalid, isSet, list, notSupported, rec, required, str } from './field.js';
import { isPlaceholder } from '../placeholders.js';

/** ValidateCrossVersionObjectReference */
function validateCrossVersionObjectReference(ref: Record<string, unknown>, p: FieldPath): ApiFinding[] {
  const out: ApiFinding[] = [];
  for (const f of ['kind', 'name'] as const) {
    const v = str(ref[f]);
    if (v === '') out.push(required(p.child(f), '', `set the ${f} of the scaled workload`));
    else if (v !== undefined && !isPlaceholder(v) && (v === '.' || v === '..' || v.includes('/') || v.includes('%'))) {
      out.push(
        invalid(
          p.child(f),
          v,
          v.includes('/') || v.includes('%') ? `may not contain '${v.includes('/') ? '/' : '%'}'` : `may not be '${v}'`,
          `use the workload's ${f}`,
        ),
      );
    }
  }
  return out;
}

/** validateMetricTarget */
function validateMetricTarget(target: Record<string, unknown>, p: FieldPath): ApiFinding[] {
  const out: ApiFinding[] = [];
  const type = str(target.type);
  if (type === undefined || type === '')
    out.push(required(p.child('type'), 'must specify a metric target type', 'set type Utilization, Value or AverageValue'));
  else if (!['Utilization', 'Value', 'AverageValue'].includes(type) && !isPlaceholder(type)) {
    out.push(invalid(p.child('type'), type, 'must be either Utilization, Value, or AverageValue', 'use one of them'));
  }
  for (const f of ['value', 'averageValue'] as const) {
    const q = parseQuantity(target[f]);
    if (q !== undefined && q <= 0) out.push(invalid(p.child(f), target[f], 'must be positive', 'use a value above zero'));
  }
  const utilization = int(target.averageUtilization);
  if (utilization !== undefined && utilization < 1)
    out.push(invalid(p.child('averageUtilization'), utilization, 'must be greater than 0', 'use a percentage above zero'));
  return out;
}

const METRIC_SOURCES: Readonly<Record<string, string>> = {
  Object: 'object',
  Pods: 'pods',
  Resource: 'resource',
  ContainerResource: 'containerResource',
  External: 'external',
};

/** validateMetricSpec (and validateResourceSource for resource metrics) */
function validateMetricSpec(metric: Record<string, unknown>, p: FieldPath): ApiFinding[] {
  const type = str(metric.type);
  if (type === undefined || isPlaceholder(type)) return [];
  const field = METRIC_SOURCES[type];
  if (field === undefined) return [notSupported(p.child('type'), type, Object.keys(METRIC_SOURCES))];
  const out: ApiFinding[] = [];
  for (const [t, f] of Object.entries(METRIC_SOURCES)) {
    if (f !== field && isSet(metric[f]))
      out.push(forbidden(p.child(f), 'must populate the given metric source only', `remove ${f} (type is ${type}, not ${t})`));
  }
  const source = rec(metric[field]);
  if (!source)
    return [
      ...out,
      required(p.child(field), 'must populate information for the given metric source', `add ${field} with the metric and its target`),
    ];
  const target = rec(source.target);
  const sp = p.child(field);
  if (target) out.push(...validateMetricTarget(target, sp.child('target')));
  if (target && (type === 'Resource' || type === 'ContainerResource')) {
    if (!isSet(target.averageUtilization) && !isSet(target.averageValue)) {
      out.push(
        required(
          sp.child('target', 'averageUtilization').at(sp.child('target').yaml),
          'must set either a target raw value or a target utilization',
          'set target.averageUtilization or target.averageValue',
        ),
      );
    } else if (isSet(target.averageUtilization) && isSet(target.averageValue)) {
      out.push(
        forbidden(sp.child('target', 'averageValue'), 'may not set both a target raw value and a target utilization', 'keep one of them'),
      );
    }
  }
  return out;
}

/** validateScalingRules */
function validateScalingRules(rules: Record<string, unknown>, p: FieldPath): ApiFinding[] {
  const out: ApiFinding[] = [];
  const window = int(rules.stabilizationWindowSeconds);
  if (window !== undefined && window < 0)
    out.push(invalid(p.child('stabilizationWindowSeconds'), window, 'must be greater than or equal to zero', 'use 0 to 3600 seconds'));
  if (window !== undefined && window > 3600)
    out.push(invalid(p.child('stabilizationWindowSeconds'), window, 'must be less than or equal to 3600', 'use 0 to 3600 seconds'));
  const select = str(rules.selectPolicy);
  if (select !== undefined && !['Max', 'Min', 'Disabled'].includes(select))
    out.push(notSupported(p.child('selectPolicy'), select, ['Disabled', 'Max', 'Min']));
  list(rules.policies).forEach((x, i) => {
    const policy = rec(x);
    if (!policy) return;
    const ip = p.child('policies').index(i);
    const type = str(policy.type);
    if (type !== undefined && type !== 'Pods' && type !== 'Percent') out.push(notSupported(ip.child('type'), type, ['Percent', 'Pods']));
    const value = int(policy.value);
    if (value !== undefined && value <= 0) out.push(invalid(ip.child('value'), value, 'must be greater than zero', 'use 1 or more'));
    const period = int(policy.periodSeconds);
    if (period !== undefined && period <= 0)
      out.push(invalid(ip.child('periodSeconds'), period, 'must be greater than zero', 'use 1 to 1800 seconds'));
    if (period !== undefined && period > 1800)
      out.push(invalid(ip.child('periodSeconds'), period, 'must be less than or equal to 1800', 'use 1 to 1800 seconds'));
  });
  return out;
}

/** validateHorizontalPodAutoscalerSpec */
export function validateHorizontalPodAutoscaler(value: Record<string, unknown>, apiVersion: string): ApiFinding[] {
  const spec = rec(value.spec);
  if (!spec) return [];
  const sp = FieldPath.root('spec');
  const out: ApiFinding[] = [];
  const min = int(spec.minReplicas);
  const max = int(spec.maxReplicas);
  if (min !== undefined && min < 1) out.push(invalid(sp.child('minReplicas'), min, 'must be greater than or equal to 1', 'use 1 or more'));
  if (max !== undefined && max < 1) out.push(invalid(sp.child('maxReplicas'), max, 'must be greater than 0', 'use 1 or more'));
  if (max !== undefined && max >= 1 && (min ?? 1) > max) {
    out.push(
      invalid(
        sp.child('maxReplicas'),
        max,
        'must be greater than or equal to `minReplicas`',
        `raise maxReplicas to at least ${min ?? 1} or lower minReplicas`,
      ),
    );
  }
  const ref = rec(spec.scaleTargetRef);
  if (ref) out.push(...validateCrossVersionObjectReference(ref, sp.child('scaleTargetRef')));
  if (apiVersion === 'autoscaling/v1') {
    const target = int(spec.targetCPUUtilizationPercentage);
    if (target !== undefined && target < 1)
      out.push(invalid(sp.child('targetCPUUtilizationPercentage'), target, 'must be greater than 0', 'use a percentage above zero'));
    return out;
  }
  list(spec.metrics).forEach((m, i) => {
    const metric = rec(m);
    if (metric) out.push(...validateMetricSpec(metric, sp.child('metrics').index(i)));
  });
  const behavior = rec(spec.behavior);
  for (const dir of ['scaleUp', 'scaleDown'] as const) {
    const rules = rec(behavior?.[dir]);
    if (rules) out.push(...validateScalingRules(rules, sp.child('behavior', dir)));
  }
  return out;
}
