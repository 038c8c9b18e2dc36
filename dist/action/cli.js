#!/usr/bin/env node
// kube-lint GitHub Action and command (pre-commit hook), bundled by scripts/build-action.ts: do not edit.
// Licences of the bundled packages: licenses.txt beside this file.
import { createRequire as __kubeLintCreateRequire } from 'node:module';
const require = __kubeLintCreateRequire(import.meta.url);
import {
  Command,
  CommanderError,
  EXIT_ERROR,
  FORMATTERS,
  addLintOptions,
  exitCodeOf,
  failOnOf,
  filterSeverity,
  formatList,
  formatResults,
  isFormatName,
  lintOptionsOf,
  maxWarningsOf,
  printable,
  ruleDescriptors
} from "./chunk-NO6ASH46.js";
import {
  CONFIG_FILE_NAMES,
  CONFIG_SCHEMA_URL,
  DEFAULT_KUBERNETES_VERSION,
  DEFAULT_MAX_FILE_BYTES,
  PRESETS,
  RuleTiming,
  VERSION,
  closest,
  collectFiles,
  filesUnder,
  inPreset,
  isRecord,
  lineIn,
  lint,
  objectsOfDocument,
  parseYaml,
  prepareConfig,
  refOf,
  rules,
  validatorStats
} from "./chunk-AZVJ5M2M.js";
import {
  ConfigError,
  UsageError
} from "./chunk-OF6YIWFX.js";
import "./chunk-H7FGNHQJ.js";

// src/cli.ts
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path2 from "node:path";

// src/engine/init.ts
function initialConfig(preset, rules2) {
  const listed = rules2.filter((r) => inPreset(r, preset));
  const width = Math.max(...listed.map((r) => r.id.length)) + 1;
  const ruleLines = listed.map((r) => `  # ${`${r.id}:`.padEnd(width)} ${r.meta.defaultSeverity.padEnd(7)}  # ${r.meta.description}`);
  return `# kube-lint configuration (https://github.com/kube-lint/kube-lint#configuration).
# Data only: YAML or JSON. An unknown key or a bad value stops the run with exit code 2.
# A key with every entry commented out is unset.
$schema: ${CONFIG_SCHEMA_URL}

# The preset to start from: ${PRESETS.join(", ")}.
extends: ${preset}

# The Kubernetes version the manifests are applied to; quote it (1.30 as a YAML number is 1.3).
# Default: the newest bundled, ${DEFAULT_KUBERNETES_VERSION}.
# kubernetesVersion: "${DEFAULT_KUBERNETES_VERSION}"

# Unknown fields are errors, as in kubectl's server-side field validation.
strict: true

# Rule settings by id: a severity (off, info, warning, error; ESLint's warn and 0, 1, 2 too), or
# [severity, {options}]. "kube-lint rules ID" prints a rule's documentation and options.
# The rules of the ${preset} preset, at their default severity:
rules:
${ruleLines.join("\n")}
  # image-tag: [error, { requireDigest: true }]

# Files to leave out: glob patterns relative to this file's folder.
ignore:
  # - "charts/**"

# CustomResourceDefinition files or folders, to validate custom resources with.
crds:
  # - crds/

# Schema folders laid out as {group}/{kind}_{version}.json (datreeio/CRDs-catalog's layout).
schemas:
  # - vendor/crd-schemas
`;
}

// src/format/timing.ts
function formatTiming(rules2, rows) {
  const total = rules2.reduce((sum, [, ms]) => sum + ms, 0);
  const shown = rules2.slice(0, rows);
  const width = Math.max("all rules".length, ...shown.map(([id]) => id.length));
  const row = (id, ms, share) => `${id.padEnd(width)} | ${ms.toFixed(1).padStart(9)} | ${share.padStart(8)}`;
  const lines = shown.map(([id, ms]) => row(id, ms, `${(total > 0 ? ms / total * 100 : 0).toFixed(1)}%`));
  return [`${"Rule".padEnd(width)} | Time (ms) | Relative`, ...lines, row("all rules", total, "100.0%"), ""].join("\n");
}

