/**
 * The GitHub Action: inputs -> lint() -> log, annotations, job summary, SARIF file, outputs. As
 * thin as cli.ts. It is bundled into dist/action/index.js (scripts/build-action.ts), because a
 * runner does no `npm install`.
 *
 * It never runs code from the repository it lints: inputs are paths, the config file is YAML data,
 * and there are no plugins. Relative paths are relative to GITHUB_WORKSPACE.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { endGroup, error, getInput, info, notice, setFailed, setOutput, startGroup, summary as jobSummary, warning } from '@actions/core';
import { ConfigError, UsageError } from './errors.js';
import { EXIT_ERROR, EXIT_FINDINGS, exitCodeOf } from './exit.js';
import { ANNOTATION_COMMAND, annotationOf } from './format/github.js';
import { FORMATTERS, formatResults, isFormatName } from './format/index.js';
import { formatSarif } from './format/sarif.js';
import { summaryLine } from './format/stylish.js';
import { plural } from './format/text.js';
import { parseVarAssignments } from './load/substitute.js';
import { lint, prepareConfig, type LintOptions } from './lint.js';
import type { LintResults, Severity } from './types.js';
import { TOOL_NAME, VERSION } from './version.js';

const FAIL_ON = ['error', 'warning', 'never'] as const;
type ActionFailOn = (typeof FAIL_ON)[number];

/** GitHub shows at most this many annotations of each level per step. */
const ANNOTATIONS_SHOWN = 10;
/** Rows of the findings table in the job summary. */
const SUMMARY_ROWS = 50;

const ANNOTATE = { error, warning, notice } as const;

interface Inputs {
  paths: string[];
  config: string;
  kubernetesVersion: string;
  failOn: ActionFailOn;
  sarifFile: string;
  format: keyof typeof FORMATTERS;
  /** Threads to lint with; undefined: automatic. */
  jobs: number | undefined;
  /** Substitution variables; undefined: none given. */
  vars: Record<string, string> | undefined;
  /** A run that finds no manifest passes (input allow-empty). */
  allowEmpty: boolean;
}

function readInputs(): Inputs {
  const paths = getInput('path')
    .split(/\s+/)
    .filter((p) => p !== '');
  const failOn = getInput('fail-on') || 'error';
  if (!(FAIL_ON as readonly string[]).includes(failOn)) {
    throw new UsageError(`input fail-on takes ${FAIL_ON.join(', ')}, got "${failOn}"`);
  }
  const format = getInput('format') || 'stylish';
  if (!isFormatName(format) || format === 'github') {
    const names = Object.keys(FORMATTERS).filter((f) => f !== 'github');
    throw new UsageError(`input format takes ${names.join(', ')} (annotations are always written), got "${format}"`);
  }
  const jobs = getInput('jobs');
  if (jobs !== '' && !/^[1-9]\d*$/.test(jobs)) throw new UsageError(`input jobs takes a whole number of 1 or more, got "${jobs}"`);
  const vars = getInput('vars')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const allowEmpty = getInput('allow-empty') || 'false';
  if (allowEmpty !== 'true' && allowEmpty !== 'false') throw new UsageError(`input allow-empty takes true or false, got "${allowEmpty}"`);
  return {
    allowEmpty: allowEmpty === 'true',
    jobs: jobs === '' ? undefined : Number(jobs),
    vars: vars.length > 0 ? parseVarAssignments(vars, 'input vars') : undefined,
    paths: paths.length > 0 ? paths : ['.'],
    config: getInput('config'),
    kubernetesVersion: getInput('kubernetes-version'),
    failOn: failOn as ActionFailOn,
    sarifFile: getInput('sarif-file'),
    format,
  };
}

/** Makes a value safe inside the HTML of a job summary, and inert as Markdown. */
function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`*_[\]|\\~#!@]/g, (c) => `&#${c.charCodeAt(0)};`).replace(/\r?\n/g, ' ');
}

function annotate(results: LintResults): void {
  for (const file of results.files) {
    if (file.status !== 'linted') {
      const report = file.status === 'failed' ? error : warning;
      report(`${file.status}: ${file.reason ?? ''}`, { file: file.filePath, title: TOOL_NAME });
    }
    for (const finding of file.findings) {
      ANNOTATE[ANNOTATION_COMMAND[finding.severity]](finding.message, annotationOf(finding));
    }
  }
  const reported = new Set(results.files.map((f) => f.filePath));
  for (const notice of results.notices) {
    if (notice.filePath !== undefined && reported.has(notice.filePath)) continue;
    const report = ANNOTATE[ANNOTATION_COMMAND[notice.level]];
    report(notice.message, notice.filePath !== undefined ? { file: notice.filePath, title: TOOL_NAME } : { title: TOOL_NAME });
  }
}

