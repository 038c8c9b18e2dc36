/**
 * SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html), for GitHub code
 * scanning, Azure DevOps and editors. One run; `tool.driver.rules` lists the rules that ran with
 * their documentation; each result points at the rule by id and index, carries a region and a
 * fingerprint that does not depend on line numbers (so moving code does not open a new alert).
 * Files that could not be linted are tool execution notifications and make the invocation
 * unsuccessful: a report never looks clean when input was missed.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, LintResults, Notice, Severity } from '../types.js';
import { INFORMATION_URI, TOOL_NAME, VERSION } from '../version.js';
import type { RuleDescriptor } from './descriptor.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The base that relative artifact URIs are resolved against: the working folder of the run. */
export const SRCROOT = '%SRCROOT%';
/** The key of kube-lint's line-independent fingerprint in `result.partialFingerprints`. */
export const FINGERPRINT_KEY = 'kubeLintFinding/v1';

export interface SarifFormatOptions {
  /** The working folder that relative paths in the results are relative to. */
  cwd?: string;
  /** The rules' metadata (the run's rules, the configuration's policies included); a rule not among them is described by its id only. */
  rules?: readonly RuleDescriptor[];
}

type Level = 'error' | 'warning' | 'note';
const LEVEL: Readonly<Record<Severity, Level>> = { error: 'error', warning: 'warning', info: 'note' };

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

interface ReportingDescriptor {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration: { level: Level };
  properties: { category: string; tags: string[] };
}

/** The descriptor of findings the engine makes when a rule crashes or a parser fails. */
const INTERNAL_ERROR_DESCRIPTOR: ReportingDescriptor = {
  id: 'internal-error',
  name: 'InternalError',
  shortDescription: { text: 'kube-lint failed while checking this file.' },
  fullDescription: {
    text: 'kube-lint failed while checking this file: a rule crashed or the parser failed. The file was not fully checked.',
  },
  help: {
    text: 'This is a kube-lint bug. Report it with the message and, if you can, the manifest that triggers it.',
    markdown: 'This is a kube-lint bug. Report it with the message and, if you can, the manifest that triggers it.',
  },
  helpUri: `${INFORMATION_URI}/issues`,
  defaultConfiguration: { level: 'error' },
  properties: { category: 'internal', tags: ['kubernetes', 'internal'] },
};

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * A rule's friendly `name`: `image-tag` -> `ImageTag`. SARIF wants it to differ from the id even
 * ignoring case (validator rule SARIF1001), so a one-word id gets a suffix: `schema` -> `SchemaCheck`.
 */
function pascalCase(id: string): string {
  const name = id
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
  return name.toLowerCase() === id.toLowerCase() ? `${name}Check` : name;
}

function descriptorOf(rule: RuleDescriptor): ReportingDescriptor {
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: sentence(rule.description) },
    fullDescription: { text: `${sentence(rule.description)} ${sentence(rule.rationale)}` },
    help: {
      text: `${sentence(rule.rationale)}\n\nHow to fix: ${sentence(rule.remediation)}`,
      markdown: `**Why:** ${sentence(rule.rationale)}\n\n**How to fix:** ${sentence(rule.remediation)}\n\n[Documentation](${rule.docsUrl})`,
    },
    helpUri: rule.docsUrl,
    defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
    properties: { category: rule.category, tags: ['kubernetes', rule.category] },
  };
}

function unknownDescriptor(id: string): ReportingDescriptor {
  return {
    id,
    name: pascalCase(id),
    shortDescription: { text: `kube-lint rule ${id}.` },
    fullDescription: { text: `kube-lint rule ${id}.` },
    help: { text: `See the kube-lint documentation of ${id}.`, markdown: `See the kube-lint documentation of \`${id}\`.` },
    defaultConfiguration: { level: 'warning' },
    properties: { category: 'unknown', tags: ['kubernetes'] },
  };
}

/**
 * A display path (relative to the working folder, `/`-separated, or absolute) as a SARIF artifact
 * location: relative paths become relative URI references against %SRCROOT%, absolute paths
 * `file:` URIs. Every segment is percent-encoded, so spaces, `#`, `?` and `<stdin>` stay valid.
 */
export function artifactLocationOf(filePath: string): ArtifactLocation {
  if (/^[A-Za-z]:[/\\]/.test(filePath)) {
    return { uri: `file:///${filePath.slice(0, 2)}${encodeSegments(filePath.slice(2).replace(/\\/g, '/'))}` };
  }
  if (filePath.startsWith('/')) return { uri: pathToFileURL(filePath).href };
  return { uri: encodeSegments(filePath), uriBaseId: SRCROOT };
}