// src/policy/test-command.ts
import { readFileSync } from "node:fs";
import path from "node:path";
var TEST_FILE_NAMES = ["kube-lint-test.yaml", "kube-lint-test.yml"];
var ADMISSION_RULE = "admission-policy";
function problem(file, document, at, message) {
  const line = lineIn(document, at);
  return new ConfigError(`${file}${line !== void 0 ? `:${line}` : ""}: ${message}`);
}
function stringList(value) {
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value;
  return void 0;
}
function readTestFile(file, shownAs) {
  const parsed = parseYaml(readFileSync(file, "utf8"));
  const first = parsed.problems[0];
  if (first) throw new ConfigError(`${shownAs}:${first.line}: ${first.message}`);
  const document = parsed.documents[0];
  const value = document?.value;
  if (!isRecord(value)) throw new ConfigError(`${shownAs}: a test file is a mapping with resources and results`);
  const known = ["name", "config", "policies", "resources", "results"];
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) throw problem(shownAs, document, [key], `unknown key "${key}" (known keys: ${known.join(", ")})`);
  }
  const resources = stringList(value.resources);
  if (!resources || resources.length === 0)
    throw problem(shownAs, document, ["resources"], "resources must list manifest files or folders");
  const policies = value.policies === void 0 ? [] : stringList(value.policies);
  if (!policies) throw problem(shownAs, document, ["policies"], "policies must list policy files or folders");
  if (value.config !== void 0 && typeof value.config !== "string")
    throw problem(shownAs, document, ["config"], "config must be a file name");
  if (!Array.isArray(value.results) || value.results.length === 0)
    throw problem(shownAs, document, ["results"], "results must list the expected results");
  const results = value.results.map((raw, i) => {
    const at = ["results", i];
    if (!isRecord(raw)) throw problem(shownAs, document, at, "a result is a mapping with policy, resources and result");
    const keys = ["policy", "binding", "resource", "resources", "result", "line", "message"];
    for (const key of Object.keys(raw)) {
      if (!keys.includes(key)) throw problem(shownAs, document, [...at, key], `unknown key "${key}" (known keys: ${keys.join(", ")})`);
    }
    if (typeof raw.policy !== "string" || raw.policy === "") throw problem(shownAs, document, at, "policy is required");
    const names = stringList(raw.resources ?? raw.resource);
    if (!names || names.length === 0)
      throw problem(shownAs, document, at, "resources (or resource) is required: Kind/name or Kind/namespace/name");
    if (raw.result !== "pass" && raw.result !== "fail") throw problem(shownAs, document, [...at, "result"], "result must be pass or fail");
    if (raw.line !== void 0 && (typeof raw.line !== "number" || !Number.isInteger(raw.line) || raw.line < 1))
      throw problem(shownAs, document, [...at, "line"], "line must be a line number");
    if (raw.binding !== void 0 && typeof raw.binding !== "string")
      throw problem(shownAs, document, [...at, "binding"], "binding must be a name");
    if (raw.message !== void 0 && typeof raw.message !== "string")
      throw problem(shownAs, document, [...at, "message"], "message must be a string");
    const line = lineIn(document, at) ?? 0;
    return {
      policy: raw.policy,
      ...raw.binding !== void 0 ? { binding: raw.binding } : {},
      resources: names,
      result: raw.result,
      ...raw.line !== void 0 ? { line: raw.line } : {},
      ...raw.message !== void 0 ? { message: raw.message } : {},
      at: line
    };
  });
  return {
    file,
    ...typeof value.name === "string" ? { name: value.name } : {},
    ...typeof value.config === "string" ? { config: value.config } : {},
    policies,
    resources,
    results
  };
}
function namesOf(o) {
  if (!o?.kind || o.name === void 0) return [];
  return o.namespace !== void 0 ? [`${o.kind}/${o.namespace}/${o.name}`, `${o.kind}/${o.name}`] : [`${o.kind}/${o.name}`];
}
function resourceNames(finding) {
  return namesOf(finding.object);
}
async function objectNames(test) {
  const cwd = path.dirname(test.file);
  const { files } = await collectFiles(test.resources, { cwd, ignore: [] });
  const names = /* @__PURE__ */ new Set();
  for (const file of files) {
    let parsed;
    try {
      parsed = parseYaml(readFileSync(file.absolutePath, "utf8"));
    } catch {
      continue;
    }
    for (const document of parsed.documents) {
      for (const object of objectsOfDocument(document, file.displayPath).objects)
        for (const name of namesOf(refOf(object))) names.add(name);
    }
  }
  return names;
}
function findingsOf(results, expected, resource) {
  return results.files.flatMap((f) => f.findings).filter((f) => {
    if (!resourceNames(f).includes(resource)) return false;
    if (f.ruleId === expected.policy) return true;
    if (f.ruleId !== ADMISSION_RULE) return false;
    const lead = `ValidatingAdmissionPolicy '${expected.policy}'`;
    return f.message.includes(expected.binding !== void 0 ? `${lead} with binding '${expected.binding}'` : lead);
  }).filter((f) => !f.message.includes("cannot be checked offline"));
}
function where(f) {
  return `${f.filePath}:${f.line}`;
}
function compare(test, results, objects) {
  const outcomes = [];
  for (const expected of test.results) {
    for (const resource of expected.resources) {
      if (!objects.has(resource)) {
        outcomes.push({ expected, resource, ok: false, detail: `no object ${resource} in the resources` });
        continue;
      }
      const found = findingsOf(results, expected, resource);
      if (expected.result === "pass") {
        const first = found[0];
        outcomes.push(
          first ? {
            expected,
            resource,
            ok: false,
            detail: `expected pass, got ${found.length} finding${found.length > 1 ? "s" : ""}: ${first.message} (${where(first)})`
          } : { expected, resource, ok: true }
        );
        continue;
      }
      const matching = found.filter(
        (f) => (expected.line === void 0 || f.line === expected.line) && (expected.message === void 0 || f.message.includes(expected.message))
      );
      if (matching.length > 0) outcomes.push({ expected, resource, ok: true });
      else if (found.length === 0) outcomes.push({ expected, resource, ok: false, detail: "expected fail, got no finding" });
      else {
        const first = found[0];
        outcomes.push({
          expected,
          resource,
          ok: false,
          detail: `expected fail${expected.line !== void 0 ? ` at line ${expected.line}` : ""}${expected.message !== void 0 ? ` with "${expected.message}"` : ""}, got: ${first.message} (${where(first)})`
        });
      }
    }
  }
  return outcomes;
}
function testOptions(test) {
  const dir = path.dirname(test.file);
  const rules2 = Object.fromEntries(rules.map((r) => [r.id, r.id === ADMISSION_RULE ? "error" : "off"]));
  const options = { cwd: dir, rules: rules2, policies: test.policies, jobs: 1 };
  if (test.config !== void 0) options.configFile = test.config;
  else options.config = {};
  return options;
}
function runProblems(results) {
  const failed = results.files.filter((f) => f.status === "failed").map((f) => `${f.filePath}: ${f.reason ?? "could not be read"}`);
  const syntax = results.files.flatMap((f) => f.findings.filter((x) => x.ruleId === "yaml-syntax").map((x) => `${where(x)}: ${x.message}`));
  return [...failed, ...syntax];
}
async function testCommand(argv, io) {
  if (argv.length > 1 || argv.some((a) => a.startsWith("-")))
    throw new UsageError("kube-lint test takes one folder or test file: kube-lint test [DIR]");
  const target = path.resolve(io.cwd, argv[0] ?? ".");
  let files;
  try {
    files = filesUnder(target, (name) => TEST_FILE_NAMES.includes(name));
  } catch {
    throw new UsageError(`no such folder or file: ${argv[0] ?? "."}`);
  }
  if (files.length === 0) throw new UsageError(`no ${TEST_FILE_NAMES[0] ?? ""} under ${argv[0] ?? "."}`);
  let passed = 0;
  let failed = 0;
  const lines = [];
  for (const file of files) {
    const shownAs = path.relative(io.cwd, file) || file;
    const test = readTestFile(file, shownAs);
    const results = await lint(test.resources, testOptions(test));
    lines.push(`${printable(shownAs)}${test.name !== void 0 ? ` (${printable(test.name)})` : ""}`);
    const problems = runProblems(results);
    for (const p of problems) lines.push(`  ✗ resources: ${printable(p)}`);
    failed += problems.length;
    for (const outcome of compare(test, results, await objectNames(test))) {
      const label = `${outcome.expected.policy}  ${outcome.resource}  ${outcome.expected.result}`;
      if (outcome.ok) {
        passed++;
        lines.push(`  ✓ ${printable(label)}`);
      } else {
        failed++;
        lines.push(`  ✗ ${printable(label)} (${printable(shownAs)}:${outcome.expected.at}): ${printable(outcome.detail ?? "")}`);
      }
    }
  }
  lines.push("", `${passed + failed} checks, ${passed} passed, ${failed} failed`);
  io.stdout(`${lines.join("\n")}
`);
  return failed > 0 ? 1 : 0;
}

