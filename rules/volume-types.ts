import { defineRule, type RuleReport } from '../src/engine/rule.js';
import { isRecord } from '../src/k8s/values.js';
import { describeWorkload, pssControl } from '../src/k8s/security.js';
import { podSpecOf } from '../src/k8s/workloads.js';

/** Volume sources the Restricted profile allows (hostPath is the host-path rule's). */
const ALLOWED = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);

const CONTROL = pssControl('restricted', 'Volume Types');

export default defineRule({
  id: 'volume-types',
  meta: {
    description: 'Pods use only the volume types of the Restricted profile, reaching storage through PersistentVolumeClaims',
    category: 'security',
    defaultSeverity: 'warning',
    presets: ['strict'],
    scope: 'object',
    rationale:
      "A volume that names its storage inline (nfs, iscsi, rbd, cephfs, awsElasticBlockStore, gcePersistentDisk, azureDisk, gitRepo, flexVolume, ...) lets whoever writes the pod attach any storage the node can reach, with the node's credentials, bypassing the StorageClass and PersistentVolume permissions an administrator controls; gitRepo even runs git on the node. The Restricted Pod Security Standard (control Volume Types) allows only configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected and secret (and image volumes). hostPath, which even Baseline forbids, is reported by `host-path`. Severity warning, in `strict`: inline volumes still work, and moving them behind a PersistentVolume is an administrative change.",
    remediation:
      'Define the storage as a PersistentVolume (or a StorageClass) and mount it through a persistentVolumeClaim volume; use an init container with an emptyDir instead of gitRepo.',
    defaults: {},
  },
  check({ object }) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const volumes = (pod.spec as unknown as Record<string, unknown>).volumes;
    if (!Array.isArray(volumes)) return [];
    const reports: RuleReport[] = [];
    volumes.forEach((volume: unknown, index) => {
      if (!isRecord(volume)) return;
      for (const key of Object.keys(volume)) {
        if (key === 'name' || key === 'hostPath' || ALLOWED.has(key)) continue;
        const name = typeof volume.name === 'string' ? volume.name : `#${index}`;
        reports.push({
          path: [...pod.path, 'volumes', index, key],
          target: 'key',
          message: `${describeWorkload(object)} mounts volume "${name}" of type ${key}: reach the storage through a persistentVolumeClaim instead${CONTROL}`,
        });
      }
    });
    return reports;
  },
});
