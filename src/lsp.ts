/**
 * `kube-lint lsp`: a language server on standard input and output, for editors. It lints each open
 * YAML document with the library API (lintText, the same config lookup and rules as the CLI) on
 * open and on every change, publishes the findings as diagnostics at their ranges, and offers a
 * quick fix per finding that inserts a `# kube-lint-disable-next-line <rule>` comment above it.
 *
 * As thin as cli.ts: the protocol comes from vscode-languageserver, Microsoft's implementation
 * (the one VS Code's own servers use), loaded only when this command runs.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DiagnosticSeverity,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type CodeAction,
  type Diagnostic,
  type InitializeParams,
} from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ConfigError, UsageError } from './errors.js';
import { lintText } from './lint.js';
import type { LintResults, Severity } from './types.js';
import { VERSION } from './version.js';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** Whether the server lints this document: YAML by language or by file name. */
export function isManifest(languageId: string, uri: string): boolean {
  return languageId === 'yaml' || /\.ya?ml$/i.test(uri);
}

/** LSP ranges are 0-based; findings are 1-based, end exclusive in both. */
export function diagnosticsOf(results: LintResults): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const file of results.files) {
    if (file.status !== 'linted') {
      out.push({
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: file.status === 'failed' ? DiagnosticSeverity.Error : DiagnosticSeverity.Information,
        source: 'kube-lint',
        message: `${file.status}: ${file.reason ?? ''}`,
      });
    }
    for (const f of file.findings) {
      out.push({
        range: { start: { line: f.line - 1, character: f.column - 1 }, end: { line: f.endLine - 1, character: f.endColumn - 1 } },
        severity: SEVERITY[f.severity],
        source: 'kube-lint',
        code: f.ruleId,
        ...(f.docsUrl ? { codeDescription: { href: f.docsUrl } } : {}),
        message: f.message,
      });
    }
  }
  return out;
}

/** The edit that suppresses `ruleId` on `line` (0-based): a directive above it, at its indentation. */
export function suppressionEdit(text: string, line: number, ruleId: string): { line: number; newText: string } {
  const lines = text.split(/\r?\n/);
  const target = lines[line] ?? '';
  const indentation = /^\s*/.exec(target)?.[0] ?? '';
  return { line, newText: `${indentation}# kube-lint-disable-next-line ${ruleId}\n` };
}

function workspaceRoot(params: InitializeParams): string | undefined {
  // rootUri is deprecated, but clients without workspace folders still send only it.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  const uri = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
  return uri?.startsWith('file:') ? fileURLToPath(uri) : undefined;
}

/** The folder a document is linted from: the workspace root when it holds the file, as the CLI run there. */
function cwdFor(filePath: string, root: string | undefined): string {
  if (root !== undefined) {
    const relative = path.relative(root, filePath);
    if (!relative.startsWith('..') && !path.isAbsolute(relative)) return root;
  }
  return path.dirname(filePath);
}

/** Starts the server on this process's standard input and output; resolves with the exit code when the client exits. */
export function startLanguageServer(
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  const connection = createConnection(input, output);
  const documents = new TextDocuments(TextDocument);
  let root: string | undefined;
  let shutdown = false;

  connection.onInitialize((params) => {
    root = workspaceRoot(params);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'kube-lint', version: VERSION },
    };
  });

  const validate = (document: TextDocument): void => {
    if (!isManifest(document.languageId, document.uri)) return;
    const filePath = document.uri.startsWith('file:') ? fileURLToPath(document.uri) : undefined;
    const cwd = filePath !== undefined ? cwdFor(filePath, root) : (root ?? process.cwd());
    let diagnostics: Diagnostic[];
    try {
      const results = lintText(document.getText(), { cwd, ...(filePath !== undefined ? { filePath } : {}) });
      diagnostics = diagnosticsOf(results);
    } catch (error) {
      // A config mistake is the user's to fix: show it on the document rather than fail silently.
      const expected = error instanceof ConfigError || error instanceof UsageError;
      const message = expected ? error.message : `internal error: ${(error as Error).message}`;
      diagnostics = [
        {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: DiagnosticSeverity.Error,
          source: 'kube-lint',
          message: `kube-lint: ${message}`,
        },
      ];
    }
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
  };

  // Fired on didOpen too: each open or change lints once.
  documents.onDidChangeContent((event) => {
    validate(event.document);
  });
  documents.onDidClose((event) => {
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  connection.onCodeAction((params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const actions: CodeAction[] = [];
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== 'kube-lint' || typeof diagnostic.code !== 'string') continue;
      const edit = suppressionEdit(document.getText(), diagnostic.range.start.line, diagnostic.code);
      actions.push({
        title: `Disable ${diagnostic.code} for this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: {
          changes: {
            [document.uri]: [
              { range: { start: { line: edit.line, character: 0 }, end: { line: edit.line, character: 0 } }, newText: edit.newText },
            ],
          },
        },
      });
    }
    return actions;
  });

  return new Promise((resolve) => {
    connection.onShutdown(() => {
      shutdown = true;
    });
    connection.onExit(() => {
      resolve(shutdown ? 0 : 1);
    });
    documents.listen(connection);
    connection.listen();
  });
}

/** The `file:` URI of a path, for tests and clients. */
export function uriOf(filePath: string): string {
  return pathToFileURL(filePath).href;
}