// src/cli.ts
var HELP_AFTER = `
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
var PIPED_WIDTH = 100;
var SUBCOMMANDS = ["rules", "init", "lsp", "test", "help"];
function indent(text) {
  return text.split("\n").map((line) => line === "" ? "" : `  ${line}`).join("\n");
}
function presetsOf(rule) {
  return PRESETS.filter((p) => inPreset(rule, p));
}
function ruleDoc(rule) {
  const meta = rule.meta;
  const presets = presetsOf(rule).join(", ") || "none (turn it on in the config)";
  const lines = [
    `${rule.id}: ${meta.description}`,
    "",
    `  category          ${meta.category}`,
    `  default severity  ${meta.defaultSeverity}`,
    `  presets           ${presets}`,
    `  docs              ${rule.docsUrl}`,
    "",
    "Why:",
    indent(meta.rationale),
    "",
    "How to fix:",
    indent(meta.remediation)
  ];
  const props = meta.options?.properties ?? {};
  if (Object.keys(props).length > 0) {
    lines.push("", "Options:");
    for (const [name, schema] of Object.entries(props)) {
      lines.push(`  ${name} (default ${JSON.stringify(meta.defaults[name])}): ${schema.description ?? ""}`);
    }
  }
  return `${lines.join("\n")}
`;
}
function ruleData(rule) {
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
    defaults: meta.defaults ?? {}
  };
}
function findRule(id, ruleSet) {
  const rule = ruleSet.find((r) => r.id === id);
  if (rule) return rule;
  const near = closest(
    id,
    ruleSet.map((r) => r.id)
  );
  throw new UsageError(`unknown rule "${id}"${near ? ` (did you mean "${near}"?)` : ""}; "kube-lint rules" lists them`);
}
function rulesCommand(id, flags, io) {
  const format = flags.format;
  if (format !== "text" && format !== "json") throw new UsageError(`rules --format takes text or json, got "${format}"`);
  const options = { cwd: io.cwd };
  if (flags.config !== void 0) options.configFile = flags.config;
  if (flags.policy) options.policies = flags.policy;
  const ruleSet = prepareConfig(options).ruleSet;
  const chosen = id !== void 0 ? [findRule(id, ruleSet)] : ruleSet;
  if (format === "json") {
    io.stdout(`${JSON.stringify(id !== void 0 ? ruleData(chosen[0]) : chosen.map(ruleData), null, 2)}
