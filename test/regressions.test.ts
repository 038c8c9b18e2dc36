/** Inputs that once broke kube-lint (see test/regressions/README.md), linted as the CLI and the API would. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint, lintText } from '../src/lint.js';
import { decodeBuffer } from '../src/load/read.js';
import { brokenInvariant } from './helpers/invariants.js';

const DIR = path.join(import.meta.dirname, 'regressions');
const INPUTS = readdirSync(DIR)
  .filter((f) => f !== 'README.md')
  .sort();

describe('regression inputs', () => {
  it('are listed in the README', () => {
    const readme = readFileSync(path.join(DIR, 'README.md'), 'utf8');
    expect(INPUTS.length).toBeGreaterThan(0);
    for (const name of INPUTS) expect(readme, name).toContain(`\`${name}\``);
  });

  it.each(INPUTS)('%s: no exception, no internal error, every finding inside the text', async (name) => {
    const bytes = readFileSync(path.join(DIR, name));
    const decoded = decodeBuffer(bytes);
    const text = decoded.ok ? decoded.text : bytes.toString('latin1');
    const inProcess = lintText(text, { config: { extends: 'all' }, filePath: name });
    expect(brokenInvariant(text, inProcess)).toBeUndefined();
    const fromDisk = await lint([name], { cwd: DIR, config: { extends: 'all' } });
    expect(fromDisk.internalError).toBe(false);
    if (decoded.ok) expect(brokenInvariant(decoded.text.replace(/^\uFEFF/, ''), fromDisk)).toBeUndefined();
  });
});
