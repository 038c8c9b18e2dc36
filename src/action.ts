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
import { Command } from 'commander';
import { ConfigError, UsageError } from './errors.js';
import { EXIT_ERROR, EXIT_FINDINGS, exitCodeOf, filterSeverity, type FailOn } from './exit.js';
import { ANNOTATION_COMMAND, annotationOf } from './format/github.js';
import { FORMATTERS, formatResults, isFormatName } from './format/index.js';
import { formatSarif } from './format/sarif.js';
import { summaryLine } from './format/stylish.js';
import { plural } from './format/text.js';
import { ruleDescriptors } from './rule-descriptors.js';
import { lint, prepareConfig } from './lint.js';
import { addLintOptions, failOnOf, lintOptionsOf, maxWarningsOf, type LintFlags } from './options.js';
import { SEVERITY_RANK, type LintResults, type Severity } from './types.js';
import { TOOL_NAME, VERSION } from './version.js';

/** GitHub shows at most this many annotations of each level per step. */
const ANNOTATIONS_SHOWN = 10;
/** Rows of the findings table in the job summary. */
const SUMMARY_ROWS = 50;

const ANNOTATE = { error, warning, notice } as const;

interface Inputs {
  paths: string[];
  failOn: FailOn;
  sarifFile: string;
  format: keyof typeof FORMATTERS;
  /** The lint run's options, from every other input (and `args`), read as the CLI reads them. */
  flags: LintFlags;
}

/** A multi-line input: one value per line, spaces kept, blank lines left out. */
function lines(name: string): string[] {
  return getInput(name)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** A true/false input that may be left empty (undefined: not given). */
function flag(name: string): boolean | undefined {
  const value = getInput(name).toLowerCase();
  if (value === '') return undefined;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new UsageError(`input ${name} takes true or false, got "${getInput(name)}"`);
}

/**
 * The `args` input split into words as a POSIX shell would split them, quotes and backslashes
 * included, but with no shell: nothing is expanded or run (`$(...)`, `*`, `~` stay as written).
 */
export function splitArgs(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    const next = text.charAt(i + 1);
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && (next === '"' || next === '\\')) word += text.charAt(++i);
      else word += c;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      inWord = true;
      if (c === "'" || c === '"') quote = c;
      else if (c === '\\' && next !== '') word += text.charAt(++i);
      else word += c;
    }
  }
  if (quote !== undefined) throw new UsageError(`input args has an unterminated ${quote} quote`);
  if (inWord) words.push(word);
  return words;
}

/** The inputs as a kube-lint command line: the named inputs first, then `args`, then the paths. */
export function commandLineOf(
  input: (name: string) => string,
  list: (name: string) => string[],
  bool: (name: string) => boolean | undefined,
): string[] {
  const argv: string[] = [];
  const option = (name: string, value: string): void => {
    if (value !== '') argv.push(`--${name}`, value);
  };
  option('config', input('config'));
  option('kubernetes-version', input('kubernetes-version'));
  option('preset', input('preset'));
  option('jobs', input('jobs'));
  for (const crd of list('crds')) option('crd', crd);
  for (const folder of list('schemas')) option('schemas', folder);
  const strict = bool('strict');
  if (strict !== undefined) argv.push(strict ? '--strict' : '--no-strict');
  if (bool('ignore-missing-schemas') === true) argv.push('--ignore-missing-schemas');
  if (bool('allow-empty') === true) argv.push('--allow-empty');
  for (const assignment of list('vars')) option('var', assignment);
  argv.push(...splitArgs(input('args')));
  return argv;
}

/** The options `args` may not set: the Action sets them from its own inputs (or has no use for them). */
const NOT_IN_ARGS = ['format', 'output', 'printConfig', 'color'] as const;

