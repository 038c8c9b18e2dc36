/** The GitHub workflow-command format, escaped exactly as @actions/core escapes. */
import path from 'node:path';
import * as core from '@actions/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  annotationOf,
  escapeData,
  escapeProperty,
  formatGithub,
  workflowCommand,
  type AnnotationProperties,
} from '../src/format/github.js';
import type { Finding } from '../src/types.js';
import { lint, lintText } from './helpers/foundation.js';

const ROOT = path.resolve(import.meta.dirname, '..');

/** What @actions/core itself prints for an annotation. */
function coreLine(command: 'error' | 'warning' | 'notice', message: string, properties: AnnotationProperties): string {
  const written: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  try {
    core[command](message, properties);
  } finally {
    spy.mockRestore();
  }
  expect(written).toHaveLength(1);
  return (written[0] ?? '').replace(/\r?\n$/, '');
}

/** `::cmd k=v,k=v::data` -> parts. Property values cannot hold `,` once escaped, so the split is exact. */
function parseCommand(line: string): { command: string; properties: Record<string, string>; data: string } {
  const m = /^::([a-z]+)(?: ([^:]*))?::(.*)$/s.exec(line);
  if (!m?.[1]) throw new Error(`not a workflow command: ${line}`);
  const properties: Record<string, string> = {};
  for (const pair of (m[2] ?? '').split(',').filter((p) => p !== '')) {
    const at = pair.indexOf('=');
    properties[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return { command: m[1], properties, data: m[3] ?? '' };
}

const HOSTILE = [
  'plain',
  'a%b',
  '100%25',
  'line\nbreak',
  'cr\rlf\r\n',
  'co:lon',
  'com,ma',
  'x::error::pwned',
  'k=v,k2=v2',
  '%0A',
  'ünï 🙂',
];

afterEach(() => {
  vi.restoreAllMocks();
});

describe('github format', () => {
  it('escapes data and properties as @actions/core does, for hostile values', () => {
    for (const value of HOSTILE) {
      const properties: AnnotationProperties = {
        title: `t ${value}`,
        file: `dir/${value}.yaml`,
        startLine: 3,
        endLine: 3,
        startColumn: 5,
        endColumn: 9,
      };
      for (const command of ['error', 'warning', 'notice'] as const) {
        const ours = workflowCommand(command, properties, value);
        const theirs = coreLine(command, value, properties);
        expect(ours).not.toMatch(/[\r\n]/);
        expect(parseCommand(ours)).toEqual(parseCommand(theirs));
      }
    }
    expect(escapeData('a%b\r\n:,')).toBe('a%25b%0D%0A:,');
    expect(escapeProperty('a%b\r\n:,')).toBe('a%25b%0D%0A%3A%2C');
  });

  it('leaves out empty properties, as @actions/core does', () => {
    const ours = workflowCommand('warning', { title: '', file: 'a.yaml', startLine: 0 }, 'm');
    expect(ours).toBe('::warning file=a.yaml::m');
    expect(parseCommand(coreLine('warning', 'm', { title: '', file: 'a.yaml', startLine: 0 }))).toEqual(parseCommand(ours));
  });

  it('writes one annotation per finding, with the level of its severity', async () => {
    const results = await lint(['fixtures/image-tag/invalid/cronjob-and-list.yaml', 'missing.yaml'], { cwd: ROOT });
    expect(formatGithub(results).split('\n')).toEqual([
      '::error file=fixtures/image-tag/invalid/cronjob-and-list.yaml,line=17,col=26,endLine=17,endColumn=33,title=image-tag (batch/v1 CronJob nightly)::container "job" uses image "busybox" with no tag, which means latest: pin a version or digest',
      '::warning file=fixtures/image-tag/invalid/cronjob-and-list.yaml,line=19,col=11,endLine=19,endColumn=14,title=no-bare-pod (v1 Pod debug)::Pod "debug" has no controller and will not be recreated if it dies: create it from a Deployment, StatefulSet, DaemonSet or Job',
      '::error file=fixtures/image-tag/invalid/cronjob-and-list.yaml,line=28,col=18,endLine=28,endColumn=32,title=image-tag (v1 Pod debug)::ephemeral container "dbg" uses image "busybox:latest": the "latest" tag floats, pin a version or digest',
      '::error file=missing.yaml,title=kube-lint::failed: no such file or directory',
      '3 problems (2 errors, 1 warning); 2 objects in 1 file linted, 1 file FAILED',
      '',
    ]);
  });

  it('writes notices for info findings and drops columns of a range over several lines', () => {
    const results = lintText('apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n    - name: c\n      image: x:1\n', {
      rules: { 'no-bare-pod': 'info' },
      filePath: 'pod.yaml',
    });
    expect(formatGithub(results).split('\n')[0]).toBe(
      '::notice file=pod.yaml,line=2,col=7,endLine=2,endColumn=10,title=no-bare-pod (v1 Pod a)::Pod "a" has no controller and will not be recreated if it dies: create it from a Deployment, StatefulSet, DaemonSet or Job',
    );
    const wide = { line: 4, column: 3, endLine: 9, endColumn: 2, ruleId: 'r', filePath: 'f.yaml' } as Finding;
    expect(annotationOf(wide)).toEqual({ title: 'r', file: 'f.yaml', startLine: 4, endLine: 9 });
  });

  it('keeps a hostile message on one line', () => {
    const results = lintText('apiVersion: v1\nkind: Pod\nmetadata:\n  name: "x\\n::error file=a::pwned%0A"\n', { filePath: 'p,o:d.yaml' });
    const lines = formatGithub(results).trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(
      '::warning file=p%2Co%3Ad.yaml,line=2,col=7,endLine=2,endColumn=10,title=no-bare-pod (v1 Pod x%0A%3A%3Aerror file=a%3A%3Apwned%250A)::Pod "x%0A::error file=a::pwned%250A" has no controller and will not be recreated if it dies: create it from a Deployment, StatefulSet, DaemonSet or Job',
    );
  });
});
