/**
 * What kube-lint covers of the Pod Security Standards and of the default checks of kube-linter,
 * kube-score and Polaris: each control or check maps to kube-lint rules, or to a line on why not.
 * `npm run gen:docs` writes docs/coverage.md from it; test/coverage.test.ts checks that every rule
 * named exists and that each Pod Security Standards control sits in the preset of its level.
 */
import { rules } from '../rules/index.js';
import { inPreset } from '../src/engine/config.js';
import type { AnyRule } from '../src/engine/rule.js';

export interface Check {
  /** The peer's check id, or the Pod Security Standards control name. */
  id: string;
  /** kube-lint rules that cover it. */
  rules?: string[];
  /** How it is covered, when the rules alone do not say (partly, differently). */
  note?: string;
  /** Why it is not covered (no rules). */
  why?: string;
}

export interface Section {
  title: string;
  source: string;
  /** For the Pod Security Standards: the level whose controls these are. */
  level?: 'baseline' | 'restricted';
  checks: Check[];
}

const RBAC_WHY =
  'Not yet: kube-lint does not read RBAC objects; Role and binding checks are a category of their own, left for a later issue.';
const PULL_POLICY_WHY =
  'Not covered: with a pinned tag or digest (which `image-tag` requires) IfNotPresent is the right policy; Always only re-checks pull credentials at the cost of a registry round trip on every start.';

