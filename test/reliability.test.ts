/**
 * Hostile input (issue 7): kube-lint never crashes, hangs or reports "clean" for input it could
 * not read, whatever a repository holds. Each test names the guarantee it checks.
 */
import fs, { mkdirSync, promises as fsp, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testRule } from './helpers/rules.js';
import type { AnyRule } from '../src/engine/rule.js';
import { exitCodeOf } from '../src/exit.js';
import { formatCompact, formatJson, formatStylish } from '../src/format/index.js';
import { lint } from '../src/lint.js';
import { FOUNDATION_RULE_SET, lintText } from './helpers/foundation.js';
import { DEFAULT_LIMITS } from '../src/load/limits.js';
import type { Finding, LintResults } from '../src/types.js';
import { tempTree } from './helpers/cli.js';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:latest
`;

function lines(results: LintResults): string[] {
  return results.files.flatMap((f) => f.findings.map((x) => `${x.line}:${x.column} ${x.ruleId}`));
}

function findings(results: LintResults): Finding[] {
  return results.files.flatMap((f) => f.findings);
}

function statuses(results: LintResults): string[] {
  return results.files.map((f) => `${f.filePath} ${f.status}${f.reason !== undefined ? `: ${f.reason}` : ''}`);
}

/** CPU time of `run`, in milliseconds: wall time is at the mercy of a busy machine. */
function cpuMs<T>(run: () => T): [T, number] {
  const start = process.cpuUsage();
  const value = run();
  const used = process.cpuUsage(start);
  return [value, (used.user + used.system) / 1000];
}

const isRoot = process.getuid?.() === 0;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('fail closed: what could not be parsed is never clean', () => {
  const broken = `${POD}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: "unclosed\n`;

  it('counts a document that does not parse, and says so in the summary line', () => {
    const results = lintText(broken, { filePath: 'app.yaml' });
    expect(lines(results)).toEqual(['2:7 no-bare-pod', '8:14 image-tag', '15:14 yaml-syntax']);
    expect(results.summary).toMatchObject({ files: 1, filesLinted: 1, objects: 1, unparsedDocuments: 1, errors: 2 });
    expect(results.files[0]?.unparsedDocuments).toBe(1);
    expect(formatStylish(results)).toContain('3 problems (2 errors, 1 warning); 1 object in 1 file linted, 1 document not parsed\n');
    expect(JSON.parse(formatJson(results))).toMatchObject({ summary: { unparsedDocuments: 1 }, files: [{ unparsedDocuments: 1 }] });
  });

  it('reports a document that does not parse as an error even with yaml-syntax off, at warning, or suppressed', () => {
    for (const options of [
      { rules: { 'yaml-syntax': 'off' as const } },
      { rules: { 'yaml-syntax': 'warning' as const } },
      { config: { extends: 'recommended' as const, rules: { 'yaml-syntax': 'off' as const, 'image-tag': 'off' as const } } },
    ]) {
      const results = lintText(broken, options);
      const fatal = findings(results).filter((f) => f.ruleId === 'yaml-syntax');
      expect(fatal.map((f) => [f.line, f.severity])).toEqual([[15, 'error']]);
      expect(exitCodeOf(results)).toBe(1);
      expect(exitCodeOf(results, { failOn: 'never' })).toBe(0);
    }
    const suppressed = lintText(`# kube-lint-disable yaml-syntax\n${broken.split('---\n')[1] ?? ''}`);
    expect(lines(suppressed)).toEqual(['7:14 yaml-syntax']);
    expect(suppressed.summary.suppressed).toBe(0);
  });

  it('still lets a duplicate key (the document is linted) follow the configuration', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n';
    expect(lines(lintText(text))).toEqual(['5:3 yaml-syntax']);
    expect(lines(lintText(text, { rules: { 'yaml-syntax': 'off' } }))).toEqual([]);
    expect(lintText(text).summary.unparsedDocuments).toBe(0);
  });

  it('counts linted, skipped and failed files apart, with the reason of each, and exits 2 for a failed one', async () => {
    const cwd = tempTree({
      'ok.yaml': POD,
      'binary.yaml': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]),
      'latin1.yaml': Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf\xe9\n', 'latin1'),
      'values.yaml': 'replicas: 2\n',
    });
    const results = await lint(['.'], { cwd });
    expect(statuses(results)).toEqual([
      'binary.yaml skipped: binary file (contains NUL bytes), not YAML',
      'latin1.yaml failed: not valid UTF-8 (first bad byte at offset 52, line 4): save the file as UTF-8',
      'ok.yaml linted',
      'values.yaml skipped: not a Kubernetes manifest (no document with apiVersion and kind)',
    ]);
    expect(results.summary).toMatchObject({
      files: 4,
      filesLinted: 1,
      filesSkipped: 2,
      filesFailed: 1,
      objects: 1,
      skippedDocuments: 0,
      filesNotManifests: 1,
    });
    expect(exitCodeOf(results)).toBe(2);
    const stylish = formatStylish(results);
    expect(stylish).toContain('latin1.yaml\n  failed  not valid UTF-8 (first bad byte at offset 52, line 4)');
    expect(stylish).toContain(
      '2 problems (1 error, 1 warning); 1 object in 1 file linted, 1 file without Kubernetes objects skipped, 1 file skipped, 1 file FAILED\n',
    );
  });
});

