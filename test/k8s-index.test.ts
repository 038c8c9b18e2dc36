/** The run index and the pod-spec helpers the cross-resource rules share. */
import { describe, expect, it } from 'vitest';
import { namespacesMatch, runIndexOf, similarName, UNSET_NAMESPACE } from '../src/k8s/index.js';
import { declaredPorts, servicePorts } from '../src/k8s/ports.js';
import { podReferences } from '../src/k8s/references.js';
import { containersOf } from '../src/k8s/workloads.js';
import { parseLabelSelector, parseMapSelector, type Selector } from '../src/k8s/selectors.js';
import { objectsOfDocument, type LintObject } from '../src/load/objects.js';
import { parseYaml } from '../src/load/parse.js';

function load(text: string, filePath = 'test.yaml'): LintObject[] {
  return parseYaml(text).documents.flatMap((d) => objectsOfDocument(d, filePath).objects);
}

function deployment(name: string, labels: Record<string, string>, namespace?: string, kind = 'Deployment'): string {
  const meta = namespace === undefined ? `{name: ${name}}` : `{name: ${name}, namespace: ${namespace}}`;
  return `apiVersion: apps/v1\nkind: ${kind}\nmetadata: ${meta}\nspec:\n  template:\n    metadata:\n      labels: ${JSON.stringify(labels)}\n    spec:\n      containers: [{name: c, image: i:1}]\n`;
}

function selector(value: unknown): Selector {
  const parsed = parseLabelSelector(value);
  if (!parsed) throw new Error('not a selector');
  return parsed;
}

const names = (objects: readonly { object: LintObject }[]): string[] => objects.map((e) => e.object.name ?? '').sort();

describe('runIndexOf', () => {
  it('builds one index per objects array and reuses it', () => {
    const objects = load(deployment('web', { app: 'web' }));
    expect(runIndexOf(objects)).toBe(runIndexOf(objects));
    expect(runIndexOf([...objects])).not.toBe(runIndexOf(objects));
  });
});

describe('namespaces', () => {
  it('an unset namespace matches any namespace; set ones only themselves', () => {
    expect(namespacesMatch(UNSET_NAMESPACE, 'a')).toBe(true);
    expect(namespacesMatch('a', UNSET_NAMESPACE)).toBe(true);
    expect(namespacesMatch('a', 'a')).toBe(true);
    expect(namespacesMatch('a', 'b')).toBe(false);
    expect(namespacesMatch('default', UNSET_NAMESPACE)).toBe(true);
  });

  it('selects pods of the namespace and unset ones, never of another namespace', () => {
    const objects = load(
      [deployment('in-a', { app: 'x' }, 'a'), deployment('in-b', { app: 'x' }, 'b'), deployment('unset', { app: 'x' })].join('---\n'),
    );
    const index = runIndexOf(objects);
    const sel = selector({ matchLabels: { app: 'x' } });
    expect(names(index.podsSelectedBy('a', sel))).toEqual(['in-a', 'unset']);
    expect(names(index.podsSelectedBy(UNSET_NAMESPACE, sel))).toEqual(['in-a', 'in-b', 'unset']);
    expect(index.find('Deployment', 'a', 'in-b')).toEqual([]);
    expect(index.find('Deployment', 'b', 'unset').map((o) => o.name)).toEqual(['unset']);
  });
});

describe('podsSelectedBy', () => {
  const objects = load(
    [
      deployment('web', { app: 'web', tier: 'front' }, 'ns'),
      deployment('api', { app: 'api', tier: 'back' }, 'ns'),
      deployment('db', { app: 'db' }, 'ns', 'StatefulSet'),
    ].join('---\n'),
  );
  const index = runIndexOf(objects);

  it.each([
    [{ matchLabels: { app: 'web' } }, ['web']],
    [{ matchLabels: { app: 'web', tier: 'back' } }, []],
    [{ matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'back'] }] }, ['api', 'web']],
    [{ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, ['api', 'web']],
    [{ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, ['db']],
    [{ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] }, ['api', 'db']],
    [{}, ['api', 'db', 'web']],
  ])('%j selects %j', (value, expected) => {
    expect(names(index.podsSelectedBy('ns', selector(value)))).toEqual(expected);
  });

  it('takes labels that controllers add as present, and checks StatefulSet pod names', () => {
    const sel = (labels: Record<string, string>): Selector => parseMapSelector(labels) ?? selector({});
    expect(names(index.podsSelectedBy('ns', sel({ app: 'web', 'pod-template-hash': 'abc' })))).toEqual(['web']);
    expect(names(index.podsSelectedBy('ns', sel({ app: 'db', 'statefulset.kubernetes.io/pod-name': 'db-2' })))).toEqual(['db']);
    expect(names(index.podsSelectedBy('ns', sel({ app: 'db', 'statefulset.kubernetes.io/pod-name': 'dbx-0' })))).toEqual([]);
    expect(names(index.podsSelectedBy('ns', sel({ app: 'web', 'statefulset.kubernetes.io/pod-name': 'web-0' })))).toEqual([]);
  });
});

