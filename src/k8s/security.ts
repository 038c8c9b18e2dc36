/**
 * Shared knowledge of pod and container security contexts, as the Pod Security Standards read
 * them: the effective value of a field for one container (a container-level value overrides the
 * pod-level one), where it is set or where it should be set, and what the standards allow.
 */
import { formatPath } from '../engine/paths.js';
import { isRecord, type LintObject } from '../load/objects.js';
import type { Severity, YamlPath } from '../types.js';
import { parseImage } from './image.js';
import { podSpecOf, type ContainerRef, type PodSpecRef } from './workloads.js';

/** Fields of a container's securityContext that the pod's securityContext sets for every container. */
export type InheritedField =
  'runAsNonRoot' | 'runAsUser' | 'runAsGroup' | 'seccompProfile' | 'seLinuxOptions' | 'appArmorProfile' | 'windowsOptions';

/** Fields that only a container's securityContext has. */
export type ContainerOnlyField = 'privileged' | 'allowPrivilegeEscalation' | 'readOnlyRootFilesystem' | 'capabilities' | 'procMount';

export type SecurityField = InheritedField | ContainerOnlyField;

const INHERITED: ReadonlySet<string> = new Set<InheritedField>([
  'runAsNonRoot',
  'runAsUser',
  'runAsGroup',
  'seccompProfile',
  'seLinuxOptions',
  'appArmorProfile',
  'windowsOptions',
]);

export function isInherited(field: SecurityField): field is InheritedField {
  return INHERITED.has(field);
}

/** A pod-level setting: its value (undefined when absent or null) and its path. */
export interface PodSetting {
  value: unknown;
  /** Path of the field in the pod's securityContext, relative to the object. */
  path: YamlPath;
}

/** One container's effective setting. */
export interface ResolvedSetting {
  /** The effective value: the container's own, else the pod's (for inherited fields), else undefined. */
  value: unknown;
  /** Where the effective value comes from; undefined when neither level sets it. */
  level: 'container' | 'pod' | undefined;
  /** Where the effective value is set; when unset, the container-level path where it belongs. */
  path: YamlPath;
  /** The field's path in the container's securityContext (set or not). */
  containerPath: YamlPath;
  /** The field's path in the pod's securityContext (inherited fields; set or not). */
  podPath: YamlPath | undefined;
}

function present(value: unknown): unknown {
  return value === null ? undefined : value;
}

/** Path of the pod's securityContext, relative to the object. */
export function podSecurityContextPath(pod: PodSpecRef): YamlPath {
  return [...pod.path, 'securityContext'];
}

/** Path of the container's securityContext, relative to the object. */
export function containerSecurityContextPath(ref: ContainerRef): YamlPath {
  return [...ref.path, 'securityContext'];
}

/** The pod's own value of an inherited field. */
export function podSetting(pod: PodSpecRef, field: InheritedField): PodSetting {
  const context = (pod.spec as unknown as Record<string, unknown>).securityContext;
  return {
    value: isRecord(context) ? present(context[field]) : undefined,
    path: [...podSecurityContextPath(pod), field],
  };
}

/** The container's own value of a field, ignoring the pod. */
export function containerSetting(ref: ContainerRef, field: SecurityField): unknown {
  const context = (ref.container as unknown as Record<string, unknown>).securityContext;
  return isRecord(context) ? present(context[field]) : undefined;
}

/** The container's effective value of a field: its own, else the pod's (inherited fields only). */
export function resolveSetting(ref: ContainerRef, field: SecurityField): ResolvedSetting {
  const containerPath = [...containerSecurityContextPath(ref), field];
  const own = containerSetting(ref, field);
  const pod = isInherited(field) ? podSetting(ref.pod, field) : undefined;
  if (own !== undefined) return { value: own, level: 'container', path: containerPath, containerPath, podPath: pod?.path };
  if (pod && pod.value !== undefined) return { value: pod.value, level: 'pod', path: pod.path, containerPath, podPath: pod.path };
  return { value: undefined, level: undefined, path: containerPath, containerPath, podPath: pod?.path };
}

const OS_LABELS = ['kubernetes.io/os', 'beta.kubernetes.io/os'];

/**
 * A pod that runs on Windows. The Pod Security Standards exempt `spec.os.name: windows` from their
 * Linux-only controls; kube-lint also recognizes the older ways of saying so, on which the Linux
 * fields have no effect either: a nodeSelector `kubernetes.io/os: windows`, and a pod-level
 * `windowsOptions.hostProcess: true` (only Windows has HostProcess containers).
 */
