#!/usr/bin/env node
/**
 * The kube-lint command: argv -> lint() -> format -> stdout. Sets process.exitCode, nothing else.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { inPreset } from './engine/config.js';
import { PRESETS, type AnyRule, type PresetName } from './engine/rule.js';
import { ConfigError, UsageError } from './errors.js';
import { EXIT_ERROR, exitCodeOf, filterSeverity, type FailOn } from './exit.js';
import { FORMATTERS, formatResults, isFormatName, type FormatName } from './format/index.js';
import { printable } from './format/text.js';
import { lint, parseShard, prepareConfig, validatorStats, type LintOptions } from './lint.js';
import { testCommand } from './policy/test-command.js';
import { DEFAULT_MAX_FILE_BYTES } from './load/read.js';
import { parseVarAssignments } from './load/substitute.js';
import { KUBERNETES_VERSIONS } from './schema/versions.js';
import { VERSION } from './version.js';

const HELP = `kube-lint ${VERSION}: lint Kubernetes manifests

Usage:
  kube-lint [options] [paths...]     lint files, folders, glob patterns; "-" reads standard input
  kube-lint rules [rule-id]          list the rules (the configuration's policies included), or show one
  kube-lint test [DIR]               run the policy tests (kube-lint-test.yaml files) under DIR

Options:
  -f, --format NAME            format of the report on standard output (default stylish):
                               ${Object.keys(FORMATTERS).join(', ')}
  -o, --output FILE            write that report to FILE instead of standard output
      --output-file FORMAT=PATH
                               also write a report in FORMAT to PATH; repeatable, e.g.
                               --output-file sarif=results.sarif --output-file junit=junit.xml
  -c, --config FILE            use this config file instead of searching for .kube-lint.yaml
      --preset NAME            preset to start from: ${PRESETS.join(', ')} (overrides "extends")
      --rule ID=SEVERITY       set a rule's severity (off, info, warning, error); repeatable
  -k, --kubernetes-version V   target Kubernetes version: ${KUBERNETES_VERSIONS.join(', ')} (default newest)
      --strict / --no-strict   reject unknown fields (default strict)
      --crd PATH               CustomResourceDefinition file or folder to validate custom resources with; repeatable
      --schemas DIR            schema folder laid out as {group}/{kind}_{version}.json; repeatable
      --ignore-missing-schemas do not report kinds without a schema (rule unknown-kind off)
      --policy PATH            policy file or folder (ValidatingAdmissionPolicies, bindings, params,
                               kube-lint policies); repeatable
      --ignore-pattern GLOB    leave out matching files; repeatable
      --allow-empty            exit 0 when no Kubernetes manifest is found (default: exit 2)
      --var NAME=VALUE         substitution variable for \${NAME} (Flux post-build), over the
                               config's vars and varsFiles; repeatable
      --stdin-filename NAME    name to show for standard input
      --fail-on LEVEL          lowest severity that fails the run: error, warning, info, never (default error)
      --max-warnings N         fail when there are more than N warnings
  -q, --quiet                  report errors only
      --report-unused-disables report suppressions that suppress nothing
      --max-file-size BYTES    skip (and fail) files larger than this (default 33554432)
      --shard I/N              lint only shard I of N (files split by a hash of their path), for
                               CI job matrices; cross-resource rules see only the shard's files
      --cache-dir DIR          where compiled schema validators are kept between runs (default:
                               KUBE_LINT_CACHE_DIR, else ~/.cache/kube-lint)
      --no-cache               read and write no cache (the validators prebuilt with kube-lint,
                               for common kinds, are still used)
  -j, --jobs N                 threads to lint with; 1 = this thread only (default: one per
                               processor, up to 8, on inputs over 4 MiB with 4 processors or
                               more; the results are the same either way)
      --color / --no-color     force or disable colours (default: colours on a terminal)
  -v, --version                print the version
  -h, --help                   print this help

Reports: --format and --output choose the one report for people (standard output or FILE);
each --output-file adds a report for machines. All come from the same run and the same
--quiet filter; files are never coloured. A PATH given twice is a usage error.

Exit codes: 0 no finding at the failing level, 1 findings at the failing level (or more
warnings than --max-warnings), 2 usage, configuration or internal error, a file that could
not be read, or no Kubernetes manifest found (unless --allow-empty).
`;

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads standard input, stopping after `maxBytes` + 1 bytes (enough to know it is too large). */
  readStdin: (maxBytes: number) => Promise<Buffer>;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f', multiple: true },
        output: { type: 'string', short: 'o' },
        'output-file': { type: 'string', multiple: true },
        config: { type: 'string', short: 'c' },
        preset: { type: 'string' },
        rule: { type: 'string', multiple: true },
        'kubernetes-version': { type: 'string', short: 'k' },
        strict: { type: 'boolean' },
        'no-strict': { type: 'boolean' },
        crd: { type: 'string', multiple: true },
        schemas: { type: 'string', multiple: true },
        'ignore-missing-schemas': { type: 'boolean' },
        policy: { type: 'string', multiple: true },
        'ignore-pattern': { type: 'string', multiple: true },
        'allow-empty': { type: 'boolean' },
        var: { type: 'string', multiple: true },
        'stdin-filename': { type: 'string' },
        'fail-on': { type: 'string' },
        'max-warnings': { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        'report-unused-disables': { type: 'boolean' },
        'max-file-size': { type: 'string' },
        shard: { type: 'string' },
        jobs: { type: 'string', short: 'j' },
        'cache-dir': { type: 'string' },
        'no-cache': { type: 'boolean' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        version: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0] ?? ''} (see kube-lint --help)`);
  }
}

function wholeNumber(value: string, flag: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} takes a whole number, got "${value}"`);
  return Number(value);
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? '' : `  ${line}`))
    .join('\n');
}

