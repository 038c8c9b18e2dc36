import { formatPath } from '../src/engine/paths.js';
import { defineRule, type RuleReport } from '../src/engine/rule.js';
import {
  containerSetting,
  containerSecurityContextPath,
  describeWorkload,
  isWindowsPod,
  podSetting,
  SECCOMP_CONTAINER_ANNOTATION_PREFIX,
  SECCOMP_POD_ANNOTATION,
  seccompProfileForAnnotation,
  seccompTypeForAnnotation,
  seccompTypeOf,
  pssControl,
} from '../src/k8s/security.js';
import { containersOf, describeContainer, podSpecOf, type ContainerRef } from '../src/k8s/workloads.js';

export interface SeccompProfileOptions {
  requireProfile: boolean;
}

const CONTROL = pssControl('restricted', 'Seccomp');

export default defineRule<SeccompProfileOptions>({
  id: 'seccomp-profile',
  meta: {
    description: 'Pods set a seccomp profile (RuntimeDefault or Localhost), never Unconfined',
    category: 'security',
    defaultSeverity: 'warning',
    presets: ['strict'],
    scope: 'object',
    rationale:
      "Seccomp filters the system calls a container may make. The container runtime's default profile blocks a few dozen that applications do not use but kernel exploits and escapes do (unshare, mount, keyctl, bpf, ptrace on older kernels, ...), so many kernel CVEs cannot be reached from a container that has it. Kubernetes does not apply it unless asked: without a seccompProfile a container runs Unconfined (unless every kubelet runs with seccompDefault: true). The Restricted Pod Security Standard (control Seccomp) requires RuntimeDefault or Localhost for every container (set once at pod level or per container, a container-level value wins); an explicit Unconfined, which even Baseline forbids, is reported by `seccomp-unconfined` (in `recommended`). Severity warning, in `strict`: a missing profile is a hardening gap, not a setting that turns protection off. The old annotations seccomp.security.alpha.kubernetes.io/pod and container.seccomp.security.alpha.kubernetes.io/<name> have been ignored since Kubernetes 1.27, so a pod that still relies on them runs Unconfined. Windows pods are exempt.",
    remediation:
      'Set the profile once for the pod:\n\n```yaml\nspec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n```\n\nReplace `Unconfined` with RuntimeDefault; if a program really needs a blocked syscall, write a Localhost profile that allows just that one (type: Localhost, localhostProfile: profiles/app.json, installed on every node) rather than turning filtering off. Move any seccomp annotation to the field and delete the annotation.',
    options: {
      properties: {
        requireProfile: {
          type: 'boolean',
          description:
            'Report containers with no seccomp profile at all (Restricted). Set it to false on clusters whose kubelets all run with seccompDefault: true, to report only the old annotations and malformed types.',
        },
      },
    },
    defaults: { requireProfile: true },
  },
  check({ object, options }) {
    const pod = podSpecOf(object);
    if (!pod || isWindowsPod(pod)) return [];
    const reports: RuleReport[] = [];
    const workload = describeWorkload(object);
    const podProfile = podSetting(pod, 'seccompProfile');
    const podType = seccompTypeOf(podProfile.value);
    const containers = containersOf(object, { ephemeral: true });
    const annotationPath = (key: string): (string | number)[] => [...pod.metadataPath, 'annotations', key];

    // The old annotations: ignored since 1.27, rejected when they contradict the field.
    const podAnnotation = pod.annotations[SECCOMP_POD_ANNOTATION];
    if (podAnnotation !== undefined) {
      reports.push({
        path: annotationPath(SECCOMP_POD_ANNOTATION),
        target: 'key',
        message: annotationMessage(workload, SECCOMP_POD_ANNOTATION, podAnnotation, podType, formatPath(podProfile.path)),
      });
    }
    const annotatedContainers = new Set<string>();
    for (const [key, value] of Object.entries(pod.annotations)) {
      if (!key.startsWith(SECCOMP_CONTAINER_ANNOTATION_PREFIX)) continue;
      const name = key.slice(SECCOMP_CONTAINER_ANNOTATION_PREFIX.length);
      const ref = containers.find((c) => c.container.name === name);
      annotatedContainers.add(name);
      reports.push({
        path: annotationPath(key),
        target: 'key',
        message: ref
          ? annotationMessage(
              describeContainer(ref),
              key,
              value,
              seccompTypeOf(containerSetting(ref, 'seccompProfile')),
              'securityContext.seccompProfile',
            )
          : `${workload} sets the annotation ${key}, which names no container and has been ignored since Kubernetes 1.27: remove it`,
      });
    }

    // An explicit Unconfined is the Baseline rule seccomp-unconfined's.
    if (podProfile.value !== undefined && !isSeccompType(podType)) {
      reports.push({ path: [...podProfile.path, 'type'], message: `${workload} ${invalidType(podType)}` });
    }

    const missing: ContainerRef[] = [];
    for (const ref of containers) {
      const own = containerSetting(ref, 'seccompProfile');
      if (own !== undefined) {
        const type = seccompTypeOf(own);
        const at = [...containerSecurityContextPath(ref), 'seccompProfile', 'type'];
        if (!isSeccompType(type)) {
          reports.push({ path: at, message: `${describeContainer(ref)} ${invalidType(type)}` });
        }
        continue;
      }
      if (podProfile.value !== undefined) continue; // inherits the pod's profile, reported above if Unconfined
      if (annotatedContainers.has(ref.container.name)) continue; // the annotation finding says what to set
      missing.push(ref);
    }

    if (!options.requireProfile || missing.length === 0) return reports;
    if (missing.length === containers.length) {
      if (podAnnotation === undefined) {
        reports.push({
          path: podProfile.path,
          message: `${workload} sets no seccomp profile, so its containers run Unconfined: set ${formatPath(podProfile.path)}.type: RuntimeDefault${CONTROL}`,
        });
      }
      return reports;
    }
    if (podAnnotation !== undefined) return reports;
    for (const ref of missing) {
      reports.push({
        path: [...containerSecurityContextPath(ref), 'seccompProfile'],
        message: `${describeContainer(ref)} has no seccomp profile and the pod sets none: set securityContext.seccompProfile.type: RuntimeDefault here or in the pod's securityContext${CONTROL}`,
      });
    }
    return reports;
  },
});

/** The API server accepts exactly these types; `runtime/default` (the old annotation value) is a common slip. */
function isSeccompType(type: string | undefined): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost' || type === 'Unconfined';
}

function invalidType(type: string | undefined): string {
  return type === undefined
    ? 'sets a seccompProfile without a type, which the API server rejects: set seccompProfile.type: RuntimeDefault'
    : `sets seccompProfile.type: ${type}, which the API server rejects (it accepts RuntimeDefault, Localhost or Unconfined): use RuntimeDefault`;
}

function annotationMessage(who: string, key: string, value: string, fieldType: string | undefined, fieldPath: string): string {
  const prefix = `${who} sets the annotation ${key}, ignored since Kubernetes 1.27`;
  if (fieldType === undefined) {
    return `${prefix}: remove it and set ${fieldPath}: ${seccompProfileForAnnotation(value)}`;
  }
  const annotationType = seccompTypeForAnnotation(value);
  if (annotationType !== undefined && annotationType !== fieldType) {
    return `${prefix}, and its value "${value}" contradicts seccompProfile.type ${fieldType}, which the API server rejects: remove it`;
  }
  return `${prefix}: remove it, the seccompProfile field already sets the profile`;
}