describe('limits: bounded time and memory, a clear finding or failure naming the file', () => {
  it(`a file over the size limit (100 MB) fails without being read`, async () => {
    const cwd = tempTree({ 'ok.yaml': POD });
    const big = path.join(cwd, 'huge.yaml');
    writeFileSync(big, '');
    truncateSync(big, 100 * 1024 * 1024); // sparse: no disk used
    const read = vi.spyOn(fs, 'openSync');
    const results = await lint(['.'], { cwd });
    expect(statuses(results)[0]).toBe(
      `huge.yaml failed: file is ${100 * 1024 * 1024} bytes, over the ${DEFAULT_LIMITS.maxFileBytes}-byte limit (--max-file-size): split it or raise the limit`,
    );
    expect(results.files[1]?.status).toBe('linted');
    expect(exitCodeOf(results)).toBe(2);
    // Opened (to read its size), never read: the two opens are the two files.
    expect(read.mock.calls.filter(([file]) => String(file).endsWith('.yaml'))).toHaveLength(2);
  });

  it('standard input over the limit fails too, and text given to lintText is held to the same limit', async () => {
    const results = await lint(['-'], { cwd: tempTree({}), stdin: Buffer.alloc(2048, 0x61), maxFileBytes: 1024 });
    expect(statuses(results)).toEqual([
      '<stdin> failed: standard input is over the 1024-byte limit (--max-file-size): split it or raise the limit',
    ]);
    expect(statuses(lintText('a: 1\n'.repeat(300), { limits: { maxFileBytes: 1024 } }))).toEqual([
      '<text> failed: file is 1500 bytes, over the 1024-byte limit (--max-file-size): split it or raise the limit',
    ]);
  });

  it('a 1 MB line and a 1 MB key are linted in bounded time', () => {
    const [line, lineMs] = cpuMs(() =>
      lintText(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: ${'x'.repeat(1 << 20)}\n`),
    );
    expect(lines(line)).toEqual([]);
    expect(line.summary.objects).toBe(1);
    const [key] = cpuMs(() => lintText(`${'k'.repeat(1 << 20)}: 1\n`));
    expect(findings(key).map((f) => [f.line, f.ruleId])).toEqual([[1, 'yaml-syntax']]);
    expect(lineMs).toBeLessThan(5000);
  });

  it(`100,000 tiny documents: refused at the ${DEFAULT_LIMITS.maxDocuments + 1}th, before parsing`, () => {
    const [results, ms] = cpuMs(() => lintText('a: 1\n---\n'.repeat(100_000), { filePath: 'many.yaml' }));
    expect(statuses(results)).toEqual([
      'many.yaml failed: more than 10000 YAML documents (the next one starts at line 20000): split the file',
    ]);
    expect(results.notices).toEqual([expect.objectContaining({ level: 'error', filePath: 'many.yaml' })]);
    expect(exitCodeOf(results)).toBe(2);
    expect(ms).toBeLessThan(2000);
  });

  it(`a million nodes on one line: refused before parsing`, () => {
    const [results, ms] = cpuMs(() => lintText(`a: [${'x, '.repeat(1_000_000)}]\n`, { filePath: 'wide.yaml' }));
    expect(statuses(results)).toEqual(['wide.yaml failed: more than 1000000 YAML nodes (the limit is reached at line 1): split the file']);
    expect(ms).toBeLessThan(3000);
  });

  it('nesting 100,000 deep (flow, block, compact sequences) is a yaml-syntax finding at its line, not a stack overflow', () => {
    const deepBlock = Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
    for (const [text, where] of [
      [`apiVersion: v1\nkind: ConfigMap\ndata: ${'['.repeat(100_000)}\n`, '3:262'],
      [`${'{"a": '.repeat(100_000)}1${'}'.repeat(100_000)}\n`, '1:1537'],
      [deepBlock, '257:257'],
      [`x:\n${'- '.repeat(100_000)}x\n`, '2:513'],
    ] as const) {
      const [results, ms] = cpuMs(() => lintText(text));
      expect(lines(results)).toEqual([`${where} yaml-syntax`]);
      expect(findings(results)[0]?.message).toBe('nesting deeper than 256 levels: the file is not parsed');
      expect(results.summary.unparsedDocuments).toBe(1);
      expect(results.internalError).toBe(false);
      expect(ms).toBeLessThan(2000);
    }
  });

  it('nesting right at the limit still parses and lints, without a stack overflow anywhere', () => {
    const depth = DEFAULT_LIMITS.maxDepth;
    // The object's own mapping and `data` are two levels.
    const flow = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  k: ${'['.repeat(depth - 2)}${']'.repeat(depth - 2)}\n`;
    const block = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n${Array.from({ length: depth - 1 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')} 1\n`;
    for (const text of [flow, block]) {
      const results = lintText(text, { config: { extends: 'all' } });
      expect(lines(results)).toEqual([]);
      expect(results.summary).toMatchObject({ objects: 1, unparsedDocuments: 0 });
    }
    expect(lines(lintText(flow.replace('[', '[['), { config: { extends: 'all' } }))).toEqual(['6:260 yaml-syntax']);
  });

  it('alias bombs are refused quickly; a cycle or a chain of anchors deeper than the limit is a finding at the alias', () => {
    const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const [prev, name] = [String.fromCharCode(96 + i), String.fromCharCode(97 + i)];
      laughs.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const [bomb, ms] = cpuMs(() => lintText(`${laughs.join('\n')}\n`));
    expect(lines(bomb)).toEqual(['1:1 yaml-syntax']);
    expect(findings(bomb)[0]?.message).toMatch(/alias/i);
    expect(ms).toBeLessThan(2000);

    const cycle = lintText('apiVersion: v1\nkind: ConfigMap\nmetadata: &m\n  name: x\n  labels: *m\n');
    expect(lines(cycle)).toEqual(['5:3 yaml-syntax']);
    expect(findings(cycle)[0]?.message).toBe(
      'an alias refers to a node that contains it (a cycle), which Kubernetes refuses: the document is not linted',
    );
    expect(cycle.summary).toMatchObject({ objects: 0, unparsedDocuments: 1 });

    // Each line nests 22 levels more than the anchor it refers to: 13 lines, 286 levels.
    const chain = ['a0: &a0 [x]'];
    for (let i = 1; i < 13; i++) chain.push(`a${i}: &a${i} ${'['.repeat(22)}*a${i - 1}${']'.repeat(22)}`);
    const deep = lintText(`${chain.join('\n')}\n`);
    expect(findings(deep).map((f) => f.message)).toEqual(['nesting deeper than 256 levels through aliases: the document is not linted']);
  });

  it('aliases used as people use them pass: a chain of 12 anchors, 1,000 references to one anchor, merge keys', () => {
    const chain = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: x', 'data:', '  a0: &a0 {x: "1"}'];
    for (let i = 1; i < 12; i++) chain.push(`  a${i}: &a${i} {y: *a${i - 1}}`);
    for (let i = 0; i < 1000; i++) chain.push(`  r${i}: *a0`);
    chain.push('  m: {<<: [*a1, *a2], z: "2"}');
    const results = lintText(`${chain.join('\n')}\n`);
    expect(lines(results)).toEqual([]);
    expect(results.summary).toMatchObject({ objects: 1, unparsedDocuments: 0 });
  });

  it(`more than ${DEFAULT_LIMITS.maxAliases} aliases in a file (the parser slows with their square) fail before parsing`, () => {
    const text = Array.from({ length: 16_000 }, (_, i) => `k${i}: &a${i} x\nr${i}: *a${i}`).join('\n');
    const [results, ms] = cpuMs(() => lintText(text, { filePath: 'aliases.yaml' }));
    expect(statuses(results)).toEqual([
      'aliases.yaml failed: more than 2000 YAML aliases (the limit is reached at line 4002): split the file',
    ]);
    expect(ms).toBeLessThan(1000);
  });
});

describe('encodings, line endings and stray text: clear findings at the right lines', () => {
  const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: [1\n';

  it('UTF-16 with a BOM (LE and BE), UTF-8 with a BOM and CRLF endings give the same finding at the same place', async () => {
    const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(configMap, 'utf16le')]);
    const utf16be = Buffer.from(utf16le.subarray(2)).swap16();
    const cwd = tempTree({
      'le.yaml': utf16le,
      'be.yaml': Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be]),
      'bom.yaml': `\uFEFF${configMap}`,
      'crlf.yaml': configMap.replace(/\n/g, '\r\n'),
      'plain.yaml': configMap,
    });
    const results = await lint(['.'], { cwd });
    expect(results.files.map((f) => [f.filePath, f.status, f.findings.map((x) => `${x.line}:${x.column} ${x.ruleId}`).join()])).toEqual([
      ['be.yaml', 'linted', '6:7 yaml-syntax'],
      ['bom.yaml', 'linted', '6:7 yaml-syntax'],
      ['crlf.yaml', 'linted', '6:7 yaml-syntax'],
      ['le.yaml', 'linted', '6:7 yaml-syntax'],
      ['plain.yaml', 'linted', '6:7 yaml-syntax'],
    ]);
    const bomColumn = lintText(`\uFEFFkind: Pod\napiVersion: v1\nmetadata:\n  name: x\n`, { config: { extends: 'all' } });
    expect(lines(bomColumn)).toEqual(['1:7 no-bare-pod']);
  });

  it('names what it cannot decode: UTF-32, UTF-16 without a BOM, broken UTF-16, a binary file', async () => {
    const cwd = tempTree({
      'utf32.yaml': Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from('a\0\0\0', 'latin1')]),
      'nobom.yaml': Buffer.from(configMap, 'utf16le'),
      'odd.yaml': Buffer.from([0xff, 0xfe, 0x61, 0x00, 0x00, 0xd8, 0x62]),
      'image.yaml': Buffer.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x00, 0x01]),
    });
    expect(statuses(await lint(['.'], { cwd }))).toEqual([
      'image.yaml skipped: binary file (contains NUL bytes), not YAML',
      'nobom.yaml failed: looks like UTF-16 without a byte-order mark: save the file as UTF-8',
      'odd.yaml failed: not valid UTF-16LE after its byte-order mark: save the file as UTF-8',
      'utf32.yaml failed: UTF-32 text is not supported: save the file as UTF-8',
    ]);
  });

  it('a lone \\r (old Mac line ends, or \\r\\r\\n) is a line break, for the parser and suppression comments alike', () => {
    // Regressions (scripts/fuzz.ts): directives were read with \\r as a line break but the parser
    // read it as content, so findings and comments disagreed on lines; and a CRD with \\r\\r\\n line
    // ends overflowed the parser's stack (test/regressions/lone-cr-stack-overflow.yaml).
    const unused = 'apiVersion: v1\nkind: Pod # a\r\r\nmetadata:\n  name: x # b\r\r\n# kube-lint-disable-next-line image-tag\n';
    expect(lines(lintText(unused, { reportUnusedDisables: true }))).toEqual(['2:7 no-bare-pod', '7:1 unused-disable']);
    const oldMac = 'apiVersion: v1\rkind: Pod\rmetadata:\r  name: x\rspec:\r  containers:\r    - name: web\r      image: nginx\r';
    expect(lines(lintText(oldMac))).toEqual(['2:7 no-bare-pod', '8:14 image-tag']);
    const used = 'apiVersion: v1 # a\r\r\n# kube-lint-disable-next-line no-bare-pod\nkind: Pod\nmetadata:\n  name: x\n';
    expect(lines(lintText(used, { reportUnusedDisables: true }))).toEqual([]);
  });

  it('tabs used for indentation are a finding at their line', () => {
    const results = lintText('apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: x\n');
    expect(lines(results)).toEqual(['4:1 yaml-syntax']);
    expect(findings(results)[0]?.message).toContain('Tabs are not allowed as indentation');
  });

  it('merge-conflict markers are one finding each, at their lines, and nothing else is reported for the file', () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '<<<<<<< HEAD',
      '  name: web',
      '=======',
      '  name: website',
      '>>>>>>> feature/rename',
      'spec: {}',
      '---',
      POD,
    ].join('\r\n');
    const results = lintText(text, { filePath: 'deploy.yaml' });
    expect(lines(results)).toEqual(['4:1 yaml-syntax', '6:1 yaml-syntax', '8:1 yaml-syntax']);
    expect(findings(results)[0]?.message).toBe(
      'unresolved merge conflict marker "<<<<<<<": resolve the conflict; the file is not linted until then',
    );
    expect(results.summary).toMatchObject({ objects: 0, unparsedDocuments: 2 });
    expect(exitCodeOf(results)).toBe(1);
    // A suppression comment in a file that was not parsed is not reported as unused.
    const suppressed = lintText(`# kube-lint-disable-next-line image-tag\n${text}`, { reportUnusedDisables: true });
    expect(lines(suppressed)).toEqual(['5:1 yaml-syntax', '7:1 yaml-syntax', '9:1 yaml-syntax']);
  });

  it('a marker line that also reads as a key is a conflict marker, not a key', () => {
    // The manifest reader would read `<<<<<<< HEAD: x` as a key; the file goes to the scan instead.
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n<<<<<<< HEAD: x\ndata: {}\n';
    expect(lines(lintText(text, { filePath: 'cm.yaml' }))).toEqual(['5:1 yaml-syntax']);
  });

  it('nesting near the depth limit gets the verdict of the scan, at its line', () => {
    const nested = (depth: number): string =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  k: v\nx:\n${Array.from({ length: depth }, (_, i) => `${'  '.repeat(i + 1)}k${i}:`).join('\n')} 1\n`;
    const limits = { maxDepth: 20 };
    // Deeper than half the limit: not the reader's to decide alone; within the limit, linted.
    expect(findings(lintText(nested(15), { limits })).map((f) => f.ruleId)).not.toContain('yaml-syntax');
    const deep = findings(lintText(nested(25), { limits }));
    expect(deep.map((f) => `${f.line} ${f.ruleId} ${f.message}`)).toEqual([
      '27 yaml-syntax nesting deeper than 20 levels: the file is not parsed',
    ]);
  });
});

describe('folders: every problem is a message, the rest is linted', () => {
  it.skipIf(process.platform === 'win32')('a symbolic link loop is noted once and the files are linted once', async () => {
    const cwd = tempTree({ 'apps/pod.yaml': POD });
    symlinkSync('..', path.join(cwd, 'apps', 'up'));
    symlinkSync('.', path.join(cwd, 'apps', 'self'));
    const results = await lint(['apps'], { cwd });
    expect(results.files.map((f) => f.filePath)).toEqual(['apps/pod.yaml']);
    expect(results.notices.map((n) => `${n.filePath ?? ''}: ${n.message}`)).toEqual([
      'apps/self: symbolic link loop: folder already visited, skipped',
      'apps/up/apps: symbolic link loop: folder already visited, skipped',
    ]);
    expect(exitCodeOf(results)).toBe(1);
  });

  it.skipIf(process.platform === 'win32')(
    'links that lead out of the linted folder are not followed (no reading /proc or ~/.ssh through a PR)',
    async () => {
      const outside = tempTree({ 'secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: leaked\n' });
      const cwd = tempTree({ 'repo/pod.yaml': POD });
      symlinkSync(path.join(outside, 'secret.yaml'), path.join(cwd, 'repo', 'secret.yaml'));
      symlinkSync(outside, path.join(cwd, 'repo', 'elsewhere'));
      symlinkSync('/proc/self/environ', path.join(cwd, 'repo', 'environ.yaml'));
      const results = await lint(['.'], { cwd: path.join(cwd, 'repo') });
      expect(results.files.map((f) => f.filePath)).toEqual(['pod.yaml']);
      expect(results.notices.map((n) => n.filePath)).toEqual(['elsewhere', 'environ.yaml', 'secret.yaml']);
      expect(results.notices[0]?.message).toMatch(/^symbolic link to .*, outside \.: not followed$/);
      // Named on the command line, a path is read wherever it leads.
      const named = await lint(['secret.yaml'], { cwd: path.join(cwd, 'repo') });
      expect(named.summary.objects).toBe(1);
    },
  );

  it.skipIf(process.platform === 'win32')('many links to one folder walk it once (no exponential "symlink bomb")', async () => {
    const cwd = tempTree({ 'level0/pod.yaml': POD });
    for (let level = 1; level <= 30; level++) {
      mkdirSync(path.join(cwd, `level${level}`));
      for (const link of ['a', 'b']) symlinkSync(path.join(cwd, `level${level - 1}`), path.join(cwd, `level${level}`, link));
    }
    const started = performance.now();
    const results = await lint(['.'], { cwd });
    expect(results.files.map((f) => f.filePath)).toEqual(['level0/pod.yaml']);
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it.skipIf(process.platform === 'win32')('a broken link named like a manifest fails; any other broken link is ignored', async () => {
    const cwd = tempTree({ 'pod.yaml': POD });
    symlinkSync('gone.yaml', path.join(cwd, 'dangling.yaml'));
    symlinkSync('nowhere', path.join(cwd, 'current'));
    expect(statuses(await lint(['.'], { cwd }))).toEqual([
      'dangling.yaml failed: broken symbolic link: no such file or directory',
      'pod.yaml linted',
    ]);
  });

  it('a file that vanishes between listing and reading fails with a message; the others are linted', async () => {
    const cwd = tempTree({ 'a.yaml': POD, 'b.yaml': POD, 'c.yaml': POD });
    const open = fs.openSync.bind(fs);
    vi.spyOn(fs, 'openSync').mockImplementation((file, ...rest) => {
      if (String(file).endsWith('b.yaml')) fs.rmSync(String(file));
      return open(file, ...rest);
    });
    const results = await lint(['.'], { cwd });
    expect(statuses(results)).toEqual(['a.yaml linted', 'b.yaml failed: file disappeared before it could be read', 'c.yaml linted']);
    expect(exitCodeOf(results)).toBe(2);
  });

  it('unreadable files and folders fail with "permission denied" (simulated: tests run as root)', async () => {
    const cwd = tempTree({ 'a.yaml': POD, 'locked/b.yaml': POD, 'secret.yaml': POD });
    const denied = (): NodeJS.ErrnoException => Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const open = fs.openSync.bind(fs);
    const readdir = fsp.readdir.bind(fsp);
    vi.spyOn(fs, 'openSync').mockImplementation((file, ...rest) => {
      if (String(file).endsWith('secret.yaml')) throw denied();
      return open(file, ...rest);
    });
    vi.spyOn(fsp, 'readdir').mockImplementation(((dir: string, options: never) =>
      dir.endsWith('locked') ? Promise.reject(denied()) : readdir(dir, options)) as typeof fsp.readdir);
    const results = await lint(['.'], { cwd });
    expect(statuses(results)).toEqual([
      'a.yaml linted',
      'locked failed: cannot read folder: permission denied',
      'secret.yaml failed: permission denied',
    ]);
  });

  it.skipIf(isRoot || process.platform === 'win32')('unreadable files and folders fail with "permission denied" (real)', async () => {
    const cwd = tempTree({ 'a.yaml': POD, 'locked/b.yaml': POD, 'secret.yaml': POD });
    await fsp.chmod(path.join(cwd, 'secret.yaml'), 0);
    await fsp.chmod(path.join(cwd, 'locked'), 0);
    try {
      expect(statuses(await lint(['.'], { cwd }))).toEqual([
        'a.yaml linted',
        'locked failed: cannot read folder: permission denied',
        'secret.yaml failed: permission denied',
      ]);
    } finally {
      await fsp.chmod(path.join(cwd, 'locked'), 0o755);
    }
  });

  it.skipIf(process.platform === 'win32')('a FIFO named like a manifest does not block the run', async () => {
    const cwd = tempTree({ 'pod.yaml': POD });
    const made = spawnSync('mkfifo', [path.join(cwd, 'pipe.yaml')]);
    if (made.status !== 0) return; // no mkfifo here
    const results = await lint(['pipe.yaml', 'pod.yaml'], { cwd });
    expect(statuses(results)).toEqual(['pipe.yaml failed: not a regular file', 'pod.yaml linted']);
    // In a folder walk it is not a file at all.
    expect(statuses(await lint(['.'], { cwd }))).toEqual(['pod.yaml linted']);
  });

  it('reads one file at a time, in order, and closes each, whatever the number of files', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 2000; i++) files[`many/f${String(i).padStart(5, '0')}.yaml`] = POD.replace('name: web', `name: web${i}`);
    const cwd = tempTree(files);
    let open = 0;
    let most = 0;
    const order: string[] = [];
    const realOpen = fs.openSync.bind(fs);
    const realClose = fs.closeSync.bind(fs);
    const opened = new Set<number>();
    vi.spyOn(fs, 'openSync').mockImplementation((file, ...rest) => {
      const fd = realOpen(file, ...rest);
      if (String(file).endsWith('.yaml')) {
        opened.add(fd);
        order.push(path.basename(String(file)));
        open++;
        most = Math.max(most, open);
      }
      return fd;
    });
    vi.spyOn(fs, 'closeSync').mockImplementation((fd) => {
      if (opened.delete(fd)) open--;
      realClose(fd);
    });
    const results = await lint(['many'], { cwd, jobs: 1 });
    expect(results.summary).toMatchObject({ files: 2000, filesLinted: 2000, objects: 2000 });
    expect(most).toBe(1);
    expect(open).toBe(0);
    expect(order).toHaveLength(2000);
    expect(order).toEqual([...order].sort());
  });

  it('stops reading files when memory runs short, failing the rest by name instead of crashing', async () => {
    const cwd = tempTree({ 'a.yaml': POD, 'b.yaml': POD, 'c.yaml': POD });
    let reads = 0;
    const readHeap = (): { used: number; limit: number } => ({ used: ++reads > 1 ? 900 << 20 : 1 << 20, limit: 1000 << 20 });
    const results = await lint(['.'], { cwd, readHeap });
    const reason =
      "not linted: kube-lint's memory was nearly full (900 of 1000 MiB) after the files before it; lint fewer files per run, or give Node more memory (NODE_OPTIONS=--max-old-space-size=<MiB>)";
    expect(statuses(results)).toEqual(['a.yaml linted', `b.yaml failed: ${reason}`, `c.yaml failed: ${reason}`]);
    expect(results.notices).toEqual([{ level: 'error', message: `2 files ${reason}` }]);
    expect(exitCodeOf(results)).toBe(2);
  });
});

describe('hostile values', () => {
  const seen: { own: boolean; keys: string[] }[] = [];
  const recorder = testRule('records-keys', 'Records what a rule sees, for tests', ({ object }) => {
    const data = object.value.data as Record<string, unknown>;
    seen.push({ own: Object.hasOwn(data, '__proto__'), keys: Object.keys(data) });
    return Object.hasOwn(data, '__proto__') ? [{ path: ['data', '__proto__'], message: 'has __proto__' }] : [];
  });

  it('__proto__, constructor and prototype keys pollute nothing and reach rules as own keys', () => {
    const text = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: x',
      '  labels: {__proto__: {polluted: "yes"}}',
      'data:',
      '  __proto__: {polluted: "yes"}',
      '  constructor: {prototype: {polluted: "yes"}}',
      '  prototype: "x"',
      '  toString: "x"',
      '  <<: {__proto__: {polluted: "merged"}}',
      '---',
      '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "j"}, "data": {"__proto__": {"polluted": 1}}}',
      '',
    ].join('\n');
    seen.length = 0;
    const results = lintText(text, { ruleSet: [...FOUNDATION_RULE_SET, recorder] as AnyRule[] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(seen).toEqual([
      { own: true, keys: ['__proto__', 'constructor', 'prototype', 'toString'] },
      { own: true, keys: ['__proto__'] },
    ]);
    expect(lines(results)).toEqual(['7:3 records-keys', '13:79 records-keys']);
    expect(findings(results)[0]?.pathSegments).toEqual(['data', '__proto__']);
    expect(formatJson(results)).toContain('"__proto__"');
  });

  it('huge numbers, .nan, .inf, odd scalars and long strings break no rule and no formatter', () => {
    const long = 'x'.repeat(200_000);
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: ${long}
  namespace: .nan
  labels: {a: .inf, b: -.inf, c: 1e400, d: 0x7fffffffffffffffffff, e: ~, f: 2001-12-14t21:59:43.10-05:00, g: !!binary aGVsbG8=}
spec:
  containers:
    - name: .inf
      image: ${'9'.repeat(400)}
    - name: 12345678901234567890123
      image: .nan
      ports: [{containerPort: .inf}, {containerPort: -1e400}]
      resources: {limits: {cpu: .nan, memory: 1e400}}
    - {name: [a], image: {b: c}}
    - ~
`;
    const results = lintText(text, { config: { extends: 'all' } });
    expect(results.internalError).toBe(false);
    expect(findings(results).filter((f) => f.ruleId === 'internal-error')).toEqual([]);
    for (const output of [formatStylish(results), formatCompact(results), formatJson(results)]) expect(output.length).toBeGreaterThan(0);
    JSON.parse(formatJson(results));
  });

  it('every formatter prints escape sequences, bidi controls and CI log commands inert', () => {
    const evil = '\u001b[2J\u001b]0;pwned\u0007\u009b31m\u202eevil\r\n::error::fake ##[add-mask]x';
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${JSON.stringify(evil)}\nspec:\n  containers:\n    - name: ${JSON.stringify(evil)}\n      image: "nginx:latest"\n`;
    const results = lintText(text, { filePath: '::warning::\u001b[31mx.yaml' });
    expect(findings(results).map((f) => f.ruleId)).toEqual(['no-bare-pod', 'image-tag']);
    for (const output of [formatStylish(results, { color: false }), formatCompact(results), formatJson(results)]) {
      // eslint-disable-next-line no-control-regex -- the point
      expect(output).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
      expect(output).not.toContain('##[');
      expect(output.split('\n').filter((l) => /^\s*::/.test(l))).toEqual([]);
    }
    expect(formatCompact(results)).toContain(
      './::warning::\\u001b[31mx.yaml:2:7: warning: Pod "\\u001b[2J\\u001b]0;pwned\\u0007\\u009b31m\\u202eevil ::error::fake #\\u0023[add-mask]x"',
    );
    const json = JSON.parse(formatJson(results)) as { files: { findings: Finding[] }[] };
    expect(json.files[0]?.findings[0]?.message).toContain(evil);
  });

  it('YAML tags that other loaders execute (!!js/function, !!python/object) are data, never code', () => {
    const marker = '__kubeLintPwned';
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: !!js/function "function () { globalThis.${marker} = true }"\n  b: !!python/object/apply:os.system ["touch /tmp/${marker}"]\n  c: !<tag:yaml.org,2002:js/undefined> ''\n`;
    const results = lintText(text);
    expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined();
    expect(results.internalError).toBe(false);
  });
});
