/**
 * A deterministic corpus of realistic Kubernetes manifests for the benchmark: Deployments with
 * several containers, Services, ConfigMaps, HPAs, Secrets, StatefulSets, CronJobs, Ingresses and
 * a few bare Pods, 1 to 20 documents per file, spread over team folders. Some images float
 * (`:latest`, no tag) so that the linter has findings to place.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dump } from 'js-yaml';

/** mulberry32: small, fast, good enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = Record<string, unknown>;

class Gen {
  constructor(readonly random: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)] as T;
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
  word(): string {
    return this.pick(WORDS);
  }
  name(): string {
    return `${this.word()}-${this.word()}`;
  }
}

const WORDS = [
  'api',
  'web',
  'worker',
  'cache',
  'auth',
  'billing',
  'search',
  'gateway',
  'orders',
  'payments',
  'ledger',
  'notify',
  'report',
  'ingest',
  'stream',
  'metrics',
  'front',
  'admin',
  'catalog',
  'profile',
  'session',
  'queue',
  'backup',
  'sync',
] as const;
const IMAGES = ['nginx', 'redis', 'postgres', 'ghcr.io/acme/api', 'registry.example.com/team/worker', 'busybox', 'envoyproxy/envoy'];

function labels(g: Gen, app: string): Json {
  const out: Json = { 'app.kubernetes.io/name': app, 'app.kubernetes.io/part-of': g.word() };
  if (g.chance(0.5)) out['app.kubernetes.io/version'] = `${g.int(1, 9)}.${g.int(0, 20)}.${g.int(0, 9)}`;
  if (g.chance(0.3)) out.tier = g.pick(['frontend', 'backend', 'data']);
  return out;
}

function image(g: Gen): string {
  const base = g.pick(IMAGES);
  const r = g.random();
  if (r < 0.1) return `${base}:latest`;
  if (r < 0.15) return base;
  if (r < 0.25) return `${base}@sha256:${'0123456789abcdef'.repeat(4)}`;
  return `${base}:${g.int(1, 9)}.${g.int(0, 30)}.${g.int(0, 9)}`;
}

function container(g: Gen, name: string): Json {
  const c: Json = { name, image: image(g) };
  if (g.chance(0.8)) c.ports = [{ name: 'http', containerPort: g.pick([80, 8080, 3000, 9090]), protocol: 'TCP' }];
  const env = [];
  for (let i = g.int(0, 8); i > 0; i--) {
    env.push(
      g.chance(0.7)
        ? { name: `${g.word().toUpperCase()}_${g.word().toUpperCase()}`, value: g.chance(0.5) ? g.word() : String(g.int(1, 9999)) }
        : { name: `${g.word().toUpperCase()}_SECRET`, valueFrom: { secretKeyRef: { name: g.name(), key: g.word() } } },
    );
  }
  if (env.length > 0) c.env = env;
  if (g.chance(0.8)) {
    c.resources = {
      requests: { cpu: `${g.int(1, 10) * 50}m`, memory: `${g.int(1, 16) * 64}Mi` },
      ...(g.chance(0.6) ? { limits: { cpu: `${g.int(1, 4)}`, memory: `${g.int(1, 8) * 256}Mi` } } : {}),
    };
  }
  if (g.chance(0.7)) {
    c.readinessProbe = { httpGet: { path: '/ready', port: 'http' }, periodSeconds: 10 };
    c.livenessProbe = { httpGet: { path: '/healthz', port: 'http' }, initialDelaySeconds: g.int(5, 30) };
  }
  if (g.chance(0.6)) {
    c.securityContext = {
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: g.chance(0.7),
      capabilities: { drop: ['ALL'] },
    };
  }
  if (g.chance(0.4)) c.volumeMounts = [{ name: 'config', mountPath: `/etc/${name}` }];
  if (g.chance(0.15)) c.args = ['--log-level=info', `--listen=:${g.int(3000, 9000)}`];
  return c;
}

function podSpec(g: Gen, app: string): Json {
  const containers = [];
  const count = g.int(1, 4);
  for (let i = 0; i < count; i++) containers.push(container(g, i === 0 ? app : `${app}-${g.pick(['sidecar', 'proxy', 'exporter'])}-${i}`));
  const spec: Json = { containers };
  if (g.chance(0.3)) spec.initContainers = [container(g, 'init')];
  if (g.chance(0.4)) spec.volumes = [{ name: 'config', configMap: { name: `${app}-config` } }];
  if (g.chance(0.5)) spec.serviceAccountName = app;
  if (g.chance(0.3)) spec.nodeSelector = { 'kubernetes.io/os': 'linux' };
  return spec;
}

function metadata(g: Gen, name: string, namespace: string, app: string): Json {
  const m: Json = { name, namespace, labels: labels(g, app) };
  if (g.chance(0.3)) m.annotations = { 'example.com/owner': `${g.word()}@example.com`, 'example.com/revision': String(g.int(1, 500)) };
  return m;
}

function workloadTemplate(g: Gen, app: string): Json {
  return { metadata: { labels: { 'app.kubernetes.io/name': app } }, spec: podSpec(g, app) };
}

const KINDS: [number, (g: Gen, ns: string) => Json][] = [
  [
    30,
    (g, ns) => {
      const app = g.name();
      return {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: metadata(g, app, ns, app),
        spec: {
          replicas: g.int(1, 6),
          selector: { matchLabels: { 'app.kubernetes.io/name': app } },
          ...(g.chance(0.3) ? { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } } } : {}),
          template: workloadTemplate(g, app),
        },
      };
    },
  ],
  [
    20,
    (g, ns) => {
      const app = g.name();
      return {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: metadata(g, app, ns, app),
        spec: {
          type: g.pick(['ClusterIP', 'ClusterIP', 'NodePort', 'LoadBalancer']),
          selector: { 'app.kubernetes.io/name': app },
          ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
        },
      };
    },
  ],
  [
    15,
    (g, ns) => {
      const app = g.name();
      const data: Json = {};
      for (let i = g.int(1, 6); i > 0; i--) data[`${g.word()}.${g.pick(['conf', 'yaml', 'properties'])}`] = configText(g);
      return { apiVersion: 'v1', kind: 'ConfigMap', metadata: metadata(g, `${app}-config`, ns, app), data };
    },
  ],
  [
    8,
    (g, ns) => {
      const app = g.name();
      return {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: metadata(g, app, ns, app),
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: app },
          minReplicas: g.int(1, 3),
          maxReplicas: g.int(4, 20),
          metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: g.int(50, 90) } } }],
        },
      };
    },
  ],
  [
    8,
    (g, ns) => {
      const app = g.name();
      const data: Json = {};
      for (let i = g.int(1, 4); i > 0; i--) data[g.word()] = Buffer.from(`${g.name()}-${g.int(1000, 99999)}`).toString('base64');
      return { apiVersion: 'v1', kind: 'Secret', type: 'Opaque', metadata: metadata(g, `${app}-secret`, ns, app), data };
    },
  ],
  [
    7,
    (g, ns) => {
      const app = g.name();
      return {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: metadata(g, app, ns, app),
        spec: {
          serviceName: app,
          replicas: g.int(1, 5),
          selector: { matchLabels: { 'app.kubernetes.io/name': app } },
          template: workloadTemplate(g, app),
          volumeClaimTemplates: [
            {
              metadata: { name: 'data' },
              spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: `${g.int(1, 100)}Gi` } } },
            },
          ],
        },
      };
    },
  ],
  [
    6,
    (g, ns) => {
      const app = g.name();
      return {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: metadata(g, app, ns, app),
        spec: {
          schedule: `${g.int(0, 59)} ${g.int(0, 23)} * * *`,
          concurrencyPolicy: 'Forbid',
          jobTemplate: { spec: { backoffLimit: 2, template: { spec: { ...podSpec(g, app), restartPolicy: 'OnFailure' } } } },
        },
      };
    },
  ],
  [
    5,
    (g, ns) => {
      const app = g.name();
      const host = `${app}.example.com`;
      return {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: metadata(g, app, ns, app),
        spec: {
          ingressClassName: 'nginx',
          tls: [{ hosts: [host], secretName: `${app}-tls` }],
          rules: [
            {
              host,
              http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: app, port: { name: 'http' } } } }] },
            },
          ],
        },
      };
    },
  ],
  [
    1,
    (g, ns) => {
      const app = g.name();
      return { apiVersion: 'v1', kind: 'Pod', metadata: metadata(g, app, ns, app), spec: podSpec(g, app) };
    },
  ],
];
const TOTAL_WEIGHT = KINDS.reduce((n, [w]) => n + w, 0);

function configText(g: Gen): string {
  const lines = [];
  for (let i = g.int(2, 20); i > 0; i--) lines.push(`${g.word()}.${g.word()} = ${g.chance(0.5) ? g.int(0, 10000) : g.name()}`);
  return `${lines.join('\n')}\n`;
}

function object(g: Gen, namespace: string): Json {
  let r = g.random() * TOTAL_WEIGHT;
  for (const [weight, make] of KINDS) {
    r -= weight;
    if (r < 0) return make(g, namespace);
  }
  return (KINDS[0] as (typeof KINDS)[number])[1](g, namespace);
}

export interface Corpus {
  dir: string;
  files: number;
  objects: number;
  bytes: number;
}

/** Writes `objects` objects under `dir` (emptied first); the same seed gives the same bytes. */
export function generateCorpus(dir: string, objects: number, seed = 42): Corpus {
  rmSync(dir, { recursive: true, force: true });
  const g = new Gen(prng(seed));
  let made = 0;
  let files = 0;
  let bytes = 0;
  while (made < objects) {
    const team = `team-${g.int(1, Math.max(1, Math.ceil(objects / 2000)))}`;
    const namespace = `${team}-${g.pick(['prod', 'staging', 'dev'])}`;
    const count = Math.min(g.int(1, 20), objects - made);
    const parts: string[] = [];
    for (let i = 0; i < count; i++) {
      const doc = object(g, namespace);
      const header = g.chance(0.3) ? `# Source: ${team}/templates/${g.word()}.yaml\n` : '';
      parts.push(header + dump(doc, { lineWidth: -1, noRefs: true }));
    }
    const text = parts.map((p, i) => (i === 0 && g.chance(0.5) ? p : `---\n${p}`)).join('');
    const folder = path.join(dir, team, g.word());
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, `${g.name()}-${files}.yaml`), text);
    files++;
    made += count;
    bytes += Buffer.byteLength(text);
  }
  return { dir, files, objects: made, bytes };
}
