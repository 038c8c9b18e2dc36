/**
 * The core API group's hand-written validation (k8s.io/kubernetes/pkg/apis/core/validation/
 * validation.go), ported check by check for what a manifest can get wrong on create: pod specs and
 * their containers, Services, Secrets, ConfigMaps, PersistentVolumeClaims, PersistentVolumes and
 * LimitRanges. Each function is named after the Go function it mirrors. Checks the bundled schemas
 * already make (types, required fields, enums, quantity and port syntax, label syntax) are not
 * repeated here; see docs/api-server-validation.md for the full table.
 */
import { lazyBuiltin } from '../../lazy.js';
import { compareVersions } from '../../schema/versions.js';
import { parseQuantity } from '../quantity.js';
import {
  type ApiFinding,
  configMapKeyProblem,
  dns1123LabelProblem,
  dns1123SubdomainProblem,
  duplicate,
  FieldPath,
  forbidden,
  int,
  invalid,
  isSet,
  keysOf,
  list,
  MSG,
  notFound,
  notSupported,
  rec,
  required,
  str,
} from './field.js';
import { isPlaceholder } from '../placeholders.js';
import { validateLabelSelector, validateSetOperatorValues } from './meta.js';

const isIP = (value: string): number => lazyBuiltin('node:net').isIP(value);

/** What the pod-level checks need to know about where the pod spec sits. */
export interface PodContext {
  /** Kubernetes version targeted (`1.33`). */
  version: string;
  /** The object is a Pod (some checks apply to Pods only, not to templates). */
  isPod: boolean;
  /** Names the controller adds as volumes (a StatefulSet's volumeClaimTemplates). */
  extraVolumes?: readonly string[];
}

/** ValidateNonnegativeField */
export function validateNonnegativeField(value: unknown, p: FieldPath, fix = 'use 0 or more'): ApiFinding[] {
  const n = int(value);
  return n !== undefined && n < 0 ? [invalid(p, n, MSG.nonNegative, fix)] : [];
}

/** ValidatePositiveField */
export function validatePositiveField(value: unknown, p: FieldPath, fix = 'use 1 or more'): ApiFinding[] {
  const n = int(value);
  return n !== undefined && n <= 0 ? [invalid(p, n, MSG.positive, fix)] : [];
}

/** ValidateDNS1123Label */
export function validateDNS1123Label(value: string, p: FieldPath, fix: string): ApiFinding[] {
  if (isPlaceholder(value)) return [];
  const problem = dns1123LabelProblem(value);
  return problem ? [invalid(p, value, problem, fix)] : [];
}

/** ValidateDNS1123Subdomain */
export function validateDNS1123Subdomain(value: string, p: FieldPath, fix: string): ApiFinding[] {
  if (isPlaceholder(value)) return [];
  const problem = dns1123SubdomainProblem(value);
  return problem ? [invalid(p, value, problem, fix)] : [];
}

/** IsValidPortNum, as field errors. */
export function validatePortNum(value: unknown, p: FieldPath): ApiFinding[] {
  const n = int(value);
  return n !== undefined && (n < 1 || n > 65535) ? [invalid(p, n, MSG.portRange, 'use a port between 1 and 65535')] : [];
}

// ---------------------------------------------------------------------------------------------
// Volumes

/** The volume source fields of core.VolumeSource (v1 names). */
const VOLUME_SOURCES = [
  'hostPath',
  'emptyDir',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'persistentVolumeClaim',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'downwardAPI',
  'fc',
  'azureFile',
  'configMap',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'projected',
  'portworxVolume',
  'scaleIO',
  'storageos',
  'csi',
  'ephemeral',
  'image',
] as const;

/** PersistentVolumeSource fields (v1 names). */
const PV_SOURCES = [
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'hostPath',
  'glusterfs',
  'nfs',
  'rbd',
  'iscsi',
  'cinder',
  'cephfs',
  'fc',
  'flocker',
  'flexVolume',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'local',
  'storageos',
  'csi',
] as const;

/** The source fields set on a volume, in the order validateVolumeSource counts them. */
function sourcesOf(volume: Record<string, unknown>, fields: readonly string[]): string[] {
  return fields.filter((f) => isSet(volume[f]));
}

/** validateLocalDescendingPath */
export function validateLocalDescendingPath(value: string, p: FieldPath, at: FieldPath = p): ApiFinding[] {
  const out: ApiFinding[] = [];
  const where = p.at(at.yaml);
  if (value.startsWith('/')) out.push(invalid(where, value, 'must be a relative path', 'remove the leading "/"'));
  if (value.split(/[\\/]/).includes('..')) out.push(invalid(where, value, "must not contain '..'", 'name a path inside the volume'));
  return out;
}

/** validateKeyToPathItems (the path part): items of configMap, secret, downwardAPI and projected sources. */
function validateKeyToPathItems(items: unknown, p: FieldPath): ApiFinding[] {
  return list(items).flatMap((item, i) => {
    const path = str(rec(item)?.path);
    if (path === undefined || path === '' || isPlaceholder(path)) return [];
    return validateLocalDescendingPath(path, p.index(i).child('path'));
  });
}

/** validateVolumeSource: at most one source, and the required parts of the common ones. */
function validateVolumeSource(volume: Record<string, unknown>, p: FieldPath): ApiFinding[] {
  // No source at all is defaulted to emptyDir (SetDefaults_Volume), so only too many is an error.
  const sources = sourcesOf(volume, VOLUME_SOURCES);
  const out: ApiFinding[] = [];
  for (const extra of sources.slice(1)) {
    out.push(
      forbidden(
        p.child(extra),
        'may not specify more than 1 volume type',
        `keep one source in volume; split ${extra} into a volume of its own`,
      ),
    );
  }
  const secret = rec(volume.secret);
  if (secret) {
    if (!str(secret.secretName)) out.push(required(p.child('secret', 'secretName'), '', 'name the Secret to mount'));
    out.push(...validateKeyToPathItems(secret.items, p.child('secret', 'items')));
  }
  const configMap = rec(volume.configMap);
  if (configMap) {
    if (!str(configMap.name)) out.push(required(p.child('configMap', 'name'), '', 'name the ConfigMap to mount'));
    out.push(...validateKeyToPathItems(configMap.items, p.child('configMap', 'items')));
  }
  const hostPath = rec(volume.hostPath);
  if (hostPath && str(hostPath.path) === '') out.push(required(p.child('hostPath', 'path'), '', 'set the host path to mount'));
  for (const [field, mode] of [
    ['secret', secret?.defaultMode],
    ['configMap', configMap?.defaultMode],
    ['projected', rec(volume.projected)?.defaultMode],
    ['downwardAPI', rec(volume.downwardAPI)?.defaultMode],
  ] as const) {
    const n = int(mode);
    if (n !== undefined && (n < 0 || n > 0o777)) {
      out.push(
        invalid(
          p.child(field, 'defaultMode'),
          n,
          'must be a number between 0 and 0777 (octal), both inclusive',
          'write the mode in decimal (0644 octal is 420) or as an octal YAML literal',
        ),
      );
    }
  }
  return out;
}

/** ValidateVolumes: unique DNS-label names and one valid source each. Returns the names. */
export function validateVolumes(volumes: unknown, p: FieldPath): { names: Set<string>; errors: ApiFinding[] } {
  const names = new Set<string>();
  const errors: ApiFinding[] = [];
  list(volumes).forEach((v, i) => {
    const volume = rec(v);
    if (!volume) return;
    const ip = p.index(i);
    const name = str(volume.name);
    if (name !== undefined && name !== '') {
      errors.push(...validateDNS1123Label(name, ip.child('name'), 'use lowercase letters, digits and "-"'));
      if (names.has(name)) errors.push(duplicate(ip.child('name'), name, 'give each volume its own name'));
      names.add(name);
    }
    errors.push(...validateVolumeSource(volume, ip));
  });
  return { names, errors };
}

// ---------------------------------------------------------------------------------------------
// Containers