`);
    return 0;
  }
  if (id !== void 0) {
    io.stdout(ruleDoc(chosen[0]));
    return 0;
  }
  const width = Math.max(...ruleSet.map((r) => r.id.length));
  const lines = ruleSet.map((r) => {
    const preset = inPreset(r, "recommended") ? "recommended" : inPreset(r, "strict") ? "strict" : "all";
    return `${r.id.padEnd(width)}  ${r.meta.defaultSeverity.padEnd(7)}  ${preset.padEnd(11)}  ${r.meta.description}`;
  });
  io.stdout(`${"rule".padEnd(width)}  severity  preset       description
${lines.join("\n")}
`);
  return 0;
}
function initCommand(flags, io) {
  const preset = flags.preset ?? "recommended";
  if (!PRESETS.includes(preset))
    throw new UsageError(`unknown preset "${preset}": use one of ${PRESETS.join(", ")}`);
  const target = path2.join(io.cwd, CONFIG_FILE_NAMES[0]);
  const existing = CONFIG_FILE_NAMES.map((name) => path2.join(io.cwd, name)).find((file) => existsSync(file));
  if (existing !== void 0 && !flags.force) {
    throw new UsageError(`${path2.basename(existing)} already exists here; give --force to replace it`);
  }
  writeFileSync(target, initialConfig(preset, rules));
  io.stdout(`wrote ${CONFIG_FILE_NAMES[0]} (preset ${preset}); "kube-lint --print-config FILE" shows what applies to FILE