export function isWindowsPod(pod: PodSpecRef): boolean {
  const spec = pod.spec as unknown as Record<string, unknown>;
  if (isRecord(spec.os)) return spec.os.name === 'windows';
  const selector = spec.nodeSelector;
  if (isRecord(selector) && OS_LABELS.some((label) => selector[label] === 'windows')) return true;
  const context = spec.securityContext;
  return isRecord(context) && isRecord(context.windowsOptions) && context.windowsOptions.hostProcess === true;
}

/** `hostUsers: false`: the pod runs in its own user namespace, so root in it is not root on the node. */
export function usesUserNamespace(pod: PodSpecRef): boolean {
  return (pod.spec as unknown as Record<string, unknown>).hostUsers === false;
}

/** `Deployment "web"`, `Pod "debug"`: the object whose pod spec a pod-level message is about. */
export function describeWorkload(object: LintObject): string {
  return `${object.kind ?? 'object'} "${object.name ?? '(unnamed)'}"`;
}

/** `spec.template.spec.securityContext.runAsNonRoot: true`: the YAML a message tells the user to add. */
export function yamlToSet(path: YamlPath, value: string): string {
  return `${formatPath(path)}: ${value}`;
}

// ---------------------------------------------------------------------------------------------
// seccomp

export type SeccompType = 'RuntimeDefault' | 'Localhost' | 'Unconfined';

/** The profile type of a seccompProfile value, as written (undefined when absent or malformed). */
export function seccompTypeOf(profile: unknown): string | undefined {
  return isRecord(profile) && typeof profile.type === 'string' ? profile.type : undefined;
}

export const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
export const SECCOMP_CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

/**
 * The seccompProfile (flow YAML) that replaces a legacy annotation value: Localhost for
 * `localhost/<file>`, else RuntimeDefault (also for `unconfined`: the safe replacement).
 */
export function seccompProfileForAnnotation(value: string): string {
  const v = value.trim();
  if (v.startsWith('localhost/')) return `{type: Localhost, localhostProfile: ${v.slice('localhost/'.length)}}`;
  return '{type: RuntimeDefault}';
}

// ---------------------------------------------------------------------------------------------
// capabilities

/** Capabilities that Baseline lets a container add (the container runtimes' historical default set, minus NET_RAW). */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

/** The only capability Restricted lets a container add back after dropping ALL. */
export const RESTRICTED_CAPABILITIES: readonly string[] = ['NET_BIND_SERVICE'];

