/**
 * The ported API server validation: its fixtures are schema-valid (each case is rejected by the
 * hand-written checks, not by the schema), every marker asserts its message, and the CronJob
 * schedule parser accepts and refuses what robfig/cron does.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { lint } from '../src/lint.js';
import { isKnownTimeZone, parseStandardCron } from '../src/k8s/validation/cron.js';
import { validateObject } from '../src/k8s/validation/index.js';
import { casesOf, expectationsOf, FIXTURES } from './helpers/fixtures.js';

const schemaRules = rules.filter((r) => r.id === 'schema' || r.id === 'invalid-name');

describe.each(['api-validation', 'api-warnings'])('%s fixtures', (id) => {
  const cases = casesOf(id);

  it('are schema-valid', async () => {
    const results = await lint(
      cases.map((c) => c.target),
      { cwd: FIXTURES, config: { extends: 'all' }, ruleSet: schemaRules },
    );
    const findings = results.files.flatMap((f) => f.findings.map((x) => `${path.basename(f.filePath)}:${x.line} ${x.message}`));
    expect(findings).toEqual([]);
  });

  it('assert the message of every finding', () => {
    const markers = cases.filter((c) => c.kind === 'invalid').flatMap((c) => expectationsOf(c.files, FIXTURES));
    expect(markers.filter((m) => m.message === undefined)).toEqual([]);
  });
});

it('has at least 150 rejected cases and 30 valid look-alikes', () => {
  const cases = casesOf('api-validation');
  const rejected = cases.filter((c) => c.kind === 'invalid').flatMap((c) => expectationsOf(c.files, FIXTURES));
  expect(rejected.length).toBeGreaterThanOrEqual(150);
});

describe('validateObject', () => {
  const secret = (stringData: Record<string, string>) => ({
    apiVersion: 'v1',
    kind: 'Secret',
    value: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'kubernetes.io/basic-auth', stringData },
  });

  it('requires username or password in a basic-auth Secret, as two errors', () => {
    expect(validateObject(secret({ user: 'a' }), '1.33').map((f) => f.message)).toEqual([
      'data[username]: Required value; add a username key',
      'data[password]: Required value; add a password key',
    ]);
    expect(validateObject(secret({ password: 'a' }), '1.33')).toEqual([]);
  });

  it('skips kinds and versions it does not know', () => {
    const value = { apiVersion: 'example.com/v1', kind: 'Deployment', spec: { replicas: -1 } };
    expect(validateObject({ apiVersion: value.apiVersion, kind: value.kind, value }, '1.33')).toEqual([]);
  });
});

describe('parseStandardCron (robfig/cron ParseStandard)', () => {
  it.each([
    '* * * * *',
    '*/5 * * * *',
    '0 9-17/2 * * 1-5',
    '0 0 1,15 * *',
    '30 4 * JAN,jul SUN',
    '0 0 ? * ?',
    '5/15 * * * *',
    '@yearly',
    '@midnight',
    '@every 90s',
    '@every 1.5h',
    'TZ=Europe/Paris 0 3 * * *',
    'CRON_TZ=UTC 0 3 * * *',
    '  0   3 * * *  ',
  ])('accepts %j', (spec) => {
    expect(parseStandardCron(spec)).toBeUndefined();
  });

  it.each([
    ['', 'empty spec string'],
    ['0 0 * *', 'expected exactly 5 fields, found 4: [0 0 * *]'],
    ['TZ=Nowhere/City 0 * * * *', 'provided bad location Nowhere/City: unknown time zone Nowhere/City'],
    ['0 0 * * -1', 'failed to parse int from : strconv.Atoi: parsing "": invalid syntax'],
    ['0 0 * * 1-7', 'end of range (7) above maximum (6): 1-7'],
    ['@every 1d', 'failed to parse duration @every 1d: time: invalid duration "1d"'],
  ])('refuses %j: %s', (spec, message) => {
    expect(parseStandardCron(spec)).toBe(message);
  });

  it('knows time zones as Go does, case-sensitively', () => {
    expect(isKnownTimeZone('Europe/Paris')).toBe(true);
    expect(isKnownTimeZone('Etc/GMT+3')).toBe(true);
    expect(isKnownTimeZone('europe/paris')).toBe(false);
    expect(isKnownTimeZone('Europe/../Paris')).toBe(false);
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
  });
});
