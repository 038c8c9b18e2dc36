/** Cross-resource rules: what their messages say, and that a large run stays linear. */
import { describe, expect, it } from 'vitest';
import { lintText } from '../src/lint.js';
import type { RunRule } from '../src/engine/rule.js';
import { isRunRule } from '../src/engine/rule.js';
import type { LintObject } from '../src/load/objects.js';
import type { ParsedDocument } from '../src/load/parse.js';
import { rules } from '../rules/index.js';

const CROSS_RULES = [
  'service-selector',
  'service-target-port',
  'hpa-missing',
  'hpa-target',
  'hpa-requests',
  'hpa-replicas',
  'duplicate-resource',
  'min-replicas',
  'pod-disruption-budget',
  'pdb-blocks-eviction',
  'statefulset-service-name',
  'missing-service-account',
  'replica-spread',
  'network-policy',
  'dangling-reference',
];

function messages(text: string, ruleId: string): string[] {
  const results = lintText(text, {
    config: { extends: 'all', rules: { [ruleId]: 'warning' } },
    ruleSet: rules.filter((r) => r.id === ruleId),
  });
  return results.files.flatMap((f) => f.findings.map((x) => x.message));
}

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx:1.27, ports: [{name: http, containerPort: 8080}]}]
`;

describe('cross-resource rule messages', () => {
  it('statefulset-service-name suggests the Service a chart forgot to prefix', () => {
    const text = `apiVersion: v1
kind: Service
metadata: {name: tempo-backend, namespace: obs}
spec: {clusterIP: None, selector: {app: backend}, ports: [{port: 80}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: tempo-backend, namespace: obs}
spec:
  serviceName: backend
  selector: {matchLabels: {app: backend}}
  template:
    metadata: {labels: {app: backend}}
    spec: {containers: [{name: backend, image: example/backend:1.0}]}
`;
    expect(messages(text, 'statefulset-service-name')).toEqual([
      'StatefulSet obs/tempo-backend names serviceName "backend" but no Service of that name is defined in namespace "obs": did you mean "tempo-backend"?',
    ]);
  });

  it('are all run rules, in the recommended or strict preset', () => {
    for (const id of CROSS_RULES) {
      const rule = rules.find((r) => r.id === id);
      expect(rule && isRunRule(rule), id).toBe(true);
      expect(rule?.meta.presets.length, id).toBe(1);
    }
  });

  it('hpa-missing says how to declare a deliberate size', () => {
    expect(messages(WEB, 'hpa-missing')).toEqual([
      'Deployment web has no HorizontalPodAutoscaler: add one whose scaleTargetRef names it, or annotate it kube-lint.io/fixed-replicas: "true" if its size is deliberate',
    ]);
  });

  it('duplicate-resource names where the first copy is', () => {
    expect(messages(`${WEB}---\n${WEB}`, 'duplicate-resource')).toEqual([
      'Deployment web is already defined in document 1 of this file: remove this copy or rename it',
    ]);
  });

  it('service-selector names the closest pod template and the label that differs', () => {
    const text = `${WEB}---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: wbe}, ports: [{port: 80}]}\n`;
    expect(messages(text, 'service-selector')).toEqual([
      'Service web selects app=wbe but no linted pod template in any namespace has these labels; fix the selector or the pod labels',
    ]);
    const two = `${WEB}---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web, tier: x}, ports: [{port: 80}]}\n`;
    expect(messages(two, 'service-selector')).toEqual([
      'Service web selects app=web,tier=x but no linted pod template in any namespace has these labels; Deployment web has no tier label: fix the selector or the pod labels',
    ]);
  });

  it('service-target-port suggests the declared port name', () => {
    const text = `${WEB}---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{port: 80, targetPort: htp}]}\n`;
    expect(messages(text, 'service-target-port')).toEqual([
      'Service web port 80 targets port "htp" but Deployment web declares only "http": did you mean "http"?',
    ]);
  });
});

/** A LintObject without YAML behind it: run rules read only the data. */
function fake(value: Record<string, unknown>): LintObject {
  const metadata = value.metadata as { name: string; namespace?: string };
  return {
    apiVersion: value.apiVersion as string,
    kind: value.kind as string,
    name: metadata.name,
    namespace: metadata.namespace,
    value,
    role: 'resource',
    filePath: 'big.yaml',
    document: {} as ParsedDocument,
    basePath: [],
  };
}

function applications(count: number): LintObject[] {
  const objects: LintObject[] = [];
  for (let i = 0; i < count; i++) {
    const metadata = { name: `app-${i}`, namespace: 'big' };
    const labels = { app: `app-${i}`, tier: 'web' };
    const container = {
      name: 'web',
      image: 'nginx:1.27',
      ports: [{ name: 'http', containerPort: 8080 }],
      envFrom: [{ configMapRef: { name: `cm-${i}` } }],
    };
    objects.push(
      fake({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata,
        spec: { replicas: 2, template: { metadata: { labels }, spec: { serviceAccountName: `sa-${i}`, containers: [container] } } },
      }),
      fake({
        apiVersion: 'v1',
        kind: 'Service',
        metadata,
        spec: { selector: { app: `app-${i}${i % 2 ? '' : 'x'}`, tier: 'web' }, ports: [{ port: 80, targetPort: 'http' }] },
      }),
      fake({
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata,
        spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: `app-${i}` }, maxReplicas: 4 },
      }),
      fake({
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata,
        spec: { maxUnavailable: 1, selector: { matchLabels: { app: `app-${i}` } } },
      }),
      fake({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i % 2 ? i : i + 1}`, namespace: 'big' }, data: { a: 'b' } }),
    );
    // Every other application has its own ServiceAccount and NetworkPolicy.
    if (i % 2) {
      objects.push(
        fake({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: `sa-${i}`, namespace: 'big' } }),
        fake({
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata,
          spec: { podSelector: { matchLabels: { app: `app-${i}` } } },
        }),
      );
    }
  }
  return objects;
}

/** Runs every cross-resource rule on the objects (a fresh array: the index is built anew). */
function runAll(objects: readonly LintObject[]): { counts: Record<string, number>; ms: number } {
  const counts: Record<string, number> = {};
  const fresh = [...objects];
  const started = performance.now();
  for (const id of CROSS_RULES) {
    const rule = rules.find((r) => r.id === id) as RunRule;
    counts[id] = rule.checkRun({
      objects: fresh,
      options: rule.resolveOptions(undefined),
      env: { kubernetesVersion: '1.36', strict: true },
    }).length;
  }
  return { counts, ms: performance.now() - started };
}

describe('a large run', () => {
  it('stays linear: 4 times the objects take about 4 times as long (a quadratic scan measured 11.5)', () => {
    const small = applications(2000);
    const smallMs = Math.min(...[1, 2, 3].map(() => runAll(small).ms));
    const large = runAll(applications(8000));
    expect(large.counts).toEqual({
      'service-selector': 4000,
      'service-target-port': 0,
      'hpa-missing': 0,
      'hpa-target': 0,
      'hpa-requests': 8000,
      'hpa-replicas': 8000,
      'duplicate-resource': 4000,
      'min-replicas': 0,
      'pod-disruption-budget': 0,
      'pdb-blocks-eviction': 0,
      'statefulset-service-name': 0,
      'missing-service-account': 4000,
      'replica-spread': 0,
      'network-policy': 4000,
      'dangling-reference': 4000,
    });
    expect(large.ms / smallMs).toBeLessThan(8);
  });
});
