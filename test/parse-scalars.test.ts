/** Scalars resolve as go-yaml v2 (kubectl, the API server) resolves them into plain data. */
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../src/load/parse.js';

function valueOf(text: string): unknown {
  const parsed = parseYaml(text);
  expect(parsed.problems).toEqual([]);
  return parsed.documents[0]?.value;
}

describe('YAML 1.1 scalars as go-yaml v2 reads them', () => {
  it('keeps timestamps as the strings written', () => {
    expect(valueOf('a: 2024-01-31\nb: 2024-01-31T12:00:00Z\n')).toEqual({ a: '2024-01-31', b: '2024-01-31T12:00:00Z' });
    // An explicit !!timestamp is a time for go-yaml; Kubernetes' YAML-to-JSON step prints it in RFC 3339.
    expect(valueOf('c: !!timestamp 2024-01-31\n')).toEqual({ c: '2024-01-31T00:00:00Z' });
  });

  it('reads base-60 numbers as strings', () => {
    expect(valueOf('time: 10:30\nlong: 190:20:30.15\n')).toEqual({ time: '10:30', long: '190:20:30.15' });
  });

  it('keeps the other YAML 1.1 forms', () => {
    expect(valueOf('mode: 0755\nhex: 0x1F\nenabled: yes\nbig: 1_000\nf: 1.5\n')).toEqual({
      mode: 493,
      hex: 31,
      enabled: true,
      big: 1000,
      f: 1.5,
    });
  });
});
