/**
 * Plain scalars as Kubernetes reads them (go-yaml v2 through sigs.k8s.io/yaml), checked in a
 * table, in both parsers, and against the `yaml` package's YAML 1.1 mode, which agrees except in
 * the few places listed here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseYaml, parseYamlExact } from '../src/load/parse.js';
import { resolvePlainScalar } from '../src/load/scalars.js';

/** [plain scalar, go-yaml v2 value, value of the `yaml` package in YAML 1.1 mode when different]. */
const TABLE: [string, unknown, unknown?][] = [
  // booleans: every go-yaml v2 spelling, and near misses that stay strings
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((s): [string, unknown] => [s, true]),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((s): [string, unknown] => [s, false]),
  ['yEs', 'yEs'],
  ['oN', 'oN'],
  ['tRUE', 'tRUE'],
  ['yes please', 'yes please'],
  // nulls
  ['~', null],
  ['null', null],
  ['Null', null],
  ['NULL', null],
  ['nULL', 'nULL'],
  // integers
  ['0', 0],
  ['42', 42],
  ['-17', -17],
  ['+17', 17],
  ['1_000', 1000],
  ['0755', 493],
  ['-0755', -493],
  ['00', 0],
  ['0o755', 493, '0o755'],
  ['0O17', 15, '0O17'],
  ['0x1F', 31],
  ['0X1f', 31, '0X1f'],
  ['-0x10', -16],
  ['0b101', 5],
  ['0B11', 3, '0B11'],
  ['08', 8],
  ['0x', '0x'],
  ['9007199254740993', 9007199254740992],
  ['18446744073709551615', 2 ** 64],
  // floats
  ['1.5', 1.5],
  ['-0.25', -0.25],
  ['1.', 1],
  ['.5', 0.5],
  ['+.5', 0.5],
  ['1e3', 1000],
  ['1E-3', 0.001],
  ['1.5e+3', 1500],
  ['1_000.5', 1000.5],
  ['.inf', Number.POSITIVE_INFINITY],
  ['-.Inf', Number.NEGATIVE_INFINITY],
  ['+.INF', Number.POSITIVE_INFINITY],
  ['.nan', Number.NaN],
  ['.NaN', Number.NaN],
  ['1e400', '1e400', Number.POSITIVE_INFINITY],
  ['.', '.', Number.NaN],
  ['._5', '._5', 0.5],
  ['-_1', -1, '-_1'],
  ['1e1_0', 1e10, '1e1_0'],
  // no sexagesimal numbers, no timestamps
  ['1:30', '1:30', 90],
  ['-1:30:00', '-1:30:00', -5400],
  ['1:30.5', '1:30.5', 90.5],
  ['2024-01-31', '2024-01-31', new Date('2024-01-31T00:00:00Z')],
  ['2001-12-14t21:59:43.10-05:00', '2001-12-14t21:59:43.10-05:00', new Date('2001-12-15T02:59:43.100Z')],
  // strings that look like something else
  ['1.2.3', '1.2.3'],
  ['1,000', '1,000'],
  ['v1', 'v1'],
  ['+', '+'],
  ['1e', '1e'],
  ['0.1.2', '0.1.2'],
  ['<<', '<<'],
  ['=', '='],
  ['nginx:1.27', 'nginx:1.27'],
  ['100m', '100m'],
  ['1Gi', '1Gi'],
];

describe('plain scalars as Kubernetes reads them', () => {
  it.each(TABLE.map(([text, value]) => [text, value] as const))('%s', (text, value) => {
    expect(resolvePlainScalar(text)).toStrictEqual(value);
    // As a key too, except `<<` (a merge key); a null key is named "" (Kubernetes refuses it).
    const asKey = text !== '<<';
    const doc = asKey ? `v: ${text}\n${text}: k\n` : `v: ${text}\n`;
    const exact = parseYamlExact(doc).documents[0]?.value;
    const fast = parseYaml(doc).documents[0]?.value;
    expect(exact).toStrictEqual(
      asKey ? { v: value, [value === null ? '' : String(value as string | number | boolean)]: 'k' } : { v: value },
    );
    expect(fast).toStrictEqual(exact);
  });

  it.each(TABLE.map(([text, value, yaml11]) => [text, yaml11 === undefined ? value : yaml11] as const))(
    '%s in the yaml package, YAML 1.1 mode',
    (text, expected) => {
      const value: unknown = (parse(`v: ${text}`, { version: '1.1' }) as { v: unknown }).v;
      if (typeof expected === 'number' && typeof value === 'number')
        expect(value === expected || (Number.isNaN(value) && Number.isNaN(expected))).toBe(true);
      else expect(value).toStrictEqual(expected);
    },
  );

  it('agrees with YAML 1.1 on decimal, hex and binary numbers', () => {
    const number = fc.oneof(
      fc.stringMatching(/^[-+]?[1-9][0-9]{0,8}(\.[0-9]{0,4})?([eE][-+]?[0-9]{1,2})?$/),
      fc.stringMatching(/^[-+]?0x[0-9a-fA-F]{1,8}$/),
      fc.stringMatching(/^0b[01]{1,16}$/),
      fc.stringMatching(/^0[0-7]{1,8}$/),
    );
    fc.assert(
      fc.property(number, (text) => {
        const value: unknown = (parse(`v: ${text}`, { version: '1.1' }) as { v: unknown }).v;
        expect(resolvePlainScalar(text)).toBe(value === 0 ? 0 : value);
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});
