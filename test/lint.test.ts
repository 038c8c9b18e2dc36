/** The library API: suppression, rule crashes, Lists, exit codes, config resolution. */
import { describe, expect, it } from 'vitest';
import { testRule } from './helpers/rules.js';
import { rules } from '../rules/index.js';
import { ConfigError, UsageError } from '../src/errors.js';
import { checkConfig, parseConfigText, resolveConfig, type RuleSetting } from '../src/engine/config.js';
import type { AnyRule } from '../src/engine/rule.js';
import { exitCodeOf } from '../src/exit.js';
import { lintText as lintAll } from '../src/lint.js';
import type { LintResults, Severity } from '../src/types.js';

/** These tests are about the engine: only the foundation's rules run, so outputs stay exact. */
const FOUNDATION_RULES = ['yaml-syntax', 'incomplete-object', 'no-bare-pod', 'image-tag', 'unused-disable'];
const ruleSet = rules.filter((r) => FOUNDATION_RULES.includes(r.id));
const lintText = (text: string, options: Parameters<typeof lintAll>[1] = {}): LintResults => lintAll(text, { ruleSet, ...options });

const POD = (name: string, image: string, extra = ''): string =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n${extra}spec:\n  containers:\n    - name: web\n      image: ${image}\n`;

function lines(results: LintResults): string[] {
  return results.files.flatMap((f) => f.findings.map((x) => `${x.line}:${x.column} ${x.ruleId}`));
}

describe('suppression', () => {
  it('the annotation suppresses the named rules on its object only', () => {
    const text = `${POD('a', 'nginx:latest', '  annotations:\n    kube-lint.io/ignore: "image-tag"\n')}---\n${POD('b', 'nginx:latest')}`;
    const results = lintText(text);
    expect(lines(results)).toEqual(['2:7 no-bare-pod', '13:7 no-bare-pod', '19:14 image-tag']);
    expect(results.summary.suppressed).toBe(1);
  });

  it('"all" in the annotation suppresses every rule', () => {
    const results = lintText(POD('a', 'nginx:latest', '  annotations:\n    kube-lint.io/ignore: all\n'));
    expect(lines(results)).toEqual([]);
    expect(results.summary.suppressed).toBe(2);
  });

  it('disable-next-line skips blank and comment lines, and covers only the named rule', () => {
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n    - name: web\n      # kube-lint-disable-next-line no-bare-pod\n\n      # a note\n      image: nginx:latest\n`;
    expect(lines(lintText(text))).toEqual(['2:7 no-bare-pod', '11:14 image-tag']);
    const all = text.replace('disable-next-line no-bare-pod', 'disable-next-line');
    expect(lines(lintText(all))).toEqual(['2:7 no-bare-pod']);
  });

  it('disable-line covers its own line', () => {
    const text = POD('a', 'nginx:latest # kube-lint-disable-line image-tag -- pinned by the registry');
    expect(lines(lintText(text))).toEqual(['2:7 no-bare-pod']);
  });

  it('a document directive covers its whole document and not the next one', () => {
    const text = `# kube-lint-disable image-tag, no-bare-pod\n${POD('a', 'nginx:latest')}---\n${POD('b', 'nginx:latest')}`;
    expect(lines(lintText(text))).toEqual(['12:7 no-bare-pod', '18:14 image-tag']);
  });

  it('reports unused suppressions only when asked', () => {
    const text = `# kube-lint-disable image-tag\n${POD('a', 'nginx:1.0')}`;
    expect(lines(lintText(text))).toEqual(['3:7 no-bare-pod']);
    expect(lines(lintText(text, { reportUnusedDisables: true }))).toEqual(['1:1 unused-disable', '3:7 no-bare-pod']);
  });
});

describe('files that may hold CRDs (parsed ahead of the others)', () => {
  it('are screened as every file is: BOM, lone \\r, nesting limit', () => {
    const inputs = [
      `\ufeff${POD('a', 'nginx:latest')}`,
      '\ufeffa: {x: 1, x: 2}\n',
      POD('b', 'nginx:latest').replace(/\n/g, '\r'),
      `a: ${'['.repeat(300)}${']'.repeat(300)}\n`,
    ];
    for (const text of inputs) {
      const withWord = lintText(`${text}\n# CustomResourceDefinition\n`);
      expect(lines(withWord), JSON.stringify(text.slice(0, 40))).toEqual(lines(lintText(`${text}\n# other\n`)));
      expect(withWord.summary).toEqual(lintText(`${text}\n# other\n`).summary);
    }
  });
});

