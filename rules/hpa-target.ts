import { defineRule, type RunReport } from '../src/engine/rule.js';
import {
  similarName,
  describeNamespace,
  namespaceOf,
  namespacesMatch,
  runIndexOf,
  type HpaEntry,
  type RunIndex,
} from '../src/k8s/index.js';
import { isBuiltinKind } from '../src/k8s/workloads.js';
import { describeObject } from '../src/k8s/values.js';

/** Built-in kinds with a scale subresource. Custom resources are assumed to have one. */
const SCALABLE = ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'];
/** Built-in kinds that have pods but cannot be scaled. */
const NOT_SCALABLE = ['DaemonSet', 'Job', 'CronJob', 'Pod'];

function missingTargetMessage(index: RunIndex, hpa: HpaEntry): { path: (string | number)[]; message: string } {
  const { kind, name, group } = hpa.target;
  const head = `${describeObject(hpa.object)} scales ${kind} "${name}"`;
  const namePath = ['spec', 'scaleTargetRef', 'name'];
  const scalable = SCALABLE.filter((k) => k !== kind).flatMap((k) => index.find(k, hpa.namespace, name))[0];
  if (scalable) {
    return {
      path: ['spec', 'scaleTargetRef', 'kind'],
      message: `${head} but the linted workload of that name is a ${scalable.kind ?? ''}: set scaleTargetRef.kind to ${scalable.kind ?? ''}`,
    };
  }
  const otherGroup = index.find(kind, hpa.namespace, name)[0];
  if (otherGroup) {
    return {
      path: ['spec', 'scaleTargetRef', 'apiVersion'],
      message: `${head} with apiVersion in group "${group ?? ''}" but ${describeObject(otherGroup)} is ${otherGroup.apiVersion ?? ''}: set scaleTargetRef.apiVersion to ${otherGroup.apiVersion ?? ''}`,
    };
  }
  const elsewhere = index.findInAnyNamespace(kind, name).find((o) => !namespacesMatch(namespaceOf(o), hpa.namespace));
  if (elsewhere) {
    return {
      path: namePath,
      message: `${head} but ${describeObject(elsewhere)} is in namespace "${namespaceOf(elsewhere)}", not "${hpa.namespace}": an HPA scales only workloads of its own namespace`,
    };
  }
  const sameKind = index.ofKind(kind, hpa.namespace);
  const near = similarName(name, sameKind);
  return {
    path: namePath,
    message: `${head} but no such ${kind} is among the linted objects in ${describeNamespace(hpa.namespace)}: ${near !== undefined ? `did you mean "${near}"?` : 'fix scaleTargetRef or lint the HPA together with its workload'}`,
  };
}

export default defineRule({
  id: 'hpa-target',
  meta: {
    description: 'A HorizontalPodAutoscaler targets a scalable workload that exists',
    category: 'correctness',
    defaultSeverity: 'error',
    presets: ['recommended'],
    scope: 'run',
    rationale:
      'An HPA whose scaleTargetRef names a workload that does not exist (a typo, a renamed Deployment, the wrong kind or namespace) does nothing: it reports FailedGetScale and the workload never scales. An HPA aimed at a DaemonSet, Job or CronJob fails the same way, since these kinds cannot be scaled. ' +
      "The target is matched by kind, name and namespace (the HPA's own; an object without metadata.namespace matches any namespace, since it goes wherever the manifests are applied), and by API group when scaleTargetRef.apiVersion is set (extensions and apps count as one group for Deployments). An HPA linted without any workload in the run is not judged.",
    remediation:
      "Set scaleTargetRef to the apiVersion, kind and metadata.name of a Deployment, StatefulSet, ReplicaSet or scalable custom resource in the HPA's namespace, and lint them together.",
    defaults: {},
  },
  checkRun({ objects }) {
    const index = runIndexOf(objects);
    const reports: RunReport[] = [];
    for (const hpa of index.hpas) {
      const targets = index.targetsOf(hpa);
      const target = targets[0];
      if (target === undefined) {
        const runHasTargetKind = index.pods.length > 0 || index.hasKind(hpa.target.kind);
        if (runHasTargetKind) reports.push({ object: hpa.object, ...missingTargetMessage(index, hpa) });
        continue;
      }
      const notScalable = NOT_SCALABLE.find((kind) => isBuiltinKind(target, kind));
      if (notScalable !== undefined) {
        reports.push({
          object: hpa.object,
          path: ['spec', 'scaleTargetRef', 'kind'],
          message: `${describeObject(hpa.object)} scales ${describeObject(target)}, which cannot be scaled: target a Deployment or StatefulSet, or remove the HPA`,
        });
      }
    }
    return reports;
  },
});