export const COVERAGE: Section[] = [
  {
    title: 'Pod Security Standards, Baseline',
    source: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/ (Kubernetes 1.29 to 1.36)',
    level: 'baseline',
    checks: [
      { id: 'HostProcess', rules: ['privileged'] },
      { id: 'Host Namespaces', rules: ['host-namespaces'] },
      { id: 'Privileged Containers', rules: ['privileged'] },
      { id: 'Capabilities', rules: ['added-capabilities'] },
      { id: 'HostPath Volumes', rules: ['host-path'] },
      { id: 'Host Ports', rules: ['host-path'], note: 'the `hostPorts` option of host-path' },
      { id: 'AppArmor', rules: ['apparmor-profile'] },
      { id: 'SELinux', rules: ['selinux-options'] },
      { id: '/proc Mount Type', rules: ['proc-mount'] },
      { id: 'Seccomp', rules: ['seccomp-unconfined'] },
      { id: 'Sysctls', rules: ['unsafe-sysctls'] },
    ],
  },
  {
    title: 'Pod Security Standards, Restricted',
    source: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/ (Kubernetes 1.29 to 1.36)',
    level: 'restricted',
    checks: [
      { id: 'Volume Types', rules: ['volume-types'] },
      { id: 'Privilege Escalation', rules: ['privilege-escalation'] },
      { id: 'Running as Non-root', rules: ['run-as-non-root'] },
      { id: 'Running as Non-root user', rules: ['run-as-non-root'] },
      { id: 'Seccomp', rules: ['seccomp-profile'] },
      { id: 'Capabilities', rules: ['capabilities'] },
    ],
  },
  {
    title: 'kube-linter, checks enabled by default',
    source: 'stackrox/kube-linter docs/generated/checks.md',
    checks: [
      { id: 'dangling-service', rules: ['service-selector'] },
      { id: 'deprecated-service-account-field', rules: ['deprecated-service-account-field'] },
      { id: 'docker-sock', rules: ['host-path'], note: 'every hostPath; container runtime sockets are named in the message' },
      {
        id: 'drop-net-raw-capability',
        rules: ['capabilities', 'added-capabilities'],
        note: '`capabilities` requires drop: [ALL], which drops NET_RAW; adding NET_RAW is an `added-capabilities` error',
      },
      { id: 'duplicate-env-var', rules: ['api-warnings'] },
      { id: 'env-var-secret', rules: ['inline-secret'] },
      { id: 'host-ipc', rules: ['host-namespaces'] },
      { id: 'host-network', rules: ['host-namespaces'] },
      { id: 'host-pid', rules: ['host-namespaces'] },
      { id: 'invalid-target-ports', rules: ['schema', 'service-target-port'] },
      { id: 'latest-tag', rules: ['image-tag'] },
      { id: 'liveness-port', rules: ['probe-port'] },
      { id: 'mismatching-selector', rules: ['selector-mismatch'] },
      { id: 'no-anti-affinity', rules: ['replica-spread'] },
      { id: 'no-extensions-v1beta', rules: ['deprecated-api'] },
      { id: 'no-read-only-root-fs', rules: ['read-only-root-fs'] },
      {
        id: 'non-existent-service-account',
        rules: ['missing-service-account', 'dangling-reference'],
        note: 'in `recommended` when the run defines ServiceAccounts in the namespace, else in `strict`',
      },
      { id: 'pdb-max-unavailable', rules: ['pdb-blocks-eviction'] },
      { id: 'pdb-min-available', rules: ['pdb-blocks-eviction'] },
      {
        id: 'pdb-unhealthy-pod-eviction-policy',
        why: 'Not covered: leaving unhealthyPodEvictionPolicy at its default (IfHealthyBudget) is the documented behaviour, not a defect; AlwaysAllow is a choice for workloads whose unhealthy pods block drains.',
      },
      { id: 'privilege-escalation-container', rules: ['privilege-escalation'] },
      { id: 'privileged-container', rules: ['privileged'] },
      { id: 'readiness-port', rules: ['probe-port'] },
      { id: 'run-as-non-root', rules: ['run-as-non-root'] },
      { id: 'sensitive-host-mounts', rules: ['host-path'] },
      { id: 'ssh-port', rules: ['ssh-port'] },
      { id: 'startup-port', rules: ['probe-port'] },
      { id: 'unsafe-sysctls', rules: ['unsafe-sysctls'], note: 'against the version-dependent safe list of Pod Security Admission' },
      { id: 'unset-cpu-requirements', rules: ['resource-requests'] },
      { id: 'unset-memory-requirements', rules: ['resource-requests', 'resource-limits'] },
    ],
  },
  {
    title: 'kube-score, checks enabled by default',
    source: 'zegl/kube-score README_CHECKS.md',
    checks: [
      {
        id: 'ingress-targets-service',
        why: 'Not yet: an Ingress often routes to Services of other charts or controllers; it needs the same evidence rules as statefulset-service-name, left for a later issue.',
      },
      { id: 'cronjob-has-deadline', rules: ['cronjob-deadline'] },
      { id: 'container-resources', rules: ['resource-requests', 'resource-limits'] },
      { id: 'container-image-tag', rules: ['image-tag'] },
      { id: 'container-image-pull-policy', why: PULL_POLICY_WHY },
      { id: 'container-ephemeral-storage-request-and-limit', rules: ['ephemeral-storage'] },
      { id: 'environment-variable-key-duplication', rules: ['api-warnings'] },
      { id: 'deployment-has-poddisruptionbudget', rules: ['pod-disruption-budget'] },
      { id: 'statefulset-has-poddisruptionbudget', rules: ['pod-disruption-budget'] },
      {
        id: 'poddisruptionbudget-has-policy',
        why: 'Not yet: a policy/v1 budget with neither minAvailable nor maxUnavailable is valid and protects nothing; a small rule left for a later issue.',
      },
      { id: 'pod-networkpolicy', rules: ['network-policy'], note: 'only in namespaces whose NetworkPolicies the run defines' },
      {
        id: 'networkpolicy-targets-pod',
        why: 'Not yet: a policy that selects no linted pod is usually written for pods of another chart or namespace; judging it needs evidence, left for a later issue.',
      },
      { id: 'pod-probes', rules: ['liveness-probe', 'readiness-probe'] },
      { id: 'pod-probes-identical', rules: ['identical-probes'] },
      {
        id: 'container-security-context-user-group-id',
        rules: ['run-as-non-root'],
        note: 'root (UID 0) is reported; kube-score also wants UID and GID above 10000, a convention kube-lint does not enforce',
      },
      { id: 'container-security-context-privileged', rules: ['privileged'] },
      { id: 'container-security-context-readonlyrootfilesystem', rules: ['read-only-root-fs'] },
      { id: 'service-targets-pod', rules: ['service-selector'] },
      {
        id: 'service-type',
        why: 'Not covered: NodePort is a legitimate choice (bare-metal clusters, ingress controllers behind an external load balancer), not a defect.',
      },
      { id: 'stable-version', rules: ['deprecated-api'] },
      { id: 'deployment-has-host-podantiaffinity', rules: ['replica-spread'] },
      { id: 'statefulset-has-host-podantiaffinity', rules: ['replica-spread'] },
      { id: 'pod-topology-spread-constraints', rules: ['replica-spread'] },
      { id: 'deployment-targeted-by-hpa-does-not-have-replicas-configured', rules: ['hpa-replicas'] },
      {
        id: 'statefulset-has-servicename',
        rules: ['statefulset-service-name'],
        note: 'headless required with the `requireHeadless` option',
      },
      { id: 'deployment-pod-selector-labels-match-template-metadata-labels', rules: ['selector-mismatch'] },
      { id: 'statefulset-pod-selector-labels-match-template-metadata-labels', rules: ['selector-mismatch'] },
      { id: 'label-values', rules: ['schema'] },
      { id: 'horizontalpodautoscaler-has-target', rules: ['hpa-target'] },
      { id: 'horizontalpodautoscaler-replicas', rules: ['hpa-replicas'] },
      { id: 'deployment-replicas', rules: ['min-replicas'] },
      { id: 'deployment-strategy', rules: ['rolling-update'] },
    ],
  },
  {
    title: 'Polaris, checks enabled by default',
    source: 'FairwindsOps/polaris pkg/config/default.yaml and checks/*.yaml',
    checks: [
      { id: 'deploymentMissingReplicas', rules: ['min-replicas'] },
      {
        id: 'priorityClassNotSet',
        why: 'Not covered: priority classes are a cluster policy; most workloads rightly run at the default priority.',
      },
      { id: 'tagNotSpecified', rules: ['image-tag'] },
      { id: 'pullPolicyNotAlways', why: PULL_POLICY_WHY },
      { id: 'readinessProbeMissing', rules: ['readiness-probe'] },
      { id: 'livenessProbeMissing', rules: ['liveness-probe'] },
      {
        id: 'metadataAndInstanceMismatched',
        why: 'Not covered: the app.kubernetes.io/instance label is a labelling convention; a mismatch breaks nothing.',
      },
      { id: 'pdbDisruptionsIsZero', rules: ['pdb-blocks-eviction'] },
      { id: 'missingPodDisruptionBudget', rules: ['pod-disruption-budget'] },
      { id: 'topologySpreadConstraint', rules: ['replica-spread'] },
      { id: 'hpaMaxAvailability', rules: ['hpa-replicas'] },
      { id: 'hpaMinAvailability', rules: ['min-replicas'], note: 'an autoscaled workload counts at its HPA minReplicas' },
      { id: 'pdbMinAvailableGreaterThanOrEqualToHPAMinReplicas', rules: ['pdb-blocks-eviction'], note: 'compared at the HPA floor' },
      { id: 'cpuRequestsMissing', rules: ['resource-requests'] },
      { id: 'cpuLimitsMissing', rules: ['resource-limits'], note: 'off for cpu by default (CPU limits throttle); an option turns it on' },
      { id: 'memoryRequestsMissing', rules: ['resource-requests'] },
      { id: 'memoryLimitsMissing', rules: ['resource-limits'] },
      {
        id: 'automountServiceAccountToken',
        rules: ['automount-service-account-token'],
        note: 'pods that run as the default ServiceAccount',
      },
      { id: 'hostIPCSet', rules: ['host-namespaces'] },
      { id: 'hostPathSet', rules: ['host-path'] },
      { id: 'hostProcess', rules: ['privileged'] },
      { id: 'hostPIDSet', rules: ['host-namespaces'] },
      { id: 'linuxHardening', rules: ['seccomp-profile', 'capabilities'] },
      { id: 'missingNetworkPolicy', rules: ['network-policy'], note: 'only in namespaces whose NetworkPolicies the run defines' },
      { id: 'notReadOnlyRootFilesystem', rules: ['read-only-root-fs'] },
      { id: 'privilegeEscalationAllowed', rules: ['privilege-escalation'] },
      { id: 'procMount', rules: ['proc-mount'] },
      { id: 'runAsRootAllowed', rules: ['run-as-non-root'] },
      { id: 'runAsPrivileged', rules: ['privileged'] },
      { id: 'dangerousCapabilities', rules: ['added-capabilities'] },
      { id: 'insecureCapabilities', rules: ['capabilities'] },
      { id: 'hostNetworkSet', rules: ['host-namespaces'] },
      { id: 'hostPortSet', rules: ['host-path'] },
      {
        id: 'tlsSettingsMissing',
        why: 'Not covered: TLS is often terminated at a load balancer or added to an Ingress by cert-manager or the controller; a missing tls block is not a defect on its own.',
      },
      { id: 'sensitiveContainerEnvVar', rules: ['inline-secret'] },
      { id: 'sensitiveConfigmapContent', rules: ['inline-secret'] },
      { id: 'clusterrolePodExecAttach', why: RBAC_WHY },
      { id: 'rolePodExecAttach', why: RBAC_WHY },
      { id: 'clusterrolebindingPodExecAttach', why: RBAC_WHY },
      { id: 'rolebindingClusterRolePodExecAttach', why: RBAC_WHY },
      { id: 'rolebindingRolePodExecAttach', why: RBAC_WHY },
      { id: 'clusterrolebindingClusterAdmin', why: RBAC_WHY },
      { id: 'rolebindingClusterAdminClusterRole', why: RBAC_WHY },
      { id: 'rolebindingClusterAdminRole', why: RBAC_WHY },
    ],
  },
];