/** The C-identifier rule for environment variable names before RelaxedEnvironmentVariableValidation (1.32). */
const ENV_NAME_STRICT = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const ENV_NAME_RELAXED = /^[\x20-\x3c\x3e-\x7e]+$/;

const relaxedEnvNames = new Map<string, boolean>();

function envNameProblem(name: string, version: string): string | undefined {
  let relaxed = relaxedEnvNames.get(version);
  if (relaxed === undefined) relaxedEnvNames.set(version, (relaxed = compareVersions(version, '1.32') >= 0));
  if (relaxed) {
    return ENV_NAME_RELAXED.test(name)
      ? undefined
      : "a valid environment variable name must consist only of printable ASCII characters other than '='";
  }
  return ENV_NAME_STRICT.test(name)
    ? undefined
    : "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";
}

const ENV_FIELD_PATHS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
];

const RESOURCE_FIELD_REFS = [
  'limits.cpu',
  'limits.ephemeral-storage',
  'limits.memory',
  'requests.cpu',
  'requests.ephemeral-storage',
  'requests.memory',
];

/** validateObjectFieldSelector (for env): the downward API fields an env var may read. */
function validateEnvFieldRef(ref: Record<string, unknown>, p: FieldPath): ApiFinding[] {
  const fieldPath = str(ref.fieldPath);
  if (fieldPath === undefined || fieldPath === '' || isPlaceholder(fieldPath)) return [];
  const apiVersion = str(ref.apiVersion);
  if (apiVersion !== undefined && apiVersion !== 'v1') return [];
  if (/^metadata\.(labels|annotations)\['[^']+'\]$/.test(fieldPath)) return [];
  if (ENV_FIELD_PATHS.includes(fieldPath)) return [];
  return [
    notSupported(
      p.child('fieldPath'),
      fieldPath,
      ENV_FIELD_PATHS,
      `use one of them, or metadata.labels['<key>'] / metadata.annotations['<key>']`,
    ),
  ];
}

/** validateEnvVarValueFrom */
function validateEnvVarValueFrom(env: Record<string, unknown>, p: FieldPath): ApiFinding[] {
  const from = rec(env.valueFrom);
  if (!from) return [];
  const sources = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef', 'fileKeyRef'].filter((k) => isSet(from[k]));
  const out: ApiFinding[] = [];
  if (sources.length === 0) {
    out.push(
      invalid(
        p,
        '',
        'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
        'name the source of the value',
      ),
    );
  } else if (sources.length > 1) {
    out.push(invalid(p, '', 'may not have more than one field specified at a time', `keep one of ${sources.join(', ')}`));
  }
  const fieldRef = rec(from.fieldRef);
  if (fieldRef) out.push(...validateEnvFieldRef(fieldRef, p.child('fieldRef')));
  const resourceRef = rec(from.resourceFieldRef);
  const resource = str(resourceRef?.resource);
  if (resource && !isPlaceholder(resource) && !RESOURCE_FIELD_REFS.includes(resource) && !/^(limits|requests)\.hugepages-/.test(resource)) {
    out.push(notSupported(p.child('resourceFieldRef', 'resource'), resource, RESOURCE_FIELD_REFS, 'use one of them'));
  }
  for (const ref of ['configMapKeyRef', 'secretKeyRef'] as const) {
    const selector = rec(from[ref]);
    if (!selector) continue;
    const key = str(selector.key);
    if (key !== undefined && key !== '' && !isPlaceholder(key)) {
      const problem = configMapKeyProblem(key);
      if (problem) out.push(invalid(p.child(ref, 'key'), key, problem, 'use the exact key of the data entry'));
    }
    if (!str(selector.name)) out.push(required(p.child(ref, 'name'), '', `name the ${ref === 'configMapKeyRef' ? 'ConfigMap' : 'Secret'}`));
  }
  if (str(env.value) && sources.length > 0) {
    out.push(invalid(p, '', 'may not be specified when `value` is not empty', 'keep either value or valueFrom'));
  }
  return out;
}

/** ValidateEnv */
export function validateEnv(envs: unknown, p: FieldPath, ctx: PodContext): ApiFinding[] {
  const out: ApiFinding[] = [];
  list(envs).forEach((e, i) => {
    const env = rec(e);
    if (!env) return;
    const ip = p.index(i);
    const name = str(env.name);
    if (name === '') out.push(required(ip.child('name'), '', 'name the variable'));
    else if (name !== undefined && !isPlaceholder(name)) {
      const problem = envNameProblem(name, ctx.version);
      if (problem) out.push(invalid(ip.child('name'), name, problem, 'rename the variable'));
    }
    out.push(...validateEnvVarValueFrom(env, ip.child('valueFrom')));
  });
  return out;
}

/** ValidateEnvFrom */
export function validateEnvFrom(envFrom: unknown, p: FieldPath, ctx: PodContext): ApiFinding[] {
  const out: ApiFinding[] = [];
  list(envFrom).forEach((e, i) => {
    const source = rec(e);
    if (!source) return;
    const ip = p.index(i);
    const prefix = str(source.prefix);
    if (prefix && !isPlaceholder(prefix)) {
      const problem = envNameProblem(prefix, ctx.version);
      if (problem) out.push(invalid(ip.child('prefix'), prefix, problem, 'use a prefix that is a valid variable name'));
    }
    const refs = ['configMapRef', 'secretRef'].filter((k) => isSet(source[k]));
    if (refs.length === 0)
      out.push(invalid(ip, '', 'must specify one of: `configMapRef` or `secretRef`', 'name the ConfigMap or Secret to read'));
    else if (refs.length > 1)
      out.push(invalid(ip, '', 'may not have more than one field specified at a time', 'split them into two envFrom entries'));
    for (const ref of refs) {
      if (!str(rec(source[ref])?.name))
        out.push(required(ip.child(ref, 'name'), '', `name the ${ref === 'configMapRef' ? 'ConfigMap' : 'Secret'}`));
    }
  });
  return out;
}

const MOUNT_PROPAGATION = ['Bidirectional', 'HostToContainer', 'None'];

/** ValidateVolumeMounts */
export function validateVolumeMounts(
  container: Record<string, unknown>,
  volumes: ReadonlySet<string>,
  skipNotFound: boolean,
  p: FieldPath,
): ApiFinding[] {
  const out: ApiFinding[] = [];
  const mountPoints = new Set<string>();
  const devices = list(container.volumeDevices).map(rec);
  const deviceNames = new Set(devices.map((d) => str(d?.name)).filter((n) => n !== undefined));
  const devicePaths = new Set(devices.map((d) => str(d?.devicePath)).filter((n) => n !== undefined));
  const privileged = rec(container.securityContext)?.privileged === true;
  list(container.volumeMounts).forEach((m, i) => {
    const mount = rec(m);
    if (!mount) return;
    const ip = p.index(i);
    const name = str(mount.name);
    if (name === '') out.push(required(ip.child('name'), '', 'name the volume to mount'));
    else if (name !== undefined && !skipNotFound && !isPlaceholder(name) && !volumes.has(name)) {
      const known = [...volumes];
      out.push(
        notFound(
          ip.child('name'),
          name,
          known.length > 0
            ? `mount one of the pod's volumes (${known.join(', ')}) or add a volume named "${name}"`
            : `add a volume named "${name}" to the pod's volumes`,
        ),
      );
    }
    const mountPath = str(mount.mountPath);
    if (mountPath === '') out.push(required(ip.child('mountPath'), '', 'set where to mount the volume'));
    if (mountPath !== undefined && mountPath !== '' && !isPlaceholder(mountPath)) {
      if (mountPoints.has(mountPath)) out.push(invalid(ip.child('mountPath'), mountPath, 'must be unique', 'mount each path once'));
      mountPoints.add(mountPath);
      if (devicePaths.has(mountPath))
        out.push(invalid(ip.child('mountPath'), mountPath, 'must not already exist as a path in volumeDevices', 'use another path'));
    }
    if (name !== undefined && deviceNames.has(name))
      out.push(invalid(ip.child('name'), name, 'must not already exist in volumeDevices', 'use a volume either as a mount or as a device'));
    const subPath = str(mount.subPath);
    if (subPath && !isPlaceholder(subPath)) out.push(...validateLocalDescendingPath(subPath, p.child('subPath'), ip.child('subPath')));
    const subPathExpr = str(mount.subPathExpr);
    if (subPathExpr) {
      if (subPath)
        out.push(invalid(ip.child('subPathExpr'), subPathExpr, 'subPathExpr and subPath are mutually exclusive', 'keep one of them'));
      if (!isPlaceholder(subPathExpr))
        out.push(...validateLocalDescendingPath(subPathExpr, p.child('subPathExpr'), ip.child('subPathExpr')));
    }
    const propagation = mount.mountPropagation;
    if (typeof propagation === 'string') {
      if (!MOUNT_PROPAGATION.includes(propagation)) out.push(notSupported(ip.child('mountPropagation'), propagation, MOUNT_PROPAGATION));
      else if (propagation === 'Bidirectional' && !privileged) {
        out.push(
          forbidden(
            ip.child('mountPropagation'),
            'Bidirectional mount propagation is available only to privileged containers',
            'use HostToContainer, or run the container privileged',
          ),
        );
      }
    }
  });
  return out;
}

/** ValidateVolumeDevices (names): a device must name a PersistentVolumeClaim or ephemeral volume. */
function validateVolumeDevices(
  container: Record<string, unknown>,
  blockVolumes: ReadonlyMap<string, boolean>,
  skipNotFound: boolean,
  p: FieldPath,
): ApiFinding[] {
  const out: ApiFinding[] = [];
  const paths = new Set<string>();
  list(container.volumeDevices).forEach((d, i) => {
    const device = rec(d);
    const ip = p.index(i);
    const name = str(device?.name);
    if (name === undefined || isPlaceholder(name) || skipNotFound) return;
    const isClaim = blockVolumes.get(name);
    if (isClaim === undefined) out.push(notFound(ip.child('name'), name, `add a persistentVolumeClaim volume named "${name}"`));
    else if (!isClaim) {
      out.push(
        invalid(
          ip.child('name'),
          name,
          'can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode',
          'mount other volume types with volumeMounts',
        ),
      );
    }
    const devicePath = str(device?.devicePath);
    if (devicePath !== undefined && devicePath !== '') {
      if (paths.has(devicePath)) out.push(invalid(ip.child('devicePath'), devicePath, 'must be unique', 'use each device path once'));
      paths.add(devicePath);
    }
  });
  return out;
}

const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;
const LIFECYCLE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'] as const;

/** validateHandler / validateProbeHandler: exactly one handler. */
function validateHandler(handler: Record<string, unknown>, fields: readonly string[], p: FieldPath): ApiFinding[] {
  const set = fields.filter((f) => isSet(handler[f]));
  if (set.length === 0) return [required(p, 'must specify a handler type', `add one of ${fields.join(', ')}`)];
  const out = set.slice(1).map((f) => forbidden(p.child(f), 'may not specify more than 1 handler type', `keep only ${set[0] ?? ''}`));
  const exec = rec(handler.exec);
  if (exec && list(exec.command).length === 0) out.push(required(p.child('exec', 'command'), '', 'give the command to run'));
  const grpc = rec(handler.grpc);
  if (grpc) out.push(...validatePortNum(grpc.port, p.child('grpc', 'port')));
  return out;
}

/** validateProbe */
function validateProbe(probe: Record<string, unknown>, p: FieldPath, kind: 'liveness' | 'readiness' | 'startup'): ApiFinding[] {
  const out = validateHandler(probe, PROBE_HANDLERS, p);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    out.push(...validateNonnegativeField(probe[f], p.child(f)));
  }
  const success = int(probe.successThreshold);
  if (kind !== 'readiness' && success !== undefined && success !== 1) {
    out.push(
      invalid(p.child('successThreshold'), success, 'must be 1', `remove successThreshold: a ${kind} probe succeeds on one success`),
    );
  }
  const grace = probe.terminationGracePeriodSeconds;
  if (isSet(grace)) {
    if (kind === 'readiness')
      out.push(invalid(p.child('terminationGracePeriodSeconds'), grace, 'must not be set for readinessProbes', 'remove it'));
    else out.push(...validatePositiveField(grace, p.child('terminationGracePeriodSeconds')));
  }
  return out;
}

