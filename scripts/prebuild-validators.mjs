// Compiles, at build time, the schema validators of the kinds most manifests are made of, for the
// default Kubernetes version and strictness, and of the most common custom resources of the bundled
// CRD catalog (`<key>.js.br`: Ajv's standalone code as the validator
// cache stores it, compressed): a first run, before any cache of the user's is filled, loads them
// instead of compiling (src/schema/disk-cache.ts). Compiling a Deployment's validator takes longer
// than the rest of a one-file run. Run on its own (by `npm run build`, after the bundle), it writes
// dist/validators/ for the bundled command; scripts/build-action.ts makes dist/action/validators/.
//
// The validators are made by kube-lint itself, into a temporary cache folder, so their keys are the
// ones it computes at run time: they digest kube-lint's and Ajv's versions, the bundled schemas and
// src/schema/ (the same digest from the sources and from every bundle). It runs from a folder
// without a kube-lint config, on one object per kind, so that the defaults apply.
//
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));

/** apiVersion and kind of the objects most repositories hold. */
export const PREBUILT_KINDS = [
  ['apps/v1', 'Deployment'],
  ['apps/v1', 'StatefulSet'],
  ['apps/v1', 'DaemonSet'],
  ['apps/v1', 'ReplicaSet'],
  ['batch/v1', 'Job'],
  ['batch/v1', 'CronJob'],
  ['v1', 'Pod'],
  ['v1', 'Service'],
  ['v1', 'ConfigMap'],
  ['v1', 'Secret'],
  ['v1', 'ServiceAccount'],
  ['v1', 'Namespace'],
  ['v1', 'PersistentVolumeClaim'],
  ['v1', 'PersistentVolume'],
  ['v1', 'LimitRange'],
  ['v1', 'ResourceQuota'],
  ['v1', 'Endpoints'],
  ['networking.k8s.io/v1', 'Ingress'],
  ['networking.k8s.io/v1', 'IngressClass'],
  ['networking.k8s.io/v1', 'NetworkPolicy'],
  ['autoscaling/v2', 'HorizontalPodAutoscaler'],
  ['policy/v1', 'PodDisruptionBudget'],
  ['rbac.authorization.k8s.io/v1', 'Role'],
  ['rbac.authorization.k8s.io/v1', 'RoleBinding'],
  ['rbac.authorization.k8s.io/v1', 'ClusterRole'],
  ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding'],
  ['apiextensions.k8s.io/v1', 'CustomResourceDefinition'],
  ['storage.k8s.io/v1', 'StorageClass'],
  ['scheduling.k8s.io/v1', 'PriorityClass'],
  ['admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration'],
  ['admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration'],
  ['coordination.k8s.io/v1', 'Lease'],
  // Custom resources most GitOps repositories hold, from the bundled CRD catalog (used when the run
  // has no CRD of the kind): compiling one takes 50-250 ms, on every run of a CI job without a
  // cache. A validator is keyed by its schema: Issuer's serves ClusterIssuer, whose schema is the same.
  ['kustomize.toolkit.fluxcd.io/v1', 'Kustomization'],
  ['helm.toolkit.fluxcd.io/v2', 'HelmRelease'],
  ['source.toolkit.fluxcd.io/v1', 'HelmRepository'],
  ['source.toolkit.fluxcd.io/v1', 'GitRepository'],
  ['source.toolkit.fluxcd.io/v1', 'OCIRepository'],
  ['cert-manager.io/v1', 'Certificate'],
  ['cert-manager.io/v1', 'Issuer'],
  ['external-secrets.io/v1', 'ExternalSecret'],
  ['monitoring.coreos.com/v1', 'ServiceMonitor'],
  ['monitoring.coreos.com/v1', 'PrometheusRule'],
  ['argoproj.io/v1alpha1', 'Application'],
  ['argoproj.io/v1alpha1', 'Rollout'],
];

/**
 * The prebuilt validators, by file name (`<key>.js.br`): made by running `command` (an argument
 * vector: the bundled command, or the sources through tsx) on one object of each kind, with a
 * temporary cache folder.
 */
export function prebuildValidators(command) {
  const work = mkdtempSync(path.join(os.tmpdir(), 'kube-lint-prebuild-'));
  try {
    const manifest = path.join(work, 'kinds.yaml');
    writeFileSync(
      manifest,
      PREBUILT_KINDS.map(([apiVersion, kind]) => `---\napiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: x\n`).join(''),
    );
    const cache = path.join(work, 'cache');
    const env = { ...process.env };
    delete env.KUBE_LINT_CACHE_DIR;
    const [program, ...args] = command;
    const run = spawnSync(
      program,
      [...args, '--cache-dir', cache, '--jobs', '1', '--format', 'json', '--output', path.join(work, 'report.json'), manifest],
      {
        cwd: work,
        env,
        encoding: 'utf8',
      },
    );
    // Exit code 1: the objects have findings (no probes, no resources, ...), as they should.
    if (run.status !== 0 && run.status !== 1) throw new Error(`kube-lint exited with ${String(run.status)}: ${run.stderr}`);
    const report = JSON.parse(readFileSync(path.join(work, 'report.json'), 'utf8'));
    const unknown = report.files.flatMap((f) => f.findings).filter((f) => f.ruleId === 'unknown-kind');
    if (unknown.length > 0) throw new Error(`kinds unknown to the default Kubernetes version: ${unknown.map((f) => f.message).join('; ')}`);
    const entries = readdirSync(path.join(cache, 'validators'))
      .filter((name) => name.endsWith('.js'))
      .sort();
    if (entries.length !== PREBUILT_KINDS.length)
      throw new Error(`expected ${PREBUILT_KINDS.length} validators, the build made ${entries.length}`);
    const files = new Map();
    for (const name of entries) {
      const code = readFileSync(path.join(cache, 'validators', name));
      files.set(`${name}.br`, brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }));
    }
    return files;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = path.join(root, 'dist', 'validators');
  const files = prebuildValidators([process.execPath, path.join(root, 'dist', 'cli.js')]);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  let packed = 0;
  for (const [name, data] of files) {
    writeFileSync(path.join(out, name), data);
    packed += data.length;
  }
  process.stdout.write(`prebuilt ${files.size} validators into dist/validators (${Math.round(packed / 1024)} KiB compressed)\n`);
}