`);
  return 0;
}
function outputFiles(values) {
  return values.map((value) => {
    const m = /^([a-z]+)=(.+)$/.exec(value);
    if (!m?.[1] || !m[2]) throw new UsageError(`--output-file takes FORMAT=PATH, e.g. sarif=results.sarif, got "${value}"`);
    if (!isFormatName(m[1])) throw new UsageError(`unknown format "${m[1]}" in --output-file: use one of ${formatList()}`);
    return { format: m[1], path: m[2] };
  });
}
function writeReport(target, shown, report) {
  try {
    mkdirSync(path2.dirname(target), { recursive: true });
    writeFileSync(target, report);
  } catch (error) {
    throw new UsageError(`cannot write ${shown}: ${error.message}`);
  }
}
function colorOf(flag, io, toFile) {
  if (flag !== void 0) return flag;
  const force = io.env.FORCE_COLOR;
  if (force !== void 0 && force !== "") return force !== "0" && force !== "false";
  if (io.env.NO_COLOR) return false;
  return io.isTTY && !toFile && io.env.TERM !== "dumb";
}
function widthOf(io) {
  if (io.isTTY && io.columns !== void 0 && io.columns > 0) return io.columns;
  const columns = Number(io.env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : PIPED_WIDTH;
}
function printConfig(file, options, io) {
  const { loaded, resolved } = prepareConfig(options);
  const effective = {
    file,
    configFile: loaded.filePath !== void 0 ? path2.relative(io.cwd, loaded.filePath) || loaded.filePath : null,
    kubernetesVersion: resolved.kubernetesVersion,
    strict: resolved.strict,
    ignore: resolved.ignore,
    crds: [...resolved.crds, ...options.crds ?? []],
    schemas: [...resolved.schemas, ...options.schemas ?? []],
    rules: Object.fromEntries(resolved.rules.map((r) => [r.rule.id, [r.severity, r.options]]))
  };
  io.stdout(`${JSON.stringify(effective, null, 2)}
`);
  return 0;
}
async function lintCommand(inputs, flags, io) {
  const formats = flags.format ?? [];
  if (formats.length > 1) throw new UsageError("give --format once; write more reports with --output-file FORMAT=PATH");
  const format = formats[0] ?? "stylish";
  if (!isFormatName(format)) {
    const near = closest(format, Object.keys(FORMATTERS));
    throw new UsageError(`unknown format "${format}"${near ? ` (did you mean "${near}"?)` : ""}: use one of ${formatList()}`);
  }
  const extraReports = outputFiles(flags.outputFile ?? []);
  const targets = [...flags.output !== void 0 ? [flags.output] : [], ...extraReports.map((r) => r.path)].map(
    (p) => path2.resolve(io.cwd, p)
  );
  const duplicate = targets.find((t, i) => targets.indexOf(t) !== i);
  if (duplicate !== void 0) throw new UsageError(`two reports would be written to ${duplicate}: give each report its own path`);
  const failOn = failOnOf(flags.failOn);
  const options = lintOptionsOf(flags, io.cwd);
  if (flags.printConfig !== void 0) return printConfig(flags.printConfig, options, io);
  const [first] = inputs;
  if (inputs.length === 1 && first !== void 0 && !existsSync(path2.resolve(io.cwd, first)) && !/[*?[{]/.test(first)) {
    const near = closest(first, SUBCOMMANDS);
    if (near !== void 0) throw new UsageError(`"${first}" is neither a file nor a command (did you mean "kube-lint ${near}"?)`);
  }
  if (inputs.length === 0) inputs = ["."];
  if (inputs.includes("-")) options.stdin = await io.readStdin(options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
  const prepared = prepareConfig(options);
  const timing = timingOf(io.env.KUBE_LINT_TIMING);
  const results = await lint(inputs, { ...options, prepared, ...timing ? { timing: timing.timing } : {} });
  if (timing) io.stderr(formatTiming(timing.timing.sorted(), timing.rows));
  if (io.env.KUBE_LINT_DEBUG) {
    const { compiled, cached, prebuilt } = validatorStats();
    io.stderr(`kube-lint: schema validators (main thread): ${compiled} compiled, ${cached} from the cache, ${prebuilt} prebuilt
