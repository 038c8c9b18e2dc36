/** Schema validation: exact messages and columns, per-finding severity, lazy compilation. */
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { lintText, type LintOptions } from '../src/lint.js';
import { ValidatorCache, SchemaRegistry, withoutNulls } from '../src/schema/registry.js';
import { deprecationOf } from '../src/schema/deprecations.js';
import { KUBERNETES_VERSIONS, DEFAULT_KUBERNETES_VERSION, normalizeKubernetesVersion } from '../src/schema/versions.js';
import type { Finding } from '../src/types.js';

/** Only the schema rules (and the foundation's file-level ones) run, so the findings below stay exact when rules are added. */
const SCHEMA_RULES = ['yaml-syntax', 'incomplete-object', 'schema', 'invalid-name', 'unknown-kind', 'deprecated-api'];
const ruleSet = rules.filter((r) => SCHEMA_RULES.includes(r.id));

function findings(text: string, options: LintOptions = {}): Finding[] {
  const results = lintText(text, { ruleSet, config: { extends: 'recommended', ...options.config }, ...options });
  expect(results.internalError).toBe(false);
  return results.files.flatMap((f) => f.findings);
}

const pick = (f: Finding) => ({ ruleId: f.ruleId, line: f.line, column: f.column, message: f.message });

describe('schema messages and locations', () => {
  const deployment = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    'spec:',
    '  replicas: three',
    '  template:',
    '    metadata:',
    '      labels: {app: web}',
    '    spec:',
    '      contianers: []',
    '      containers:',
    '        - name: web',
    '          image: nginx:1.27.2',
    '          resources:',
    '            limits: {memory: 64MB}',
    '',
  ].join('\n');

  it('points at the unknown key, the bad value, and the object missing a field', () => {
    expect(findings(deployment).map(pick)).toEqual([
      { ruleId: 'schema', line: 5, column: 1, message: 'missing required field "selector" in spec' },
      { ruleId: 'schema', line: 6, column: 13, message: 'spec.replicas must be an integer, got string "three"' },
      {
        ruleId: 'schema',
        line: 11,
        column: 7,
        message: 'unknown field "contianers" in spec.template.spec (did you mean "containers"?)',
      },
      {
        ruleId: 'schema',
        line: 16,
        column: 30,
        message:
          'spec.template.spec.containers[0].resources.limits.memory must be a quantity such as 128Mi, 250m or 1.5, got "64MB" (did you mean "64M" or "64Mi"?)',
      },
    ]);
  });

  it('lets unknown fields pass with strict: false', () => {
    const messages = findings(deployment, { strict: false }).map((f) => f.message);
    expect(messages.some((m) => m.includes('contianers'))).toBe(false);
    expect(messages).toContain('spec.replicas must be an integer, got string "three"');
  });

  it('says when an unknown field belongs to another Kubernetes version', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  trafficDistribution: PreferClose\n  ports: [{port: 80}]\n';
    expect(findings(text, { kubernetesVersion: '1.29' }).map(pick)).toEqual([
      {
        ruleId: 'schema',
        line: 5,
        column: 3,
        message:
          'unknown field "trafficDistribution" in spec: Kubernetes 1.29 does not have it (added in 1.30): remove it or target a later version with --kubernetes-version',
      },
    ]);
    expect(findings(text)).toEqual([]);
  });

  it('treats null as unset', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  creationTimestamp: null\n  labels:\ndata:\n';
    expect(findings(text)).toEqual([]);
  });

  it('reports names with the rule invalid-name, at the value', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: 1web\nspec:\n  ports: [{port: 80}]\n';
    expect(findings(text).map(pick)).toEqual([
      {
        ruleId: 'invalid-name',
        line: 4,
        column: 9,
        message:
          'metadata.name "1web" is not a valid Service name: it must consist of lowercase letters, digits and \'-\', starting with a letter and ending with a letter or digit, at most 63 characters (for example "web")',
      },
    ]);
  });

  it('limits the total size of annotations', () => {
    const big = 'x'.repeat(200 * 1024);
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations:\n    a: ${big}\n    b: ${big}\n`;
    expect(findings(text).map(pick)).toEqual([
      {
        ruleId: 'invalid-name',
        line: 5,
        column: 3,
        message: 'metadata.annotations hold 409602 bytes, more than the 262144 allowed: move large data to a ConfigMap',
      },
    ]);
  });

  it('reduces a oneOf to one message', () => {
    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: sources.example.com
spec:
  group: example.com
  names: {kind: Source, plural: sources}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              oneOf:
                - required: [git]
                - required: [oci]
              properties:
                git: {type: string}
                oci: {type: string}
---
apiVersion: example.com/v1
kind: Source
metadata:
  name: none
spec: {}
`;
    expect(findings(crd).map(pick)).toEqual([{ ruleId: 'schema', line: 30, column: 1, message: 'spec: set exactly one of "git", "oci"' }]);
  });
});

