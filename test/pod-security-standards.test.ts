/**
 * Pod Security Standards: every finding names its control; a Baseline finding is an error on an
 * application and a warning on a node agent, whose owners are told how to accept it knowingly.
 */
import { describe, expect, it } from 'vitest';
import { lintText } from '../src/lint.js';
import { rules } from '../rules/index.js';
import type { RuleSetting } from '../src/engine/config.js';

interface Seen {
  ruleId: string;
  line: number;
  severity: string;
  message: string;
}

function findings(text: string, preset: 'recommended' | 'strict', settings: Record<string, RuleSetting> = {}): Seen[] {
  const config = { extends: preset, rules: { schema: 'off', 'image-tag': 'off', ...settings } } as const;
  const results = lintText(text, { config, ruleSet: rules });
  return results.files.flatMap((f) => f.findings.map(({ ruleId, line, severity, message }) => ({ ruleId, line, severity, message })));
}

const POD = `apiVersion: v1
kind: Pod
metadata: {name: debug}
spec:
  hostPID: true
  securityContext:
    sysctls: [{name: vm.overcommit_memory, value: "1"}]
  containers:
    - name: shell
      image: busybox:1.36
      securityContext:
        privileged: true
        capabilities: {add: [SYS_ADMIN, NET_ADMIN, CHOWN]}
      resources: {requests: {cpu: 10m, memory: 16Mi}, limits: {memory: 16Mi}}
`;

