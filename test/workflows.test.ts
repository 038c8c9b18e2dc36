/** The GitHub workflows call scripts and inputs that exist. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  jobs: Record<string, { steps: Step[]; strategy?: { matrix?: { node?: number[] } } }>;
}

function workflow(name: string): Workflow {
  return parse(readFileSync(path.join(ROOT, '.github/workflows', name), 'utf8')) as Workflow;
}

const scripts = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown> };

describe('.github/workflows', () => {
  it('ci.yml runs every check on Node 20 and 22', () => {
    const job = workflow('ci.yml').jobs.test;
    expect(job?.strategy?.matrix?.node).toEqual([20, 22]);
    const runs = (job?.steps ?? []).flatMap((s) => (s.run !== undefined ? [s.run] : []));
    expect(runs).toEqual([
      'npm ci',
      'npm run typecheck',
      'npm run lint',
      'npm run format:check',
      'npm test',
      'npm run check:action',
      'npm run validate:sarif',
    ]);
    for (const run of runs) {
      const script = /^npm run ([\w:-]+)$/.exec(run)?.[1];
      if (script !== undefined) expect(scripts[script], `package.json script ${script}`).toBeDefined();
    }
  });

  it('self-test.yml runs this Action with inputs it declares and uploads its SARIF', () => {
    const steps = workflow('self-test.yml').jobs.action?.steps ?? [];
    const own = steps.find((s) => s.uses === './');
    expect(own?.with).toEqual({ path: 'fixtures', 'fail-on': 'never', 'sarif-file': 'kube-lint.sarif' });
    for (const input of Object.keys(own?.with ?? {})) expect(action.inputs[input], `action.yml input ${input}`).toBeDefined();
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.with?.sarif_file).toBe('${{ steps.kube-lint.outputs.sarif-file }}');
  });
});
