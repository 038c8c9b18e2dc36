/**
 * The JSON report: a public, documented contract (see README "JSON output"). `formatVersion`
 * changes only when a field is removed or changes meaning.
 */
import type { LintResults } from '../types.js';
import { TOOL_NAME, VERSION } from '../version.js';
import { inertJson } from './text.js';

export const JSON_FORMAT_VERSION = 1;

export function formatJson(results: LintResults): string {
  const report = {
    formatVersion: JSON_FORMAT_VERSION,
    tool: { name: TOOL_NAME, version: VERSION },
    kubernetesVersion: results.kubernetesVersion,
    summary: results.summary,
    files: results.files.map((file) => ({
      filePath: file.filePath,
      status: file.status,
      ...(file.reason !== undefined ? { reason: file.reason } : {}),
      ...(file.skipKind !== undefined ? { skipKind: file.skipKind } : {}),
      objectCount: file.objectCount,
      ...(file.patchObjects ? { patchObjects: file.patchObjects } : {}),
      ...(file.clientConfigDocuments ? { clientConfigDocuments: file.clientConfigDocuments } : {}),
      skippedDocuments: file.skippedDocuments,
      unparsedDocuments: file.unparsedDocuments ?? 0,
      errorCount: file.errorCount,
      warningCount: file.warningCount,
      infoCount: file.infoCount,
      findings: file.findings,
    })),
    notices: results.notices,
    ...(results.nothingLinted ? { nothingLinted: true } : {}),
  };
  return `${inertJson(JSON.stringify(report, null, 2))}\n`;
}