describe('Lists and positions', () => {
  it('expands List items, each with its own position and path', () => {
    const text = `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n    metadata:\n      name: a\n    spec:\n      containers:\n        - name: web\n          image: nginx\n`;
    const results = lintText(text);
    const finding = results.files[0]?.findings.find((f) => f.ruleId === 'image-tag');
    expect(finding).toMatchObject({
      line: 11,
      column: 18,
      endLine: 11,
      endColumn: 23,
      path: 'items[0].spec.containers[0].image',
      object: { apiVersion: 'v1', kind: 'Pod', name: 'a' },
    });
    expect(results.summary.objects).toBe(1);
  });

  it('does not count empty documents (Helm leaves comment-only ones) as skipped', () => {
    const results = lintText(`---\n# Source: chart/templates/empty.yaml\n---\n${POD('a', 'nginx:1.0')}---\nreplicaCount: 1\n`);
    expect(results.summary).toMatchObject({ objects: 1, skippedDocuments: 1 });
  });

  it('quotes path keys that are not identifiers', () => {
    const text = POD('a', 'nginx:1.0', '  annotations:\n    kube-lint.io/ignore: image-tag\n');
    const results = lintText(text, { reportUnusedDisables: true });
    expect(results.files[0]?.findings.find((f) => f.ruleId === 'unused-disable')?.path).toBe('metadata.annotations["kube-lint.io/ignore"]');
  });

  it('keeps a duplicate key as a finding and still lints the document', () => {
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\nspec:\n  containers:\n    - name: web\n      image: nginx:latest\n`;
    expect(lines(lintText(text))).toEqual(['2:7 no-bare-pod', '5:3 yaml-syntax', '9:14 image-tag']);
  });
});

describe('rule crashes', () => {
  const crashing = testRule('crashes', 'A rule that throws, for tests', ({ object }) => {
    if (object.kind === 'Pod') throw new Error('boom');
    return [];
  });
  const withCrash: AnyRule[] = [...ruleSet, crashing];

  it('become an internal-error finding naming the rule and object; other rules still run; exit code 2', () => {
    const results = lintText(POD('a', 'nginx:latest'), { ruleSet: withCrash, filePath: 'pod.yaml' });
    expect(lines(results)).toEqual(['1:1 internal-error', '2:7 no-bare-pod', '8:14 image-tag']);
    expect(results.files[0]?.findings[0]?.message).toBe('rule "crashes" crashed on Pod a: boom. This is a kube-lint bug: please report it');
    expect(results.internalError).toBe(true);
    expect(exitCodeOf(results)).toBe(2);
  });

  it('cannot be suppressed', () => {
    const results = lintText(POD('a', 'nginx:1', '  annotations:\n    kube-lint.io/ignore: all\n'), { ruleSet: withCrash });
    expect(lines(results)).toEqual(['1:1 internal-error']);
  });
});

describe('per-finding severity', () => {
  // One finding per severity a report can ask for, and one that asks for none (the rule's own).
  const graded = testRule('graded', 'A rule whose reports carry their own severity, for tests', ({ object }) =>
    object.kind === 'Pod'
      ? [
          { path: ['metadata', 'name'], message: 'asks for nothing' },
          { path: ['metadata', 'name'], message: 'asks for error', severity: 'error' },
          { path: ['metadata', 'name'], message: 'asks for warning', severity: 'warning' },
          { path: ['metadata', 'name'], message: 'asks for info', severity: 'info' },
        ]
      : [],
  );
  const severities = (setting?: RuleSetting, defaultSeverity?: Severity): string[] => {
    const rule = defaultSeverity ? { ...graded, meta: { ...graded.meta, defaultSeverity } } : graded;
    const results = lintText(POD('a', 'nginx:1.0'), {
      ruleSet: [rule],
      config: setting === undefined ? {} : { rules: { graded: setting } },
    });
    return results.files.flatMap((f) => f.findings.map((x) => `${x.message}: ${x.severity}`)).sort();
  };

  it("lowers the rule's default severity, never raises it", () => {
    expect(severities()).toEqual(['asks for error: error', 'asks for info: info', 'asks for nothing: error', 'asks for warning: warning']);
    expect(severities(undefined, 'warning')).toEqual([
      'asks for error: warning',
      'asks for info: info',
      'asks for nothing: warning',
      'asks for warning: warning',
    ]);
  });

  it('lowers a severity set in the config too, and a rule that is off stays off', () => {
    expect(severities('error')).toEqual([
      'asks for error: error',
      'asks for info: info',
      'asks for nothing: error',
      'asks for warning: warning',
    ]);
    expect(severities('warning')).toEqual([
      'asks for error: warning',
      'asks for info: info',
      'asks for nothing: warning',
      'asks for warning: warning',
    ]);
    expect(severities(['info', {}])).toEqual([
      'asks for error: info',
      'asks for info: info',
      'asks for nothing: info',
      'asks for warning: info',
    ]);
    expect(severities('off')).toEqual([]);
  });

  it('counts each finding under its own severity', () => {
    const results = lintText(POD('a', 'nginx:1.0'), { ruleSet: [graded] });
    expect([results.summary.errors, results.summary.warnings, results.summary.infos]).toEqual([2, 1, 1]);
    expect(exitCodeOf(lintText(POD('a', 'nginx:1.0'), { ruleSet: [graded], config: { rules: { graded: 'warning' } } }))).toBe(0);
  });
});

describe('exit codes', () => {
  it('follow the failing level', () => {
    const warning = lintText(POD('a', 'nginx:1.0'));
    expect(exitCodeOf(warning)).toBe(0);
    expect(exitCodeOf(warning, { failOn: 'warning' })).toBe(1);
    expect(exitCodeOf(warning, { maxWarnings: 0 })).toBe(1);
    const error = lintText(POD('a', 'nginx:latest'));
    expect(exitCodeOf(error)).toBe(1);
    expect(exitCodeOf(error, { failOn: 'never' })).toBe(0);
  });
});

describe('configuration', () => {
  it('presets decide which rules run; config overrides severity and options', () => {
    const resolved = resolveConfig({ rules: { 'no-bare-pod': 'error', 'image-tag': ['warning', { requireDigest: true }] } }, rules, '/');
    const byId = new Map(resolved.rules.map((r) => [r.rule.id, r]));
    expect(byId.get('no-bare-pod')?.severity).toBe('error');
    expect(byId.get('image-tag')).toMatchObject({ severity: 'warning', options: { requireDigest: true, disallowedTags: ['latest'] } });
    expect(byId.has('unused-disable')).toBe(false);
    expect(resolveConfig({ extends: 'all' }, rules, '/').rules.map((r) => r.rule.id)).toContain('unused-disable');
    expect(resolveConfig({ rules: { 'image-tag': 'off' } }, rules, '/').rules.map((r) => r.rule.id)).not.toContain('image-tag');
  });

  it('rejects bad keys and values with a message naming them', () => {
    expect(() => checkConfig({ extends: 'strictest' }, 'c.yaml')).toThrow(ConfigError);
    expect(() => checkConfig({ extends: 'strictest' }, 'c.yaml')).toThrow(/"extends" must be one of \["recommended","strict","all"\]/);
    expect(() => checkConfig({ ignore: 'charts/**' }, 'c.yaml')).toThrow(/"ignore" must be array/);
    expect(() => parseConfigText('kubernetesVersion: 1.30\n', 'c.yaml')).toThrow(/quoted string/);
    expect(() => parseConfigText('rules: [\n', 'c.yaml')).toThrow(/not valid YAML or JSON/);
    expect(parseConfigText('', 'c.yaml')).toEqual({});
    expect(parseConfigText('{"extends": "strict"}', 'c.json')).toEqual({ extends: 'strict' });
  });

  it('normalises the Kubernetes version and refuses unknown ones', () => {
    expect(resolveConfig({ kubernetesVersion: 'v1.31.4' }, rules, '/').kubernetesVersion).toBe('1.31');
    expect(() => resolveConfig({ kubernetesVersion: '2.0' }, rules, '/')).toThrow(UsageError);
  });
});
