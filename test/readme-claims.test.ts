/** What the README states as fact, kept true: the package's size, binary files' exit code, release tags. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from './helpers/built-cli.js';
import { runCli, tempTree } from './helpers/cli.js';

const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

describe('README claims', () => {
  it('states the packed and unpacked size of the package within 10%', () => {
    ensureBuilt();
    const claim = /The whole npm package is about (\d+) kB packed, ([\d.]+) MB unpacked/.exec(README);
    expect(claim).not.toBeNull();
    const packed = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    const { size, unpackedSize } = (JSON.parse(packed.stdout) as { size: number; unpackedSize: number }[])[0] ?? {
      size: 0,
      unpackedSize: 0,
    };
    expect(Math.abs(size / 1000 - Number(claim?.[1])) / Number(claim?.[1]), `packed ${size} bytes`).toBeLessThan(0.1);
    expect(Math.abs(unpackedSize / 1e6 - Number(claim?.[2])) / Number(claim?.[2]), `unpacked ${unpackedSize} bytes`).toBeLessThan(0.1);
  });

  it('says what a binary file does, and the command does it: skipped, exit code unchanged', () => {
    expect(README).toContain('it is listed as skipped and does not change the exit code.');
    const binary = Buffer.from([0x61, 0x3a, 0x00, 0x01, 0x02, 0x0a]);
    const cwd = tempTree({ 'secret.yaml': binary, 'clean.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n' });
    // With a manifest beside it: a run with nothing to lint at all exits 2 on its own (--allow-empty).
    for (const args of [['secret.yaml', 'clean.yaml'], ['.']]) {
      const run = runCli([...args, '-f', 'json'], { cwd });
      const report = JSON.parse(run.stdout) as { files: { filePath: string; status: string; reason?: string }[] };
      expect(run.code, args.join(' ')).toBe(0);
      expect(report.files.find((f) => f.filePath === 'secret.yaml')).toMatchObject({
        filePath: 'secret.yaml',
        status: 'skipped',
        reason: 'binary file (contains NUL bytes), not YAML',
        findings: [],
        errorCount: 0,
      });
    }
    // Unreadable is not binary: a missing file still fails the run.
    expect(runCli(['missing.yaml'], { cwd }).code).toBe(2);
  });

  it('names only release tags that exist', () => {
    const docs = [
      README,
      readFileSync(path.join(ROOT, 'docs/editors.md'), 'utf8'),
      readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8'),
    ];
    const named = docs.flatMap((text) => [...text.matchAll(/(?:kube-lint\/kube-lint@|rev:\s*)(v\d[\w.-]*)/g)].map((m) => m[1]));
    const git = spawnSync('git', ['tag', '--list'], { cwd: ROOT, encoding: 'utf8' });
    const tags = git.status === 0 ? git.stdout.split('\n').filter((t) => t !== '') : [];
    expect(named.filter((tag) => !tags.includes(tag ?? ''))).toEqual([]);
  });
});