/** validateLifecycle */
function validateLifecycle(lifecycle: Record<string, unknown>, p: FieldPath): ApiFinding[] {
  const out: ApiFinding[] = [];
  for (const hook of ['postStart', 'preStop'] as const) {
    const handler = rec(lifecycle[hook]);
    if (!handler) continue;
    out.push(...validateHandler(handler, LIFECYCLE_HANDLERS, p.child(hook)));
    const seconds = int(rec(handler.sleep)?.seconds);
    if (seconds !== undefined && seconds < 0)
      out.push(invalid(p.child(hook, 'sleep', 'seconds'), seconds, MSG.nonNegative, 'use 0 or more'));
  }
  return out;
}

const NATIVE_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage', 'storage']);

/** Native resources may be overcommitted (requests below limits); hugepages and extended resources may not. */
function isOvercommitAllowed(name: string): boolean {
  const native = !name.includes('/') || name.startsWith('kubernetes.io/');
  return native && !name.startsWith('hugepages-') && !name.startsWith('requests.hugepages-');
}

/** Extended resources (domain-prefixed, not kubernetes.io/) count whole units. */
function isExtendedResource(name: string): boolean {
  return name.includes('/') && !name.startsWith('kubernetes.io/') && !name.startsWith('requests.');
}

/** ValidateResourceRequirements (beyond requests <= limits, which rule requests-exceed-limits reports). */
export function validateResourceRequirements(resources: Record<string, unknown>, p: FieldPath): ApiFinding[] {
  const out: ApiFinding[] = [];
  const limits = rec(resources.limits) ?? {};
  const requests = rec(resources.requests) ?? {};
  let cpuOrMemory = false;
  let hugePages = false;
  for (const [bag, values] of [
    ['limits', limits],
    ['requests', requests],
  ] as const) {
    for (const [name, value] of Object.entries(values)) {
      if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
      if (name.startsWith('hugepages-')) hugePages = true;
      if (isExtendedResource(name)) {
        const q = parseQuantity(value);
        if (q !== undefined && Math.round(q * 1000) % 1000 !== 0) {
          out.push(invalid(p.child(bag).key(name), String(value), MSG.notAnInteger, `${name} counts whole devices: use a whole number`));
        }
      }
    }
  }
  for (const [name, value] of Object.entries(requests)) {
    if (isOvercommitAllowed(name) || NATIVE_RESOURCES.has(name)) continue;
    if (!(name in limits)) {
      out.push(
        required(
          p.child('limits'),
          'Limit must be set for non overcommitable resources',
          `set limits.${name} equal to the request (${String(value)})`,
        ),
      );
      continue;
    }
    const request = parseQuantity(value);
    const limit = parseQuantity(limits[name]);
    if (request !== undefined && limit !== undefined && request !== limit) {
      out.push(
        invalid(
          p.child('requests').key(name),
          String(value),
          `must be equal to ${name} limit of ${String(limits[name])}`,
          `set the request and the limit of ${name} to the same value`,
        ),
      );
    }
  }
  if (hugePages && !cpuOrMemory) out.push(forbidden(p, 'HugePages require cpu or memory', 'also request or limit cpu or memory'));
  return out;
}

/** validateContainerPorts: unique port names in a container. */
function validateContainerPorts(ports: unknown, p: FieldPath): ApiFinding[] {
  const out: ApiFinding[] = [];
  const names = new Set<string>();
  list(ports).forEach((x, i) => {
    const port = rec(x);
    if (!port) return;
    const ip = p.index(i);
    const name = str(port.name);
    if (name !== undefined && name !== '' && !isPlaceholder(name)) {
      if (names.has(name)) out.push(duplicate(ip.child('name'), name, 'give each port of the container its own name'));
      names.add(name);
    }
    // Port number ranges are checked by the schema.
  });
  return out;
}

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

