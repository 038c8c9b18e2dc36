import { defineRule, type RuleReport } from '../src/engine/rule.js';
import { isRecord } from '../src/k8s/values.js';
import {
  APPARMOR_CONTAINER_ANNOTATION_PREFIX,
  containerSecurityContextPath,
  containerSetting,
  describeWorkload,
  podSetting,
  pssControl,
  baselineFinding,
  NODE_AGENT_SEVERITY,
} from '../src/k8s/security.js';
import { hasPlaceholder } from '../src/k8s/placeholders.js';
import { containersOf, describeContainer, podSpecOf } from '../src/k8s/workloads.js';

const CONTROL = pssControl('baseline', 'AppArmor');

function unconfined(profile: unknown): boolean {
  return isRecord(profile) && profile.type === 'Unconfined';
}

export default defineRule({
  id: 'apparmor-profile',
  meta: {
    description: 'Pods and containers do not turn AppArmor off (Unconfined)',
    category: 'security',
    defaultSeverity: 'error',
    presets: ['recommended'],
    scope: 'object',
    rationale: `On nodes with AppArmor (Ubuntu, Debian, COS), the container runtime confines every container with its default profile, which denies writes to /proc and /sys, mounts and other steps of known escapes. \`appArmorProfile.type: Unconfined\` (pod or container securityContext, Kubernetes 1.30+) or the older annotation \`container.apparmor.security.beta.kubernetes.io/<container>: unconfined\` turns that off. The Baseline Pod Security Standard (control AppArmor) allows only RuntimeDefault, Localhost or no value in the fields, and runtime/default, localhost/<profile> or no value in the annotations. Severity error on applications, in \`recommended\`: a namespace that enforces Baseline (the Kubernetes project's minimum) rejects the pod. ${NODE_AGENT_SEVERITY}`,
    remediation:
      'Remove the Unconfined setting (RuntimeDefault applies), or use a Localhost profile that allows exactly what the program needs (`appArmorProfile: {type: Localhost, localhostProfile: my-profile}`, loaded on every node).',
    defaults: {},
  },
  check({ object }) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const reports: RuleReport[] = [];
    const podProfile = podSetting(pod, 'appArmorProfile');
    if (unconfined(podProfile.value)) {
      reports.push({
        path: [...podProfile.path, 'type'],
        ...baselineFinding(
          object,
          `${describeWorkload(object)} sets securityContext.appArmorProfile.type: Unconfined for its containers`,
          'remove it or use RuntimeDefault',
          CONTROL,
        ),
      });
    }
    for (const ref of containersOf(object, { ephemeral: true })) {
      if (!unconfined(containerSetting(ref, 'appArmorProfile'))) continue;
      reports.push({
        path: [...containerSecurityContextPath(ref), 'appArmorProfile', 'type'],
        ...baselineFinding(
          object,
          `${describeContainer(ref)} sets securityContext.appArmorProfile.type: Unconfined`,
          'remove it or use RuntimeDefault',
          CONTROL,
        ),
      });
    }
    for (const [key, value] of Object.entries(pod.annotations)) {
      if (!key.startsWith(APPARMOR_CONTAINER_ANNOTATION_PREFIX)) continue;
      const v = value.trim();
      if (v === '' || v === 'runtime/default' || v.startsWith('localhost/') || hasPlaceholder(v)) continue;
      const container = key.slice(APPARMOR_CONTAINER_ANNOTATION_PREFIX.length);
      reports.push({
        path: [...pod.metadataPath, 'annotations', key],
        ...baselineFinding(
          object,
          `${describeWorkload(object)} sets AppArmor profile "${value}" for container "${container}"`,
          'remove the annotation or use runtime/default',
          CONTROL,
        ),
      });
    }
    return reports;
  },
});
