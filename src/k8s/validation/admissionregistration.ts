/**
 * The admissionregistration.k8s.io API group's validation (k8s.io/kubernetes/pkg/apis/
 * admissionregistration/validation/validation.go): validating and mutating webhook
 * configurations (v1).
 */
import {
  type ApiFinding,
  dns1123SubdomainProblem,
  duplicate,
  FieldPath,
  int,
  invalid,
  isSet,
  list,
  notSupported,
  rec,
  required,
  str,
} from './field.js';
import { isPlaceholder } from '../placeholders.js';
import { validateLabelSelector } from './meta.js';

const OPERATIONS = ['*', 'CONNECT', 'CREATE', 'DELETE', 'UPDATE'];

/** validateRuleWithOperations and validateRule */
function validateRule(rule: Record<string, unknown>, p: FieldPath): ApiFinding[] {
  const out: ApiFinding[] = [];
  const operations = list(rule.operations);
  if (operations.length === 0) out.push(required(p.child('operations'), '', 'list the operations, such as CREATE and UPDATE'));
  if (operations.length > 1 && operations.includes('*'))
    out.push(invalid(p.child('operations'), operations, "if '*' is present, must not specify other operations", "keep '*' alone"));
  operations.forEach((o, i) => {
    if (typeof o === 'string' && !OPERATIONS.includes(o) && !isPlaceholder(o))
      out.push(notSupported(p.child('operations').index(i), o, OPERATIONS));
  });
  for (const [f, what] of [
    ['apiGroups', 'API groups'],
    ['apiVersions', 'API versions'],
  ] as const) {
    const values = list(rule[f]);
    if (values.length === 0) out.push(required(p.child(f), '', `list the ${what} ('*' for all)`));
    if (values.length > 1 && values.includes('*'))
      out.push(invalid(p.child(f), values, `if '*' is present, must not specify other ${what}`, "keep '*' alone"));
  }
  const resources = list(rule.resources);
  if (resources.length === 0) out.push(required(p.child('resources'), '', "list the resources ('*' for all)"));
  const scope = rule.scope;
  if (isSet(scope) && !['*', 'Cluster', 'Namespaced'].includes(String(scope)))
    out.push(notSupported(p.child('scope'), scope, ['*', 'Cluster', 'Namespaced']));
  return out;
}

/** ValidateWebhookURL (the parts a manifest gets wrong). */
function validateWebhookURL(url: string, p: FieldPath): ApiFinding[] {
  if (isPlaceholder(url)) return [];
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [invalid(p, url, 'host must be specified', 'give a full https:// URL')];
  }
  const out: ApiFinding[] = [];
  if (parsed.protocol !== 'https:')
    out.push(invalid(p, parsed.protocol.replace(/:$/, ''), "'https' is the only allowed URL scheme", 'use https://'));
  if (parsed.username !== '' || parsed.password !== '')
    out.push(invalid(p, url, 'user information is not permitted in the URL', 'remove the user name and password'));
  if (parsed.hash !== '') out.push(invalid(p, url, 'fragments are not permitted in the URL', 'remove the #fragment'));
  if (parsed.search !== '') out.push(invalid(p, url, 'query parameters are not permitted in the URL', 'remove the ?query'));
  return out;
}

/** ValidateWebhookService */
function validateWebhookService(service: Record<string, unknown>, p: FieldPath): ApiFinding[] {
  const out: ApiFinding[] = [];
  if (!str(service.name)) out.push(required(p.child('name'), 'service name is required', 'name the Service'));
  if (!str(service.namespace)) out.push(required(p.child('namespace'), 'service namespace is required', "name the Service's namespace"));
  const port = int(service.port);
  if (port !== undefined && (port < 1 || port > 65535))
    out.push(invalid(p.child('port'), port, 'port is not valid: must be between 1 and 65535, inclusive', 'use a port between 1 and 65535'));
  const path = str(service.path);
  if (path !== undefined && path !== '' && !isPlaceholder(path) && path !== '/') {
    if (!path.startsWith('/')) out.push(invalid(p.child('path'), path, "must start with a '/'", `use "/${path}"`));
    else if (path.endsWith('/')) out.push(invalid(p.child('path'), path, "must not end with a '/'", 'remove the trailing "/"'));
  }
  return out;
}