async function writeSummary(results: LintResults): Promise<void> {
  const s = results.summary;
  const summary = jobSummary
    .addHeading(`${TOOL_NAME} ${escapeHtml(VERSION)}`, 2)
    .addRaw(`<p>${escapeHtml(summaryLine(results))}</p>`, true);
  if (s.filesFailed > 0 || results.internalError) {
    summary.addRaw(`<p><strong>Not every file was linted:</strong> ${plural(s.filesFailed, 'file')} failed.</p>`, true);
  }

  const byRule = new Map<string, { severity: Severity; count: number; docsUrl: string | undefined }>();
  for (const finding of results.files.flatMap((f) => f.findings)) {
    const entry = byRule.get(finding.ruleId) ?? { severity: finding.severity, count: 0, docsUrl: finding.docsUrl };
    entry.count++;
    byRule.set(finding.ruleId, entry);
  }
  if (byRule.size > 0) {
    const rows = [...byRule.entries()].sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1));
    summary.addHeading('Findings by rule', 3).addTable([
      [
        { data: 'Rule', header: true },
        { data: 'Severity', header: true },
        { data: 'Findings', header: true },
      ],
      ...rows.map(([id, { severity, count, docsUrl }]) => [
        docsUrl !== undefined ? `<a href="${escapeHtml(docsUrl)}">${escapeHtml(id)}</a>` : escapeHtml(id),
        severity,
        String(count),
      ]),
    ]);
  }

  const files = results.files.filter((f) => f.status !== 'linted' || f.findings.length > 0);
  if (files.length > 0) {
    summary.addHeading('Findings by file', 3).addTable([
      [
        { data: 'File', header: true },
        { data: 'Errors', header: true },
        { data: 'Warnings', header: true },
        { data: 'Infos', header: true },
        { data: 'Status', header: true },
      ],
      ...files.map((f) => [
        `<code>${escapeHtml(f.filePath)}</code>`,
        String(f.errorCount),
        String(f.warningCount),
        String(f.infoCount),
        f.status === 'linted' ? 'linted' : `${f.status}: ${escapeHtml(f.reason ?? '')}`,
      ]),
    ]);
  }

  const findings = results.files.flatMap((f) => f.findings);
  if (findings.length > 0) {
    summary.addHeading('Findings', 3).addTable([
      [
        { data: 'Location', header: true },
        { data: 'Severity', header: true },
        { data: 'Rule', header: true },
        { data: 'Message', header: true },
      ],
      ...findings
        .slice(0, SUMMARY_ROWS)
        .map((f) => [
          `<code>${escapeHtml(`${f.filePath}:${f.line}:${f.column}`)}</code>`,
          f.severity,
          escapeHtml(f.ruleId),
          escapeHtml(f.message),
        ]),
    ]);
    if (findings.length > SUMMARY_ROWS) summary.addRaw(`<p>… and ${findings.length - SUMMARY_ROWS} more: see the log.</p>`, true);
    const counts = [s.errors, s.warnings, s.infos];
    if (counts.some((n) => n > ANNOTATIONS_SHOWN)) {
      summary.addRaw(
        `<p>GitHub shows at most ${ANNOTATIONS_SHOWN} annotations of each level per step; every finding is in the log.</p>`,
        true,
      );
    }
  }
  await summary.write();
}

function failureMessage(results: LintResults, code: number, failOn: ActionFailOn): string | undefined {
  const s = results.summary;
  if (code === EXIT_ERROR) {
    return results.internalError
      ? 'kube-lint hit an internal error: see the annotations, and please report it'
      : `kube-lint could not lint every input: ${plural(s.filesFailed, 'file')} failed`;
  }
  if (code === EXIT_FINDINGS) {
    const counted = failOn === 'warning' ? `${plural(s.errors, 'error')} and ${plural(s.warnings, 'warning')}` : plural(s.errors, 'error');
    return `kube-lint found ${counted} (fail-on: ${failOn})`;
  }
  return undefined;
}

async function run(): Promise<void> {
  const inputs = readInputs();
  const workspace = path.resolve(process.env.GITHUB_WORKSPACE ?? process.cwd());
  const options: LintOptions = { cwd: workspace };
  if (inputs.config !== '') options.configFile = path.resolve(workspace, inputs.config);
  if (inputs.kubernetesVersion !== '') options.kubernetesVersion = inputs.kubernetesVersion;
  if (inputs.jobs !== undefined) options.jobs = inputs.jobs;
  if (inputs.vars !== undefined) options.vars = inputs.vars;
  if (inputs.allowEmpty) options.allowEmpty = true;

  info(`${TOOL_NAME} ${VERSION}: linting ${inputs.paths.join(' ')} in ${workspace}`);
  // Prepared here so that the reports know the configuration's policies (SARIF rule metadata).
  const prepared = prepareConfig(options);
  const results = await lint(inputs.paths, { ...options, prepared });

  startGroup(`${TOOL_NAME} report (${inputs.format})`);
  info(
    formatResults(results, inputs.format, { color: !process.env.NO_COLOR, cwd: workspace, ruleSet: prepared.ruleSet }).replace(/\n$/, ''),
  );
  endGroup();

  annotate(results);

  if (inputs.sarifFile !== '') {
    const target = path.resolve(workspace, inputs.sarifFile);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, formatSarif(results, { cwd: workspace, ruleSet: prepared.ruleSet }));
    info(`SARIF written to ${target}`);
    setOutput('sarif-file', target);
  }
  setOutput('errors', results.summary.errors);
  setOutput('warnings', results.summary.warnings);

  if (process.env.GITHUB_STEP_SUMMARY) await writeSummary(results);

  info(summaryLine(results));
  const code = exitCodeOf(results, { failOn: inputs.failOn });
  const message = failureMessage(results, code, inputs.failOn);
  if (message !== undefined) setFailed(message);
}

try {
  await run();
} catch (thrown) {
  if (thrown instanceof UsageError || thrown instanceof ConfigError) setFailed(thrown.message);
  else setFailed(`kube-lint internal error: ${thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown)}`);
}
