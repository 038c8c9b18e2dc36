/**
 * The warnings the API server returns on create (they do not block it), ported from
 * k8s.io/kubernetes/pkg/api/pod/warnings.go (GetWarningsForPod, GetWarningsForPodTemplate),
 * pkg/api/node (deprecated node labels), pkg/api/service/warnings.go (GetWarningsForService) and
 * pkg/registry/networking/ingress (the ingress.class annotation).
 */
import { compareVersions } from '../../schema/versions.js';
import { parseQuantity } from '../quantity.js';
import { type ApiFinding, FieldPath, int, isSet, keysOf, list, rec, str, warning } from './field.js';
import { isPlaceholder } from '../placeholders.js';

/** nodeapi.deprecatedNodeLabels */
const DEPRECATED_NODE_LABELS: Readonly<Record<string, string>> = {
  'beta.kubernetes.io/arch': 'deprecated since v1.14; use "kubernetes.io/arch" instead',
  'beta.kubernetes.io/os': 'deprecated since v1.14; use "kubernetes.io/os" instead',
  'failure-domain.beta.kubernetes.io/region': 'deprecated since v1.17; use "topology.kubernetes.io/region" instead',
  'failure-domain.beta.kubernetes.io/zone': 'deprecated since v1.17; use "topology.kubernetes.io/zone" instead',
  'beta.kubernetes.io/instance-type': 'deprecated since v1.17; use "node.kubernetes.io/instance-type" instead',
};

const DEPRECATED_ANNOTATIONS: readonly [string, string][] = [
  ['scheduler.alpha.kubernetes.io/critical-pod', 'non-functional in v1.16+; use the "priorityClassName" field instead'],
  ['security.alpha.kubernetes.io/sysctls', 'non-functional in v1.11+; use the "sysctls" field instead'],
  ['security.alpha.kubernetes.io/unsafe-sysctls', 'non-functional in v1.11+; use the "sysctls" field instead'],
];

const DEPRECATED_VOLUMES: readonly [string, string][] = [
  ['photonPersistentDisk', 'deprecated in v1.11, non-functional in v1.16+'],
  ['gitRepo', 'deprecated in v1.11'],
  ['scaleIO', 'deprecated in v1.16, non-functional in v1.22+'],
  ['flocker', 'deprecated in v1.22, non-functional in v1.25+'],
  ['storageos', 'deprecated in v1.22, non-functional in v1.25+'],
  ['quobyte', 'deprecated in v1.22, non-functional in v1.25+'],
  ['glusterfs', 'deprecated in v1.25, non-functional in v1.26+'],
  ['cephfs', 'deprecated in v1.28, non-functional in v1.31+'],
  ['rbd', 'deprecated in v1.28, non-functional in v1.31+'],
];

/** GetWarningsForNodeSelectorTerm */
function nodeSelectorTermWarnings(term: unknown, p: FieldPath): ApiFinding[] {
  return list(rec(term)?.matchExpressions).flatMap((e, i) => {
    const key = str(rec(e)?.key);
    const message = key === undefined ? undefined : DEPRECATED_NODE_LABELS[key];
    return message && key ? [warning(p.child('matchExpressions').index(i).child('key'), `${key} is ${message}`, 'use the new label')] : [];
  });
}

/** Go's MilliValue() % 1000 != 0 for memory: a fractional byte count. */
function isFractionalBytes(value: unknown): boolean {
  const q = parseQuantity(value);
  return q !== undefined && Math.round(q * 1000) % 1000 !== 0;
}