function readInputs(): Inputs {
  const format = getInput('format') || 'stylish';
  if (!isFormatName(format) || format === 'github') {
    const names = Object.keys(FORMATTERS).filter((f) => f !== 'github');
    throw new UsageError(`input format takes ${names.join(', ')} (annotations are always written), got "${format}"`);
  }
  const jobs = getInput('jobs');
  if (jobs !== '' && !/^[1-9]\d*$/.test(jobs)) throw new UsageError(`input jobs takes a whole number of 1 or more, got "${jobs}"`);
  const argv = commandLineOf(getInput, lines, flag);
  const command = addLintOptions(new Command('args'))
    .argument('[paths...]')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
  try {
    command.parse(argv, { from: 'user' });
  } catch (thrown) {
    const message = (thrown as Error).message.replace(/^error: /, '').replace(/\n\(Did you mean (.+)\?\)/, ' (did you mean $1?)');
    throw new UsageError(`input args: ${message}`);
  }
  const flags = command.opts<LintFlags>();
  const refused = NOT_IN_ARGS.find((name) => flags[name] !== undefined);
  if (refused !== undefined)
    throw new UsageError(
      `input args cannot set --${refused.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: the Action has inputs (format, sarif-file) for reports`,
    );
  const paths = [...lines('path'), ...command.args];
  let failOn: FailOn;
  try {
    failOn = failOnOf(flags.failOn ?? (getInput('fail-on') || 'error'));
  } catch (thrown) {
    throw new UsageError(
      (thrown as Error).message.replace(/^--fail-on/, flags.failOn !== undefined ? 'input args: --fail-on' : 'input fail-on'),
    );
  }
  return { paths: paths.length > 0 ? paths : ['.'], failOn, sarifFile: getInput('sarif-file'), format, flags };
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

/** A link to a file of the commit at a line, when the run is on GitHub and the file is in the repository. */
export function fileLink(filePath: string, line: number | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_SHA: sha } = env;
  if (!server || !repository || !sha) return undefined;
  if (path.isAbsolute(filePath) || filePath.split(/[\\/]/)[0] === '..' || filePath === '<stdin>') return undefined;
  const encoded = filePath.split(/[\\/]/).map(encodeURIComponent).join('/');
  return `${server}/${repository}/blob/${sha}/${encoded}${line !== undefined ? `#L${line}` : ''}`;
}

function linked(text: string, filePath: string, line?: number): string {
  const url = fileLink(filePath, line);
  const code = `<code>${escapeHtml(text)}</code>`;
  return url !== undefined ? `<a href="${url.replace(/[&"<>']/g, (c) => `&#${c.charCodeAt(0)};`)}">${code}</a>` : code;
}

async function writeSummary(results: LintResults, failure: string | undefined): Promise<void> {
  const s = results.summary;
  const summary = jobSummary
    .addHeading(
      failure === undefined ? `✅ ${TOOL_NAME} passed` : `❌ ${TOOL_NAME} failed: ${escapeHtml(failure.replace(/^kube-lint /, ''))}`,
      2,
    )
    .addRaw(`<p>${escapeHtml(summaryLine(results))} (${TOOL_NAME} ${escapeHtml(VERSION)})</p>`, true);
  if (s.filesFailed > 0 || results.internalError) {
    summary.addRaw(`<p><strong>Not every file was linted:</strong> ${plural(s.filesFailed, 'file')} failed.</p>`, true);
  }

  const byRule = new Map<string, { severity: Severity; count: number; docsUrl: string | undefined }>();
  for (const finding of results.files.flatMap((f) => f.findings)) {
    const entry = byRule.get(finding.ruleId) ?? { severity: finding.severity, count: 0, docsUrl: finding.docsUrl };
    if (SEVERITY_RANK[finding.severity] > SEVERITY_RANK[entry.severity]) entry.severity = finding.severity;
    entry.count++;
    byRule.set(finding.ruleId, entry);
  }
  if (byRule.size > 0) {
    // Errors first, then warnings, then infos; the most frequent first within each.
    const rows = [...byRule.entries()].sort(
      (a, b) => SEVERITY_RANK[b[1].severity] - SEVERITY_RANK[a[1].severity] || b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1),
    );
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

  const files = results.files
    .filter((f) => f.status !== 'linted' || f.findings.length > 0)
    .sort(
      (a, b) =>
        Number(b.status === 'failed') - Number(a.status === 'failed') || b.errorCount - a.errorCount || b.warningCount - a.warningCount,
    );
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
        linked(f.filePath, f.filePath),
        String(f.errorCount),
        String(f.warningCount),
        String(f.infoCount),
        f.status === 'linted' ? 'linted' : `${f.status}: ${escapeHtml(f.reason ?? '')}`,
      ]),
    ]);
  }

  // Errors first (files and lines in order within a severity): the table is cut at SUMMARY_ROWS.
  const findings = results.files.flatMap((f) => f.findings).sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
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
          linked(`${f.filePath}:${f.line}:${f.column}`, f.filePath, f.line),
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

