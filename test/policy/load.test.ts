/** Policy definitions: every mistake is a configuration error at its file and line. */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { prepareConfig } from '../../src/lint.js';
import { tempTree } from '../helpers/cli.js';

function configError(files: Record<string, string>, options: { policies?: string[] } = {}): string {
  const cwd = tempTree(files);
  try {
    prepareConfig({ cwd, ...options });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('no configuration error');
}

describe('malformed policies', () => {
  it('reports every problem of the inline policies at its line', () => {
    const message = configError({
      '.kube-lint.yaml': `extends: recommended
policies:
  - id: Team_Label
    description: Workloads carry a team label
    severity: fatal
    match:
      kinds: Deployment
      namespaceSelector:
        matchExpressions:
          - key: env
            operator: In
    variables:
      - name: 2labels
        expression: object.metadata.labels
    validations:
      - expresion: has(object.metadata.labels.team)
        fieldPath: metadata..labels
  - description: no id
    validations: []
`,
    });
    expect(message.split('\n')).toEqual([
      '10 problems in policies not valid:',
      '.kube-lint.yaml:3:9: policy id "Team_Label" must be kebab-case (lower-case words joined by -)',
      '.kube-lint.yaml:5:15: severity must be one of error, warning, info, got "fatal"',
      '.kube-lint.yaml:7:14: kinds must be a list of strings',
      '.kube-lint.yaml:10:13: operator In needs at least one value',
      '.kube-lint.yaml:13:15: variable name "2labels" must be a CEL identifier (letters, digits, _; not starting with a digit)',
      '.kube-lint.yaml:16:9: unknown key "expresion" in a validation (known keys: expression, message, messageExpression, fieldPath, reason)',
      '.kube-lint.yaml:16:9: expression is required',
      '.kube-lint.yaml:17:20: fieldPath "metadata..labels" must be a path such as spec.replicas or spec.containers[0].image',
      '.kube-lint.yaml:18:5: id is required',
      '.kube-lint.yaml:19:5: validations must list at least one validation',
    ]);
  });

  it('checks ValidatingAdmissionPolicies and bindings of policy files as the API server does', () => {
    const message = configError(
      {
        'policies/vap.yaml': `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: replicas
spec:
  failurePolicy: Maybe
  matchConstraints:
    resourceRules:
      - apiGroups: [apps]
        apiVersions: [v1]
        operations: [CREATE, PATCH]
        resources: [deployments]
  validations:
    - expression: object.spec.replicas <= 5
      fieldPath: spec.replicas
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: replicas-binding
spec:
  policyName: replicas
  validationActions: [Deny, Warn]
  paramRef:
    name: limits
    selector: {}
`,
      },
      { policies: ['policies'] },
    );
    expect(message.split('\n')).toEqual([
      '6 problems in policies not valid:',
      'policies/vap.yaml:6:18: failurePolicy must be one of Fail, Ignore, got "Maybe"',
      'policies/vap.yaml:11:30: operation "PATCH" must be one of *, CREATE, UPDATE, DELETE, CONNECT',
      'policies/vap.yaml:15:7: unknown key "fieldPath" in a validation (known keys: expression, message, messageExpression, reason)',
      'policies/vap.yaml:23:3: validationActions may not hold both Deny and Warn',
      'policies/vap.yaml:24:3: paramRef needs exactly one of name and selector',
      'policies/vap.yaml:24:3: paramRef.parameterNotFoundAction is required (Allow or Deny)',
    ]);
  });

  it('names a policy file that does not exist, and a document that is not a policy', () => {
    const message = configError({ '.kube-lint.yaml': 'policyPaths: [missing/, notes.yaml]\n', 'notes.yaml': 'just: notes\n' });
    expect(message.split('\n')).toEqual([
      '2 problems in policies not valid:',
      'missing/: no such policy file or folder',
      'notes.yaml:1: not a policy: a policy file holds ValidatingAdmissionPolicies, their bindings, params objects, Namespaces, or a "policies:" list',
    ]);
  });
});
