/**
 * Custom resources as the API server judges them: the bundled CRD catalog, CEL rules
 * (x-kubernetes-validations), list types and embedded resources; CRDs whose rules do not compile.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { lint, lintText } from '../src/index.js';
import { compileCel } from '../src/cel/index.js';
import { crdRuleProblem, parseFieldPath } from '../src/schema/cel-rules.js';
import type { SchemaNode } from '../src/schema/types.js';
import { BUILT_CLI, ensureBuilt } from './helpers/built-cli.js';

const REPO = path.resolve(import.meta.dirname, '..');
const FIXTURES = path.join(REPO, 'fixtures/cel-rule');

interface Found {
  line: number;
  ruleId: string;
  message: string;
}

async function findings(target: string, rules: string[] = ['cel-rule', 'schema', 'unknown-kind']): Promise<Found[]> {
  const results = await lint([target], {
    cwd: REPO,
    config: { rules: Object.fromEntries(rules.map((r) => [r, 'error'])) },
    presets: [],
  } as Parameters<typeof lint>[1]);
  return results.files.flatMap((f) => f.findings.map((x) => ({ line: x.line, ruleId: x.ruleId, message: x.message })));
}

describe('the bundled CRD catalog', () => {
  const dir = path.join(REPO, 'schemas/crds');
  const index = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8')) as {
    groups: Record<string, { file: string; kinds: Record<string, { kind: string; versions: string[] }> }>;
  };

  it('has the groups of widely used projects, each in its own file', () => {
    expect(Object.keys(index.groups).length).toBeGreaterThanOrEqual(115);
    for (const group of [
      'helm.toolkit.fluxcd.io',
      'cert-manager.io',
      'gateway.networking.k8s.io',
      'monitoring.coreos.com',
      'argoproj.io',
    ]) {
      expect(index.groups[group]?.file).toBe(`${group}.json.br`);
    }
    expect(index.groups['kustomize.config.k8s.io']).toBeUndefined();
    expect(readdirSync(dir).filter((f) => f.endsWith('.json.br'))).toHaveLength(Object.keys(index.groups).length);
  });

  it('every CEL rule in it compiles and names only fields of its schema', () => {
    let rules = 0;
    let messageExpressions = 0;
    const problems: string[] = [];
    for (const { file } of Object.values(index.groups)) {
      const bundle = JSON.parse(brotliDecompressSync(readFileSync(path.join(dir, file))).toString('utf8')) as {
        schemas: Record<string, SchemaNode>;
        shared: SchemaNode[];
      };
      const resolve = (n: unknown): unknown => {
        if (Array.isArray(n)) return n.map(resolve);
        if (typeof n !== 'object' || n === null) return n;
        const r = n as Record<string, unknown>;
        if (typeof r.$shared === 'number' && Object.keys(r).length === 1) return resolve(bundle.shared[r.$shared]);
        return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, resolve(v)]));
      };
      const visit = (schema: SchemaNode, root: boolean, where: string): void => {
        const list = schema['x-kubernetes-validations'];
        if (Array.isArray(list)) {
          for (const r of list as { rule?: string; messageExpression?: string }[]) {
            if (typeof r.rule === 'string') {
              rules++;
              const p = crdRuleProblem(schema, r.rule, root);
              if (p !== undefined) problems.push(`${where}: ${p}: ${r.rule}`);
            }
            if (typeof r.messageExpression === 'string') {
              messageExpressions++;
              const c = compileCel(r.messageExpression, ['self', 'oldSelf']);
              if (!c.ok) problems.push(`${where}: ${c.error}: ${r.messageExpression}`);
            }
          }
        }
        for (const key of ['properties', 'additionalProperties', 'items'] as const) {
          const child = schema[key];
          if (key === 'properties' && typeof child === 'object' && child !== null) {
            for (const [name, s] of Object.entries(child))
              if (typeof s === 'object' && s !== null) visit(s as SchemaNode, false, `${where}.${name}`);
          } else if (typeof child === 'object' && child !== null && !Array.isArray(child)) visit(child, false, `${where}[]`);
        }
      };
      for (const [name, schema] of Object.entries(bundle.schemas)) visit(resolve(schema) as SchemaNode, true, `${file}:${name}`);
    }
    expect(problems).toEqual([]);
    // 2,280 rules (719 distinct), no messageExpression: update with a catalog refresh.
    expect(rules).toBe(2280);
    expect(messageExpressions).toBe(0);
  });
});

describe('CEL rules of custom resources', () => {
  it('Gateway API: rules on a list report at the list, rules on items at the item', async () => {
    const found = await findings(path.join(FIXTURES, 'invalid/gateway-api.yaml'), ['cel-rule']);
    expect(found.map((f) => [f.line, f.message.replace(/ \(CEL rule .*$/, '')])).toEqual([
      [8, "hostname must not be specified for protocols ['TCP', 'UDP']"],
      [8, "tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']"],
      [34, 'filter.requestHeaderModifier must be specified for RequestHeaderModifier filter.type'],
    ]);
    expect(found[0]?.message).toContain(
      "(CEL rule `self.all(l, l.protocol in ['TCP', 'UDP'] ? (!has(l.hostname) || l.hostname == '') : true)` of the CRD)",
    );
  });

  it('Flux: HelmRelease and Bucket rules; ${...} placeholders are not judged', async () => {
    expect(
      (await findings(path.join(FIXTURES, 'invalid/flux.yaml'), ['cel-rule'])).map((f) => [
        f.line,
        f.message.replace(/ \(CEL rule .*$/, ''),
      ]),
    ).toEqual([
      [7, 'either chart or chartRef must be set'],
      [19, ".retryInterval cannot be set when .name is 'RemediateOnFailure'"],
      [28, 'cannot set both .spec.secretRef and .spec.serviceAccountName'],
    ]);
    expect(await findings(path.join(FIXTURES, 'valid/flux.yaml'))).toEqual([]);
  });

  it('a CRD of our own: messageExpression, fieldPath, defaults read by rules, transition rules skipped, a runaway rule stopped', async () => {
    const started = Date.now();
    const found = await findings(path.join(FIXTURES, 'invalid/own-crd'), ['cel-rule']);
    expect(found.map((f) => [f.line, f.message.replace(/ \(CEL rule .*$/, '')])).toEqual([
      [6, 'minReplicas (5) must not exceed maxReplicas (3)'],
      [7, 'burst must be less than 10Gi'],
      [9, 'every member must be in an eu- zone, not us-east-1'],
      [
        19,
        'CEL rule `self.weights.all(a, self.weights.all(b, self.weights.all(c, self.weights.all(d, self.weights.all(...` of the CRD did not finish (more than 100000 iterations): the API server rejects an object whose rules exceed their cost budget; make the lists it iterates over shorter',
      ],
    ]);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('list-type map and set duplicates are schema findings in custom resources', () => {
    const crd = readFileSync(path.join(FIXTURES, 'invalid/own-crd/crd.yaml'), 'utf8');
    const text = `${crd}---
apiVersion: example.com/v1
kind: Pool
metadata:
  name: twice
spec:
  minReplicas: 1
  members:
    - name: a
      zone: eu-west-1
    - name: a
      zone: eu-west-2
`;
    const results = lintText(text, { config: { rules: { schema: 'error' } }, presets: [] } as Parameters<typeof lintText>[1]);
    const found = results.files.flatMap((f) => f.findings).filter((f) => f.ruleId === 'schema');
    expect(found.map((f) => [f.line, f.message])).toEqual([
      [
        text.split('\n').lastIndexOf('    - name: a') + 1,
        'spec.members[1] has the same name "a" as item 0: the API server rejects two items with the same name in this list (x-kubernetes-list-type: map); merge or rename them',
      ],
    ]);
  });

  it('a CRD whose rules do not compile is reported at each rule', async () => {
    expect((await findings(path.join(FIXTURES, 'invalid/crd-author'), ['cel-rule'])).map((f) => [f.line, f.message])).toEqual([
      [
        23,
        "CEL rule `self.capacity >= self.level` does not compile: no such field: 'capacity' is not in the schema of self; the API server rejects this CustomResourceDefinition",
      ],
      [
        24,
        'CEL rule `self.level >= 0 &&` does not compile: syntax error: 1:17: found & but expecting end of input; the API server rejects this CustomResourceDefinition',
      ],
      [
        25,
        "CEL rule `self.level.frobnicate()` does not compile: undeclared reference to 'frobnicate' (in container ''); the API server rejects this CustomResourceDefinition",
      ],
      [
        26,
        "CEL rule `self.items.all(i, i.volume > 0)` does not compile: no such field: 'volume' is not in the schema of self.items[]; the API server rejects this CustomResourceDefinition",
      ],
      [
        28,
        "messageExpression `'level ' + string(self.level) + ' over ' + string(self.limt)` does not compile: no such field: 'limt' is not in the schema of self; the API server rejects this CustomResourceDefinition",
      ],
    ]);
  });

  it('custom resources of catalog groups validate with no flag; a CRD in the run overrides the bundled schema', () => {
    const certificate = `apiVersion: cert-manager.io/v1
kind: Certificate
metadata:
  name: web
spec:
  secretName: web-tls
  dnsNames: web.example.com
  issuerRef:
    name: letsencrypt
`;
    const options = { config: { rules: { schema: 'error', 'unknown-kind': 'error', 'cel-rule': 'error' } } } as Parameters<
      typeof lintText
    >[1];
    const bundled = lintText(certificate, options).files.flatMap((f) => f.findings);
    expect(bundled.map((f) => [f.ruleId, f.line, f.message])).toEqual([
      ['schema', 7, expect.stringContaining('spec.dnsNames must be a list')],
    ]);
    const ownCrd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: certificates.cert-manager.io
spec:
  group: cert-manager.io
  names: { kind: Certificate, plural: certificates }
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          x-kubernetes-preserve-unknown-fields: true
---
`;
    expect(lintText(ownCrd + certificate, options).files.flatMap((f) => f.findings)).toEqual([]);
  });
});

describe('what a run loads', () => {
  // Records the files the command reads from schemas/crds and the CEL modules it loads.
  const PRELOAD = `const fs = require('node:fs'); const Module = require('node:module');
const seen = new Set(); const read = fs.readFileSync;
fs.readFileSync = function (p, ...rest) { if (String(p).includes('schemas/crds')) seen.add(String(p).replace(/.*schemas\\/crds\\//, 'crds/')); return read.call(this, p, ...rest); };
const load = Module._load;
Module._load = function (request, ...rest) { if (/cel\\.cjs$|@bufbuild/.test(request)) seen.add('cel'); return load.call(this, request, ...rest); };
process.on('exit', () => { process.stderr.write('LOADED ' + JSON.stringify([...seen].sort()) + '\\n'); });
`;

  it('no catalog file and no CEL for built-in kinds; the index, one group and CEL for a custom resource', () => {
    ensureBuilt();
    const dir = mkdtempSync(path.join(tmpdir(), 'kube-lint-cel-'));
    try {
      writeFileSync(path.join(dir, 'preload.cjs'), PRELOAD);
      writeFileSync(path.join(dir, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: v\n');
      writeFileSync(
        path.join(dir, 'hr.yaml'),
        'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: a\nspec:\n  interval: 1m\n  chartRef: {kind: OCIRepository, name: a}\n',
      );
      const loaded = (file: string): string[] => {
        const r = spawnSync(process.execPath, ['--require', path.join(dir, 'preload.cjs'), BUILT_CLI, '--no-cache', file], {
          cwd: dir,
          encoding: 'utf8',
        });
        const line = r.stderr.split('\n').find((l) => l.startsWith('LOADED '));
        return JSON.parse(line?.slice(7) ?? 'null') as string[];
      };
      expect(loaded('cm.yaml')).toEqual([]);
      expect(loaded('hr.yaml')).toEqual(['cel', 'crds/helm.toolkit.fluxcd.io.json.br', 'crds/index.json']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('fieldPath', () => {
  it('parses the forms Kubernetes accepts', () => {
    expect(parseFieldPath('.spec.ports')).toEqual(['spec', 'ports']);
    expect(parseFieldPath(".metadata['a.b/c']")).toEqual(['metadata', 'a.b/c']);
    expect(parseFieldPath('.items[2].name')).toEqual(['items', 2, 'name']);
    expect(parseFieldPath('spec')).toBeUndefined();
  });
});
