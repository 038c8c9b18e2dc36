/**
 * GitHub Actions workflow commands: one annotation per finding,
 * `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message` (`warning` and `notice`
 * for the lower severities), which the runner shows on the pull request's diff. Values are
 * escaped exactly as @actions/core escapes them (`escapeData`, `escapeProperty` in its
 * command.ts), so a message can never end a command early or start a new one.
 */
import type { Finding, LintResults, Severity } from '../types.js';
import { TOOL_NAME } from '../version.js';
import { summaryLine } from './stylish.js';
import { describeRef } from './text.js';

export type AnnotationCommand = 'error' | 'warning' | 'notice';

export const ANNOTATION_COMMAND: Readonly<Record<Severity, AnnotationCommand>> = { error: 'error', warning: 'warning', info: 'notice' };

/** The properties of an annotation, named as @actions/core's `AnnotationProperties`. */
export interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
  endLine?: number;
  startColumn?: number;
  endColumn?: number;
}

/** Escapes the message of a command (@actions/core `escapeData`). */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value of a command (@actions/core `escapeProperty`). */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * The annotation of a finding, titled by its rule and object (`image-tag (apps/v1 Deployment
 * team/web)`). GitHub takes columns only for a range on one line, so a range over
 * several lines is given by its lines alone.
 */
export function annotationOf(finding: Finding): AnnotationProperties {
  const properties: AnnotationProperties = {
    title: finding.object ? `${finding.ruleId} (${describeRef(finding.object)})` : finding.ruleId,
    file: finding.filePath,
    startLine: finding.line,
    endLine: finding.endLine,
  };
  if (finding.endLine === finding.line) {
    properties.startColumn = finding.column;
    properties.endColumn = finding.endColumn;
  }
  return properties;
}

/** One workflow command line, without the line break. Empty values are left out, as core does. */
export function workflowCommand(command: string, properties: AnnotationProperties, message: string): string {
  const pairs: [string, string | number | undefined][] = [
    ['file', properties.file],
    ['line', properties.startLine],
    ['col', properties.startColumn],
    ['endLine', properties.endLine],
    ['endColumn', properties.endColumn],
    ['title', properties.title],
  ];
  const props = pairs
    .filter((pair): pair is [string, string | number] => pair[1] !== undefined && pair[1] !== '' && pair[1] !== 0)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${command}${props === '' ? '' : ` ${props}`}::${escapeData(message)}`;
}

export function formatGithub(results: LintResults): string {
  const lines: string[] = [];
  for (const file of results.files) {
    if (file.status !== 'linted') {
      const command = file.status === 'failed' ? 'error' : 'warning';
      lines.push(workflowCommand(command, { file: file.filePath, title: TOOL_NAME }, `${file.status}: ${file.reason ?? ''}`));
    }
    for (const finding of file.findings) {
      lines.push(workflowCommand(ANNOTATION_COMMAND[finding.severity], annotationOf(finding), finding.message));
    }
  }
  const reported = new Set(results.files.map((f) => f.filePath));
  for (const notice of results.notices) {
    if (notice.filePath !== undefined && reported.has(notice.filePath)) continue;
    const command = notice.level === 'info' ? 'notice' : notice.level;
    const properties: AnnotationProperties = { title: TOOL_NAME };
    if (notice.filePath !== undefined) properties.file = notice.filePath;
    lines.push(workflowCommand(command, properties, notice.message));
  }
  lines.push(summaryLine(results));
  return `${lines.join('\n')}\n`;
}