/** validatePullPolicy (an empty policy is defaulted before validation). */
function validatePullPolicy(policy: unknown, p: FieldPath): ApiFinding[] {
  const value = str(policy);
  if (value === undefined || value === '' || isPlaceholder(value) || PULL_POLICIES.includes(value)) return [];
  return [notSupported(p, value, PULL_POLICIES)];
}

/** validateContainerSecurityContext (the combinations the API server refuses). */
function validateSecurityContext(sc: Record<string, unknown>, p: FieldPath): ApiFinding[] {
  const out: ApiFinding[] = [];
  if (sc.allowPrivilegeEscalation === false) {
    if (sc.privileged === true) {
      out.push(
        invalid(
          p,
          sc,
          'cannot set `allowPrivilegeEscalation` to false and `privileged` to true',
          'remove privileged: true, or allowPrivilegeEscalation: false',
        ),
      );
    }
    const add = list(rec(sc.capabilities)?.add);
    // Go compares with the literal "CAP_SYS_ADMIN"; "SYS_ADMIN" (the usual spelling) passes.
    if (add.includes('CAP_SYS_ADMIN')) {
      out.push(
        invalid(
          p,
          sc,
          'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN',
          'drop SYS_ADMIN or allow privilege escalation',
        ),
      );
    }
  }
  for (const f of ['runAsUser', 'runAsGroup']) {
    const n = int(sc[f]);
    if (n !== undefined && (n < 0 || n > 2147483647))
      out.push(invalid(p.child(f), n, 'must be between 0 and 2147483647, inclusive', 'use a valid ID'));
  }
  out.push(...validateProfile(rec(sc.seccompProfile), p.child('seccompProfile'), 'seccomp'));
  out.push(...validateProfile(rec(sc.appArmorProfile), p.child('appArmorProfile'), 'AppArmor'));
  return out;
}

/** validateSeccompProfileField / validateAppArmorProfileField: localhostProfile with Localhost only. */
function validateProfile(profile: Record<string, unknown> | undefined, p: FieldPath, what: 'seccomp' | 'AppArmor'): ApiFinding[] {
  if (!profile) return [];
  const type = str(profile.type);
  const local = profile.localhostProfile;
  if (type === 'Localhost' && !str(local)) {
    return [required(p.child('localhostProfile'), `must be set when ${what} type is Localhost`, 'name the profile file on the node')];
  }
  if (type !== undefined && type !== 'Localhost' && isSet(local)) {
    return [
      invalid(
        p.child('localhostProfile'),
        local,
        `can only be set when ${what} type is Localhost`,
        'remove localhostProfile or use type: Localhost',
      ),
    ];
  }
  return [];
}

/** validateContainerCommon + validateContainers + validateInitContainers, for one container. */
function validateContainer(
  container: Record<string, unknown>,
  p: FieldPath,
  type: 'container' | 'initContainer',
  volumes: ReadonlySet<string>,
  blockVolumes: ReadonlyMap<string, boolean>,
  skipNotFound: boolean,
  ctx: PodContext,
): ApiFinding[] {
  const out: ApiFinding[] = [];
  const name = str(container.name);
  if (name !== undefined && name !== '') out.push(...validateDNS1123Label(name, p.child('name'), 'use lowercase letters, digits and "-"'));
  const image = str(container.image);
  if (ctx.isPod && image !== undefined && image !== image.trim()) {
    out.push(invalid(p.child('image'), image, 'must not have leading or trailing whitespace', 'remove the spaces'));
  }
  out.push(...validateContainerPorts(container.ports, p.child('ports')));
  out.push(...validatePullPolicy(container.imagePullPolicy, p.child('imagePullPolicy')));
  out.push(...validateEnv(container.env, p.child('env'), ctx));
  out.push(...validateEnvFrom(container.envFrom, p.child('envFrom'), ctx));
  out.push(...validateVolumeMounts(container, volumes, skipNotFound, p.child('volumeMounts')));
  out.push(...validateVolumeDevices(container, blockVolumes, skipNotFound, p.child('volumeDevices')));
  const resources = rec(container.resources);
  if (resources) out.push(...validateResourceRequirements(resources, p.child('resources')));
  const sc = rec(container.securityContext);
  if (sc) out.push(...validateSecurityContext(sc, p.child('securityContext')));
  const sidecar = type === 'initContainer' && container.restartPolicy === 'Always';
  const restartPolicy = container.restartPolicy;
  if (type === 'container' && isSet(restartPolicy)) {
    out.push(
      forbidden(
        p.child('restartPolicy'),
        'may not be set for non-init containers',
        'remove it (the pod restartPolicy applies), or move the container to initContainers as a sidecar',
      ),
    );
  } else if (type === 'initContainer' && isSet(restartPolicy) && restartPolicy !== 'Always') {
    out.push(notSupported(p.child('restartPolicy'), restartPolicy, ['Always'], 'use Always for a sidecar, or remove it'));
  }
  if (type === 'initContainer' && !sidecar) {
    for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
      if (isSet(container[f])) {
        out.push(
          forbidden(
            p.child(f),
            'may not be set for init containers without restartPolicy=Always',
            `remove ${f}, or make the init container a sidecar with restartPolicy: Always`,
          ),
        );
      }
    }
  } else {
    if (type === 'initContainer' && isSet(container.readinessProbe) && compareVersions(ctx.version, '1.29') < 0) {
      out.push(forbidden(p.child('readinessProbe'), 'may not be set for init containers', 'remove it'));
    }
    for (const [f, kind] of [
      ['livenessProbe', 'liveness'],
      ['readinessProbe', 'readiness'],
      ['startupProbe', 'startup'],
    ] as const) {
      const probe = rec(container[f]);
      if (probe) out.push(...validateProbe(probe, p.child(f), kind));
    }
    const lifecycle = rec(container.lifecycle);
    if (lifecycle) out.push(...validateLifecycle(lifecycle, p.child('lifecycle')));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Pod spec

/** ValidateTolerations */
export function validateTolerations(tolerations: unknown, p: FieldPath): ApiFinding[] {
  const out: ApiFinding[] = [];
  list(tolerations).forEach((t, i) => {
    const tol = rec(t);
    if (!tol || Object.values(tol).some((v) => isPlaceholder(v))) return;
    const ip = p.index(i);
    const key = str(tol.key) ?? '';
    const operator = str(tol.operator) ?? '';
    const value = str(tol.value) ?? '';
    if (key === '' && operator !== 'Exists') {
      out.push(
        invalid(
          ip.child('operator'),
          operator,
          'operator must be Exists when `key` is empty, which means "match all values and all keys"',
          'set operator: Exists, or name the taint key',
        ),
      );
    }
    if (isSet(tol.tolerationSeconds) && tol.effect !== 'NoExecute') {
      out.push(
        invalid(
          ip.child('effect'),
          str(tol.effect) ?? '',
          "effect must be 'NoExecute' when `tolerationSeconds` is set",
          'set effect: NoExecute or remove tolerationSeconds',
        ),
      );
    }
    if (operator === 'Exists' && value !== '') {
      out.push(
        invalid(ip.child('operator'), tol, "value must be empty when `operator` is 'Exists'", 'remove value, or use operator: Equal'),
      );
    } else if (operator !== '' && operator !== 'Equal' && operator !== 'Exists') {
      out.push(notSupported(ip.child('operator'), operator, ['Equal', 'Exists']));
    }
  });
  return out;
}

/** ValidateNodeSelectorRequirement */
function validateNodeSelectorRequirement(req: Record<string, unknown>, p: FieldPath): ApiFinding[] {
  const values = list(req.values);
  const byValues = validateSetOperatorValues(req.operator, values, p);
  if (byValues) return byValues;
  switch (req.operator) {
    case 'Gt':
    case 'Lt':
      if (values.length !== 1)
        return [
          required(p.child('values'), "must be specified single value when `operator` is 'Lt' or 'Gt'", 'give exactly one integer value'),
        ];
      return /^-?\d+$/.test(String(values[0]))
        ? []
        : [invalid(p.child('values').index(0), values[0], 'must be an integer', 'compare against a whole number')];
    default:
      return typeof req.operator === 'string'
        ? [invalid(p.child('operator'), req.operator, 'not a valid selector operator', 'use In, NotIn, Exists, DoesNotExist, Gt or Lt')]
        : [];
  }
}

/** ValidateNodeSelectorTerm */
function validateNodeSelectorTerm(term: Record<string, unknown>, p: FieldPath): ApiFinding[] {
  return [
    ...list(term.matchExpressions).flatMap((r, j) =>
      rec(r) ? validateNodeSelectorRequirement(rec(r) ?? {}, p.child('matchExpressions').index(j)) : [],
    ),
    ...list(term.matchFields).flatMap((r, j) => {
      const req = rec(r);
      if (!req) return [];
      const errs = validateNodeSelectorRequirement(req, p.child('matchFields').index(j));
      if (req.key !== 'metadata.name') errs.push(notSupported(p.child('matchFields').index(j).child('key'), req.key, ['metadata.name']));
      return errs;
    }),
  ];
}

/** validatePodAffinityTerm */
function validatePodAffinityTerm(term: Record<string, unknown>, p: FieldPath): ApiFinding[] {
  const out = validateLabelSelector(term.labelSelector, p.child('labelSelector'));
  out.push(...validateLabelSelector(term.namespaceSelector, p.child('namespaceSelector')));
  if (!str(term.topologyKey))
    out.push(
      required(
        p.child('topologyKey'),
        'can not be empty',
        'set a node label such as kubernetes.io/hostname or topology.kubernetes.io/zone',
      ),
    );
  return out;
}

/** validateAffinity */
export function validateAffinity(affinity: Record<string, unknown>, p: FieldPath): ApiFinding[] {
  const out: ApiFinding[] = [];
  const node = rec(affinity.nodeAffinity);
  if (node) {
    const req = rec(node.requiredDuringSchedulingIgnoredDuringExecution);
    const rp = p.child('nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution');
    if (req) {
      const terms = list(req.nodeSelectorTerms);
      if (terms.length === 0)
        out.push(
          required(rp.child('nodeSelectorTerms'), 'must have at least one node selector term', 'add a term or remove the requirement'),
        );
      terms.forEach((t, i) => out.push(...validateNodeSelectorTerm(rec(t) ?? {}, rp.child('nodeSelectorTerms').index(i))));
    }
    list(node.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      const term = rec(t);
      if (!term) return;
      const ip = p.child('nodeAffinity', 'preferredDuringSchedulingIgnoredDuringExecution').index(i);
      const weight = int(term.weight);
      if (weight !== undefined && (weight < 1 || weight > 100))
        out.push(invalid(ip.child('weight'), weight, 'must be in the range 1-100', 'use a weight from 1 to 100'));
      out.push(...validateNodeSelectorTerm(rec(term.preference) ?? {}, ip.child('preference')));
    });
  }
  for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
    const a = rec(affinity[kind]);
    if (!a) continue;
    list(a.requiredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      const term = rec(t);
      if (term) out.push(...validatePodAffinityTerm(term, p.child(kind, 'requiredDuringSchedulingIgnoredDuringExecution').index(i)));
    });
    list(a.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      const term = rec(t);
      if (!term) return;
      const ip = p.child(kind, 'preferredDuringSchedulingIgnoredDuringExecution').index(i);
      const weight = int(term.weight);
      if (weight !== undefined && (weight < 1 || weight > 100))
        out.push(invalid(ip.child('weight'), weight, 'must be in the range 1-100', 'use a weight from 1 to 100'));
      const inner = rec(term.podAffinityTerm);
      if (inner) out.push(...validatePodAffinityTerm(inner, ip.child('podAffinityTerm')));
    });
  }
  return out;
}