describe('Pod Security Standards', () => {
  it('recommended reports the Baseline controls, each naming its control', () => {
    const baseline = findings(POD, 'recommended').filter((f) => f.message.includes('Pod Security Standards'));
    expect(baseline).toEqual([
      {
        ruleId: 'host-namespaces',
        line: 5,
        severity: 'error',
        message:
          'Pod "debug" sets hostPID: true, so it sees every process on the node and can read their environment and signal them: remove it (Pod Security Standards baseline: Host Namespaces)',
      },
      {
        ruleId: 'unsafe-sysctls',
        line: 7,
        severity: 'error',
        message:
          'Pod "debug" sets sysctl vm.overcommit_memory, which is not in the safe set for Kubernetes 1.36: remove it or tune it on the nodes (Pod Security Standards baseline: Sysctls)',
      },
      {
        ruleId: 'privileged',
        line: 12,
        severity: 'error',
        message:
          'container "shell" runs privileged, with every capability and all host devices: remove securityContext.privileged: true and add only the capabilities it needs (Pod Security Standards baseline: Privileged Containers)',
      },
      {
        ruleId: 'added-capabilities',
        line: 13,
        severity: 'error',
        message:
          'container "shell" adds capabilities SYS_ADMIN (mount filesystems, use namespaces and cgroups: the usual way out of a container), NET_ADMIN (reconfigure interfaces, routes and firewall rules): remove them from securityContext.capabilities.add (Pod Security Standards baseline: Capabilities)',
      },
    ]);
  });

  it('strict adds the Restricted controls, and no finding is reported twice', () => {
    const all = findings(POD, 'strict');
    const restricted = all.filter((f) => f.message.includes('Pod Security Standards restricted'));
    expect(restricted.map((f) => `${f.ruleId}:${f.line}`).sort()).toEqual([
      'capabilities:13',
      'capabilities:13',
      'privilege-escalation:11',
      'run-as-non-root:6',
      'seccomp-profile:6',
    ]);
    expect(restricted.filter((f) => f.ruleId === 'capabilities').map((f) => f.message)).toEqual([
      'container "shell" keeps the runtime\'s default capabilities: set securityContext.capabilities.drop: [ALL] (Pod Security Standards restricted: Capabilities)',
      'container "shell" adds capability CHOWN, which the Restricted profile does not allow: remove it from securityContext.capabilities.add (Pod Security Standards restricted: Capabilities)',
    ]);
  });

  it('tells the owners of a node agent how to accept a Baseline finding knowingly', () => {
    const agent = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: node-exporter}
spec:
  selector: {matchLabels: {app: node-exporter}}
  template:
    metadata: {labels: {app: node-exporter}}
    spec:
      hostNetwork: true
      containers: [{name: node-exporter, image: quay.io/prometheus/node-exporter:v1.8.2}]
`;
    expect(findings(agent, 'recommended').filter((f) => f.ruleId === 'host-namespaces')).toEqual([
      {
        ruleId: 'host-namespaces',
        line: 9,
        severity: 'warning',
        message:
          'DaemonSet "node-exporter" sets hostNetwork: true, so it can reach services bound to the node\'s localhost, sniff node traffic and escape NetworkPolicy: remove it, or, if this node agent needs it, keep it, run it in a namespace labelled pod-security.kubernetes.io/enforce: privileged and suppress this warning saying why (Pod Security Standards baseline: Host Namespaces)',
      },
    ]);
  });

  it("reports a pod's host paths once, naming each, and treats a pod pinned to a node as a node agent", () => {
    const job = `apiVersion: batch/v1
kind: Job
metadata: {name: wipe}
spec:
  template:
    spec:
      restartPolicy: Never
      nodeName: worker-1
      containers: [{name: wipe, image: busybox:1.36}]
      volumes:
        - {name: sock, hostPath: {path: /run/containerd/containerd.sock}}
        - {name: data, hostPath: {path: /var/lib/rook}}
`;
    expect(findings(job, 'recommended').filter((f) => f.ruleId === 'host-path')).toEqual([
      {
        ruleId: 'host-path',
        line: 11,
        severity: 'warning',
        message:
          'Job "wipe" mounts host paths "/run/containerd/containerd.sock", which reaches the container runtime socket and lets it start privileged containers (root on the node); "/var/lib/rook": use emptyDirs, PersistentVolumeClaims or configMaps instead, or, if this node agent needs it, keep it, run it in a namespace labelled pod-security.kubernetes.io/enforce: privileged and suppress this warning saying why (Pod Security Standards baseline: HostPath Volumes)',
      },
    ]);
  });

  const AGENT = (kind: string, pinning: string): string => `apiVersion: apps/v1
kind: ${kind}
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
${pinning}      containers:
        - name: agent
          image: example/agent:1.0
          securityContext: {privileged: true}
`;

  it('never treats an application as a node agent, even one pinned to a node', () => {
    const severities = (text: string): string[] =>
      findings(text, 'recommended')
        .filter((f) => f.ruleId === 'privileged')
        .map((f) => `${f.line} ${f.severity}`);
    expect(severities(AGENT('DaemonSet', ''))).toEqual(['12 warning']);
    expect(severities(AGENT('Deployment', ''))).toEqual(['12 error']);
    expect(severities(AGENT('Deployment', '      nodeName: worker-1\n'))).toEqual(['13 error']);
    expect(severities(AGENT('StatefulSet', '      nodeSelector: {kubernetes.io/hostname: worker-1}\n'))).toEqual(['13 error']);
    const pinnedPod = `apiVersion: v1
kind: Pod
metadata: {name: audit}
spec:
  nodeSelector: {kubernetes.io/hostname: worker-1}
  containers: [{name: audit, image: example/audit:1.0, securityContext: {privileged: true}}]
`;
    expect(severities(pinnedPod)).toEqual(['6 warning']);
    expect(severities(pinnedPod.replace('  nodeSelector: {kubernetes.io/hostname: worker-1}\n', ''))).toEqual(['5 error']);
  });

  it("a node agent's warning follows the configured severity down, never up", () => {
    const daemonSet = AGENT('DaemonSet', '');
    const severity = (setting: RuleSetting): string[] =>
      findings(daemonSet, 'recommended', { privileged: setting })
        .filter((f) => f.ruleId === 'privileged')
        .map((f) => f.severity);
    expect(severity('error')).toEqual(['warning']);
    expect(severity('warning')).toEqual(['warning']);
    expect(severity('info')).toEqual(['info']);
    expect(severity('off')).toEqual([]);
    const deployment = AGENT('Deployment', '');
    expect(findings(deployment, 'recommended', { privileged: 'warning' }).filter((f) => f.ruleId === 'privileged')).toMatchObject([
      { severity: 'warning' },
    ]);
  });
});