describe('duplicateGroups', () => {
  it('compares group (extensions = apps), kind, literal namespace and name; cluster-scoped kinds ignore the namespace', () => {
    const objects = load(
      [
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n',
        'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: web}\n',
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: default}\n',
        'apiVersion: v1\nkind: Service\nmetadata: {name: web}\n',
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: r, namespace: a}\n',
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: r}\n',
        'apiVersion: batch/v1\nkind: Job\nmetadata: {generateName: j-}\n',
        'apiVersion: batch/v1\nkind: Job\nmetadata: {generateName: j-}\n',
      ].join('---\n'),
    );
    const groups = runIndexOf(objects).duplicateGroups();
    expect(groups.map((g) => g.map((o) => `${o.apiVersion ?? ''} ${o.kind ?? ''} ${o.namespace ?? '-'}`))).toEqual([
      ['apps/v1 Deployment -', 'extensions/v1beta1 Deployment -'],
      ['rbac.authorization.k8s.io/v1 ClusterRole a', 'rbac.authorization.k8s.io/v1 ClusterRole -'],
    ]);
  });
});

describe('autoscalers and generated objects', () => {
  const objects = load(
    [
      deployment('web', { app: 'web' }, 'ns'),
      'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h, namespace: ns}\nspec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}, maxReplicas: 3}\n',
      'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: other-ns, namespace: other}\nspec: {scaleTargetRef: {kind: Deployment, name: web}, maxReplicas: 3}\n',
      'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: other-group, namespace: ns}\nspec: {scaleTargetRef: {apiVersion: argoproj.io/v1alpha1, kind: Deployment, name: web}, maxReplicas: 3}\n',
      'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db, namespace: ns}\nspec: {volumeClaimTemplates: [{metadata: {name: data}}]}\n',
      'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: c}\nspec: {secretName: web-tls}\n',
    ].join('---\n'),
  );
  const index = runIndexOf(objects);

  it('finds the HPAs of a workload by kind, name, namespace and group', () => {
    const web = objects[0];
    if (!web) throw new Error('no web');
    expect(index.hpasOf(web).map((h) => h.object.name)).toEqual(['h']);
  });

  it('knows claims of volumeClaimTemplates and Secrets of cert-manager Certificates', () => {
    expect(index.generatorOf('PersistentVolumeClaim', 'ns', 'data-db-3')?.name).toBe('db');
    expect(index.generatorOf('PersistentVolumeClaim', 'other', 'data-db-3')).toBeUndefined();
    expect(index.generatorOf('PersistentVolumeClaim', 'ns', 'data-db')).toBeUndefined();
    expect(index.generatorOf('Secret', 'ns', 'web-tls')?.name).toBe('c');
  });
});