/** validateTopologySpreadConstraints */
export function validateTopologySpreadConstraints(constraints: unknown, p: FieldPath): ApiFinding[] {
  const out: ApiFinding[] = [];
  const seen = new Set<string>();
  list(constraints).forEach((c, i) => {
    const constraint = rec(c);
    if (!constraint) return;
    const ip = p.index(i);
    const skew = int(constraint.maxSkew);
    if (skew !== undefined && skew <= 0) out.push(invalid(ip.child('maxSkew'), skew, MSG.positive, 'use 1 or more'));
    const key = str(constraint.topologyKey);
    if (key === '') out.push(required(ip.child('topologyKey'), 'can not be empty', 'set a node label such as topology.kubernetes.io/zone'));
    const action = str(constraint.whenUnsatisfiable);
    const minDomains = int(constraint.minDomains);
    if (minDomains !== undefined) {
      if (minDomains <= 0) out.push(invalid(ip.child('minDomains'), minDomains, MSG.positive, 'use 1 or more'));
      else if (action !== undefined && action !== 'DoNotSchedule') {
        out.push(
          invalid(
            ip.child('minDomains'),
            minDomains,
            `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${action}`,
            'remove minDomains or use DoNotSchedule',
          ),
        );
      }
    }
    out.push(...validateLabelSelector(constraint.labelSelector, ip.child('labelSelector')));
    if (key && action && !isPlaceholder(key)) {
      const pair = `{${key}, ${action}}`;
      if (seen.has(pair)) out.push(duplicate(ip, pair, 'merge the constraints with the same topologyKey and whenUnsatisfiable'));
      seen.add(pair);
    }
  });
  return out;
}

/** validatePodDNSConfig */
function validatePodDNSConfig(spec: Record<string, unknown>, p: FieldPath): ApiFinding[] {
  const out: ApiFinding[] = [];
  const config = rec(spec.dnsConfig);
  if (spec.dnsPolicy === 'None') {
    if (!config)
      return [
        required(
          p.child('dnsConfig').at(p.child('dnsPolicy').yaml),
          'must provide `dnsConfig` when `dnsPolicy` is None',
          'add dnsConfig with nameservers, or use another dnsPolicy',
        ),
      ];
    if (list(config.nameservers).length === 0) {
      out.push(
        required(
          p.child('dnsConfig', 'nameservers'),
          'must provide at least one DNS nameserver when `dnsPolicy` is None',
          'list at least one nameserver',
        ),
      );
    }
  }
  if (!config) return out;
  const nameservers = list(config.nameservers);
  if (nameservers.length > 3)
    out.push(invalid(p.child('dnsConfig', 'nameservers'), nameservers, 'must not have more than 3 nameservers', 'keep three at most'));
  nameservers.forEach((ns, i) => {
    if (typeof ns === 'string' && !isPlaceholder(ns) && isIP(ns) === 0) {
      out.push(
        invalid(p.child('dnsConfig', 'nameservers').index(i), ns, 'must be a valid IP address', 'use the IP address of the name server'),
      );
    }
  });
  const searches = list(config.searches);
  if (searches.length > 32)
    out.push(invalid(p.child('dnsConfig', 'searches'), searches, 'must not have more than 32 search paths', 'keep 32 at most'));
  list(config.options).forEach((o, i) => {
    if (rec(o) && !str(rec(o)?.name)) out.push(required(p.child('dnsConfig', 'options').index(i), 'Must not be empty', 'name the option'));
  });
  return out;
}