/** validateAdmissionReviewVersions */
function validateAdmissionReviewVersions(versions: unknown[], p: FieldPath): ApiFinding[] {
  if (versions.length === 0) return [required(p, 'must specify one of v1, v1beta1', 'use admissionReviewVersions: [v1]')];
  const out: ApiFinding[] = [];
  const seen = new Set<unknown>();
  versions.forEach((v, i) => {
    if (seen.has(v)) out.push(invalid(p.index(i), v, 'duplicate version', 'list each version once'));
    seen.add(v);
  });
  if (!versions.some((v) => v === 'v1' || v === 'v1beta1' || isPlaceholder(v))) {
    out.push(invalid(p, versions, 'must include at least one of v1, v1beta1', 'add v1'));
  }
  return out;
}

/** validateValidatingWebhook / validateMutatingWebhook */
function validateWebhook(hook: Record<string, unknown>, p: FieldPath, mutating: boolean): ApiFinding[] {
  const out: ApiFinding[] = [];
  const name = str(hook.name);
  if (name !== undefined && name !== '' && !isPlaceholder(name)) {
    const problem = dns1123SubdomainProblem(name);
    if (problem) out.push(invalid(p.child('name'), name, problem, 'use a lowercase DNS name such as validate.example.com'));
    else if (name.split('.').length < 3)
      out.push(
        invalid(
          p.child('name'),
          name,
          'should be a domain with at least three segments separated by dots',
          `use a fully qualified name such as ${name}.example.com`,
        ),
      );
  }
  list(hook.rules).forEach((r, i) => {
    const rule = rec(r);
    if (rule) out.push(...validateRule(rule, p.child('rules').index(i)));
  });
  const failure = hook.failurePolicy;
  if (isSet(failure) && failure !== 'Fail' && failure !== 'Ignore')
    out.push(notSupported(p.child('failurePolicy'), failure, ['Fail', 'Ignore']));
  const match = hook.matchPolicy;
  if (isSet(match) && match !== 'Equivalent' && match !== 'Exact')
    out.push(notSupported(p.child('matchPolicy'), match, ['Equivalent', 'Exact']));
  const sideEffects = hook.sideEffects;
  if (isSet(sideEffects) && sideEffects !== 'None' && sideEffects !== 'NoneOnDryRun')
    out.push(notSupported(p.child('sideEffects'), sideEffects, ['None', 'NoneOnDryRun']));
  const timeout = int(hook.timeoutSeconds);
  if (timeout !== undefined && (timeout < 1 || timeout > 30))
    out.push(invalid(p.child('timeoutSeconds'), timeout, 'the timeout value must be between 1 and 30 seconds', 'use 1 to 30 seconds'));
  if (isSet(hook.admissionReviewVersions))
    out.push(...validateAdmissionReviewVersions(list(hook.admissionReviewVersions), p.child('admissionReviewVersions')));
  const reinvocation = hook.reinvocationPolicy;
  if (mutating && isSet(reinvocation) && reinvocation !== 'Never' && reinvocation !== 'IfNeeded')
    out.push(notSupported(p.child('reinvocationPolicy'), reinvocation, ['IfNeeded', 'Never']));
  out.push(...validateLabelSelector(hook.namespaceSelector, p.child('namespaceSelector')));
  out.push(...validateLabelSelector(hook.objectSelector, p.child('objectSelector')));
  const cc = rec(hook.clientConfig);
  if (cc) {
    const url = str(cc.url);
    const service = rec(cc.service);
    if ((url === undefined) === (service === undefined))
      out.push(
        required(p.child('clientConfig'), 'exactly one of url or service is required', 'keep clientConfig.url or clientConfig.service'),
      );
    else if (url !== undefined) out.push(...validateWebhookURL(url, p.child('clientConfig', 'url')));
    else if (service) out.push(...validateWebhookService(service, p.child('clientConfig', 'service')));
  }
  return out;
}

/** ValidateValidatingWebhookConfiguration / ValidateMutatingWebhookConfiguration */
export function validateWebhookConfiguration(value: Record<string, unknown>, mutating: boolean): ApiFinding[] {
  const out: ApiFinding[] = [];
  const names = new Set<string>();
  list(value.webhooks).forEach((w, i) => {
    const hook = rec(w);
    if (!hook) return;
    const p = FieldPath.root('webhooks').index(i);
    const name = str(hook.name);
    if (name !== undefined && name !== '' && !isPlaceholder(name)) {
      if (names.has(name)) out.push(duplicate(p.child('name'), name, 'give each webhook its own name'));
      names.add(name);
    }
    out.push(...validateWebhook(hook, p, mutating));
  });
  return out;
}
