/** Which objects a policy and its bindings apply to, and which params a binding selects. */
import { describe, expect, it } from 'vitest';
import { readAdmissionPolicy, readBinding, readCustomPolicy } from '../../src/policy/definitions.js';
import { paramsFor } from '../../src/policy/evaluate.js';
import { matchCustom, matchResources, pluralOf, requestFacts, RunIndex } from '../../src/policy/match.js';
import type { DefinitionProblem, MatchSpec, Origin } from '../../src/policy/model.js';
import { objectsOfDocument, type LintObject } from '../../src/load/objects.js';
import { parseYaml } from '../../src/load/parse.js';

function objects(text: string): LintObject[] {
  return parseYaml(text).documents.flatMap((d) => objectsOfDocument(d, 'run.yaml').objects);
}

const origin: Origin = { file: 'p.yaml', path: [], lineOf: () => undefined };

function vapMatch(spec: Record<string, unknown>): MatchSpec {
  const problems: DefinitionProblem[] = [];
  const policy = readAdmissionPolicy(
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicy',
      metadata: { name: 'p' },
      spec: { matchConstraints: spec, validations: [{ expression: 'true' }] },
    },
    origin,
    problems,
  );
  expect(problems).toEqual([]);
  return policy?.match ?? {};
}

function customMatch(match: Record<string, unknown>): MatchSpec {
  const problems: DefinitionProblem[] = [];
  const policy = readCustomPolicy(
    { id: 'p', description: 'A test policy', match, validations: [{ expression: 'true' }] },
    origin,
    problems,
  );
  expect(problems).toEqual([]);
  return policy?.match ?? {};
}

const RUN = `apiVersion: v1
kind: Namespace
metadata: {name: team-a, labels: {environment: test}}
---
apiVersion: v1
kind: Namespace
metadata: {name: team-b, labels: {environment: prod}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: team-a, labels: {app: web}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: team-b}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: loose}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: elsewhere, namespace: team-c}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: reader}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: team-a}
`;

describe('matching as the API server does for a CREATE', () => {
  const all = objects(RUN);
  const index = new RunIndex(all);
  const byName = (kind: string, name: string): LintObject => all.find((o) => o.kind === kind && o.name === name) as LintObject;
  const outcome = (spec: MatchSpec, kind: string, name: string, everything = false): string => {
    const result = matchResources(spec, requestFacts(byName(kind, name), index), index, everything);
    return result.kind === 'unknown' ? `unknown: ${result.reason}` : result.kind;
  };
  const deployments = { apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['deployments'] };

  it('names resources as Kubernetes does', () => {
    expect(['Deployment', 'NetworkPolicy', 'Ingress', 'Endpoints', 'Gateway', 'Status'].map(pluralOf)).toEqual([
      'deployments',
      'networkpolicies',
      'ingresses',
      'endpoints',
      'gateways',
      'statuses',
    ]);
  });

  it('resource rules: group, version, resource, operation, names and scope', () => {
    expect(outcome(vapMatch({ resourceRules: [deployments] }), 'Deployment', 'web')).toBe('match');
    expect(outcome(vapMatch({ resourceRules: [deployments] }), 'Service', 'web')).toBe('no');
    expect(outcome(vapMatch({ resourceRules: [{ ...deployments, operations: ['UPDATE'] }] }), 'Deployment', 'web')).toBe('no');
    expect(outcome(vapMatch({ resourceRules: [{ ...deployments, resourceNames: ['api'] }] }), 'Deployment', 'web')).toBe('no');
    expect(outcome(vapMatch({ resourceRules: [{ ...deployments, resourceNames: ['api'] }] }), 'Deployment', 'api')).toBe('match');
    const any = { apiGroups: ['*'], apiVersions: ['*'], operations: ['*'], resources: ['*'] };
    expect(outcome(vapMatch({ resourceRules: [{ ...any, scope: 'Cluster' }] }), 'ClusterRole', 'reader')).toBe('match');
    expect(outcome(vapMatch({ resourceRules: [{ ...any, scope: 'Cluster' }] }), 'Service', 'web')).toBe('no');
    expect(outcome(vapMatch({ resourceRules: [{ ...any, scope: 'Namespaced' }] }), 'ClusterRole', 'reader')).toBe('no');
    expect(outcome(vapMatch({ resourceRules: [any], excludeResourceRules: [deployments] }), 'Deployment', 'web')).toBe('no');
    expect(outcome(vapMatch({ resourceRules: [any], excludeResourceRules: [deployments] }), 'Service', 'web')).toBe('match');
  });

  it('object and namespace selectors; a Namespace outside the run is unknown, never a pass', () => {
    const test = { resourceRules: [deployments], namespaceSelector: { matchLabels: { environment: 'test' } } };
    expect(outcome(vapMatch(test), 'Deployment', 'web')).toBe('match');
    expect(outcome(vapMatch(test), 'Deployment', 'api')).toBe('no');
    expect(outcome(vapMatch(test), 'Deployment', 'loose')).toBe(
      'unknown: it has no metadata.namespace, and the policy selects namespaces by label',
    );
    expect(outcome(vapMatch(test), 'Deployment', 'elsewhere')).toBe(
      'unknown: its Namespace "team-c" is not in the run, and the policy selects namespaces by label',
    );
    const notTest = {
      resourceRules: [deployments],
      namespaceSelector: { matchExpressions: [{ key: 'environment', operator: 'NotIn', values: ['test'] }] },
    };
    expect(outcome(vapMatch(notTest), 'Deployment', 'web')).toBe('no');
    expect(outcome(vapMatch(notTest), 'Deployment', 'api')).toBe('match');
    // Every Namespace carries its name as a label.
    const byName = { resourceRules: [deployments], namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'team-b' } } };
    expect(outcome(vapMatch(byName), 'Deployment', 'api')).toBe('match');
    const labelled = { resourceRules: [deployments], objectSelector: { matchLabels: { app: 'web' } } };
    expect(outcome(vapMatch(labelled), 'Deployment', 'web')).toBe('match');
    expect(outcome(vapMatch(labelled), 'Deployment', 'api')).toBe('no');
  });

  it("a binding without resource rules takes its policy's", () => {
    expect(outcome({ namespaceSelector: { matchLabels: { environment: 'prod' }, matchExpressions: [] } }, 'Deployment', 'api', true)).toBe(
      'match',
    );
    expect(outcome({}, 'Deployment', 'api', false)).toBe('no');
  });

  it("kube-lint's own policies: kinds, groups, namespaces (globs), names, selectors, exclude", () => {
    const custom = (match: Record<string, unknown>, kind: string, name: string): string => {
      const result = matchCustom(customMatch(match), requestFacts(byName(kind, name), index), index);
      return result.kind === 'unknown' ? `unknown: ${result.reason}` : result.kind;
    };
    expect(custom({ kinds: ['Deployment'] }, 'Deployment', 'web')).toBe('match');
    expect(custom({ kinds: ['Deployment'] }, 'Service', 'web')).toBe('no');
    expect(custom({ apiGroups: [''] }, 'Service', 'web')).toBe('match');
    expect(custom({ apiGroups: [''] }, 'Deployment', 'web')).toBe('no');
    expect(custom({ namespaces: ['team-*'] }, 'Deployment', 'web')).toBe('match');
    expect(custom({ namespaces: ['team-*'] }, 'ClusterRole', 'reader')).toBe('no');
    expect(custom({ namespaces: ['team-*'] }, 'Deployment', 'loose')).toBe(
      'unknown: it has no metadata.namespace, and the policy applies to some namespaces only',
    );
    expect(custom({ names: ['w*'] }, 'Deployment', 'web')).toBe('match');
    expect(custom({ kinds: ['Deployment'], exclude: { namespaces: ['team-a'] } }, 'Deployment', 'web')).toBe('no');
    expect(custom({ kinds: ['Deployment'], exclude: { namespaces: ['team-a'] } }, 'Deployment', 'api')).toBe('match');
    expect(custom({ kinds: ['Deployment'], namespaceSelector: { matchLabels: { environment: 'prod' } } }, 'Deployment', 'api')).toBe(
      'match',
    );
    expect(custom({ labelSelector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] } }, 'Deployment', 'web')).toBe('match');
    expect(custom({ labelSelector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] } }, 'Deployment', 'api')).toBe('no');
  });
});

