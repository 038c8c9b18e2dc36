/**
 * The rbac.authorization.k8s.io API group's validation (k8s.io/kubernetes/pkg/apis/rbac/
 * validation/validation.go), after the rbac/v1 defaulting of roleRef and subject API groups.
 */
import { type ApiFinding, FieldPath, invalid, list, notSupported, rec, required, str } from './field.js';
import { isPlaceholder } from '../placeholders.js';
import { validateLabelSelector } from './meta.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** ValidatePolicyRule */
function validatePolicyRule(rule: Record<string, unknown>, namespaced: boolean, p: FieldPath): ApiFinding[] {
  const out: ApiFinding[] = [];
  if (list(rule.verbs).length === 0)
    out.push(
      required(p.child('verbs'), 'verbs must contain at least one value', 'list the verbs the rule allows, such as get, list, watch'),
    );
  const urls = list(rule.nonResourceURLs);
  if (urls.length > 0) {
    if (namespaced)
      out.push(
        invalid(p.child('nonResourceURLs'), urls, 'namespaced rules cannot apply to non-resource URLs', 'move the rule to a ClusterRole'),
      );
    if (list(rule.apiGroups).length > 0 || list(rule.resources).length > 0 || list(rule.resourceNames).length > 0) {
      out.push(
        invalid(
          p.child('nonResourceURLs'),
          urls,
          'rules cannot apply to both regular resources and non-resource URLs',
          'split it into two rules',
        ),
      );
    }
    return out;
  }
  if (list(rule.apiGroups).length === 0)
    out.push(required(p.child('apiGroups'), 'resource rules must supply at least one api group', 'add apiGroups: [""] for the core group'));
  if (list(rule.resources).length === 0)
    out.push(required(p.child('resources'), 'resource rules must supply at least one resource', 'list the resources the rule applies to'));
  return out;
}

/** ValidateRole / ValidateClusterRole */
export function validateRole(value: Record<string, unknown>, namespaced: boolean): ApiFinding[] {
  const out: ApiFinding[] = [];
  list(value.rules).forEach((r, i) => {
    const rule = rec(r);
    if (rule) out.push(...validatePolicyRule(rule, namespaced, FieldPath.root('rules').index(i)));
  });
  const aggregation = rec(value.aggregationRule);
  if (!namespaced && aggregation) {
    const selectors = list(aggregation.clusterRoleSelectors);
    if (selectors.length === 0) {
      out.push(
        required(
          FieldPath.root('aggregationRule', 'clusterRoleSelectors'),
          'at least one clusterRoleSelector required if aggregationRule is non-nil',
          'add a selector or remove aggregationRule',
        ),
      );
    }
    selectors.forEach((s, i) => out.push(...validateLabelSelector(s, FieldPath.root('aggregationRule', 'clusterRoleSelectors').index(i))));
  }
  return out;
}

/** ValidateRoleBindingSubject, after SetDefaults_Subject (apiGroup "" for ServiceAccounts, rbac for User and Group). */
function validateRoleBindingSubject(subject: Record<string, unknown>, namespaced: boolean, p: FieldPath): ApiFinding[] {
  const out: ApiFinding[] = [];
  const name = str(subject.name);
  const kind = str(subject.kind);
  if (name === '' || name === undefined) out.push(required(p.child('name'), '', 'name the subject'));
  if (kind === undefined || isPlaceholder(kind)) return out;
  const group = str(subject.apiGroup) ?? '';
  switch (kind) {
    case 'ServiceAccount':
      if (group !== '') out.push(notSupported(p.child('apiGroup'), group, [''], 'remove apiGroup (ServiceAccounts are in the core group)'));
      if (!namespaced && !str(subject.namespace)) out.push(required(p.child('namespace'), '', "name the ServiceAccount's namespace"));
      break;
    case 'User':
    case 'Group':
      if (group !== '' && group !== RBAC_GROUP) out.push(notSupported(p.child('apiGroup'), group, [RBAC_GROUP]));
      break;
    default:
      out.push(notSupported(p.child('kind'), kind, ['ServiceAccount', 'User', 'Group']));
  }
  return out;
}

/** ValidateRoleBinding / ValidateClusterRoleBinding */
export function validateRoleBinding(value: Record<string, unknown>, namespaced: boolean): ApiFinding[] {
  const out: ApiFinding[] = [];
  const ref = rec(value.roleRef);
  if (ref) {
    const group = str(ref.apiGroup) ?? '';
    if (group !== '' && group !== RBAC_GROUP && !isPlaceholder(group))
      out.push(notSupported(FieldPath.root('roleRef', 'apiGroup'), group, [RBAC_GROUP]));
    const kind = str(ref.kind);
    const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
    if (kind !== undefined && !isPlaceholder(kind) && !kinds.includes(kind)) {
      out.push(
        notSupported(
          FieldPath.root('roleRef', 'kind'),
          kind,
          kinds,
          namespaced ? 'bind a Role or ClusterRole (a ServiceAccount goes in subjects)' : 'bind a ClusterRole',
        ),
      );
    }
    const name = str(ref.name);
    if (name === '') out.push(required(FieldPath.root('roleRef', 'name'), '', 'name the role to bind'));
  }
  list(value.subjects).forEach((s, i) => {
    const subject = rec(s);
    if (subject) out.push(...validateRoleBindingSubject(subject, namespaced, FieldPath.root('subjects').index(i)));
  });
  return out;
}