function ruleDoc(rule: AnyRule): string {
  const meta = rule.meta;
  const presets = PRESETS.filter((p) => inPreset(rule, p)).join(', ') || 'none (turn it on in the config)';
  const lines = [
    `${rule.id}: ${meta.description}`,
    '',
    `  category          ${meta.category}`,
    `  default severity  ${meta.defaultSeverity}`,
    `  presets           ${presets}`,
    `  docs              ${rule.docsUrl}`,
    '',
    'Why:',
    indent(meta.rationale),
    '',
    'How to fix:',
    indent(meta.remediation),
  ];
  const props = (meta.options?.properties ?? {}) as Record<string, { description?: string }>;
  if (Object.keys(props).length > 0) {
    lines.push('', 'Options:');
    for (const [name, schema] of Object.entries(props)) {
      lines.push(`  ${name} (default ${JSON.stringify((meta.defaults as Record<string, unknown>)[name])}): ${schema.description ?? ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function rulesCommand(argv: string[], io: Io): number {
  const { values, positionals } = parseRulesArgs(argv);
  const options: LintOptions = { cwd: io.cwd };
  if (values.config !== undefined) options.configFile = values.config;
  if (values.policy) options.policies = values.policy;
  // The configuration's own policies are rules too.
  const ruleSet = prepareConfig(options).ruleSet;
  const [id] = positionals;
  if (id !== undefined) {
    const rule = ruleSet.find((r) => r.id === id);
    if (!rule) throw new UsageError(`unknown rule "${id}"; "kube-lint rules" lists them`);
    io.stdout(ruleDoc(rule));
    return 0;
  }
  const width = Math.max(...ruleSet.map((r) => r.id.length));
  const lines = ruleSet.map((r) => {
    const preset = inPreset(r, 'recommended') ? 'recommended' : inPreset(r, 'strict') ? 'strict' : 'all';
    return `${r.id.padEnd(width)}  ${r.meta.defaultSeverity.padEnd(7)}  ${preset.padEnd(11)}  ${r.meta.description}`;
  });
  io.stdout(`${'rule'.padEnd(width)}  severity  preset       description\n${lines.join('\n')}\n`);
  return 0;
}

function parseRulesArgs(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { config: { type: 'string', short: 'c' }, policy: { type: 'string', multiple: true } },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0] ?? ''} (see kube-lint --help)`);
  }
}

interface ReportTarget {
  format: FormatName;
  /** The path as given, for messages. */
  path: string;
}

function outputFiles(values: string[] | undefined): ReportTarget[] {
  return (values ?? []).map((value) => {
    const m = /^([a-z]+)=(.+)$/.exec(value);
    if (!m?.[1] || !m[2]) throw new UsageError(`--output-file takes FORMAT=PATH, e.g. sarif=results.sarif, got "${value}"`);
    if (!isFormatName(m[1]))
      throw new UsageError(`unknown format "${m[1]}" in --output-file: use one of ${Object.keys(FORMATTERS).join(', ')}`);
    return { format: m[1], path: m[2] };
  });
}

function writeReport(target: string, shown: string, report: string): void {
  try {
    writeFileSync(target, report);
  } catch (error) {
    throw new UsageError(`cannot write ${shown}: ${(error as Error).message}`);
  }
}

function ruleOverrides(values: string[] | undefined): LintOptions['rules'] {
  const out: NonNullable<LintOptions['rules']> = {};
  for (const value of values ?? []) {
    const m = /^([a-z0-9-]+)=(off|info|warning|error)$/.exec(value);
    if (!m?.[1] || !m[2]) throw new UsageError(`--rule takes ID=SEVERITY (off, info, warning, error), got "${value}"`);
    out[m[1]] = m[2] as 'off';
  }
  return out;
}

export async function main(argv: string[], io: Io): Promise<number> {
  if (argv[0] === 'rules') return rulesCommand(argv.slice(1), io);
  if (argv[0] === 'test') return testCommand(argv.slice(1), io);
  const { values, positionals } = parse(argv);
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (values.version) {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const formats = values.format ?? ['stylish'];
  for (const f of formats) {
    if (!isFormatName(f)) throw new UsageError(`unknown format "${f}": use one of ${Object.keys(FORMATTERS).join(', ')}`);
  }
  if (formats.length > 1) throw new UsageError('give --format once; write more reports with --output-file FORMAT=PATH');
  const format = formats[0] as FormatName;
  const extraReports = outputFiles(values['output-file']);
  const targets = [...(values.output !== undefined ? [values.output] : []), ...extraReports.map((r) => r.path)].map((p) =>
    path.resolve(io.cwd, p),
  );
  const duplicate = targets.find((t, i) => targets.indexOf(t) !== i);
  if (duplicate !== undefined) throw new UsageError(`two reports would be written to ${duplicate}: give each report its own path`);
  const failOn = values['fail-on'] ?? 'error';
  if (!['error', 'warning', 'info', 'never'].includes(failOn))
    throw new UsageError(`--fail-on takes error, warning, info or never, got "${failOn}"`);
  if (values.preset !== undefined && !(PRESETS as readonly string[]).includes(values.preset)) {
    throw new UsageError(`unknown preset "${values.preset}": use one of ${PRESETS.join(', ')}`);
  }
  const inputs = positionals.length > 0 ? positionals : ['.'];
  const options: LintOptions = { cwd: io.cwd, rules: ruleOverrides(values.rule) };
  if (values.config !== undefined) options.configFile = values.config;
  if (values.preset !== undefined) options.extends = values.preset as PresetName;
  if (values['kubernetes-version'] !== undefined) options.kubernetesVersion = values['kubernetes-version'];
  if (values['no-strict']) options.strict = false;
  else if (values.strict) options.strict = true;
  if (values['ignore-pattern']) options.ignore = values['ignore-pattern'];
  if (values.crd) options.crds = values.crd;
  if (values.var) options.vars = parseVarAssignments(values.var, '--var');
  if (values.schemas) options.schemas = values.schemas;
  if (values['ignore-missing-schemas']) options.ignoreMissingSchemas = true;
  if (values['allow-empty']) options.allowEmpty = true;
  if (values.policy) options.policies = values.policy;
  if (values['report-unused-disables']) options.reportUnusedDisables = true;
  if (values['stdin-filename'] !== undefined) options.stdinFilename = values['stdin-filename'];
  if (values['max-file-size'] !== undefined) options.maxFileBytes = wholeNumber(values['max-file-size'], '--max-file-size');
  if (values.shard !== undefined) options.shard = parseShard(values.shard);
  if (values['no-cache']) options.cacheDir = false;
  else if (values['cache-dir'] !== undefined) options.cacheDir = values['cache-dir'];
  if (values.jobs !== undefined) {
    options.jobs = wholeNumber(values.jobs, '--jobs');
    if (options.jobs < 1) throw new UsageError('--jobs takes 1 or more');
  }
  if (inputs.includes('-')) options.stdin = await io.readStdin(options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);

  // Prepared here (policies compiled once) so that reports know the run's rules, policies included.
  const prepared = prepareConfig(options);
  const results = await lint(inputs, { ...options, prepared });
  if (io.env.KUBE_LINT_DEBUG) {
    const { compiled, cached, prebuilt } = validatorStats();
    io.stderr(`kube-lint: schema validators (main thread): ${compiled} compiled, ${cached} from the cache, ${prebuilt} prebuilt\n`);
  }
  const maxWarnings = values['max-warnings'] !== undefined ? wholeNumber(values['max-warnings'], '--max-warnings') : -1;
  const code = exitCodeOf(results, { failOn: failOn as FailOn, maxWarnings });
  const shown = values.quiet ? filterSeverity(results, 'error') : results;
  const color =
    values['no-color'] || io.env.NO_COLOR
      ? false
      : values.color === true || (io.isTTY && values.output === undefined && io.env.TERM !== 'dumb');
  const report = formatResults(shown, format, { color, cwd: io.cwd, ruleSet: prepared.ruleSet });
  for (const extra of extraReports) {
    writeReport(
      path.resolve(io.cwd, extra.path),
      extra.path,
      formatResults(shown, extra.format, { color: false, cwd: io.cwd, ruleSet: prepared.ruleSet }),
    );
  }
  if (values.output !== undefined) writeReport(path.resolve(io.cwd, values.output), values.output, report);
  else io.stdout(report);
  return code;
}

async function readAll(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    chunks.push(buffer);
    total += buffer.length;
    if (total > maxBytes) break; // the rest is never read: lint() reports the input as too large
  }
  return Buffer.concat(chunks);
}

export async function run(argv: string[]): Promise<void> {
  const io: Io = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: (maxBytes) => readAll(process.stdin, maxBytes),
    isTTY: process.stdout.isTTY,
    env: process.env,
    cwd: process.cwd(),
  };
  try {
    process.exitCode = await main(argv, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      // A configuration error may list several problems, one per line (policies).
      io.stderr(`kube-lint: ${error.message.split('\n').map(printable).join('\n  ')}\n`);
    } else {
      const detail = error instanceof Error ? error.message : String(error);
      io.stderr(
        `kube-lint: internal error: ${printable(detail)}. Please report it${process.env.KUBE_LINT_DEBUG ? `\n${(error as Error).stack ?? ''}` : ' (set KUBE_LINT_DEBUG=1 for details)'}\n`,
      );
    }
    process.exitCode = EXIT_ERROR;
  }
}

await run(process.argv.slice(2));