/** warningsForPodSpecAndMeta; `base` is the template's path (`spec.template`), or the Pod's root. */
export function podWarnings(spec: Record<string, unknown>, metadata: Record<string, unknown> | undefined, base: FieldPath): ApiFinding[] {
  const out: ApiFinding[] = [];
  const sp = base.child('spec');
  for (const key of keysOf(spec.nodeSelector)) {
    const message = DEPRECATED_NODE_LABELS[key];
    if (message) out.push({ ...warning(sp.child('nodeSelector').key(key), message, 'use the new label'), target: 'key' });
  }
  const nodeAffinity = rec(rec(spec.affinity)?.nodeAffinity);
  if (nodeAffinity) {
    const termsPath = sp.child('affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms');
    list(rec(nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution)?.nodeSelectorTerms).forEach((t, i) =>
      out.push(...nodeSelectorTermWarnings(t, termsPath.index(i))),
    );
    list(nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) =>
      out.push(
        ...nodeSelectorTermWarnings(
          rec(t)?.preference,
          sp.child('affinity', 'nodeAffinity', 'preferredDuringSchedulingIgnoredDuringExecution').index(i).child('preference'),
        ),
      ),
    );
  }
  list(spec.topologySpreadConstraints).forEach((c, i) => {
    const constraint = rec(c);
    if (!constraint) return;
    const ip = sp.child('topologySpreadConstraints').index(i);
    const key = str(constraint.topologyKey);
    const message = key === undefined ? undefined : DEPRECATED_NODE_LABELS[key];
    if (message && key) out.push(warning(ip.child('topologyKey'), `${key} is ${message}`, 'use the new label'));
    if (!isSet(constraint.labelSelector))
      out.push(
        warning(ip.child('labelSelector').at(ip.yaml), 'a null labelSelector results in matching no pod', "select the workload's pods"),
      );
  });
  const annotations = rec(metadata?.annotations) ?? {};
  const ap = base.child('metadata', 'annotations');
  for (const [key, message] of DEPRECATED_ANNOTATIONS) {
    if (key in annotations) out.push({ ...warning(ap.key(key), message, 'remove the annotation'), target: 'key' });
  }
  list(spec.volumes).forEach((v, i) => {
    const volume = rec(v);
    if (!volume) return;
    for (const [field, message] of DEPRECATED_VOLUMES) {
      if (isSet(volume[field]))
        out.push(warning(sp.child('volumes').index(i).child(field), message, 'move to a supported volume type (for example a CSI driver)'));
    }
  });
  const aliases = new Set<string>();
  list(spec.hostAliases).forEach((a, i) => {
    const ip = str(rec(a)?.ip);
    if (ip === undefined) return;
    if (aliases.has(ip))
      out.push(
        warning(sp.child('hostAliases').index(i).child('ip'), `duplicate ip ${JSON.stringify(ip)}`, 'merge the hostnames into one entry'),
      );
    aliases.add(ip);
  });
  const pullSecrets = new Set<string>();
  list(spec.imagePullSecrets).forEach((s, i) => {
    const name = str(rec(s)?.name) ?? '';
    const p = sp.child('imagePullSecrets').index(i).child('name');
    if (name === '')
      out.push(warning(p.at(sp.child('imagePullSecrets').index(i).yaml), 'invalid empty name ""', 'name the Secret or remove the entry'));
    else if (pullSecrets.has(name)) out.push(warning(p, `duplicate name ${JSON.stringify(name)}`, 'list each Secret once'));
    pullSecrets.add(name);
  });
  const podSeccomp = isSet(rec(spec.securityContext)?.seccompProfile);
  if (!podSeccomp && 'seccomp.security.alpha.kubernetes.io/pod' in annotations) {
    out.push({
      ...warning(
        ap.key('seccomp.security.alpha.kubernetes.io/pod'),
        'non-functional in v1.27+; use the "seccompProfile" field instead',
        'set securityContext.seccompProfile',
      ),
      target: 'key',
    });
  }
  const grace = int(spec.terminationGracePeriodSeconds);
  if (grace !== undefined && grace < 0) {
    out.push(
      warning(
        sp.child('terminationGracePeriodSeconds'),
        'must be >= 0; negative values are invalid and will be treated as 1',
        'use 0 or more',
      ),
    );
  }
  const ports = new Map<string, { host: string; hostPort: number; path: FieldPath }[]>();
  for (const field of ['initContainers', 'containers'] as const) {
    list(spec[field]).forEach((c, ci) => {
      const container = rec(c);
      if (!container) return;
      const cp = sp.child(field).index(ci);
      const name = str(container.name) ?? '';
      const containerSeccomp = isSet(rec(container.securityContext)?.seccompProfile);
      const seccompKey = `container.seccomp.security.alpha.kubernetes.io/${name}`;
      if (!containerSeccomp && seccompKey in annotations) {
        out.push({
          ...warning(
            ap.key(seccompKey),
            'non-functional in v1.27+; use the "seccompProfile" field instead',
            'set securityContext.seccompProfile',
          ),
          target: 'key',
        });
      }
      const resources = rec(container.resources);
      for (const bag of ['limits', 'requests'] as const) {
        for (const res of ['memory', 'ephemeral-storage']) {
          const value = rec(resources?.[bag])?.[res];
          if (isSet(value) && isFractionalBytes(value)) {
            out.push(
              warning(
                cp.child('resources', bag).key(res),
                `fractional byte value ${JSON.stringify(String(value))} is invalid, must be an integer`,
                `"m" means thousandths of a byte: write ${String(value).replace(/m$/, 'Mi')} if mebibytes were meant`,
              ),
            );
          }
        }
      }
      const env = list(container.env);
      const seen = new Set<string>();
      env.forEach((e, i) => {
        const item = rec(e);
        const n = str(item?.name);
        if (!item || n === undefined) return;
        if (seen.has(n)) {
          const ref = `$(${n})`;
          const value = str(item.value) ?? '';
          if (isSet(item.valueFrom) || value === ref || !value.includes(ref)) {
            out.push(
              warning(
                cp.child('env').index(i),
                `hides previous definition of ${JSON.stringify(n)}, which may be dropped when using apply`,
                'remove one of the two definitions',
              ),
            );
          }
        } else seen.add(n);
      });
      list(container.ports).forEach((x, pi) => {
        const port = rec(x);
        const containerPort = int(port?.containerPort);
        if (!port || containerPort === undefined) return;
        const pp = cp.child('ports').index(pi);
        const host = str(port.hostIP) ?? '';
        const hostPort = int(port.hostPort) ?? 0;
        if (host !== '' && hostPort === 0) out.push(warning(pp, 'hostIP set without hostPort', 'set hostPort or remove hostIP'));
        const key = `${containerPort}/${str(port.protocol) ?? 'TCP'}`;
        const others = ports.get(key) ?? [];
        for (const other of others) {
          if (host === other.host && hostPort === other.hostPort)
            out.push(warning(pp, `duplicate port definition with ${other.path.text}`, 'declare each port once'));
          else if (hostPort === 0 || other.hostPort === 0)
            out.push(warning(pp, `overlapping port definition with ${other.path.text}`, 'declare each port once'));
        }
        others.push({ host, hostPort, path: pp });
        ports.set(key, others);
      });
    });
  }
  return out;
}

