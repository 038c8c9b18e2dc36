#!/usr/bin/env node
/**
 * The kube-lint command: argv -> lint() -> format -> stdout. Sets process.exitCode, nothing else.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { rules as allRules } from '../rules/index.js';
import { CONFIG_FILE_NAMES, closest, inPreset } from './engine/config.js';
import { initialConfig } from './engine/init.js';
import { PRESETS, type AnyRule, type PresetName } from './engine/rule.js';
import { ConfigError, UsageError } from './errors.js';
import { EXIT_ERROR, exitCodeOf, filterSeverity } from './exit.js';
import { FORMATTERS, formatResults, isFormatName, type FormatName } from './format/index.js';
import { printable } from './format/text.js';
import { ruleDescriptors } from './rule-descriptors.js';
import { lint, prepareConfig, RuleTiming, validatorStats, type LintOptions } from './lint.js';
import { formatTiming } from './format/timing.js';
import { testCommand } from './policy/test-command.js';
import { addLintOptions, failOnOf, formatList, lintOptionsOf, maxWarningsOf, type LintFlags } from './options.js';
import { DEFAULT_MAX_FILE_BYTES } from './load/read.js';
import { VERSION } from './version.js';

/** Read after the generated option list of `kube-lint --help`. */
const HELP_AFTER = `
Reports: --format and --output choose the one report for people (standard output or FILE);
each --output-file adds a report for machines. All come from the same run and the same
--quiet filter; files are never coloured. A PATH given twice is a usage error.

Severities (--rule, --fail-on, config): off, info, warning, error; ESLint's warn and 0 (off),
1 (warning), 2 (error) are accepted too.

Colours: on a terminal; --color/--no-color, else FORCE_COLOR (0 or false: off), else NO_COLOR.
Width: the stylish report wraps to the terminal's width, or to $COLUMNS, or to 100 when piped.

Exit codes: 0 no finding at the failing level, 1 findings at the failing level (or more
warnings than --max-warnings), 2 usage, configuration or internal error, or a file that could
not be read.`;

/** The stylish report's width when standard output is not a terminal and COLUMNS is not set. */
export const PIPED_WIDTH = 100;

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads standard input, stopping after `maxBytes` + 1 bytes (enough to know it is too large). */
  readStdin: (maxBytes: number) => Promise<Buffer>;
  isTTY: boolean;
  /** The terminal's width, when standard output is one. */
  columns?: number;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

const SUBCOMMANDS = ['rules', 'init', 'lsp', 'test', 'help'] as const;

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? '' : `  ${line}`))
    .join('\n');
}

function presetsOf(rule: AnyRule): PresetName[] {
  return PRESETS.filter((p) => inPreset(rule, p));
}

