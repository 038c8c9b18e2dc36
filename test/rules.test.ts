/** Every rule against its fixtures: exact rule ids and lines, too few and too many both fail. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { casesOf, expectationKey, expectationsOf, FIXTURES, findingKeyAgainst, runCase } from './helpers/fixtures.js';

describe.each(rules.map((r) => [r.id, r] as const))('rule %s', (id, rule) => {
  const cases = casesOf(id);

  it('has valid and invalid fixtures', () => {
    expect(cases.filter((c) => c.kind === 'valid').length, `fixtures/${id}/valid/ is empty`).toBeGreaterThan(0);
    expect(cases.filter((c) => c.kind === 'invalid').length, `fixtures/${id}/invalid/ is empty`).toBeGreaterThan(0);
  });

  it.each(cases.map((c) => [`${c.kind}/${c.name}`, c] as const))('%s', async (_name, fixture) => {
    const results = await runCase(rule, fixture);
    const expected = expectationsOf(fixture.files, FIXTURES);
    if (fixture.kind === 'valid') expect(expected, 'valid fixtures carry no "# expect:" markers').toEqual([]);
    else expect(expected.length, 'an invalid fixture marks at least one finding with "# expect:"').toBeGreaterThan(0);
    expect(results.internalError, 'no rule crashed').toBe(false);
    expect(results.summary.filesFailed).toBe(0);
    const findings = results.files.flatMap((f) => f.findings);
    for (const f of findings) {
      expect(f.line).toBeGreaterThanOrEqual(1);
      expect(f.column).toBeGreaterThanOrEqual(1);
      expect(f.message.length).toBeGreaterThan(10);
    }
    expect(findings.map((f) => findingKeyAgainst(f, expected)).sort()).toEqual(expected.map(expectationKey).sort());
  });
});

describe('rule metadata', () => {
  it('ids are unique and match their file names', () => {
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(existsSync(path.resolve(import.meta.dirname, '../rules', `${id}.ts`)), `rules/${id}.ts`).toBe(true);
  });

  it.each(rules.map((r) => [r.id, r] as const))('%s has complete metadata', (_id, rule) => {
    const meta = rule.meta;
    expect(meta.description.length).toBeGreaterThan(10);
    expect(meta.rationale.length).toBeGreaterThan(20);
    expect(meta.remediation.length).toBeGreaterThan(10);
    expect(['reliability', 'security', 'efficiency', 'correctness']).toContain(meta.category);
    expect(['error', 'warning', 'info']).toContain(meta.defaultSeverity);
    expect(rule.resolveOptions(undefined)).toEqual(meta.defaults);
  });

  it('rejects unknown options', () => {
    const rule = rules.find((r) => r.id === 'image-tag');
    if (!rule) throw new Error('image-tag is missing');
    const resolve = (raw: unknown): unknown => rule.resolveOptions(raw) as unknown;
    expect(() => resolve({ requireDigets: true })).toThrow(/unknown option "requireDigets"/);
    expect(() => resolve({ requireDigest: 'yes' })).toThrow(/requireDigest must be boolean/);
  });
});