function failureMessage(results: LintResults, code: number, failOn: FailOn, maxWarnings: number): string | undefined {
  const s = results.summary;
  if (code === EXIT_ERROR) {
    return results.internalError
      ? 'kube-lint hit an internal error: see the annotations, and please report it'
      : `kube-lint could not lint every input: ${plural(s.filesFailed, 'file')} failed`;
  }
  if (code === EXIT_FINDINGS) {
    if (failOn === 'never' || (s.errors === 0 && failOn === 'error') || (s.errors === 0 && s.warnings === 0 && failOn === 'warning')) {
      if (maxWarnings >= 0 && s.warnings > maxWarnings)
        return `kube-lint found ${plural(s.warnings, 'warning')} (max-warnings: ${maxWarnings})`;
    }
    const counted =
      failOn === 'info'
        ? `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')} and ${plural(s.infos, 'info', 'infos')}`
        : failOn === 'warning'
          ? `${plural(s.errors, 'error')} and ${plural(s.warnings, 'warning')}`
          : plural(s.errors, 'error');
    return `kube-lint found ${counted} (fail-on: ${failOn})`;
  }
  return undefined;
}

async function run(): Promise<void> {
  const inputs = readInputs();
  const workspace = path.resolve(process.env.GITHUB_WORKSPACE ?? process.cwd());
  const options = lintOptionsOf(inputs.flags, workspace);

  info(`${TOOL_NAME} ${VERSION}: linting ${inputs.paths.map((p) => JSON.stringify(p)).join(' ')} in ${workspace}`);
  // Prepared here so that the reports know the configuration's policies (SARIF rule metadata).
  const prepared = prepareConfig(options);
  const all = await lint(inputs.paths, { ...options, prepared });
  const results = inputs.flags.quiet ? filterSeverity(all, 'error') : all;

  startGroup(`${TOOL_NAME} report (${inputs.format})`);
  info(
    formatResults(results, inputs.format, {
      color: !process.env.NO_COLOR,
      cwd: workspace,
      rules: ruleDescriptors(prepared.ruleSet),
    }).replace(/\n$/, ''),
  );
  endGroup();

  annotate(results);

  if (inputs.sarifFile !== '') {
    const target = path.resolve(workspace, inputs.sarifFile);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, formatSarif(results, { cwd: workspace, rules: ruleDescriptors(prepared.ruleSet) }));
    info(`SARIF written to ${target}`);
    setOutput('sarif-file', target);
  }
  setOutput('errors', results.summary.errors);
  setOutput('warnings', results.summary.warnings);

  const maxWarnings = maxWarningsOf(inputs.flags);
  const code = exitCodeOf(all, { failOn: inputs.failOn, maxWarnings });
  const message = failureMessage(all, code, inputs.failOn, maxWarnings);
  if (process.env.GITHUB_STEP_SUMMARY) await writeSummary(results, message);

  info(summaryLine(results));
  if (message !== undefined) setFailed(message);
}

try {
  await run();
} catch (thrown) {
  if (thrown instanceof UsageError || thrown instanceof ConfigError) setFailed(thrown.message);
  else setFailed(`kube-lint internal error: ${thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown)}`);
}
