import { describe, expect, it } from 'vitest';
import { formatIntOrPercent, parseIntOrPercent, scaleIntOrPercent } from '../../src/k8s/intstr.js';

describe('parseIntOrPercent', () => {
  it('reads numbers, numeric strings and percentages', () => {
    expect(parseIntOrPercent(3)).toEqual({ kind: 'int', value: 3 });
    expect(parseIntOrPercent('3')).toEqual({ kind: 'int', value: 3 });
    expect(parseIntOrPercent('25%')).toEqual({ kind: 'percent', value: 25 });
    expect(parseIntOrPercent(0)).toEqual({ kind: 'int', value: 0 });
  });
  it('rejects what is not a count', () => {
    for (const bad of [-1, 1.5, '1.5%', 'abc', '%', '', null, undefined, true]) expect(parseIntOrPercent(bad)).toBeUndefined();
  });
});

describe('scaleIntOrPercent', () => {
  it('rounds percentages down or up, as intstr.GetScaledValueFromIntOrPercent', () => {
    expect(scaleIntOrPercent({ kind: 'percent', value: 25 }, 3, false)).toBe(0);
    expect(scaleIntOrPercent({ kind: 'percent', value: 25 }, 3, true)).toBe(1);
    expect(scaleIntOrPercent({ kind: 'percent', value: 99 }, 3, false)).toBe(2);
    expect(scaleIntOrPercent({ kind: 'percent', value: 100 }, 3, false)).toBe(3);
    expect(scaleIntOrPercent({ kind: 'percent', value: 50 }, 4, true)).toBe(2);
  });
  it('keeps absolute values', () => {
    expect(scaleIntOrPercent({ kind: 'int', value: 7 }, 3, false)).toBe(7);
  });
  it('formats for messages', () => {
    expect(formatIntOrPercent({ kind: 'percent', value: 25 })).toBe('25%');
    expect(formatIntOrPercent({ kind: 'int', value: 1 })).toBe('1');
  });
});
