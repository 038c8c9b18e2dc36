/** The committed Action: action.yml matches src/action.ts, and dist/action/ is a fresh, reproducible build. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildAction, staleFiles } from '../scripts/build-action.js';

const ROOT = path.resolve(import.meta.dirname, '..');

interface ActionYaml {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as ActionYaml;
const source = readFileSync(path.join(ROOT, 'src/action.ts'), 'utf8');

describe('action.yml and dist/action', () => {
  it('runs the bundle on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/action/index.js' });
  });

  it('declares exactly the inputs and outputs that src/action.ts uses', () => {
    const inputs = [...source.matchAll(/getInput\('([a-z-]+)'\)/g)].map((m) => m[1]);
    const outputs = [...source.matchAll(/setOutput\('([a-z-]+)'/g)].map((m) => m[1]);
    expect(Object.keys(action.inputs).sort()).toEqual([...new Set(inputs)].sort());
    expect(Object.keys(action.outputs).sort()).toEqual([...new Set(outputs)].sort());
    expect(action.inputs.path?.default).toBe('.');
    expect(action.inputs['fail-on']?.default).toBe('error');
    expect(action.inputs.format?.default).toBe('stylish');
  });

  it('builds the same bytes twice', async () => {
    const [a, b] = [await buildAction(), await buildAction()];
    expect([...a.keys()]).toEqual(['dist/action/index.js', 'dist/action/licenses.txt']);
    expect(a).toEqual(b);
    const bundle = a.get('dist/action/index.js') ?? '';
    expect(bundle).not.toContain(ROOT);
    expect(bundle).not.toContain('node_modules/undici');
  });

  it('is up to date with the sources (npm run build:action, then commit dist/action/)', async () => {
    expect(await staleFiles()).toEqual([]);
  });
});
