import { defineRule, type RuleReport } from '../src/engine/rule.js';
import { isRecord } from '../src/k8s/values.js';
import { describeWorkload, hostPathRisk, hostPathAllowed, pssControl, baselineFinding, NODE_AGENT_SEVERITY } from '../src/k8s/security.js';
import { hasPlaceholder } from '../src/k8s/placeholders.js';
import { containersOf, describeContainer, podSpecOf } from '../src/k8s/workloads.js';

export interface HostPathOptions {
  allowedPaths: string[];
  hostPorts: boolean;
}

/** Host paths named in one message; the rest are counted. */
const MAX_LISTED = 4;

export default defineRule<HostPathOptions>({
  id: 'host-path',
  meta: {
    description: "Pods do not mount the node's filesystem (hostPath volumes) or bind the node's ports (hostPort)",
    category: 'security',
    defaultSeverity: 'error',
    presets: ['recommended'],
    scope: 'object',
    rationale: `A hostPath volume puts a piece of the node's filesystem into the container, outside every isolation Kubernetes provides. Mounting the container runtime socket (/var/run/docker.sock, /run/containerd/containerd.sock) lets the pod start a privileged container: root on the node. /var/lib/kubelet holds every pod's secrets and service account tokens, /etc the node's credentials, and a writable mount can plant files that the node later executes. Findings are one per pod, at its first hostPath volume, naming the mounted paths. Even read-only mounts leak data from other tenants, and the pod's data is tied to one node and lost when it moves. A hostPort binds a port on the node's own address: it bypasses NetworkPolicy-style isolation on the node, exposes the pod outside the cluster network, and limits the workload to one pod per node and port. The Baseline Pod Security Standard forbids both (controls HostPath Volumes and Host Ports); severity error, in \`recommended\`, because a namespace that enforces Baseline (the Kubernetes project's minimum) rejects the pod. The well-known dangerous paths are named in the message: the container runtime sockets (docker.sock, containerd.sock, crio.sock), /, /etc, /proc, /sys, /dev, /var/run, /run, /var/lib/kubelet, /var/lib/docker, /boot, /lib/modules. ${NODE_AGENT_SEVERITY}`,
    remediation:
      'Use a volume type that does not reach into the node: emptyDir for scratch space, a PersistentVolumeClaim for data, configMap/secret/projected for configuration. Expose ports through a Service (ClusterIP, NodePort or LoadBalancer) instead of hostPort. For node agents that must read host files (log shippers reading /var/log), list the directory in `allowedPaths`, mount it `readOnly: true`, and keep such agents in a namespace with the privileged profile.',
    options: {
      properties: {
        allowedPaths: {
          type: 'array',
          items: { type: 'string', pattern: '^/' },
          description:
            'Host path prefixes that may be mounted, compared by whole path segments: "/var/log" allows /var/log and /var/log/pods, not /var/logs.',
        },
        hostPorts: { type: 'boolean', description: 'Also report containers that bind a hostPort.' },
      },
    },
    defaults: { allowedPaths: [], hostPorts: true },
  },
  check({ object, options }) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const reports: RuleReport[] = [];
    const workload = describeWorkload(object);
    const volumes = (pod.spec as unknown as Record<string, unknown>).volumes;
    if (Array.isArray(volumes)) {
      // One finding per pod, at its first hostPath volume, naming every mounted path.
      const mounted: { index: number; text: string }[] = [];
      volumes.forEach((volume: unknown, index) => {
        if (!isRecord(volume) || !isRecord(volume.hostPath)) return;
        const hostPath = typeof volume.hostPath.path === 'string' ? volume.hostPath.path : '';
        if (hostPath !== '' && hostPathAllowed(hostPath, options.allowedPaths)) return;
        const risk = hasPlaceholder(hostPath) ? undefined : hostPathRisk(hostPath);
        mounted.push({ index, text: `"${hostPath}"${risk ? `, ${risk}` : ''}` });
      });
      const first = mounted[0];
      if (first !== undefined) {
        const shown = mounted.slice(0, MAX_LISTED).map((m) => m.text);
        const more = mounted.length > MAX_LISTED ? ` and ${mounted.length - MAX_LISTED} more` : '';
        const paths = mounted.length === 1 ? `host path ${shown.join('')}` : `host paths ${shown.join('; ')}${more}`;
        reports.push({
          path: [...pod.path, 'volumes', first.index, 'hostPath'],
          ...baselineFinding(
            object,
            `${workload} mounts ${paths}`,
            mounted.length === 1
              ? 'use an emptyDir, a PersistentVolumeClaim or a configMap instead'
              : 'use emptyDirs, PersistentVolumeClaims or configMaps instead',
            pssControl('baseline', 'HostPath Volumes'),
          ),
        });
      }
    }
    if (!options.hostPorts) return reports;
    for (const ref of containersOf(object, { ephemeral: true })) {
      const ports = (ref.container as unknown as Record<string, unknown>).ports;
      if (!Array.isArray(ports)) continue;
      ports.forEach((port: unknown, index) => {
        if (!isRecord(port) || typeof port.hostPort !== 'number' || port.hostPort === 0) return;
        reports.push({
          path: [...ref.path, 'ports', index, 'hostPort'],
          ...baselineFinding(
            object,
            `${describeContainer(ref)} binds host port ${port.hostPort} on its node`,
            'remove hostPort and expose the port through a Service',
            pssControl('baseline', 'Host Ports'),
          ),
        });
      });
    }
    return reports;
  },
});