describe('deprecated-api severity per finding', () => {
  const text = [
    'apiVersion: policy/v1beta1',
    'kind: PodDisruptionBudget',
    'metadata: {name: a}',
    '---',
    'apiVersion: resource.k8s.io/v1beta1',
    'kind: DeviceClass',
    'metadata: {name: b}',
    'spec: {}',
    '',
  ].join('\n');
  const deprecated = (options: LintOptions) =>
    findings(text, options)
      .filter((f) => f.ruleId === 'deprecated-api')
      .map((f) => [f.line, f.severity]);

  it('is an error when removed, a warning when deprecated', () => {
    expect(deprecated({})).toEqual([
      [1, 'error'],
      [5, 'warning'],
    ]);
  });

  it('takes the configured severity as a ceiling: set to warning, both are warnings; set to error, the deprecation stays a warning', () => {
    expect(deprecated({ rules: { 'deprecated-api': 'warning' } })).toEqual([
      [1, 'warning'],
      [5, 'warning'],
    ]);
    expect(deprecated({ config: { rules: { 'deprecated-api': 'error' } } })).toEqual([
      [1, 'error'],
      [5, 'warning'],
    ]);
    expect(deprecated({ rules: { 'deprecated-api': 'off' } })).toEqual([]);
  });

  it('knows what each version removed', () => {
    expect(deprecationOf('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', '1.31')?.state).toBe('deprecated');
    expect(deprecationOf('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', '1.32')?.state).toBe('removed');
    expect(deprecationOf('apps/v1', 'Deployment', '1.36')).toBeUndefined();
    // pluto says removed in 1.36; the 1.36 schemas still define it, and win.
    expect(deprecationOf('resource.k8s.io/v1beta1', 'ResourceClaim', '1.36')?.state).toBe('deprecated');
  });
});

describe('lazy compilation', () => {
  const KINDS: [string, string][] = [
    ['v1', 'ConfigMap'],
    ['v1', 'Secret'],
    ['v1', 'Service'],
    ['v1', 'ServiceAccount'],
    ['v1', 'Namespace'],
    ['v1', 'PersistentVolumeClaim'],
    ['v1', 'Pod'],
    ['v1', 'LimitRange'],
    ['apps/v1', 'Deployment'],
    ['apps/v1', 'StatefulSet'],
    ['apps/v1', 'DaemonSet'],
    ['batch/v1', 'Job'],
    ['batch/v1', 'CronJob'],
    ['rbac.authorization.k8s.io/v1', 'Role'],
    ['rbac.authorization.k8s.io/v1', 'RoleBinding'],
    ['rbac.authorization.k8s.io/v1', 'ClusterRole'],
    ['networking.k8s.io/v1', 'Ingress'],
    ['networking.k8s.io/v1', 'NetworkPolicy'],
    ['policy/v1', 'PodDisruptionBudget'],
    ['autoscaling/v2', 'HorizontalPodAutoscaler'],
  ];

  it('compiles one validator per apiVersion/kind in use: 20 for 10,000 objects of 20 kinds', () => {
    const docs: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const [apiVersion, kind] = KINDS[i % KINDS.length] ?? ['v1', 'ConfigMap'];
      docs.push(`{"apiVersion": "${apiVersion}", "kind": "${kind}", "metadata": {"name": "o${i}"}}`);
    }
    const cache = new ValidatorCache();
    const results = lintText(docs.join('\n---\n'), { validatorCache: cache, config: { rules: { schema: 'error' } } });
    expect(results.summary.objects).toBe(10_000);
    expect(cache.compilations).toBe(20);
    lintText(docs.slice(0, 100).join('\n---\n'), { validatorCache: cache });
    expect(cache.compilations).toBe(20);
  }, 120_000);

  it('compiles a CRD-defined kind once per run', () => {
    const cache = new ValidatorCache();
    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
    - {name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}
`;
    const crs = Array.from({ length: 50 }, (_, i) => `apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w${i}}\n`);
    lintText([...crs, crd].join('---\n'), { validatorCache: cache });
    // CustomResourceDefinition (core) and Widget (the CRD).
    expect(cache.compilations).toBe(2);
  });
});

describe('registry', () => {
  it('drops nulls from maps without copying what has none', () => {
    const clean = { a: { b: [1, { c: 2 }] } };
    expect(withoutNulls(clean)).toBe(clean);
    const dirty = { a: { b: null, c: 1 }, d: [null, { e: null }], f: clean };
    const out = withoutNulls(dirty) as Record<string, unknown>;
    expect(out).toEqual({ a: { c: 1 }, d: [null, {}], f: clean });
    expect(out.f).toBe(clean);
    expect(dirty.a.b).toBeNull();
  });

  it('knows the bundled versions, newest first as default', () => {
    expect(KUBERNETES_VERSIONS).toEqual(['1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36']);
    expect(DEFAULT_KUBERNETES_VERSION).toBe('1.36');
    expect(normalizeKubernetesVersion('v1.31')).toBe('1.31');
    expect(normalizeKubernetesVersion('1.31.4')).toBe('1.31');
    expect(() => normalizeKubernetesVersion('1.28')).toThrow(/known versions are 1\.29, 1\.30.*1\.36/);
  });

  it('validates against the target version', () => {
    const claim = { apiVersion: 'resource.k8s.io/v1', kind: 'DeviceClass', metadata: { name: 'gpu' }, spec: {} };
    expect(
      new SchemaRegistry({ kubernetesVersion: '1.29', strict: true }).validate(claim, 'resource.k8s.io/v1', 'DeviceClass'),
    ).toBeUndefined();
    expect(
      new SchemaRegistry({ kubernetesVersion: '1.36', strict: true }).validate(claim, 'resource.k8s.io/v1', 'DeviceClass')?.issues,
    ).toEqual([]);
  });
});

describe('schema sources from the config', () => {
  it('fails with a ConfigError naming a missing crds or schemas path', () => {
    expect(() => lintText('', { config: { crds: ['nope.yaml'] } })).toThrow('crds: nope.yaml: no such file or folder');
    expect(() => lintText('', { config: { schemas: ['nowhere'] } })).toThrow('schemas: nowhere: no such file or folder');
  });
});
