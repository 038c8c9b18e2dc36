/** The placeholder detector: what a tool fills in later, and what only looks like it. */
import { describe, expect, it } from 'vitest';
import {
  countPlaceholders,
  hasNamePlaceholder,
  hasPlaceholder,
  isNamePath,
  isPlaceholderAt,
  isPlaceholder,
  isSopsEncrypted,
  containsPlaceholder,
  mayMatchOnceFilled,
} from '../../src/k8s/placeholders.js';

describe('hasPlaceholder', () => {
  it.each([
    ['${APP}', true],
    ['${VAR:=default}', true],
    ['${VAR:-default}', true],
    ['${VAR:+x}', true],
    ['${cluster_domain}', true],
    ['web-${ENV}.example.com', true],
    ['repo/web:${TAG}', true],
    ['$${VAR}', false], // Flux's escape: a literal
    ['$IMAGE', true],
    ['registry/$IMAGE_NAME:v1', true],
    ['$(POD_NAME)', false], // Kubernetes' own dependent variable
    ['--name=$(POD_NAME)', false],
    ['$2a$10$N9qo8uLOickgx2ZMRZoMye', false], // a bcrypt hash, not $N9...
    ['pa$sword', false], // lower case is no envsubst name here
    ['\\$HOME', false],
    ['$$HOME', false],
    ['<PROJECT_ID>', true],
    ['gcr.io/<PROJECT_ID>/app', true],
    ['<some-thing>', true],
    ['<your_bucket>', true],
    ['registry.<your domain>', true], // a documentation example's fill-in (ingress host)
    ['<html>', false],
    ['a < b > c', false],
    ['x <b>bold</b>', false],
    ['__NAME__', true],
    ['app-__ENV__', true],
    ['__init__', false],
    ['{{ .Values.image }}', true],
    ['{{x}}', true],
    ['{ x }', false],
    ['ENC[AES256_GCM,data:abc=,iv:x,tag:y,type:str]', true],
    ['ENC', false],
    ['nginx:1.27.2', false],
    ['', false],
    ['NAMESPACE', false], // sed-style only where a name must stand
    ['_', false],
  ])('%j -> %s', (value, expected) => {
    expect(hasPlaceholder(value)).toBe(expected);
  });
});

describe('hasNamePlaceholder', () => {
  it.each([
    ['NAMESPACE', true],
    ['PVC_NAME', true],
    ['APP1_NAME', true],
    ['_', true],
    ['app-ENV_NAME', true],
    ['${APP}', true],
    ['<name>', false], // one word in lower case: an HTML-ish tag, no marker
    ['web', false],
    ['MyApp', false], // a real mistake, left to invalid-name
    ['MY-APP', false],
    ['my_app', false],
    ['A', false], // too short to tell from a mistake
  ])('%j -> %s', (value, expected) => {
    expect(hasNamePlaceholder(value)).toBe(expected);
  });
});

describe('isNamePath', () => {
  it.each([
    [['metadata', 'name'], true],
    [['metadata', 'namespace'], true],
    [['metadata', 'generateName'], true],
    [['spec', 'scaleTargetRef', 'name'], true],
    [['spec', 'template', 'spec', 'volumes', 0, 'persistentVolumeClaim', 'claimName'], true],
    [['spec', 'template', 'spec', 'serviceAccountName'], true],
    [['spec', 'containers', 0, 'env', 2, 'name'], false],
    [['metadata', 'labels', 'name'], false],
    [['data', 'name'], false],
    [['spec', 'securityContext', 'windowsOptions', 'runAsUserName'], false],
    [['spec', 'replicas'], false],
    [[], false],
  ])('%j -> %s', (path, expected) => {
    expect(isNamePath(path)).toBe(expected);
  });

  it('judges sed-style tokens as placeholders only at name paths', () => {
    expect(isPlaceholderAt('PVC_NAME', ['spec', 'volumes', 0, 'persistentVolumeClaim', 'claimName'])).toBe(true);
    expect(isPlaceholderAt('PVC_NAME', ['spec', 'containers', 0, 'env', 0, 'value'])).toBe(false);
    expect(isPlaceholderAt(3, ['spec', 'replicas'])).toBe(false);
  });

  it('never takes a text of several lines for a placeholder value, a block scalar of one line is one', () => {
    expect(isPlaceholderAt('cd ${HOME}\nexport PASSWORD=x\n', ['data', 'init.sh'])).toBe(false);
    expect(isPlaceholderAt('${VALUE}\n', ['data', 'key'])).toBe(true);
  });
});

