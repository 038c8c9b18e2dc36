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
    const inputs = [...source.matchAll(/\b(?:getInput|input|list|bool|lines|flag)\('([a-z-]+)'\)/g)].map((m) => m[1]);
    const outputs = [...source.matchAll(/setOutput\('([a-z-]+)'/g)].map((m) => m[1]);
    expect(Object.keys(action.inputs).sort()).toEqual([...new Set(inputs)].sort());
    expect(Object.keys(action.outputs).sort()).toEqual([...new Set(outputs)].sort());
    expect(action.inputs.path?.default).toBe('.');
    expect(action.inputs['fail-on']?.default).toBe('error');
    expect(action.inputs.format?.default).toBe('stylish');
  });

  it('builds the same bytes twice: the Action, its worker thread, their shared chunks, the licences and the prebuilt validators', async () => {
    const [a, b] = [await buildAction(), await buildAction()];
    const names = [...a.keys()];
    expect(names).toEqual(expect.arrayContaining(['dist/action/index.js', 'dist/action/worker.js', 'dist/action/licenses.txt']));
    for (const name of names) expect(name).toMatch(/^dist\/action\/([\w.-]+\.(js|txt)|validators\/[0-9a-f]{64}\.js\.br)$/);
    expect(names.filter((name) => name.endsWith('.js.br')).length).toBeGreaterThanOrEqual(30);
    expect(a).toEqual(b);
    for (const [name, text] of a) {
      if (!name.endsWith('.js')) continue;
      expect(text).not.toContain(ROOT);
      expect(text).not.toContain('node_modules/undici');
      // A runner has no node_modules: nothing may be loaded from there at run time.
      expect(text, name).not.toMatch(/\brequire\d*\(\s*["'](yaml|ajv|js-yaml|glob|minimatch)["']\s*\)/);
    }
  });

  it('is up to date with the sources (npm run build:action, then commit dist/action/)', async () => {
    expect(await staleFiles()).toEqual([]);
  });
});