function ruleById(id: string): AnyRule {
  const rule = rules.find((r) => r.id === id);
  if (!rule) throw new Error(`docs/coverage: no rule "${id}"`);
  return rule;
}

/** `recommended`, `strict` or `all`: the smallest preset that turns the rule on. */
export function presetOf(id: string): 'recommended' | 'strict' | 'all' {
  const rule = ruleById(id);
  return inPreset(rule, 'recommended') ? 'recommended' : inPreset(rule, 'strict') ? 'strict' : 'all';
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function coverageDoc(): string {
  const lines = [
    '# Coverage',
    '',
    'Every control of the Kubernetes Pod Security Standards and every check that kube-linter, kube-score and Polaris run by default, with the kube-lint rule that covers it and the preset that turns that rule on (`recommended` is the default; `strict` adds to it), or why kube-lint does not check it.',
    '',
    'The Baseline profile is in `recommended`, control by control, and the Restricted profile in `strict`; every Pod Security Standards finding names its control, for example `(Pod Security Standards baseline: Privileged Containers)`. Cross-resource checks (missing ServiceAccounts, Services, NetworkPolicies) report only when the run defines objects of that kind in the namespace, in the same folder or above, so repositories that manage them elsewhere stay quiet.',
    '',
  ];
  for (const section of COVERAGE) {
    lines.push(
      `## ${section.title}`,
      '',
      `Source: ${section.source}`,
      '',
      '| Check | kube-lint rule | Preset | Notes |',
      '| --- | --- | --- | --- |',
    );
    for (const check of section.checks) {
      const covered = check.rules ?? [];
      const names = covered.map((id) => `[\`${id}\`](rules/${id}.md)`).join(', ');
      const presets = [...new Set(covered.map(presetOf))].join(', ');
      lines.push(`| ${cell(check.id)} | ${names || 'none'} | ${presets || '-'} | ${cell(check.note ?? check.why ?? '')} |`);
    }
    lines.push('');
  }
  lines.push('<!-- generated by npm run gen:docs from scripts/coverage.ts; do not edit -->', '');
  return lines.join('\n');
}