describe('isSopsEncrypted', () => {
  it.each([
    [{ sops: { mac: 'ENC[...]', lastmodified: '2024-01-01T00:00:00Z' } }, true],
    [{ sops: { mac: 'x' } }, false],
    [{ sops: 'yes' }, false],
    [{ sops: [] }, false],
    [{}, false],
  ])('%j -> %s', (value, expected) => {
    expect(isSopsEncrypted(value)).toBe(expected);
  });
});

describe('countPlaceholders', () => {
  it('counts each string value holding a placeholder once per path', () => {
    const shared = { cpu: '${CPU}', memory: '64Mi' };
    const value = {
      metadata: { name: 'APP_NAME', labels: { name: 'APP_NAME' } },
      spec: { replicas: '${REPLICAS}', a: shared, b: shared, args: ['$(POD_IP)', '--x=${X}'] },
    };
    // name (sed-style at a name path), replicas, cpu (twice: two paths), args[1]; not the label value, not $(POD_IP)
    expect(countPlaceholders(value)).toBe(5);
    expect(countPlaceholders(value, { skipTopKey: 'spec' })).toBe(1);
    // A key of that name below the top is counted.
    expect(countPlaceholders({ spec: { spec: '${X}' } }, { skipTopKey: 'spec' })).toBe(0);
    expect(countPlaceholders({ a: { spec: '${X}' } }, { skipTopKey: 'spec' })).toBe(1);
  });

  it('asks whether a string is literal text only of strings that look like placeholders', () => {
    const value = { a: '${A}', b: 'plain', c: { d: '${D}' } };
    const asked: (string | number)[] = [];
    const count = countPlaceholders(value, {
      isLiteral: (container, key) => {
        asked.push(key);
        return container === value && key === 'a';
      },
    });
    expect(count).toBe(1);
    expect(asked).toEqual(['a', 'd']);
  });
});

describe('mayMatchOnceFilled', () => {
  it.each([
    [{ app: 'web' }, { app: '${APP}' }, true],
    [{ app: 'web', tier: 'front' }, { app: '${APP}', tier: 'front' }, true],
    [{ app: 'web', tier: 'front' }, { app: '${APP}', tier: 'back' }, false],
    [{ app: 'web', tier: 'front' }, { app: '${APP}' }, false],
    [{ app: 'web' }, { app: 'web' }, false], // matches already: nothing to fill in
    [{ app: 'web' }, { app: 'api' }, false],
  ])('%j against %j -> %s', (selected, labels, expected) => {
    expect(mayMatchOnceFilled(selected, labels)).toBe(expected);
  });
});

describe('containsPlaceholder', () => {
  it.each([
    ['${X}', true],
    [['a', ['b', '{{ .Values.c }}']], true],
    [{ a: { b: '$IMAGE' } }, true],
    [{ '${KEY}': 'value' }, true], // a key is read too
    [{ a: ['$(POD_IP)', '$${LITERAL}'] }, false],
    [{ a: 1, b: null, c: true }, false],
    [3, false],
  ])('%j -> %s', (value, expected) => {
    expect(containsPlaceholder(value)).toBe(expected);
  });

  it('isPlaceholder reads only strings and takes names as names only when asked', () => {
    expect([
      isPlaceholder(3),
      isPlaceholder(null),
      isPlaceholder('${A}'),
      isPlaceholder('PVC_NAME'),
      isPlaceholder('PVC_NAME', { name: true }),
    ]).toEqual([false, false, true, false, true]);
  });
});