describe('params a binding selects', () => {
  const all = objects(`${RUN}---
apiVersion: v1
kind: ConfigMap
metadata: {name: limits, namespace: team-a, labels: {tier: small}}
data: {maxReplicas: "3"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: limits, namespace: team-b, labels: {tier: large}}
data: {maxReplicas: "50"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: shared, labels: {tier: small}}
data: {maxReplicas: "5"}
`);
  const index = new RunIndex(all);
  const policyValue = {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name: 'limit' },
    spec: {
      paramKind: { apiVersion: 'v1', kind: 'ConfigMap' },
      matchConstraints: {
        resourceRules: [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE'], resources: ['deployments'] }],
      },
      validations: [{ expression: 'true' }],
    },
  };
  const problems: DefinitionProblem[] = [];
  const policy = readAdmissionPolicy(policyValue, origin, problems);
  const bindingWith = (paramRef: Record<string, unknown>) =>
    readBinding(
      {
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: 'ValidatingAdmissionPolicyBinding',
        metadata: { name: 'b' },
        spec: { policyName: 'limit', validationActions: ['Deny'], paramRef },
      },
      origin,
      problems,
    );
  const selected = (paramRef: Record<string, unknown>, deployment: string): string[] => {
    const object = all.find((o) => o.kind === 'Deployment' && o.name === deployment) as LintObject;
    const binding = bindingWith(paramRef);
    if (!policy || !binding) throw new Error('definitions');
    return (paramsFor(policy, binding, requestFacts(object, index), index)?.params ?? []).map(
      (p) => `${p.namespace ?? '-'}/${p.name ?? ''}`,
    );
  };

  it('by name, in the namespace of the object when paramRef names none', () => {
    expect(selected({ name: 'limits', parameterNotFoundAction: 'Deny' }, 'web')).toEqual(['team-a/limits']);
    expect(selected({ name: 'limits', parameterNotFoundAction: 'Deny' }, 'api')).toEqual(['team-b/limits']);
    expect(selected({ name: 'limits', namespace: 'team-b', parameterNotFoundAction: 'Deny' }, 'web')).toEqual(['team-b/limits']);
    // A param without metadata.namespace is applied with the others: it is found from any namespace.
    expect(selected({ name: 'shared', parameterNotFoundAction: 'Deny' }, 'api')).toEqual(['-/shared']);
    expect(selected({ name: 'none', parameterNotFoundAction: 'Allow' }, 'web')).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('by selector: every param that matches', () => {
    expect(selected({ selector: { matchLabels: { tier: 'small' } }, parameterNotFoundAction: 'Deny' }, 'web')).toEqual([
      'team-a/limits',
      '-/shared',
    ]);
    expect(selected({ selector: {}, parameterNotFoundAction: 'Deny' }, 'api')).toEqual(['team-b/limits', '-/shared']);
    expect(selected({ selector: { matchLabels: { tier: 'small' } }, namespace: 'team-b', parameterNotFoundAction: 'Deny' }, 'web')).toEqual(
      ['-/shared'],
    );
  });
});
