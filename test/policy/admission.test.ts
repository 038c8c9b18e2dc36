/**
 * ValidatingAdmissionPolicies evaluated offline (fixtures/admission-policy): the message the API
 * server would give, the severity of the binding's validationActions, the exact line. And the same
 * policies given as policy files (--policy) rather than among the linted files.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { lint } from '../../src/lint.js';
import { FIXTURES } from '../helpers/fixtures.js';
import { tempTree } from '../helpers/cli.js';

const ROOT = path.join(FIXTURES, 'admission-policy');
const ONLY = { rules: Object.fromEntries(rules.filter((r) => r.id !== 'admission-policy').map((r) => [r.id, 'off' as const])) };

async function findings(target: string, options: { policies?: string[]; cwd?: string } = {}): Promise<string[]> {
  const results = await lint([target], {
    cwd: options.cwd ?? ROOT,
    config: ONLY,
    ...(options.policies ? { policies: options.policies } : {}),
  });
  expect(results.internalError).toBe(false);
  return results.files.flatMap((f) => f.findings.map((x) => `${x.filePath}:${x.line}:${x.column} ${x.severity} ${x.message}`));
}

describe('the examples of the Kubernetes documentation, as the API server would answer', () => {
  it('basic: replicas <= 5, bound to namespaces labelled environment: test', async () => {
    expect(await findings('invalid/basic-replicas')).toEqual([
      "invalid/basic-replicas/app.yaml:22:13 error ValidatingAdmissionPolicy 'demo-policy.example.com' with binding 'demo-binding-test.example.com' denied request: failed expression: object.spec.replicas <= 5",
    ]);
  });

  it('parameter resources: a ReplicaLimit per environment, two bindings with namespace selectors; messageExpression', async () => {
    expect(await findings('invalid/replica-limit-params')).toEqual([
      "invalid/replica-limit-params/app.yaml:22:13 error ValidatingAdmissionPolicy 'deploy-replica-policy.example.com' with binding 'demo-binding-test.example.com' denied request: object.spec.replicas must be no greater than 3",
      "invalid/replica-limit-params/app.yaml:22:13 error ValidatingAdmissionPolicy 'replicalimit-policy.example.com' with binding 'replicalimit-binding-test.example.com' denied request: failed expression: object.spec.replicas <= params.maxReplicas",
      "invalid/replica-limit-params/app.yaml:58:13 error ValidatingAdmissionPolicy 'replicalimit-policy.example.com' with binding 'replicalimit-binding-nontest' denied request: failed expression: object.spec.replicas <= params.maxReplicas",
    ]);
  });

  it('paramRef.selector: every selected ConfigMap of the namespace is a param; none found and Allow: admitted', async () => {
    expect(await findings('invalid/param-selector')).toEqual([
      "invalid/param-selector/app.yaml:28:13 error ValidatingAdmissionPolicy 'replicas-from-configmaps' with binding 'replicas-from-configmaps' denied request: replicas must be at most 4 (ConfigMap budget-ceiling)",
    ]);
  });

  it('variable composition: image repositories by the environment of namespaceObject', async () => {
    expect(await findings('invalid/image-matches-namespace')).toEqual([
      "invalid/image-matches-namespace/app.yaml:22:7 error ValidatingAdmissionPolicy 'image-matches-namespace-environment.policy.example.com' with binding 'demo-binding-test.example.com' denied request: only prod images are allowed in namespace default",
      "invalid/image-matches-namespace/app.yaml:63:1 info ValidatingAdmissionPolicy 'image-matches-namespace-environment.policy.example.com' cannot be checked offline on 1 object (Deployment staging/elsewhere): an expression reads namespaceObject, and the object's Namespace is not in the run",
      "invalid/image-matches-namespace/app.yaml:100:7 error ValidatingAdmissionPolicy 'image-matches-namespace-environment.policy.example.com' with binding 'demo-binding-test.example.com' denied request: only prod images are allowed in namespace bare",
    ]);
  });

  it('required labels with validationActions [Warn, Audit]: warnings, located at the label', async () => {
    expect(await findings('invalid/required-labels-warn')).toEqual([
      "invalid/required-labels-warn/pods.yaml:3:1 warning Validation failed for ValidatingAdmissionPolicy 'require-owner.example.com' with binding 'require-owner-binding': the owner label is required",
      "invalid/required-labels-warn/pods.yaml:15:12 warning Validation failed for ValidatingAdmissionPolicy 'require-owner.example.com' with binding 'require-owner-binding': the owner label must end in .company.com, got alice@gmail.com",
    ]);
  });

  it('failurePolicy: an error denies with Fail, is ignored with Ignore', async () => {
    expect(await findings('invalid/failure-policy')).toEqual([
      "invalid/failure-policy/app.yaml:6:1 error ValidatingAdmissionPolicy 'strict-replicas' with binding 'strict-replicas' denied request: expression 'object.spec.replicas <= 5' resulted in error: field not found: replicas",
    ]);
  });

  it('match conditions: an expression that does not compile is reported at its line', async () => {
    expect(await findings('invalid/does-not-compile')).toEqual([
      "invalid/does-not-compile/policy.yaml:24:19 error validations[0].expression does not compile: undeclared reference to 'startWith' (in container '')",
    ]);
    expect(await findings('valid/match-conditions')).toEqual([]);
  });

  it('what a manifest cannot give is reported once, never passed in silence', async () => {
    expect(await findings('invalid/authorizer')).toEqual([
      "invalid/authorizer/policy.yaml:25:1 info ValidatingAdmissionPolicy 'privileged-needs-permission' cannot be checked offline on 2 objects (Pod one, Pod two): an expression uses authorizer, which asks the cluster who may do what",
    ]);
    expect(await findings('invalid/param-not-found')).toEqual([
      'invalid/param-not-found/policy.yaml:32:1 error ValidatingAdmissionPolicy \'limits\' with binding \'limits\' denied request: failed to configure binding: no params found for policy binding with `Deny` parameterNotFoundAction (looked for ConfigMap "limits" in namespace "policies" in the linted files and policy files)',
    ]);
  });
});

describe('policy files (--policy, policyPaths)', () => {
  const policy = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: replica-limit
spec:
  paramKind: {apiVersion: v1, kind: ConfigMap}
  matchConstraints:
    resourceRules:
      - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}
  validations:
    - expression: "object.spec.replicas <= int(params.data.max)"
      messageExpression: "'at most ' + params.data.max + ' replicas in ' + request.namespace"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: replica-limit
spec:
  policyName: replica-limit
  validationActions: [Warn]
  paramRef: {name: replica-limit, parameterNotFoundAction: Allow}
  matchResources:
    namespaceSelector:
      matchLabels: {tier: small}
---
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {tier: small}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: replica-limit, namespace: shop}
data: {max: "2"}
`;
  const app = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "nginx:1.27.2"}]
`;

  it('evaluates the policies, bindings, params and Namespaces of a policy file against the linted objects', async () => {
    const cwd = tempTree({ 'cluster/policies.yaml': policy, 'app/web.yaml': app });
    expect(await findings('app', { cwd, policies: ['cluster'] })).toEqual([
      "app/web.yaml:5:13 warning Validation failed for ValidatingAdmissionPolicy 'replica-limit' with binding 'replica-limit': at most 2 replicas in shop",
    ]);
  });

  it('reads policyPaths of the configuration, relative to it', async () => {
    const cwd = tempTree({
      'config/.kube-lint.yaml': 'policyPaths: [../cluster/policies.yaml]\n',
      'cluster/policies.yaml': policy,
      'app/web.yaml': app,
    });
    const results = await lint(['app'], { cwd, configFile: 'config/.kube-lint.yaml', rules: ONLY.rules });
    expect(results.files.flatMap((f) => f.findings.map((x) => `${x.line} ${x.ruleId}`))).toEqual(['5 admission-policy']);
  });
});