function ruleDoc(rule: AnyRule): string {
  const meta = rule.meta;
  const presets = presetsOf(rule).join(', ') || 'none (turn it on in the config)';
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

/** The rule catalogue as data: `kube-lint rules --format json`. */
function ruleData(rule: AnyRule): Record<string, unknown> {
  const meta = rule.meta;
  return {
    id: rule.id,
    description: meta.description,
    category: meta.category,
    defaultSeverity: meta.defaultSeverity,
    presets: presetsOf(rule),
    scope: meta.scope,
    docsUrl: rule.docsUrl,
    rationale: meta.rationale,
    remediation: meta.remediation,
    options: meta.options ?? null,
    defaults: meta.defaults ?? {},
  };
}

function findRule(id: string, ruleSet: readonly AnyRule[]): AnyRule {
  const rule = ruleSet.find((r) => r.id === id);
  if (rule) return rule;
  const near = closest(
    id,
    ruleSet.map((r) => r.id),
  );
  throw new UsageError(`unknown rule "${id}"${near ? ` (did you mean "${near}"?)` : ''}; "kube-lint rules" lists them`);
}

function rulesCommand(id: string | undefined, flags: { format: string; config?: string; policy?: string[] }, io: Io): number {
  const format = flags.format;
  if (format !== 'text' && format !== 'json') throw new UsageError(`rules --format takes text or json, got "${format}"`);
  // The configuration's own policies are rules too.
  const options: LintOptions = { cwd: io.cwd };
  if (flags.config !== undefined) options.configFile = flags.config;
  if (flags.policy) options.policies = flags.policy;
  const ruleSet = prepareConfig(options).ruleSet;
  const chosen = id !== undefined ? [findRule(id, ruleSet)] : ruleSet;
  if (format === 'json') {
    io.stdout(`${JSON.stringify(id !== undefined ? ruleData(chosen[0] as AnyRule) : chosen.map(ruleData), null, 2)}\n`);
    return 0;
  }
  if (id !== undefined) {
    io.stdout(ruleDoc(chosen[0] as AnyRule));
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

function initCommand(flags: { force?: boolean; preset?: string }, io: Io): number {
  const preset = flags.preset ?? 'recommended';
  if (!(PRESETS as readonly string[]).includes(preset))
    throw new UsageError(`unknown preset "${preset}": use one of ${PRESETS.join(', ')}`);
  const target = path.join(io.cwd, CONFIG_FILE_NAMES[0]);
  const existing = CONFIG_FILE_NAMES.map((name) => path.join(io.cwd, name)).find((file) => existsSync(file));
  if (existing !== undefined && !flags.force) {
    throw new UsageError(`${path.basename(existing)} already exists here; give --force to replace it`);
  }
  writeFileSync(target, initialConfig(preset as PresetName, allRules));
  io.stdout(`wrote ${CONFIG_FILE_NAMES[0]} (preset ${preset}); "kube-lint --print-config FILE" shows what applies to FILE\n`);
  return 0;
}

interface ReportTarget {
  format: FormatName;
  /** The path as given, for messages. */
  path: string;
}

function outputFiles(values: string[]): ReportTarget[] {
  return values.map((value) => {
    const m = /^([a-z]+)=(.+)$/.exec(value);
    if (!m?.[1] || !m[2]) throw new UsageError(`--output-file takes FORMAT=PATH, e.g. sarif=results.sarif, got "${value}"`);
    if (!isFormatName(m[1])) throw new UsageError(`unknown format "${m[1]}" in --output-file: use one of ${formatList()}`);
    return { format: m[1], path: m[2] };
  });
}

/** Writes a report, creating its folder (as ESLint's -o does). */
function writeReport(target: string, shown: string, report: string): void {
  try {
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, report);
  } catch (error) {
    throw new UsageError(`cannot write ${shown}: ${(error as Error).message}`);
  }
}

/** Colours: the flag, else FORCE_COLOR, else NO_COLOR, else a terminal (not with -o). */
export function colorOf(flag: boolean | undefined, io: Pick<Io, 'env' | 'isTTY'>, toFile: boolean): boolean {
  if (flag !== undefined) return flag;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (io.env.NO_COLOR) return false;
  return io.isTTY && !toFile && io.env.TERM !== 'dumb';
}

/** The stylish report's width: the terminal's, else COLUMNS, else PIPED_WIDTH. */
export function widthOf(io: Pick<Io, 'env' | 'isTTY' | 'columns'>): number {
  if (io.isTTY && io.columns !== undefined && io.columns > 0) return io.columns;
  const columns = Number(io.env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : PIPED_WIDTH;
}

/**
 * `--print-config FILE`: the configuration that applies to FILE, as JSON (like ESLint's). kube-lint
 * has one configuration per run (no per-glob overrides), so FILE only names what is asked about.
 */
function printConfig(file: string, options: LintOptions, io: Io): number {
  const { loaded, resolved } = prepareConfig(options);
  const effective = {
    file,
    configFile: loaded.filePath !== undefined ? path.relative(io.cwd, loaded.filePath) || loaded.filePath : null,
    kubernetesVersion: resolved.kubernetesVersion,
    strict: resolved.strict,
    ignore: resolved.ignore,
    crds: [...resolved.crds, ...(options.crds ?? [])],
    schemas: [...resolved.schemas, ...(options.schemas ?? [])],
    rules: Object.fromEntries(resolved.rules.map((r) => [r.rule.id, [r.severity, r.options]])),
  };
  io.stdout(`${JSON.stringify(effective, null, 2)}\n`);
  return 0;
}

async function lintCommand(inputs: string[], flags: LintFlags, io: Io): Promise<number> {
  const formats = flags.format ?? [];
  if (formats.length > 1) throw new UsageError('give --format once; write more reports with --output-file FORMAT=PATH');
  const format = formats[0] ?? 'stylish';
  if (!isFormatName(format)) {
    const near = closest(format, Object.keys(FORMATTERS));
    throw new UsageError(`unknown format "${format}"${near ? ` (did you mean "${near}"?)` : ''}: use one of ${formatList()}`);
  }
  const extraReports = outputFiles(flags.outputFile ?? []);
  const targets = [...(flags.output !== undefined ? [flags.output] : []), ...extraReports.map((r) => r.path)].map((p) =>
    path.resolve(io.cwd, p),
  );
  const duplicate = targets.find((t, i) => targets.indexOf(t) !== i);
  if (duplicate !== undefined) throw new UsageError(`two reports would be written to ${duplicate}: give each report its own path`);
  const failOn = failOnOf(flags.failOn);
  const options = lintOptionsOf(flags, io.cwd);
  if (flags.printConfig !== undefined) return printConfig(flags.printConfig, options, io);
  const [first] = inputs;
  if (inputs.length === 1 && first !== undefined && !existsSync(path.resolve(io.cwd, first)) && !/[*?[{]/.test(first)) {
    const near = closest(first, SUBCOMMANDS);
    if (near !== undefined) throw new UsageError(`"${first}" is neither a file nor a command (did you mean "kube-lint ${near}"?)`);
  }
  if (inputs.length === 0) inputs = ['.'];
  if (inputs.includes('-')) options.stdin = await io.readStdin(options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);

  // Prepared here (policies compiled once) so that reports know the run's rules, policies included.
  const prepared = prepareConfig(options);
  const timing = timingOf(io.env.KUBE_LINT_TIMING);
  const results = await lint(inputs, { ...options, prepared, ...(timing ? { timing: timing.timing } : {}) });
  if (timing) io.stderr(formatTiming(timing.timing.sorted(), timing.rows));
  if (io.env.KUBE_LINT_DEBUG) {
    const { compiled, cached, prebuilt } = validatorStats();
    io.stderr(`kube-lint: schema validators (main thread): ${compiled} compiled, ${cached} from the cache, ${prebuilt} prebuilt\n`);
  }
  const maxWarnings = maxWarningsOf(flags);
  const code = exitCodeOf(results, { failOn, maxWarnings });
  const shown = flags.quiet ? filterSeverity(results, 'error') : results;
  const color = colorOf(flags.color, io, flags.output !== undefined);
  const rules = ruleDescriptors(prepared.ruleSet);
  const report = formatResults(shown, format, {
    color,
    cwd: io.cwd,
    verbose: flags.verbose === true,
    rules,
    ...(flags.output === undefined ? { width: widthOf(io) } : {}),
  });
  for (const extra of extraReports) {
    writeReport(path.resolve(io.cwd, extra.path), extra.path, formatResults(shown, extra.format, { color: false, cwd: io.cwd, rules }));
  }
  if (flags.output !== undefined) writeReport(path.resolve(io.cwd, flags.output), flags.output, report);
  else io.stdout(report);
  return code;
}

/**
 * `KUBE_LINT_TIMING`: set (to anything but empty or `0`), the run measures its rules (on one
 * thread) and prints the slowest ten to standard error; `all` prints every rule; a number N, the
 * slowest N.
 */
function timingOf(value: string | undefined): { timing: RuleTiming; rows: number } | undefined {
  if (value === undefined || value === '' || value === '0') return undefined;
  const n = Number(value);
  return { timing: new RuleTiming(), rows: value === 'all' ? Infinity : Number.isInteger(n) && n > 0 ? n : 10 };
}

/**
 * The command line, parsed by commander: one definition gives the help of each command, did-you-mean
 * for options and commands, `--` and `-` handling, and consistent errors.
 */
function program(io: Io, done: (code: Promise<number> | number) => void): Command {
  const root = new Command('kube-lint');
  const usage = (cmd: Command): Command =>
    cmd
      .exitOverride()
      .showSuggestionAfterError(true)
      .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => undefined })
      .configureHelp({ helpWidth: widthOf(io) });
  usage(root)
    // Options after a command's name are that command's (`rules --format json`).
    .enablePositionalOptions()
    .description(`kube-lint ${VERSION}: lint Kubernetes manifests`)
    .usage('[options] [paths...]')
    .argument('[paths...]', 'files, folders, glob patterns; "-" reads standard input (default: .)')
    .version(VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'print this help');
  addLintOptions(root)
    .addHelpText('after', HELP_AFTER)
    .action((paths: string[], flags: LintFlags) => {
      done(lintCommand(paths, flags, io));
    });
  usage(root.command('rules'))
    .description("list the rules, or show one rule's documentation")
    .argument('[rule-id]', 'the rule to show')
    .option('-f, --format <name>', 'text or json (the catalogue as data)', 'text')
    .option('-c, --config <file>', 'use this config file (its policies are listed as rules)')
    .option(
      '--policy <path>',
      'policy file or folder whose policies are listed as rules; repeatable',
      (v: string, p: string[] | undefined) => [...(p ?? []), v],
    )
    .action((id: string | undefined, flags: { format: string; config?: string; policy?: string[] }) => {
      done(rulesCommand(id, flags, io));
    });
  usage(root.command('test'))
    .description('run the policy tests (kube-lint-test.yaml files) under DIR')
    .argument('[dir]', 'the folder to search (default: .)')
    .action((dir: string | undefined) => {
      done(testCommand(dir === undefined ? [] : [dir], io));
    });
  usage(root.command('init'))
    .description('write a commented .kube-lint.yaml in the current folder')
    .option('--preset <name>', `preset to start from: ${PRESETS.join(', ')}`, 'recommended')
    .option('--force', 'replace an existing config file')
    .action((flags: { force?: boolean; preset?: string }) => {
      done(initCommand(flags, io));
    });
  usage(root.command('lsp'))
    .description('run the language server on standard input and output (for editors)')
    .option('--stdio', 'talk over standard input and output (the only transport; editors pass it)')
    .action(() => {
      // Loaded only for this command: the protocol library weighs on every other start.
      done(import('./lsp.js').then((lsp) => lsp.startLanguageServer()));
    });
  return root;
}

/** commander's error text as one line: `unknown option '--formt' (did you mean --format?)`. */
function oneLine(message: string): string {
  return message
    .replace(/^error: /, '')
    .replace(/\n\(Did you mean (.+)\?\)/, ' (did you mean $1?)')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}

export async function main(argv: string[], io: Io): Promise<number> {
  let result: Promise<number> | number = 0;
  const done = (code: Promise<number> | number): void => {
    result = code;
  };
  try {
    await program(io, done).parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0; // --help, --version
      throw new UsageError(`${oneLine(error.message)}; see kube-lint --help`);
    }
    throw error;
  }
  return result;
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
  // A reader that stops early (`kube-lint | head`) is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  const io: Io = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: (maxBytes) => readAll(process.stdin, maxBytes),
    isTTY: process.stdout.isTTY,
    ...(process.stdout.isTTY ? { columns: process.stdout.columns } : {}),
    env: process.env,
    cwd: process.cwd(),
  };
  try {
    process.exitCode = await main(argv, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      // A config with several mistakes reports each on its own line.
      for (const line of error.message.split('\n')) io.stderr(`kube-lint: ${printable(line)}\n`);
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