/** `cap_sys_admin` -> `SYS_ADMIN`: the name the Pod Security Standards use. */
export function normalizeCapability(name: string): string {
  const upper = name.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

/** What adding a dangerous capability lets a compromised container do, for messages. */
export const CAPABILITY_RISKS: Readonly<Record<string, string>> = {
  ALL: 'every capability, as good as privileged',
  SYS_ADMIN: 'mount filesystems, use namespaces and cgroups: the usual way out of a container',
  SYS_MODULE: 'load kernel modules, which is root on the node',
  SYS_PTRACE: 'trace and read the memory of other processes',
  SYS_RAWIO: 'raw access to devices and I/O ports',
  SYS_BOOT: 'reboot the node',
  SYS_TIME: "set the node's clock",
  SYS_RESOURCE: 'override resource limits and quotas',
  DAC_READ_SEARCH: 'read any file by handle (the "shocker" escape)',
  NET_ADMIN: 'reconfigure interfaces, routes and firewall rules',
  NET_RAW: 'craft raw packets to spoof ARP or DNS replies to its neighbours',
  BPF: 'load eBPF programs into the kernel',
  PERFMON: 'read kernel and process performance data',
  SYSLOG: 'read kernel logs, which leak kernel addresses',
  MAC_ADMIN: 'change the AppArmor or SELinux policy',
  MAC_OVERRIDE: 'bypass the AppArmor or SELinux policy',
  LINUX_IMMUTABLE: 'change immutable files',
  IPC_LOCK: 'lock unbounded memory',
  IPC_OWNER: "bypass permission checks on other processes' shared memory",
  AUDIT_CONTROL: 'change the kernel audit rules',
  AUDIT_READ: 'read the kernel audit log',
  BLOCK_SUSPEND: 'keep the node from suspending',
  WAKE_ALARM: 'set wake alarms',
  SYS_NICE: 'raise its own priority and starve other processes',
  SYS_PACCT: 'switch process accounting',
  SYS_TTY_CONFIG: 'reconfigure terminals',
  LEASE: 'take leases on files it does not own',
  CHECKPOINT_RESTORE: 'checkpoint and restore other processes',
};

/** True when the container adds SYS_ADMIN (any spelling): privilege escalation is then always possible. */
export function addsSysAdmin(ref: ContainerRef): boolean {
  const caps = containerSetting(ref, 'capabilities');
  const add = isRecord(caps) && Array.isArray(caps.add) ? caps.add : [];
  return add.some((c) => typeof c === 'string' && (normalizeCapability(c) === 'SYS_ADMIN' || normalizeCapability(c) === 'ALL'));
}

// ---------------------------------------------------------------------------------------------
// host paths

function normalizeHostPath(path: string): string {
  const collapsed = path.trim().replace(/\/+/g, '/');
  return collapsed.length > 1 ? collapsed.replace(/\/$/, '') : collapsed;
}

/** True when `path` is one of `prefixes` or lies under one, compared by whole path segments. */
export function hostPathAllowed(path: string, prefixes: readonly string[]): boolean {
  const p = normalizeHostPath(path);
  return prefixes.some((prefix) => {
    const q = normalizeHostPath(prefix);
    return q === '/' || p === q || p.startsWith(`${q}/`);
  });
}

const RUNTIME_SOCKETS = [
  '/var/run/docker.sock',
  '/run/docker.sock',
  '/var/run/containerd/containerd.sock',
  '/run/containerd/containerd.sock',
  '/var/run/crio/crio.sock',
  '/run/crio/crio.sock',
  '/var/run/cri-dockerd.sock',
  '/run/cri-dockerd.sock',
];

/** Why mounting this host path is dangerous, when it is one of the well-known bad ones. */
export function hostPathRisk(path: string): string | undefined {
  const p = normalizeHostPath(path);
  if (p === '/') return "which is the node's whole filesystem";
  if (RUNTIME_SOCKETS.includes(p) || p === '/var/run' || p === '/run' || p === '/run/containerd' || p === '/var/run/containerd') {
    return 'which reaches the container runtime socket and lets it start privileged containers (root on the node)';
  }
  if (p === '/var/lib/kubelet' || p.startsWith('/var/lib/kubelet/pods'))
    return "which holds other pods' secrets and service account tokens";
  if (p === '/etc' || p === '/etc/kubernetes' || p.startsWith('/etc/kubernetes/'))
    return "which holds the node's configuration and credentials";
  if (p === '/proc' || p === '/sys' || p.startsWith('/proc/') || p.startsWith('/sys/')) return "which exposes the node's kernel interfaces";
  if (p === '/dev') return 'which exposes every device of the node';
  if (p === '/boot' || p === '/lib/modules' || p.startsWith('/lib/modules/')) return "which holds the node's kernel and its modules";
  if (p === '/root' || p === '/home' || p === '/var/lib/docker' || p === '/var/lib/containerd')
    return "which holds the node's private data";
  return undefined;
}

/** The seccompProfile type a legacy annotation value stands for (undefined when unrecognized). */
export function seccompTypeForAnnotation(value: string): SeccompType | undefined {
  const v = value.trim();
  if (v === 'runtime/default' || v === 'docker/default') return 'RuntimeDefault';
  if (v === 'unconfined') return 'Unconfined';
  if (v.startsWith('localhost/')) return 'Localhost';
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Pod Security Standards controls

export type PssLevel = 'baseline' | 'restricted';

/** ` (Pod Security Standards baseline: Privileged Containers)`: the control a finding breaks, for messages. */
export function pssControl(level: PssLevel, control: string): string {
  return ` (Pod Security Standards ${level}: ${control})`;
}

/** `1.31` -> [1, 31]; an unparsable version counts as the newest. */
function minorOf(version: string): number {
  const match = /^v?1\.(\d+)/.exec(version);
  return match?.[1] !== undefined ? Number(match[1]) : Number.MAX_SAFE_INTEGER;
}

/** True when the target Kubernetes version is `1.<minor>` or newer. */
export function versionAtLeast(version: string, minor: number): boolean {
  return minorOf(version) >= minor;
}

/** Sysctls that Baseline allows, with the first Kubernetes minor version that allows each. */
export const SAFE_SYSCTLS: readonly (readonly [string, number])[] = [
  ['kernel.shm_rmid_forced', 0],
  ['net.ipv4.ip_local_port_range', 0],
  ['net.ipv4.ip_unprivileged_port_start', 0],
  ['net.ipv4.tcp_syncookies', 0],
  ['net.ipv4.ping_group_range', 0],
  ['net.ipv4.ip_local_reserved_ports', 27],
  ['net.ipv4.tcp_keepalive_time', 29],
  ['net.ipv4.tcp_fin_timeout', 29],
  ['net.ipv4.tcp_keepalive_intvl', 29],
  ['net.ipv4.tcp_keepalive_probes', 29],
  ['net.ipv4.tcp_rmem', 32],
  ['net.ipv4.tcp_wmem', 32],
];

/** The safe sysctls for a Kubernetes version. Names may use `/` for `.`, as the kubelet accepts. */
export function safeSysctls(version: string): Set<string> {
  return new Set(SAFE_SYSCTLS.filter(([, since]) => versionAtLeast(version, since)).map(([name]) => name));
}

/** SELinux types Baseline allows (besides none), with the first minor version that allows each. */
export const SELINUX_TYPES: readonly (readonly [string, number])[] = [
  ['container_t', 0],
  ['container_init_t', 0],
  ['container_kvm_t', 0],
  ['container_engine_t', 31],
];

export const APPARMOR_CONTAINER_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/** What the rationale of each Baseline rule says about node agents (see `baselineFinding`). */
export const NODE_AGENT_SEVERITY =
  'On a node agent a finding is a warning, not an error: a DaemonSet (CNI, CSI node plugin, node exporter, log shipper), or a Pod, Job or CronJob pinned to one node by nodeName or a kubernetes.io/hostname nodeSelector (a disk wipe) or running a node audit tool (kube-bench), usually needs the setting for its job, so its owners keep it, run it in a namespace labelled pod-security.kubernetes.io/enforce: privileged and suppress the warning saying why; the message says so. A Deployment, StatefulSet, ReplicaSet or ReplicationController is never a node agent, even when pinned to a node. A severity set in the config caps both (set the rule to warning for warnings everywhere).';

/** Kinds whose pods are one-off tasks: pinned to a node, such a task works on that node. */
const NODE_TASK_KINDS: ReadonlySet<string> = new Set(['Pod', 'Job', 'CronJob']);

/**
 * A pod that works on its node rather than in the cluster, so that its forbidden settings are
 * usually its job: a DaemonSet (CNI, CSI node plugin, node exporter, log shipper: one pod per node,
 * which is what a node agent is), or a Pod, Job or CronJob pinned to one node by `nodeName` or a
 * `kubernetes.io/hostname` nodeSelector (a disk wipe), or running a node audit tool (kube-bench). A Deployment, StatefulSet,
 * ReplicaSet or ReplicationController never is, even when pinned to a node: it runs an application,
 * and an application that needs the node's privileges is what the Baseline standard is there to catch.
 */
export function isNodeAgent(object: LintObject): boolean {
  if (object.kind === 'DaemonSet') return true;
  if (object.kind === undefined || !NODE_TASK_KINDS.has(object.kind)) return false;
  const spec = podSpecOfValue(object);
  if (!spec) return false;
  if (typeof spec.nodeName === 'string' && spec.nodeName !== '') return true;
  if (isRecord(spec.nodeSelector) && spec.nodeSelector['kubernetes.io/hostname'] !== undefined) return true;
  return (
    Array.isArray(spec.containers) && spec.containers.some((c) => isRecord(c) && typeof c.image === 'string' && isNodeAuditImage(c.image))
  );
}

/**
 * Tools whose job is to inspect the node they land on (CIS benchmark checks read the kubelet's
 * files and processes): run as a one-off Pod or Job, wherever it is scheduled, such a tool is a
 * node agent. Matched by the image's last path segment, whatever the registry.
 */
const NODE_AUDIT_IMAGES: ReadonlySet<string> = new Set(['kube-bench']);

function isNodeAuditImage(image: string): boolean {
  const repository = parseImage(image).repository;
  return NODE_AUDIT_IMAGES.has(repository.slice(repository.lastIndexOf('/') + 1));
}

function podSpecOfValue(object: LintObject): Record<string, unknown> | undefined {
  const pod = podSpecOf(object);
  return pod ? (pod.spec as unknown as Record<string, unknown>) : undefined;
}

/** The message and severity of a Baseline finding (the rule adds the path). */
export interface BaselineFinding {
  message: string;
  /** `warning` on a node agent; absent (the rule's severity) elsewhere. */
  severity?: Severity;
}

/**
 * A Baseline finding: `<problem>: <fix><control>`. On an application pod it is an error (with the
 * rule's severity). A node agent's owners usually cannot remove the setting, so on a node agent it
 * is a warning whose message also says how to accept it knowingly.
 */
export function baselineFinding(object: LintObject, problem: string, fix: string, control: string): BaselineFinding {
  if (!isNodeAgent(object)) return { message: `${problem}: ${fix}${control}` };
  return {
    message: `${problem}: ${fix}, or, if this node agent needs it, keep it, run it in a namespace labelled pod-security.kubernetes.io/enforce: privileged and suppress this warning saying why${control}`,
    severity: 'warning',
  };
}
