/** Shared securityContext resolution: inheritance, paths, Windows detection and the small tables. */
import { describe, expect, it } from 'vitest';
import { objectsOfDocument, type LintObject } from '../../src/load/objects.js';
import { parseYaml } from '../../src/load/parse.js';
import {
  hostPathAllowed,
  hostPathRisk,
  isWindowsPod,
  normalizeCapability,
  resolveSetting,
  seccompProfileForAnnotation,
  seccompTypeForAnnotation,
} from '../../src/k8s/security.js';
import { containersOf, podSpecOf } from '../../src/k8s/workloads.js';

function objectOf(text: string): LintObject {
  const document = parseYaml(text).documents[0];
  if (!document) throw new Error('no document');
  const object = objectsOfDocument(document, 'test.yaml').objects[0];
  if (!object) throw new Error('no object');
  return object;
}

const cronJob = objectOf(`
apiVersion: batch/v1
kind: CronJob
metadata: {name: job}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          securityContext:
            runAsNonRoot: true
            runAsUser: null
            seccompProfile: {type: RuntimeDefault}
          initContainers:
            - name: init
              securityContext:
                runAsNonRoot: false
          containers:
            - name: app
            - name: tool
              securityContext:
                seccompProfile: {type: Localhost, localhostProfile: p.json}
`);

describe('resolveSetting', () => {
  const [init, app, tool] = containersOf(cronJob);
  if (!init || !app || !tool) throw new Error('containers missing');
  const pod = ['spec', 'jobTemplate', 'spec', 'template', 'spec'];

  it('takes the container value over the pod value', () => {
    expect(resolveSetting(init, 'runAsNonRoot')).toEqual({
      value: false,
      level: 'container',
      path: [...pod, 'initContainers', 0, 'securityContext', 'runAsNonRoot'],
      containerPath: [...pod, 'initContainers', 0, 'securityContext', 'runAsNonRoot'],
      podPath: [...pod, 'securityContext', 'runAsNonRoot'],
    });
    expect(resolveSetting(tool, 'seccompProfile').value).toEqual({ type: 'Localhost', localhostProfile: 'p.json' });
  });

  it('inherits the pod value and points at it', () => {
    const setting = resolveSetting(app, 'runAsNonRoot');
    expect(setting.value).toBe(true);
    expect(setting.level).toBe('pod');
    expect(setting.path).toEqual([...pod, 'securityContext', 'runAsNonRoot']);
  });

  it('treats null as unset and points where the field belongs', () => {
    const setting = resolveSetting(app, 'runAsUser');
    expect(setting.value).toBeUndefined();
    expect(setting.level).toBeUndefined();
    expect(setting.path).toEqual([...pod, 'containers', 0, 'securityContext', 'runAsUser']);
  });

  it('never inherits container-only fields', () => {
    const setting = resolveSetting(app, 'allowPrivilegeEscalation');
    expect(setting.podPath).toBeUndefined();
    expect(setting.path).toEqual([...pod, 'containers', 0, 'securityContext', 'allowPrivilegeEscalation']);
  });
});

describe('isWindowsPod', () => {
  const podOf = (spec: string): ReturnType<typeof podSpecOf> =>
    podSpecOf(objectOf(`apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${spec}\n  containers: [{name: c}]`));
  const windows = (spec: string): boolean => {
    const pod = podOf(spec);
    if (!pod) throw new Error('no pod spec');
    return isWindowsPod(pod);
  };
  it('reads spec.os.name first', () => {
    expect(windows('  os: {name: windows}')).toBe(true);
    expect(windows('  os: {name: linux}\n  nodeSelector: {kubernetes.io/os: windows}')).toBe(false);
  });
  it('falls back to the node selector and HostProcess', () => {
    expect(windows('  nodeSelector: {kubernetes.io/os: windows}')).toBe(true);
    expect(windows('  nodeSelector: {beta.kubernetes.io/os: windows}')).toBe(true);
    expect(windows('  securityContext: {windowsOptions: {hostProcess: true}}')).toBe(true);
    expect(windows('  nodeSelector: {kubernetes.io/os: linux}')).toBe(false);
  });
});

describe('tables', () => {
  it('compares host paths by whole segments', () => {
    expect(hostPathAllowed('/var/log/pods', ['/var/log'])).toBe(true);
    expect(hostPathAllowed('/var/log', ['/var/log/'])).toBe(true);
    expect(hostPathAllowed('//var//log/', ['/var/log'])).toBe(true);
    expect(hostPathAllowed('/var/logs', ['/var/log'])).toBe(false);
    expect(hostPathAllowed('/etc', [])).toBe(false);
    expect(hostPathAllowed('/anything', ['/'])).toBe(true);
  });

  it('names the well-known dangerous host paths', () => {
    expect(hostPathRisk('/run/containerd/containerd.sock')).toMatch(/container runtime socket/);
    expect(hostPathRisk('/var/lib/kubelet/')).toMatch(/secrets/);
    expect(hostPathRisk('/data')).toBeUndefined();
  });

  it('normalizes capability names', () => {
    expect(normalizeCapability('cap_sys_admin')).toBe('SYS_ADMIN');
    expect(normalizeCapability(' NET_RAW ')).toBe('NET_RAW');
  });

  it('translates seccomp annotations', () => {
    expect(seccompTypeForAnnotation('docker/default')).toBe('RuntimeDefault');
    expect(seccompTypeForAnnotation('unconfined')).toBe('Unconfined');
    expect(seccompTypeForAnnotation('localhost/a.json')).toBe('Localhost');
    expect(seccompTypeForAnnotation('bogus')).toBeUndefined();
    expect(seccompProfileForAnnotation('localhost/profiles/a.json')).toBe('{type: Localhost, localhostProfile: profiles/a.json}');
    expect(seccompProfileForAnnotation('unconfined')).toBe('{type: RuntimeDefault}');
  });
});
