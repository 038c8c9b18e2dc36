import { defineRule } from '../src/engine/rule.js';
import { isRecord } from '../src/k8s/values.js';
import { isBuiltinKind } from '../src/k8s/workloads.js';

export default defineRule({
  id: 'no-bare-pod',
  meta: {
    description: 'Pods are created by a controller (Deployment, StatefulSet, DaemonSet, Job), not on their own',
    category: 'reliability',
    defaultSeverity: 'warning',
    presets: ['recommended'],
    scope: 'object',
    rationale:
      'A bare Pod is not rescheduled when its node fails, drains or is upgraded, and cannot be rolled out or scaled. A controller keeps the desired number of pods running and replaces them on change.',
    remediation:
      'Wrap the pod spec in a Deployment (stateless), StatefulSet (stable identity or storage), DaemonSet (one per node) or Job (run to completion), with the Pod spec under spec.template.',
    defaults: {},
  },
  check({ object }) {
    if (!isBuiltinKind(object, 'Pod')) return [];
    const metadata = object.value.metadata;
    const owners = isRecord(metadata) && Array.isArray(metadata.ownerReferences) ? metadata.ownerReferences : [];
    if (owners.some((o) => isRecord(o) && o.controller === true)) return [];
    return [
      {
        path: ['kind'],
        message: `Pod "${object.name ?? '(unnamed)'}" has no controller and will not be recreated if it dies: create it from a Deployment, StatefulSet, DaemonSet or Job`,
      },
    ];
  },
});