`);
  }
  const maxWarnings = maxWarningsOf(flags);
  const code = exitCodeOf(results, { failOn, maxWarnings });
  const shown = flags.quiet ? filterSeverity(results, "error") : results;
  const color = colorOf(flags.color, io, flags.output !== void 0);
  const rules2 = ruleDescriptors(prepared.ruleSet);
  const report = formatResults(shown, format, {
    color,
    cwd: io.cwd,
    verbose: flags.verbose === true,
    rules: rules2,
    ...flags.output === void 0 ? { width: widthOf(io) } : {}
  });
  for (const extra of extraReports) {
    writeReport(path2.resolve(io.cwd, extra.path), extra.path, formatResults(shown, extra.format, { color: false, cwd: io.cwd, rules: rules2 }));
  }
  if (flags.output !== void 0) writeReport(path2.resolve(io.cwd, flags.output), flags.output, report);
  else io.stdout(report);
  return code;
}
function timingOf(value) {
  if (value === void 0 || value === "" || value === "0") return void 0;
  const n = Number(value);
  return { timing: new RuleTiming(), rows: value === "all" ? Infinity : Number.isInteger(n) && n > 0 ? n : 10 };
}
function program(io, done) {
  const root = new Command("kube-lint");
  const usage = (cmd) => cmd.exitOverride().showSuggestionAfterError(true).configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => void 0 }).configureHelp({ helpWidth: widthOf(io) });
  usage(root).enablePositionalOptions().description(`kube-lint ${VERSION}: lint Kubernetes manifests`).usage("[options] [paths...]").argument("[paths...]", 'files, folders, glob patterns; "-" reads standard input (default: .)').version(VERSION, "-v, --version", "print the version").helpOption("-h, --help", "print this help");
  addLintOptions(root).addHelpText("after", HELP_AFTER).action((paths, flags) => {
    done(lintCommand(paths, flags, io));
  });
  usage(root.command("rules")).description("list the rules, or show one rule's documentation").argument("[rule-id]", "the rule to show").option("-f, --format <name>", "text or json (the catalogue as data)", "text").option("-c, --config <file>", "use this config file (its policies are listed as rules)").option(
    "--policy <path>",
    "policy file or folder whose policies are listed as rules; repeatable",
    (v, p) => [...p ?? [], v]
  ).action((id, flags) => {
    done(rulesCommand(id, flags, io));
  });
  usage(root.command("test")).description("run the policy tests (kube-lint-test.yaml files) under DIR").argument("[dir]", "the folder to search (default: .)").action((dir) => {
    done(testCommand(dir === void 0 ? [] : [dir], io));
  });
  usage(root.command("init")).description("write a commented .kube-lint.yaml in the current folder").option("--preset <name>", `preset to start from: ${PRESETS.join(", ")}`, "recommended").option("--force", "replace an existing config file").action((flags) => {
    done(initCommand(flags, io));
  });
  usage(root.command("lsp")).description("run the language server on standard input and output (for editors)").option("--stdio", "talk over standard input and output (the only transport; editors pass it)").action(() => {
    done(import("./lsp-unbundled-UCO4M6QB.js").then((lsp) => lsp.startLanguageServer()));
  });
  return root;
}
function oneLine(message) {
  return message.replace(/^error: /, "").replace(/\n\(Did you mean (.+)\?\)/, " (did you mean $1?)").replace(/\s*\n\s*/g, " ").trim();
}
async function main(argv, io) {
  let result = 0;
  const done = (code) => {
    result = code;
  };
  try {
    await program(io, done).parseAsync(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0;
      throw new UsageError(`${oneLine(error.message)}; see kube-lint --help`);
    }
    throw error;
  }
  return result;
}
async function readAll(stream, maxBytes) {
  const chunks = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    chunks.push(buffer);
    total += buffer.length;
    if (total > maxBytes) break;
  }
  return Buffer.concat(chunks);
}
async function run(argv) {
  process.stdout.on("error", (error) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
  const io = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: (maxBytes) => readAll(process.stdin, maxBytes),
    isTTY: process.stdout.isTTY,
    ...process.stdout.isTTY ? { columns: process.stdout.columns } : {},
    env: process.env,
    cwd: process.cwd()
  };
  try {
    process.exitCode = await main(argv, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      for (const line of error.message.split("\n")) io.stderr(`kube-lint: ${printable(line)}
`);
    } else {
      const detail = error instanceof Error ? error.message : String(error);
      io.stderr(
        `kube-lint: internal error: ${printable(detail)}. Please report it${process.env.KUBE_LINT_DEBUG ? `
${error.stack ?? ""}` : " (set KUBE_LINT_DEBUG=1 for details)"}
`
      );
    }
    process.exitCode = EXIT_ERROR;
  }
}
await run(process.argv.slice(2));
export {
  PIPED_WIDTH,
  colorOf,
  main,
  run,
  widthOf
};