/** ValidatePodSecurityContext (the parts not left to the schema). */
function validatePodSecurityContext(spec: Record<string, unknown>, p: FieldPath): ApiFinding[] {
  const out: ApiFinding[] = [];
  const sc = rec(spec.securityContext);
  if (spec.shareProcessNamespace === true && spec.hostPID === true) {
    out.push(
      invalid(p.child('shareProcessNamespace'), true, 'ShareProcessNamespace and HostPID cannot both be enabled', 'remove one of them'),
    );
  }
  if (!sc) return out;
  const sp = p.child('securityContext');
  for (const f of ['runAsUser', 'runAsGroup', 'fsGroup']) {
    const n = int(sc[f]);
    if (n !== undefined && (n < 0 || n > 2147483647))
      out.push(invalid(sp.child(f), n, 'must be between 0 and 2147483647, inclusive', 'use a valid ID'));
  }
  list(sc.supplementalGroups).forEach((g, i) => {
    const n = int(g);
    if (n !== undefined && (n < 0 || n > 2147483647))
      out.push(invalid(sp.child('supplementalGroups').index(i), n, 'must be between 0 and 2147483647, inclusive', 'use a valid group ID'));
  });
  const sysctls = new Set<string>();
  list(sc.sysctls).forEach((s, i) => {
    const name = str(rec(s)?.name);
    if (!name || isPlaceholder(name)) return;
    if (sysctls.has(name)) out.push(duplicate(sp.child('sysctls').index(i).child('name'), name, 'set each sysctl once'));
    sysctls.add(name);
  });
  out.push(...validateProfile(rec(sc.seccompProfile), sp.child('seccompProfile'), 'seccomp'));
  out.push(...validateProfile(rec(sc.appArmorProfile), sp.child('appArmorProfile'), 'AppArmor'));
  return out;
}

/** AccumulateUniqueHostPorts */
function accumulateUniqueHostPorts(containers: unknown, p: FieldPath): ApiFinding[] {
  const out: ApiFinding[] = [];
  const seen = new Set<string>();
  list(containers).forEach((c, ci) => {
    list(rec(c)?.ports).forEach((x, pi) => {
      const port = rec(x);
      const hostPort = int(port?.hostPort);
      if (!port || hostPort === undefined || hostPort === 0) return;
      const key = `${str(port.hostIP) ?? ''}/${str(port.protocol) ?? 'TCP'}/${hostPort}`;
      if (seen.has(key))
        out.push(duplicate(p.index(ci).child('ports').index(pi).child('hostPort'), key, 'use each host port once per pod'));
      seen.add(key);
    });
  });
  return out;
}

/** validateHostNetwork: with hostNetwork, a set hostPort must equal containerPort (unset is defaulted to it). */
function validateHostNetwork(spec: Record<string, unknown>, p: FieldPath): ApiFinding[] {
  if (spec.hostNetwork !== true) return [];
  const out: ApiFinding[] = [];
  for (const field of ['containers', 'initContainers'] as const) {
    list(spec[field]).forEach((c, ci) => {
      list(rec(c)?.ports).forEach((x, pi) => {
        const port = rec(x);
        const hostPort = int(port?.hostPort);
        const containerPort = int(port?.containerPort);
        if (hostPort === undefined || hostPort === 0 || containerPort === undefined || hostPort === containerPort) return;
        out.push(
          invalid(
            p.child(field).index(ci).child('ports').index(pi).child('hostPort'),
            hostPort,
            'must match `containerPort` when `hostNetwork` is true',
            `remove hostPort or set it to ${containerPort}`,
          ),
        );
      });
    });
  }
  return out;
}

/**
 * True when a pod spec looks like a fragment (a kustomize or Helm patch): a container without an
 * image. The API server requires images; a fragment is merged before it gets there.
 */
export function isPodSpecFragment(spec: Record<string, unknown>): boolean {
  const containers = list(spec.containers);
  if (containers.length === 0) return true;
  return [...containers, ...list(spec.initContainers)].some((c) => typeof rec(c)?.image !== 'string' || rec(c)?.image === '');
}

/** ValidatePodSpec */
export function validatePodSpec(spec: Record<string, unknown>, p: FieldPath, ctx: PodContext): ApiFinding[] {
  const out: ApiFinding[] = [];
  const { names: volumeNames, errors } = validateVolumes(spec.volumes, p.child('volumes'));
  out.push(...errors);
  for (const extra of ctx.extraVolumes ?? []) volumeNames.add(extra);
  const volumes = list(spec.volumes).map(rec);
  const skipNotFound = volumes.some((v) => isPlaceholder(v?.name)) || (ctx.extraVolumes ?? []).some((v) => isPlaceholder(v));
  const blockVolumes = new Map<string, boolean>();
  for (const v of volumes) {
    const name = str(v?.name);
    if (name) blockVolumes.set(name, isSet(v?.persistentVolumeClaim) || isSet(v?.ephemeral));
  }
  for (const extra of ctx.extraVolumes ?? []) blockVolumes.set(extra, true);

  // Containers first, then init containers (whose names must not repeat any container's), as in Go.
  const names = new Set<string>();
  for (const [field, type] of [
    ['containers', 'container'],
    ['initContainers', 'initContainer'],
  ] as const) {
    list(spec[field]).forEach((c, i) => {
      const container = rec(c);
      if (!container) return;
      const ip = p.child(field).index(i);
      const name = str(container.name);
      if (name !== undefined && name !== '' && !isPlaceholder(name)) {
        if (names.has(name)) out.push(duplicate(ip.child('name'), name, 'give each container of the pod its own name'));
        names.add(name);
      }
      out.push(...validateContainer(container, ip, type, volumeNames, blockVolumes, skipNotFound, ctx));
    });
  }
  out.push(...accumulateUniqueHostPorts(spec.containers, p.child('containers')));
  out.push(...validateHostNetwork(spec, p));
  if (list(spec.ephemeralContainers).length > 0) {
    out.push(
      ctx.isPod
        ? forbidden(
            p.child('ephemeralContainers'),
            'cannot be set on create',
            'add ephemeral containers with kubectl debug once the pod runs',
          )
        : forbidden(
            p.child('ephemeralContainers'),
            'ephemeral containers not allowed in pod template',
            'remove them; add them with kubectl debug once a pod runs',
          ),
    );
  }
  out.push(...validatePodDNSConfig(spec, p));
  out.push(...validatePodSecurityContext(spec, p));
  const deadline = int(spec.activeDeadlineSeconds);
  if (deadline !== undefined && (deadline < 1 || deadline > 2147483647)) {
    out.push(
      invalid(
        p.child('activeDeadlineSeconds'),
        deadline,
        'must be between 1 and 2147483647, inclusive',
        'use a positive number of seconds or remove it',
      ),
    );
  }
  for (const f of ['hostname', 'subdomain'] as const) {
    const v = str(spec[f]);
    if (v) out.push(...validateDNS1123Label(v, p.child(f), 'use lowercase letters, digits and "-"'));
  }
  out.push(...validateTolerations(spec.tolerations, p.child('tolerations')));
  const affinity = rec(spec.affinity);
  if (affinity) out.push(...validateAffinity(affinity, p.child('affinity')));
  out.push(...validateTopologySpreadConstraints(spec.topologySpreadConstraints, p.child('topologySpreadConstraints')));
  list(spec.hostAliases).forEach((a, i) => {
    const ip = str(rec(a)?.ip);
    if (ip !== undefined && !isPlaceholder(ip) && isIP(ip) === 0) {
      out.push(invalid(p.child('hostAliases').index(i).child('ip'), ip, 'must be a valid IP address', 'use an IP address'));
    }
  });
  return out;
}

/** The restart policy after defaulting (SetDefaults_PodSpec: Always). */
export function restartPolicyOf(spec: Record<string, unknown>): unknown {
  return isSet(spec.restartPolicy) ? spec.restartPolicy : 'Always';
}

/**
 * ValidatePodTemplateSpecForReplicaSet and its siblings (Deployment, DaemonSet, StatefulSet,
 * ReplicationController): pods of a controller restart always and have no deadline.
 */
