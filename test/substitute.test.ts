/** Substitution variables with Flux's post-build semantics, on parsed documents. */
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../src/load/parse.js';
import { isLiteral, parseVarAssignments, substituteDocument, substituteString } from '../src/load/substitute.js';

const VARS = { APP: 'web', EMPTY: '', TAG: '1.2.3', REPLICAS: '3' };

describe('substituteString', () => {
  it.each([
    ['${APP}', 'web', false],
    ['${APP}-${TAG}', 'web-1.2.3', false],
    ['img:${TAG}', 'img:1.2.3', false],
    ['${MISSING}', '${MISSING}', false], // deviation from Flux: left unresolved, not emptied
    ['${MISSING:=dflt}', 'dflt', false],
    ['${MISSING:-dflt}', 'dflt', false],
    ['${MISSING=dflt}', 'dflt', false],
    ['${MISSING-dflt}', 'dflt', false],
    ['${APP:=dflt}', 'web', false],
    ['${APP:-dflt}', 'web', false],
    ['${EMPTY:=dflt}', 'dflt', false], // the colon forms treat empty as unset
    ['${EMPTY=dflt}', '', false],
    ['${APP:+alt}', 'alt', false],
    ['${MISSING:+alt}', '', false],
    ['${EMPTY:+alt}', '', false],
    ['${EMPTY+alt}', 'alt', false],
    ['$${APP}', '${APP}', true], // escaped: the literal text
    ['$${APP} and ${MISSING}', '${APP} and ${MISSING}', false],
    ['$(APP)', '$(APP)', false],
    ['$APP', '$APP', false], // Flux substitutes only the braced form
    ['plain', 'plain', false],
  ])('%j -> %j (literal: %s)', (text, value, literal) => {
    const result = substituteString(text, VARS);
    expect(result.value).toBe(value);
    expect(result.literal).toBe(literal);
    expect(result.changed).toBe(value !== text);
  });

  it('does not read variables from the prototype', () => {
    expect(substituteString('${constructor}', {}).value).toBe('${constructor}');
  });
});

describe('substituteDocument', () => {
  const text = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: ${APP}',
    'spec:',
    '  replicas: ${REPLICAS}',
    '  paused: ${PAUSED:=false}',
    '  quoted: "${REPLICAS}"',
    "  single: '${REPLICAS}'",
    '  block: |',
    '    ${REPLICAS}',
    '  escaped: $${APP}',
    '  list:',
    '    - ${REPLICAS}',
    '    - "${REPLICAS}"',
    '',
  ].join('\n');

  it('substitutes in place, retyping plain scalars only, and marks escaped literals', () => {
    const [document] = parseYaml(text).documents;
    if (!document) throw new Error('no document');
    expect(substituteDocument(document, VARS, text)).toBe(9);
    const value = document.value as { metadata: { name: string }; spec: Record<string, unknown> };
    expect(value.metadata.name).toBe('web');
    expect(value.spec).toEqual({
      replicas: 3,
      paused: false,
      quoted: '3',
      single: '3',
      block: '3\n',
      escaped: '${APP}',
      list: [3, '3'],
    });
    expect(isLiteral(value.spec, 'escaped')).toBe(true);
    expect(isLiteral(value.spec, 'quoted')).toBe(false);
    // Positions are those of the source.
    expect(document.locate(['spec', 'replicas'])).toMatchObject({ line: 6, column: 13 });
  });

  it('leaves a document without variables as it was', () => {
    const [document] = parseYaml(text).documents;
    if (!document) throw new Error('no document');
    const before = structuredClone(document.value);
    expect(substituteDocument(document, {}, text)).toBe(2); // the defaults and the escape
    expect((document.value as { metadata: unknown }).metadata).toEqual((before as { metadata: unknown }).metadata);
  });
});

describe('parseVarAssignments', () => {
  it('reads NAME=VALUE, the value may be empty or hold =', () => {
    expect(parseVarAssignments(['A=1', 'B=', 'C=x=y', '_d=ok'], '--var')).toEqual({ A: '1', B: '', C: 'x=y', _d: 'ok' });
  });

  it.each(['A', '=1', '1A=2', 'A-B=1', ' A=1'])('refuses %j, naming the source', (bad) => {
    expect(() => parseVarAssignments([bad], '--var')).toThrow(`--var takes NAME=VALUE`);
  });
});