/** GetWarningsForService */
export function serviceWarnings(value: Record<string, unknown>, version: string): ApiFinding[] {
  const spec = rec(value.spec) ?? {};
  const out: ApiFinding[] = [];
  const annotations = rec(rec(value.metadata)?.annotations) ?? {};
  if ('service.kubernetes.io/topology-aware-hints' in annotations) {
    out.push({
      ...warning(
        undefined,
        'annotation service.kubernetes.io/topology-aware-hints is deprecated, please use service.kubernetes.io/topology-mode instead',
        'rename the annotation',
      ),
      path: ['metadata', 'annotations', 'service.kubernetes.io/topology-aware-hints'],
      target: 'key',
    });
  }
  const type = str(spec.type) ?? 'ClusterIP';
  const headless = type === 'ClusterIP' && spec.clusterIP === 'None';
  const externalIPs = list(spec.externalIPs);
  if (headless) {
    if (str(spec.loadBalancerIP))
      out.push({
        ...warning(undefined, 'spec.loadBalancerIP is ignored for headless services', 'remove it'),
        path: ['spec', 'loadBalancerIP'],
      });
    if (externalIPs.length > 0)
      out.push({ ...warning(undefined, 'spec.externalIPs is ignored for headless services', 'remove it'), path: ['spec', 'externalIPs'] });
    if (isSet(spec.sessionAffinity) && spec.sessionAffinity !== 'None')
      out.push({
        ...warning(undefined, 'spec.SessionAffinity is ignored for headless services', 'remove it'),
        path: ['spec', 'sessionAffinity'],
      });
  }
  if (externalIPs.length > 0 && !headless && type !== 'ExternalName') {
    out.push({
      ...warning(
        undefined,
        'spec.externalIPs is deprecated and may no longer be implemented in some clusters',
        'use a LoadBalancer Service or a Gateway',
      ),
      path: ['spec', 'externalIPs'],
    });
  }
  if (type === 'ExternalName' && externalIPs.length > 0)
    out.push({
      ...warning(undefined, 'spec.externalIPs is ignored when spec.type is "ExternalName"', 'remove it'),
      path: ['spec', 'externalIPs'],
    });
  if (type !== 'ExternalName' && str(spec.externalName))
    out.push({
      ...warning(undefined, 'spec.externalName is ignored when spec.type is not "ExternalName"', 'remove it or set type: ExternalName'),
      path: ['spec', 'externalName'],
    });
  for (const [field, values] of [
    ['clusterIPs', list(spec.clusterIPs).length > 0 ? list(spec.clusterIPs) : [spec.clusterIP]],
    ['externalIPs', externalIPs],
  ] as const) {
    values.forEach((ip, i) => {
      if (typeof ip === 'string' && !isPlaceholder(ip) && /(^|\.)0\d/.test(ip) && /^[\d.]+$/.test(ip)) {
        const p = FieldPath.root('spec', field)
          .index(i)
          .at(field === 'clusterIPs' && !isSet(spec.clusterIPs) ? ['spec', 'clusterIP'] : ['spec', field, i]);
        out.push(
          warning(
            p,
            `non-standard IP address ${JSON.stringify(ip)} will be considered invalid in a future Kubernetes release: use ${JSON.stringify(
              ip
                .split('.')
                .map((x) => String(Number(x)))
                .join('.'),
            )}`,
            'remove the leading zeros',
          ),
        );
      }
    });
  }
  if (spec.trafficDistribution === 'PreferClose' && compareVersions(version, '1.34') >= 0) {
    out.push({
      ...warning(undefined, 'spec.trafficDistribution: "PreferClose" is deprecated; use "PreferSameZone"', 'use PreferSameZone'),
      path: ['spec', 'trafficDistribution'],
    });
  }
  return out;
}

/** The Ingress registry's warning for the ingress.class annotation. */
export function ingressWarnings(value: Record<string, unknown>): ApiFinding[] {
  const annotations = rec(rec(value.metadata)?.annotations) ?? {};
  if (!('kubernetes.io/ingress.class' in annotations)) return [];
  return [
    {
      ...warning(
        undefined,
        'annotation "kubernetes.io/ingress.class" is deprecated, please use \'spec.ingressClassName\' instead',
        'set spec.ingressClassName and remove the annotation',
      ),
      path: ['metadata', 'annotations', 'kubernetes.io/ingress.class'],
      target: 'key',
    },
  ];
}