export function validateControllerTemplate(spec: Record<string, unknown>, p: FieldPath, owner: string): ApiFinding[] {
  const out: ApiFinding[] = [];
  const policy = restartPolicyOf(spec);
  if (policy !== 'Always' && !isPlaceholder(policy)) {
    out.push(
      notSupported(
        p.child('restartPolicy'),
        policy,
        ['Always'],
        "remove restartPolicy: a controller's pods always restart (use a Job for run-to-completion work)",
      ),
    );
  }
  if (isSet(spec.activeDeadlineSeconds)) {
    out.push(forbidden(p.child('activeDeadlineSeconds'), `activeDeadlineSeconds in ${owner} is not Supported`, 'remove it'));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Other core kinds

const SERVICE_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

/** ValidateService */
export function validateService(value: Record<string, unknown>): ApiFinding[] {
  const spec = rec(value.spec);
  if (!spec) return [];
  const out: ApiFinding[] = [];
  const sp = FieldPath.root('spec');
  const type = str(spec.type) ?? 'ClusterIP';
  if (isPlaceholder(type)) return [];
  const clusterIP = str(spec.clusterIP) ?? str(list(spec.clusterIPs)[0]) ?? '';
  const headless = type === 'ClusterIP' && clusterIP === 'None';
  const ports = list(spec.ports);
  if (ports.length === 0 && !headless && type !== 'ExternalName') {
    out.push(required(sp.child('ports'), '', 'list the ports the Service exposes (or make it headless with clusterIP: None)'));
  }
  if (type === 'ExternalName') {
    if (clusterIP !== '')
      out.push(
        forbidden(
          sp.child('clusterIPs').at(['spec', isSet(spec.clusterIP) ? 'clusterIP' : 'clusterIPs']),
          'may not be set for ExternalName services',
          'remove clusterIP',
        ),
      );
    for (const f of ['ipFamilies', 'ipFamilyPolicy'])
      if (isSet(spec[f]) && (f !== 'ipFamilies' || list(spec[f]).length > 0))
        out.push(forbidden(sp.child(f), 'may not be set for ExternalName services', `remove ${f}`));
    const name = (str(spec.externalName) ?? '').replace(/\.$/, '');
    if (name === '')
      out.push(
        required(
          sp.child('externalName').at(isSet(spec.externalName) ? ['spec', 'externalName'] : ['spec', 'type']),
          '',
          'set the DNS name the Service points to',
        ),
      );
    else out.push(...validateDNS1123Subdomain(name, sp.child('externalName'), 'use a DNS name (not an IP address or URL)'));
  }
  if (clusterIP === 'None' && (type === 'NodePort' || type === 'LoadBalancer')) {
    out.push(
      invalid(
        sp.child('clusterIPs').index(0).at(['spec', 'clusterIP']),
        'None',
        `may not be set to 'None' for ${type} services`,
        'remove clusterIP: None, or use type ClusterIP for a headless Service',
      ),
    );
  }
  const names = new Set<string>();
  const pairs = new Set<string>();
  const nodePorts = new Set<string>();
  ports.forEach((x, i) => {
    const port = rec(x);
    if (!port) return;
    const ip = sp.child('ports').index(i);
    const name = str(port.name) ?? '';
    if (ports.length > 1 && name === '') out.push(required(ip.child('name'), '', 'name every port of a Service with several ports'));
    else if (name !== '' && !isPlaceholder(name)) {
      out.push(...validateDNS1123Label(name, ip.child('name'), 'use lowercase letters, digits and "-"'));
      if (names.has(name)) out.push(duplicate(ip.child('name'), name, 'give each port its own name'));
      names.add(name);
    }
    const protocol = str(port.protocol) ?? 'TCP';
    if (!SERVICE_PROTOCOLS.includes(protocol) && !isPlaceholder(protocol))
      out.push(notSupported(ip.child('protocol'), protocol, SERVICE_PROTOCOLS));
    const number = int(port.port);
    if (number !== undefined) {
      const pair = `${protocol}/${number}`;
      if (pairs.has(pair))
        out.push(duplicate(ip.at(ip.child('port').yaml), { protocol, port: number }, `expose ${protocol} port ${number} once`));
      pairs.add(pair);
    }
    const nodePort = int(port.nodePort);
    if (nodePort !== undefined && nodePort !== 0) {
      if (type === 'ClusterIP')
        out.push(forbidden(ip.child('nodePort'), "may not be used when `type` is 'ClusterIP'", 'remove nodePort or use type NodePort'));
      const key = `${protocol}/${nodePort}`;
      if (nodePorts.has(key)) out.push(duplicate(ip.child('nodePort'), nodePort, 'use each node port once'));
      nodePorts.add(key);
    }
  });
  const affinity = str(spec.sessionAffinity) ?? 'None';
  if (affinity !== 'ClientIP' && isSet(spec.sessionAffinityConfig)) {
    out.push(
      invalid(
        sp.child('sessionAffinityConfig'),
        spec.sessionAffinityConfig,
        'must not be set when session affinity is None',
        'remove it or set sessionAffinity: ClientIP',
      ),
    );
  }
  const timeout = int(rec(rec(spec.sessionAffinityConfig)?.clientIP)?.timeoutSeconds);
  if (affinity === 'ClientIP' && timeout !== undefined && (timeout <= 0 || timeout > 86400)) {
    out.push(
      invalid(
        sp.child('sessionAffinityConfig', 'clientIP', 'timeoutSeconds'),
        timeout,
        'must be greater than 0 and less than 86400',
        'use 1 to 86400 seconds',
      ),
    );
  }
  const external = type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && list(spec.externalIPs).length > 0);
  if (!external && isSet(spec.externalTrafficPolicy)) {
    out.push(
      invalid(
        sp.child('externalTrafficPolicy'),
        spec.externalTrafficPolicy,
        'may only be set for externally-accessible services',
        'remove it, or use type NodePort or LoadBalancer',
      ),
    );
  }
  if (type !== 'LoadBalancer') {
    for (const f of ['loadBalancerSourceRanges', 'loadBalancerClass', 'allocateLoadBalancerNodePorts']) {
      const v = spec[f];
      if (isSet(v) && !(Array.isArray(v) && v.length === 0))
        out.push(forbidden(sp.child(f), "may only be used when `type` is 'LoadBalancer'", `remove ${f} or use type LoadBalancer`));
    }
  }
  const hc = int(spec.healthCheckNodePort);
  if (hc !== undefined && hc !== 0 && !(type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local')) {
    out.push(
      invalid(
        sp.child('healthCheckNodePort'),
        hc,
        "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
        'remove it',
      ),
    );
  }
  const families = list(spec.ipFamilies);
  const seenFamilies = new Set<unknown>();
  families.forEach((f, i) => {
    if (seenFamilies.has(f)) out.push(duplicate(sp.child('ipFamilies').index(i), f, 'list each family once'));
    seenFamilies.add(f);
  });
  list(spec.externalIPs).forEach((x, i) => {
    if (typeof x === 'string' && !isPlaceholder(x) && isIP(x) === 0)
      out.push(invalid(sp.child('externalIPs').index(i), x, 'must be a valid IP address', 'use an IP address'));
  });
  return out;
}

/** The keys of a Secret as the API server sees them: data and stringData merged. */
function secretKeys(value: Record<string, unknown>): Map<string, unknown> {
  const keys = new Map<string, unknown>();
  for (const [k, v] of Object.entries(rec(value.data) ?? {}))
    keys.set(k, typeof v === 'string' ? Buffer.from(v, 'base64').toString('utf8') : v);
  for (const [k, v] of Object.entries(rec(value.stringData) ?? {})) keys.set(k, v);
  return keys;
}

/** ValidateSecret */
export function validateSecret(value: Record<string, unknown>): ApiFinding[] {
  const out: ApiFinding[] = [];
  const data = FieldPath.root('data');
  for (const bag of ['data', 'stringData'] as const) {
    for (const key of keysOf(value[bag])) {
      if (isPlaceholder(key)) continue;
      const problem = configMapKeyProblem(key);
      if (problem) out.push(invalid(data.key(key).at([bag, key]), key, problem, 'rename the key'));
    }
  }
  const type = str(value.type) ?? 'Opaque';
  if (hasUnresolvedData(value)) return out;
  const keys = secretKeys(value);
  const requireKey = (key: string, fix: string): void => {
    if (!keys.has(key))
      out.push(required(data.key(key).at(isSet(value.data) ? ['data'] : isSet(value.stringData) ? ['stringData'] : ['type']), '', fix));
  };
  switch (type) {
    case 'kubernetes.io/service-account-token': {
      const name = rec(rec(value.metadata)?.annotations)?.['kubernetes.io/service-account.name'];
      if (!str(name)) {
        out.push(
          required(
            FieldPath.root('metadata', 'annotations').key('kubernetes.io/service-account.name').at(['metadata']),
            '',
            'name the ServiceAccount whose token this Secret holds',
          ),
        );
      }
      break;
    }
    case 'kubernetes.io/dockercfg':
    case 'kubernetes.io/dockerconfigjson': {
      const key = type === 'kubernetes.io/dockercfg' ? '.dockercfg' : '.dockerconfigjson';
      requireKey(key, `add the ${key} key with the registry credentials`);
      const content = keys.get(key);
      if (typeof content === 'string' && !content.includes('${')) {
        // Go's encoding/json words its errors differently from JSON.parse: the detail is ours.
        let detail: string | undefined;
        try {
          const parsed: unknown = JSON.parse(content);
          if (!rec(parsed))
            detail = `json: cannot unmarshal ${Array.isArray(parsed) ? 'array' : typeof parsed} into Go value of type map[string]interface {}`;
        } catch {
          detail = 'invalid JSON';
        }
        if (detail !== undefined) {
          out.push(
            invalid(
              data.key(key).at([isSet(rec(value.stringData)?.[key]) ? 'stringData' : 'data', key]),
              '<secret contents redacted>',
              detail,
              'give a JSON object, as written by docker login or kubectl create secret docker-registry',
            ),
          );
        }
      }
      break;
    }
    case 'kubernetes.io/basic-auth':
      if (!keys.has('username') && !keys.has('password')) {
        requireKey('username', 'add a username key');
        requireKey('password', 'add a password key');
      }
      break;
    case 'kubernetes.io/ssh-auth':
      if (!keys.get('ssh-privatekey')) requireKey('ssh-privatekey', 'add the ssh-privatekey key');
      else if (keys.get('ssh-privatekey') === '') out.push(required(data.key('ssh-privatekey'), '', 'add the private key'));
      break;
    case 'kubernetes.io/tls':
      requireKey('tls.crt', 'add the certificate as tls.crt');
      requireKey('tls.key', 'add the private key as tls.key');
      break;
    default:
      break;
  }
  return out;
}

/** A Secret whose data comes from elsewhere (placeholders in its keys or values). */
function hasUnresolvedData(value: Record<string, unknown>): boolean {
  for (const bag of ['data', 'stringData']) {
    const m = rec(value[bag]);
    if (m && Object.entries(m).some(([k, v]) => isPlaceholder(k) || isPlaceholder(v))) return true;
  }
  return false;
}

/** ValidateConfigMap */
export function validateConfigMap(value: Record<string, unknown>): ApiFinding[] {
  const out: ApiFinding[] = [];
  const binary = new Set(keysOf(value.binaryData));
  for (const bag of ['data', 'binaryData'] as const) {
    for (const key of keysOf(value[bag])) {
      if (isPlaceholder(key)) continue;
      const problem = configMapKeyProblem(key);
      if (problem) out.push(invalid(FieldPath.root(bag).key(key), key, problem, 'rename the key'));
      if (bag === 'data' && binary.has(key))
        out.push(
          invalid(FieldPath.root('data').key(key), key, 'duplicate of key present in binaryData', 'keep the key in data or in binaryData'),
        );
    }
  }
  return out;
}

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

/** ValidatePersistentVolumeClaimSpec */
export function validatePersistentVolumeClaimSpec(spec: Record<string, unknown>, p: FieldPath): ApiFinding[] {
  const out: ApiFinding[] = [];
  const modes = list(spec.accessModes);
  if (modes.length === 0)
    out.push(required(p.child('accessModes'), 'at least 1 access mode is required', 'add accessModes: [ReadWriteOnce]'));
  for (const mode of modes) {
    if (typeof mode === 'string' && !isPlaceholder(mode) && !ACCESS_MODES.includes(mode))
      out.push(notSupported(p.child('accessModes'), mode, ACCESS_MODES));
  }
  if (modes.includes('ReadWriteOncePod') && modes.length > 1)
    out.push(forbidden(p.child('accessModes'), 'may not use ReadWriteOncePod with other access modes', 'keep ReadWriteOncePod alone'));
  out.push(...validateLabelSelector(spec.selector, p.child('selector')));
  const requests = rec(rec(spec.resources)?.requests);
  const storage = requests?.storage;
  if (!isSet(storage)) {
    out.push(
      required(
        p
          .child('resources')
          .key('storage')
          .at([...p.yaml, 'resources', 'requests']),
        '',
        'request a size, for example resources.requests.storage: 1Gi',
      ),
    );
  } else {
    const q = parseQuantity(storage);
    if (q !== undefined && q <= 0)
      out.push(
        invalid(
          p
            .child('resources')
            .key('storage')
            .at([...p.yaml, 'resources', 'requests', 'storage']),
          String(storage),
          MSG.positive,
          'request a size above zero',
        ),
      );
  }
  return out;
}

/** ValidatePersistentVolumeSpec */
export function validatePersistentVolume(value: Record<string, unknown>): ApiFinding[] {
  const spec = rec(value.spec);
  if (!spec) return [];
  const out: ApiFinding[] = [];
  const sp = FieldPath.root('spec');
  if (list(spec.accessModes).length === 0) out.push(required(sp.child('accessModes'), '', 'add accessModes'));
  const capacity = rec(spec.capacity);
  if (!capacity || Object.keys(capacity).length === 0) out.push(required(sp.child('capacity'), '', 'set capacity.storage'));
  else if (!('storage' in capacity) || Object.keys(capacity).length > 1)
    out.push(notSupported(sp.child('capacity'), capacity, ['storage'], 'give only capacity.storage'));
  const sources = sourcesOf(spec, PV_SOURCES);
  if (sources.length === 0) out.push(required(sp, 'must specify a volume type', 'add a volume source such as csi, nfs or hostPath'));
  for (const extra of sources.slice(1)) out.push(forbidden(sp.child(extra), 'may not specify more than 1 volume type', 'keep one source'));
  return out;
}

/** ValidateLimitRange: min <= default request <= default <= max for each resource. */
export function validateLimitRange(value: Record<string, unknown>): ApiFinding[] {
  const out: ApiFinding[] = [];
  list(rec(value.spec)?.limits).forEach((l, i) => {
    const item = rec(l);
    if (!item) return;
    const ip = FieldPath.root('spec', 'limits').index(i);
    const min = rec(item.min) ?? {};
    const max = rec(item.max) ?? {};
    for (const [name, v] of Object.entries(min)) {
      const lo = parseQuantity(v);
      const hi = parseQuantity(max[name]);
      if (lo !== undefined && hi !== undefined && lo > hi) {
        out.push(
          invalid(
            ip.child('min').key(name),
            String(v),
            `min value ${String(v)} is greater than max value ${String(max[name])}`,
            'lower min or raise max',
          ),
        );
      }
    }
    for (const bag of ['default', 'defaultRequest'] as const) {
      for (const [name, v] of Object.entries(rec(item[bag]) ?? {})) {
        const q = parseQuantity(v);
        const hi = parseQuantity(max[name]);
        const lo = parseQuantity(min[name]);
        const what = bag === 'default' ? 'default value' : 'default request value';
        if (q !== undefined && hi !== undefined && q > hi)
          out.push(
            invalid(
              ip.child(bag).key(name),
              String(v),
              `${what} ${String(v)} is greater than max value ${String(max[name])}`,
              'lower it or raise max',
            ),
          );
        if (q !== undefined && lo !== undefined && q < lo)
          out.push(
            invalid(
              ip.child(bag).key(name),
              String(v),
              `min value ${String(min[name])} is greater than ${what} ${String(v)}`,
              'raise it or lower min',
            ),
          );
      }
    }
  });
  return out;
}

export { dns1123LabelProblem, dns1123SubdomainProblem, isIP };