function encodeSegments(filePath: string): string {
  return filePath
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

function folderUri(folder: string): string {
  const href = pathToFileURL(path.resolve(folder)).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/**
 * A fingerprint of what a finding is, not where it is: rule, file, object (kind, namespace, name),
 * YAML path and message. Line and column are left out so that moving code keeps the alert.
 */
export function fingerprintOf(finding: Finding): string {
  const o = finding.object ?? {};
  const identity = [finding.ruleId, finding.filePath, o.kind ?? '', o.namespace ?? '', o.name ?? '', finding.path, finding.message];
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 32);
}

function region(finding: Finding): Record<string, number> {
  const out: Record<string, number> = { startLine: finding.line, startColumn: finding.column, endLine: finding.endLine };
  // A zero-width range (a directive position) is an insertion point; SARIF writes it without endColumn.
  if (finding.endLine > finding.line || finding.endColumn > finding.column) out.endColumn = finding.endColumn;
  return out;
}

function notificationOf(notice: Notice): Record<string, unknown> {
  const text = notice.filePath !== undefined ? `${notice.filePath}: ${notice.message}` : notice.message;
  const out: Record<string, unknown> = { level: LEVEL[notice.level], message: { text: sentence(text) } };
  if (notice.filePath !== undefined) out.locations = [{ physicalLocation: { artifactLocation: artifactLocationOf(notice.filePath) } }];
  return out;
}

export function formatSarif(results: LintResults, options: SarifFormatOptions = {}): string {
  const known = new Map((options.rules ?? []).map((rule) => [rule.id, rule]));
  const descriptors: ReportingDescriptor[] = [];
  const indexOf = new Map<string, number>();
  const addDescriptor = (id: string): number => {
    const existing = indexOf.get(id);
    if (existing !== undefined) return existing;
    const rule = known.get(id);
    descriptors.push(rule ? descriptorOf(rule) : id === INTERNAL_ERROR_DESCRIPTOR.id ? INTERNAL_ERROR_DESCRIPTOR : unknownDescriptor(id));
    indexOf.set(id, descriptors.length - 1);
    return descriptors.length - 1;
  };

  // The rules that ran, in run order; a rule's configured severity that differs from its default
  // is an override of the invocation (SARIF 3.20.5), so `defaultConfiguration` stays the default.
  const overrides: Record<string, unknown>[] = [];
  for (const { id, severity } of results.rules) {
    const index = addDescriptor(id);
    const descriptor = descriptors[index];
    if (descriptor && descriptor.defaultConfiguration.level !== LEVEL[severity]) {
      overrides.push({ descriptor: { id, index }, configuration: { level: LEVEL[severity] } });
    }
  }

  const seen = new Map<string, number>();
  const sarifResults = results.files.flatMap((file) =>
    file.findings.map((finding) => {
      const ruleIndex = addDescriptor(finding.ruleId);
      const hash = fingerprintOf(finding);
      const occurrence = (seen.get(hash) ?? 0) + 1;
      seen.set(hash, occurrence);
      const location: Record<string, unknown> = {
        physicalLocation: { artifactLocation: artifactLocationOf(finding.filePath), region: region(finding) },
      };
      const o = finding.object;
      if (o && (o.kind !== undefined || o.name !== undefined)) {
        const name = o.name ?? '(unnamed)';
        const logical: Record<string, unknown> = {
          name,
          fullyQualifiedName: [o.kind ?? 'object', o.namespace, name].filter((x) => x !== undefined).join('/'),
          kind: 'resource',
        };
        // The apiVersion tells apart kinds of the same name (a Flux and a kustomize Kustomization).
        if (o.apiVersion !== undefined) logical.properties = { apiVersion: o.apiVersion };
        location.logicalLocations = [logical];
      }
      const properties: Record<string, unknown> = { path: finding.path };
      if (o) properties.object = o;
      if (finding.documentIndex !== undefined) properties.documentIndex = finding.documentIndex;
      return {
        ruleId: finding.ruleId,
        ruleIndex,
        level: LEVEL[finding.severity],
        message: { text: finding.message },
        locations: [location],
        partialFingerprints: { [FINGERPRINT_KEY]: `${hash}:${occurrence}` },
        properties,
      };
    }),
  );

  const invocation: Record<string, unknown> = {
    executionSuccessful: !results.internalError && results.summary.filesFailed === 0,
  };
  if (overrides.length > 0) invocation.ruleConfigurationOverrides = overrides;
  if (results.notices.length > 0) invocation.toolExecutionNotifications = results.notices.map(notificationOf);
  if (options.cwd !== undefined) invocation.workingDirectory = { uri: folderUri(options.cwd) };

  const run: Record<string, unknown> = {
    tool: {
      driver: {
        name: TOOL_NAME,
        version: VERSION,
        semanticVersion: VERSION,
        informationUri: INFORMATION_URI,
        rules: descriptors,
      },
    },
    invocations: [invocation],
  };
  if (options.cwd !== undefined) run.originalUriBaseIds = { [SRCROOT]: { uri: folderUri(options.cwd) } };
  run.results = sarifResults;
  run.columnKind = 'utf16CodeUnits';
  run.properties = { kubernetesVersion: results.kubernetesVersion, summary: results.summary };

  return `${JSON.stringify({ $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] }, null, 2)}\n`;
}
