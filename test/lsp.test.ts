/**
 * `kube-lint lsp` driven as an editor drives it: a child process on stdio, a real JSON-RPC client
 * (vscode-jsonrpc, the library VS Code's language client is built on), the LSP messages of an
 * editing session. Its diagnostics must be the CLI's findings at the CLI's ranges.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node.js';
import type { CodeAction, Diagnostic, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver/node.js';
import { CLI, LATEST_DEPLOYMENT, onlyRules, runCli, tempTree } from './helpers/cli.js';

const DEPLOYMENT = LATEST_DEPLOYMENT.replace('spec:\n  selector:', 'spec:\n  replicas: "three"\n  selector:');

interface CliFinding {
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** The CLI's findings on a file, as LSP diagnostics would carry them (0-based). */
function cliFindings(cwd: string, file: string): string[] {
  const report = JSON.parse(runCli([file, '-f', 'json'], { cwd }).stdout) as { files: { findings: CliFinding[] }[] };
  return report.files.flatMap((f) =>
    f.findings.map((x) => `${x.line - 1}:${x.column - 1}-${x.endLine - 1}:${x.endColumn - 1} ${x.severity} ${x.ruleId} ${x.message}`),
  );
}

const SEVERITY = ['', 'error', 'warning', 'info'];
const shown = (diagnostics: Diagnostic[]): string[] =>
  diagnostics.map(
    (d) =>
      `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${SEVERITY[d.severity ?? 0]} ${String(d.code)} ${d.message}`,
  );

describe('kube-lint lsp', () => {
  const cwd = tempTree(
    { 'deploy.yaml': DEPLOYMENT },
    { config: onlyRules(['yaml-syntax', 'schema', 'image-tag', 'liveness-probe', 'readiness-probe']) },
  );
  const file = path.join(cwd, 'deploy.yaml');
  const uri = pathToFileURL(file).href;
  let server: ChildProcessWithoutNullStreams;
  let connection: MessageConnection;
  const published: PublishDiagnosticsParams[] = [];
  let waiters: (() => void)[] = [];
  const nextDiagnostics = async (count: number): Promise<PublishDiagnosticsParams> => {
    while (published.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
    return published[count - 1] as PublishDiagnosticsParams;
  };

  beforeAll(() => {
    server = spawn(process.execPath, [CLI, 'lsp', '--stdio'], { cwd, env: { ...process.env, NO_COLOR: '' } });
    connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      published.push(params);
      const ready = waiters;
      waiters = [];
      for (const resolve of ready) resolve();
    });
    connection.listen();
  });

  afterAll(() => {
    connection.dispose();
    server.kill();
  });

  it('answers initialize with its capabilities', async () => {
    const result: InitializeResult = await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(cwd).href,
      workspaceFolders: [{ uri: pathToFileURL(cwd).href, name: 'test' }],
      capabilities: {},
    });
    expect(result.serverInfo?.name).toBe('kube-lint');
    expect(result.capabilities.textDocumentSync).toBe(2); // incremental
    expect(result.capabilities.codeActionProvider).toEqual({ codeActionKinds: ['quickfix'] });
    await connection.sendNotification('initialized', {});
  });

  it('publishes the CLI findings at the CLI ranges on didOpen', async () => {
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text: DEPLOYMENT },
    });
    const first = await nextDiagnostics(1);
    expect(first.uri).toBe(uri);
    expect(first.version).toBe(1);
    const expected = cliFindings(cwd, 'deploy.yaml');
    expect(expected).toEqual([
      '5:12-5:19 error schema spec.replicas must be an integer, got string "three"',
      '13:10-15:0 warning liveness-probe container "web" has no livenessProbe: add one so the kubelet restarts the container when it hangs',
      '13:10-15:0 warning readiness-probe container "web" has no readinessProbe: add one so Services and rollouts wait until it is ready',
      '14:17-14:29 error image-tag container "web" uses image "nginx:latest": the "latest" tag floats, pin a version or digest',
    ]);
    expect(shown(first.diagnostics)).toEqual(expected);
    expect(first.diagnostics[3]?.codeDescription?.href).toMatch(/docs\/rules\/image-tag\.md$/);
  });

  it('lints again on didChange, as the file now reads', async () => {
    const edited = DEPLOYMENT.replace('replicas: "three"', 'replicas: 3').replace('nginx:latest', 'nginx:1.27.2');
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: edited }],
    });
    const second = await nextDiagnostics(2);
    expect(second.version).toBe(2);
    writeFileSync(file, edited);
    const expected = cliFindings(cwd, 'deploy.yaml');
    expect(expected.map((f) => f.split(' ')[2])).toEqual(['liveness-probe', 'readiness-probe']);
    expect(shown(second.diagnostics)).toEqual(expected);

    // An incremental change: the image tag floats again, on line 15 only.
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ range: { start: { line: 14, character: 17 }, end: { line: 14, character: 29 } }, text: 'nginx' }],
    });
    const third = await nextDiagnostics(3);
    writeFileSync(file, edited.replace('nginx:1.27.2', 'nginx'));
    expect(shown(third.diagnostics)).toEqual(cliFindings(cwd, 'deploy.yaml'));
    expect(shown(third.diagnostics)[2]).toMatch(/^14:17-14:22 error image-tag container "web" uses image "nginx"/);
  });

  it('offers a quick fix that suppresses the finding, and the fix works', async () => {
    const third = await nextDiagnostics(3);
    const imageTag = third.diagnostics.find((d) => d.code === 'image-tag') as Diagnostic;
    const actions: CodeAction[] = await connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: imageTag.range,
      context: { diagnostics: [imageTag] },
    });
    expect(actions.map((a) => [a.title, a.kind])).toEqual([['Disable image-tag for this line', 'quickfix']]);
    const edit = actions[0]?.edit?.changes?.[uri];
    expect(edit).toEqual([
      {
        range: { start: { line: 14, character: 0 }, end: { line: 14, character: 0 } },
        newText: '          # kube-lint-disable-next-line image-tag\n',
      },
    ]);
    // Applied, the finding is gone (and nothing else changes).
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.splice(14, 0, (edit?.[0]?.newText ?? '').trimEnd());
    writeFileSync(file, lines.join('\n'));
    expect(cliFindings(cwd, 'deploy.yaml').map((f) => f.split(' ')[2])).toEqual(['liveness-probe', 'readiness-probe']);
  });

  it('reports a config mistake on the document instead of failing', async () => {
    writeFileSync(path.join(cwd, '.kube-lint.yaml'), 'rules:\n  image-tags: error\n');
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 4 },
      contentChanges: [{ text: DEPLOYMENT }],
    });
    const fourth = await nextDiagnostics(4);
    expect(shown(fourth.diagnostics)).toEqual([
      `0:0-0:0 error undefined kube-lint: ${path.join(cwd, '.kube-lint.yaml')}:2:3: unknown rule "image-tags" in rules (did you mean "image-tag"?); "kube-lint rules" lists them`,
    ]);
  });

  it('clears the diagnostics on didClose and exits 0 after shutdown', async () => {
    await connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    expect((await nextDiagnostics(5)).diagnostics).toEqual([]);
    const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    expect(await exited).toBe(0);
  });
});
