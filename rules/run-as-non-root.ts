import { defineRule, type RuleReport } from '../src/engine/rule.js';
import {
  containerSetting,
  describeWorkload,
  isWindowsPod,
  podSetting,
  resolveSetting,
  usesUserNamespace,
  pssControl,
  yamlToSet,
} from '../src/k8s/security.js';
import { containersOf, describeContainer, podSpecOf, type ContainerRef } from '../src/k8s/workloads.js';

export interface RunAsNonRootOptions {
  acceptNonZeroUser: boolean;
  exemptUserNamespaces: boolean;
}

const NON_ROOT = pssControl('restricted', 'Running as Non-root');
const NON_ROOT_USER = pssControl('restricted', 'Running as Non-root user');

export default defineRule<RunAsNonRootOptions>({
  id: 'run-as-non-root',
  meta: {
    description: 'Containers must run as a non-root user: runAsNonRoot: true, and never runAsUser: 0',
    category: 'security',
    defaultSeverity: 'warning',
    presets: ['strict'],
    scope: 'object',
    rationale:
      'Most images run as root (UID 0) unless told otherwise, and root in a container is root on the node as far as the kernel is concerned: a container escape, a writable hostPath or a kernel bug then hands over the node, and root can write anywhere in the image. With `runAsNonRoot: true` the kubelet checks the user before starting the container and refuses to start it as UID 0, so a new image that slipped back to root fails loudly instead of running. The Restricted Pod Security Standard requires runAsNonRoot: true for every container (control Running as Non-root; set once at pod level or per container) and forbids runAsUser: 0 at either level (control Running as Non-root user). Severity warning, in `strict`: many images already run as a non-root user, and proving it to the kubelet is hardening rather than a fix. A container-level value overrides the pod-level one.',
    remediation:
      'Set it once for the whole pod, with a non-zero UID if the image does not name a numeric user:\n\n```yaml\nspec:\n  securityContext:\n    runAsNonRoot: true\n    runAsUser: 10001   # needed when the image USER is a name or root\n```\n\nThe kubelet can only verify a numeric user: if the image says `USER app`, add runAsUser. Replace any `runAsUser: 0`. If files in the image must be owned by that user, fix them in the Dockerfile (COPY --chown) or give volumes an fsGroup.',
    options: {
      properties: {
        acceptNonZeroUser: {
          type: 'boolean',
          description:
            'Accept a container whose effective runAsUser (pod or container level) is above 0 in place of runAsNonRoot: true. Pod Security Admission (Restricted) does not.',
        },
        exemptUserNamespaces: {
          type: 'boolean',
          description:
            'Skip pods with hostUsers: false, whose root is an unprivileged user on the node, as Pod Security Admission does with the UserNamespacesPodSecurityStandards feature gate.',
        },
      },
    },
    defaults: { acceptNonZeroUser: false, exemptUserNamespaces: false },
  },
  check({ object, options }) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    if (options.exemptUserNamespaces && usesUserNamespace(pod)) return [];
    const reports: RuleReport[] = [];
    const workload = describeWorkload(object);
    const podNonRoot = podSetting(pod, 'runAsNonRoot');
    const podUser = podSetting(pod, 'runAsUser');
    if (podUser.value === 0) {
      reports.push({
        path: podUser.path,
        message: `${workload} sets securityContext.runAsUser: 0, root for every container that does not set its own user: use a non-zero UID such as 10001${NON_ROOT_USER}`,
      });
    }
    if (podNonRoot.value === false) {
      reports.push({ path: podNonRoot.path, message: `${workload} sets securityContext.runAsNonRoot: false: set it to true${NON_ROOT}` });
    }

    const containers = containersOf(object, { ephemeral: true });
    const missing: ContainerRef[] = [];
    for (const ref of containers) {
      const who = describeContainer(ref);
      const nonRoot = resolveSetting(ref, 'runAsNonRoot');
      const user = resolveSetting(ref, 'runAsUser');
      if (containerSetting(ref, 'runAsUser') === 0) {
        reports.push({
          path: user.containerPath,
          message:
            nonRoot.value === true
              ? `${who} sets securityContext.runAsUser: 0 while runAsNonRoot is true, so the kubelet refuses to start it: use a non-zero UID such as 10001${NON_ROOT_USER}`
              : `${who} sets securityContext.runAsUser: 0 and runs as root: use a non-zero UID such as 10001${NON_ROOT_USER}`,
        });
      }
      if (containerSetting(ref, 'runAsNonRoot') === false) {
        reports.push({
          path: nonRoot.containerPath,
          message: `${who} sets securityContext.runAsNonRoot: false: set it to true${NON_ROOT}`,
        });
        continue;
      }
      if (nonRoot.value !== undefined) continue; // true, or false at pod level (reported above)
      if (options.acceptNonZeroUser && typeof user.value === 'number' && user.value > 0) continue;
      missing.push(ref);
    }

    if (missing.length > 0 && missing.length === containers.length && podNonRoot.value === undefined) {
      const uid = typeof podUser.value === 'number' && podUser.value > 0 ? podUser.value : undefined;
      const problem =
        uid !== undefined
          ? `sets runAsUser: ${uid} but not runAsNonRoot, so nothing stops a container from being switched back to root`
          : isWindowsPod(pod)
            ? 'does not set runAsNonRoot for its pod or any container, so nothing stops them from running as ContainerAdministrator'
            : 'does not set runAsNonRoot for its pod or any container, so they run as root whenever the image does';
      reports.push({ path: podNonRoot.path, message: `${workload} ${problem}: set ${yamlToSet(podNonRoot.path, 'true')}${NON_ROOT}` });
    } else {
      for (const ref of missing) {
        reports.push({
          path: resolveSetting(ref, 'runAsNonRoot').containerPath,
          message: `${describeContainer(ref)} does not set securityContext.runAsNonRoot and the pod does not either: set it to true here or in the pod's securityContext${NON_ROOT}`,
        });
      }
    }
    return reports;
  },
});