describe('pod-spec helpers', () => {
  it('podReferences walks CronJob templates with full paths', () => {
    const [cronJob] = load(`apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  jobTemplate:
    spec:
      template:
        spec:
          serviceAccountName: runner
          containers:
            - name: c
              image: i:1
              envFrom: [{configMapRef: {name: cfg, optional: true}}]
              env: [{name: X, valueFrom: {secretKeyRef: {name: s, key: k}}}]
          volumes: [{name: v, projected: {sources: [{secret: {name: p, items: [{key: a, path: a}]}}]}}]
`);
    if (!cronJob) throw new Error('no object');
    const pod = ['spec', 'jobTemplate', 'spec', 'template', 'spec'];
    expect(podReferences(cronJob).map((r) => ({ kind: r.kind, name: r.name, optional: r.optional, path: r.path, keys: r.keys }))).toEqual([
      { kind: 'ConfigMap', name: 'cfg', optional: true, path: [...pod, 'containers', 0, 'envFrom', 0, 'configMapRef', 'name'], keys: [] },
      {
        kind: 'Secret',
        name: 's',
        optional: false,
        path: [...pod, 'containers', 0, 'env', 0, 'valueFrom', 'secretKeyRef', 'name'],
        keys: [{ key: 'k', path: [...pod, 'containers', 0, 'env', 0, 'valueFrom', 'secretKeyRef', 'key'] }],
      },
      {
        kind: 'Secret',
        name: 'p',
        optional: false,
        path: [...pod, 'volumes', 0, 'projected', 'sources', 0, 'secret', 'name'],
        keys: [{ key: 'a', path: [...pod, 'volumes', 0, 'projected', 'sources', 0, 'secret', 'items', 0, 'key'] }],
      },
      { kind: 'ServiceAccount', name: 'runner', optional: false, path: [...pod, 'serviceAccountName'], keys: [] },
    ]);
  });

  it('servicePorts defaults targetPort to port; declaredPorts skips run-to-completion init containers', () => {
    const [service, pod] = load(`apiVersion: v1
kind: Service
metadata: {name: s}
spec:
  ports: [{port: 80}, {name: h, port: 81, targetPort: http}, {port: 82, targetPort: "8082"}]
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - {name: init, image: i:1, ports: [{containerPort: 1}]}
    - {name: sidecar, image: i:1, restartPolicy: Always, ports: [{containerPort: 2, name: side}]}
  containers:
    - {name: main, image: i:1, ports: [{containerPort: 3, protocol: UDP}]}
`);
    if (!service || !pod) throw new Error('no objects');
    expect(servicePorts(service).map((p) => [p.target, p.explicitTarget, p.path.join('.')])).toEqual([
      [80, false, 'spec.ports.0.port'],
      ['http', true, 'spec.ports.1.targetPort'],
      [8082, true, 'spec.ports.2.targetPort'],
    ]);
    expect(declaredPorts(containersOf(pod)).map((p) => [p.containerPort, p.name, p.protocol])).toEqual([
      [2, 'side', 'TCP'],
      [3, undefined, 'UDP'],
    ]);
  });

  it('similarName suggests a close name, and none beyond the candidate limit', () => {
    const few = load('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web-env}\n');
    expect(similarName('web-envs', few)).toBe('web-env');
    expect(similarName('database', few)).toBeUndefined();
    const many = Array.from({ length: 300 }, () => few[0]).filter((o): o is LintObject => o !== undefined);
    expect(similarName('web-envs', many)).toBeUndefined();
  });
});

describe('namespaced lookups (per-namespace postings and groups)', () => {
  // Workloads and Services in three namespaces and none, interleaved, sharing label values.
  const spaces = ['a', 'b', undefined, 'c'];
  const docs: string[] = [];
  for (let i = 0; i < 40; i++) {
    const namespace = spaces[i % spaces.length];
    docs.push(deployment(`w${i}`, { app: `app${i % 3}`, tier: i % 2 ? 'x' : 'y' }, namespace));
    const meta = namespace === undefined ? `{name: s${i % 7}}` : `{name: s${i % 7}, namespace: ${namespace}}`;
    docs.push(`apiVersion: v1\nkind: Service\nmetadata: ${meta}\nspec: {selector: {app: app${i % 3}}}\n`);
  }
  const objects = load(docs.join('---\n'));
  const index = runIndexOf(objects);

  it('select the pods visible from a namespace, in run order, as a pass over every pod does', () => {
    for (const namespace of ['a', 'b', 'c', 'd', UNSET_NAMESPACE]) {
      for (const labels of [{ app: 'app1' }, { app: 'app2', tier: 'x' }, { tier: 'y' }]) {
        const sel = selector({ matchLabels: labels });
        const naive = index.pods.filter(
          (e) => namespacesMatch(e.namespace, namespace) && Object.entries(labels).every(([k, v]) => e.pod.labels[k] === v),
        );
        expect(index.podsSelectedBy(namespace, sel).map((e) => e.object.name)).toEqual(naive.map((e) => e.object.name));
        expect(index.podsWithLabel(namespace, 'app', 'app1')?.map((e) => e.object.name)).toEqual(
          index.pods.filter((e) => namespacesMatch(e.namespace, namespace) && e.pod.labels.app === 'app1').map((e) => e.object.name),
        );
      }
    }
  });

  it('list the objects of a kind visible from a namespace in the order a filter of all of them gives', () => {
    const all = index.ofKind('Service', UNSET_NAMESPACE);
    expect(all).toHaveLength(40);
    for (const namespace of ['a', 'b', 'c', 'd']) {
      expect(index.ofKind('Service', namespace)).toEqual(all.filter((o) => namespacesMatch(o.namespace ?? UNSET_NAMESPACE, namespace)));
    }
  });
});
