#!/usr/bin/env node
import { createRequire as __kubeLintCreateRequire } from 'node:module';
const require = __kubeLintCreateRequire(import.meta.url);
import {
  ConfigError,
  DEFAULT_MAX_FILE_BYTES,
  INFORMATION_URI,
  KUBERNETES_VERSIONS,
  PRESETS,
  TOOL_NAME,
  UsageError,
  VERSION,
  inPreset,
  lint,
  parseShard,
  rules
} from "./chunk-CBAX2SBN.js";
import "./chunk-IEEG3BDI.js";

// src/cli.ts
import { writeFileSync } from "node:fs";
import path2 from "node:path";
import { parseArgs } from "node:util";

// src/exit.ts
var EXIT_OK = 0;
var EXIT_FINDINGS = 1;
var EXIT_ERROR = 2;
function exitCodeOf(results, policy = {}) {
  if (results.internalError || results.summary.filesFailed > 0) return EXIT_ERROR;
  const { errors, warnings, infos } = results.summary;
  const failOn = policy.failOn ?? "error";
  if (failOn !== "never") {
    if (errors > 0) return EXIT_FINDINGS;
    if ((failOn === "warning" || failOn === "info") && warnings > 0) return EXIT_FINDINGS;
    if (failOn === "info" && infos > 0) return EXIT_FINDINGS;
  }
  const max = policy.maxWarnings ?? -1;
  if (max >= 0 && warnings > max) return EXIT_FINDINGS;
  return EXIT_OK;
}
function filterSeverity(results, min) {
  const rank = { info: 1, warning: 2, error: 3 };
  const files = results.files.map((f) => {
    const findings = f.findings.filter((x) => rank[x.severity] >= rank[min]);
    return {
      ...f,
      findings,
      errorCount: findings.filter((x) => x.severity === "error").length,
      warningCount: findings.filter((x) => x.severity === "warning").length,
      infoCount: findings.filter((x) => x.severity === "info").length
    };
  });
  const sum = (pick) => files.reduce((n, f) => n + pick(f), 0);
  return {
    ...results,
    files,
    summary: { ...results.summary, errors: sum((f) => f.errorCount), warnings: sum((f) => f.warningCount), infos: sum((f) => f.infoCount) }
  };
}

// src/format/text.ts
var CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
var LOG_COMMAND = /##\[/g;
function escape(c) {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
}
function printable(text) {
  return text.replace(/\r?\n|\t/g, " ").replace(CONTROL, escape).replace(LOG_COMMAND, "#\\u0023[");
}
function printableLineStart(text) {
  const safe = printable(text);
  return /^\s*::/.test(safe) ? `./${safe}` : safe;
}
function inertJson(json) {
  return json.replace(CONTROL, escape).replace(LOG_COMMAND, "##\\u005b");
}
function plural(n, word, many = `${word}s`) {
  return `${n} ${n === 1 ? word : many}`;
}

// src/format/stylish.ts
var CODES = { red: 31, yellow: 33, blue: 34, gray: 90, bold: 1, underline: 4, green: 32 };
function painter(color) {
  return color ? (style, text) => `\x1B[${CODES[style]}m${text}\x1B[0m` : (_style, text) => text;
}
var SEVERITY_STYLE = { error: "red", warning: "yellow", info: "blue" };
function summaryLine(results) {
  const s = results.summary;
  const problems = s.errors + s.warnings + s.infos;
  const parts = [plural(s.errors, "error"), plural(s.warnings, "warning")];
  if (s.infos > 0) parts.push(plural(s.infos, "info", "infos"));
  const scope = [`${plural(s.objects, "object")} in ${plural(s.filesLinted, "file")} linted`];
  if ((s.unparsedDocuments ?? 0) > 0) scope.push(`${plural(s.unparsedDocuments ?? 0, "document")} not parsed`);
  if (s.skippedDocuments > 0) scope.push(`${plural(s.skippedDocuments, "non-Kubernetes document")} skipped`);
  if (s.filesSkipped > 0) scope.push(`${plural(s.filesSkipped, "file")} skipped`);
  if (s.filesFailed > 0) scope.push(`${plural(s.filesFailed, "file")} FAILED`);
  if (s.suppressed > 0) scope.push(`${s.suppressed} suppressed`);
  return `${plural(problems, "problem")} (${parts.join(", ")}); ${scope.join(", ")}`;
}
function formatStylish(results, options = {}) {
  const paint = painter(options.color ?? false);
  const lines = [];
  for (const file of results.files) {
    if (file.findings.length === 0 && file.status === "linted") continue;
    lines.push(paint("underline", printableLineStart(file.filePath)));
    if (file.status !== "linted") {
      lines.push(`  ${paint(file.status === "failed" ? "red" : "yellow", file.status)}  ${printable(file.reason ?? "")}`);
    }
    const rows = file.findings.map((f) => ({
      position: `${f.line}:${f.column}`,
      severity: f.severity,
      message: printable(f.message),
      ruleId: f.ruleId
    }));
    const posWidth = Math.max(0, ...rows.map((r) => r.position.length));
    const sevWidth = Math.max(0, ...rows.map((r) => r.severity.length));
    for (const row of rows) {
      lines.push(
        `  ${paint("gray", row.position.padEnd(posWidth))}  ${paint(SEVERITY_STYLE[row.severity], row.severity.padEnd(sevWidth))}  ${row.message}  ${paint("gray", row.ruleId)}`
      );
    }
    lines.push("");
  }
  const fileNotices = new Set(results.files.filter((f) => f.status !== "linted").map((f) => f.filePath));
  for (const notice of results.notices) {
    if (notice.filePath !== void 0 && fileNotices.has(notice.filePath)) continue;
    const where = notice.filePath !== void 0 ? `${printable(notice.filePath)}: ` : "";
    lines.push(
      `${paint(notice.level === "error" ? "red" : notice.level === "warning" ? "yellow" : "blue", notice.level)}: ${where}${printable(notice.message)}`
    );
  }
  if (results.notices.some((n) => n.filePath === void 0 || !fileNotices.has(n.filePath))) lines.push("");
  const s = results.summary;
  const bad = s.errors > 0 || s.filesFailed > 0 || results.internalError;
  const mark = bad ? paint("red", "✖") : s.warnings > 0 ? paint("yellow", "⚠") : paint("green", "✔");
  lines.push(`${mark} ${paint("bold", summaryLine(results))}`);
  return `${lines.join("\n")}
`;
}
function formatCompact(results) {
  const lines = [];
  for (const file of results.files) {
    if (file.status !== "linted") lines.push(`${printableLineStart(file.filePath)}: ${file.status}: ${printable(file.reason ?? "")}`);
    for (const f of file.findings) {
      lines.push(`${printableLineStart(f.filePath)}:${f.line}:${f.column}: ${f.severity}: ${printable(f.message)} [${f.ruleId}]`);
    }
  }
  lines.push(summaryLine(results));
  return `${lines.join("\n")}
`;
}

// src/format/github.ts
var ANNOTATION_COMMAND = { error: "error", warning: "warning", info: "notice" };
function escapeData(value) {
  return value.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(value) {
  return escapeData(value).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
function annotationOf(finding) {
  const properties = {
    title: finding.ruleId,
    file: finding.filePath,
    startLine: finding.line,
    endLine: finding.endLine
  };
  if (finding.endLine === finding.line) {
    properties.startColumn = finding.column;
    properties.endColumn = finding.endColumn;
  }
  return properties;
}
function workflowCommand(command, properties, message) {
  const pairs = [
    ["file", properties.file],
    ["line", properties.startLine],
    ["col", properties.startColumn],
    ["endLine", properties.endLine],
    ["endColumn", properties.endColumn],
    ["title", properties.title]
  ];
  const props = pairs.filter((pair) => pair[1] !== void 0 && pair[1] !== "" && pair[1] !== 0).map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(",");
  return `::${command}${props === "" ? "" : ` ${props}`}::${escapeData(message)}`;
}
function formatGithub(results) {
  const lines = [];
  for (const file of results.files) {
    if (file.status !== "linted") {
      const command = file.status === "failed" ? "error" : "warning";
      lines.push(workflowCommand(command, { file: file.filePath, title: TOOL_NAME }, `${file.status}: ${file.reason ?? ""}`));
    }
    for (const finding of file.findings) {
      lines.push(workflowCommand(ANNOTATION_COMMAND[finding.severity], annotationOf(finding), finding.message));
    }
  }
  const reported = new Set(results.files.map((f) => f.filePath));
  for (const notice of results.notices) {
    if (notice.filePath !== void 0 && reported.has(notice.filePath)) continue;
    const command = notice.level === "info" ? "notice" : notice.level;
    const properties = { title: TOOL_NAME };
    if (notice.filePath !== void 0) properties.file = notice.filePath;
    lines.push(workflowCommand(command, properties, notice.message));
  }
  lines.push(summaryLine(results));
  return `${lines.join("\n")}
`;
}

// src/format/json.ts
var JSON_FORMAT_VERSION = 1;
function formatJson(results) {
  const report = {
    formatVersion: JSON_FORMAT_VERSION,
    tool: { name: TOOL_NAME, version: VERSION },
    kubernetesVersion: results.kubernetesVersion,
    summary: results.summary,
    files: results.files.map((file) => ({
      filePath: file.filePath,
      status: file.status,
      ...file.reason !== void 0 ? { reason: file.reason } : {},
      objectCount: file.objectCount,
      skippedDocuments: file.skippedDocuments,
      unparsedDocuments: file.unparsedDocuments ?? 0,
      errorCount: file.errorCount,
      warningCount: file.warningCount,
      infoCount: file.infoCount,
      findings: file.findings
    })),
    notices: results.notices
  };
  return `${inertJson(JSON.stringify(report, null, 2))}
`;
}

// src/format/junit.ts
var INTERNAL_ERROR = "internal-error";
var FILE_TESTCASE = "(file)";
var FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
function visible(text) {
  return text.replace(FORBIDDEN, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
function xmlText(text) {
  return visible(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#13;");
}
function xmlAttr(text) {
  return xmlText(text).replace(/"/g, "&quot;").replace(/'/g, "&apos;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;");
}
function outcomeOf(testcase) {
  if (testcase.problems.some((p) => p.element === "error")) return "error";
  if (testcase.problems.some((p) => p.element === "failure")) return "failure";
  if (testcase.problems.some((p) => p.element === "skipped")) return "skipped";
  return "passed";
}
function objectName(finding) {
  const o = finding.object;
  if (!o) return void 0;
  const name = o.name ?? "(unnamed)";
  return `${o.kind ?? "object"} ${o.namespace !== void 0 ? `${o.namespace}/` : ""}${name}`;
}
function problemOf(finding) {
  const body = [
    `${finding.filePath}:${finding.line}:${finding.column}: ${finding.severity}: ${finding.message} [${finding.ruleId}]`,
    ...finding.path !== "" ? [`path: ${finding.path}`] : [],
    ...finding.remediation !== void 0 ? [`how to fix: ${finding.remediation}`] : [],
    ...finding.docsUrl !== void 0 ? [`docs: ${finding.docsUrl}`] : []
  ].join("\n");
  return {
    element: finding.ruleId === INTERNAL_ERROR ? "error" : "failure",
    type: finding.ruleId,
    message: finding.message,
    body
  };
}
function testcasesOf(file) {
  const fileCase = { name: FILE_TESTCASE, problems: [] };
  if (file.status === "failed") {
    fileCase.problems.push({ element: "error", type: "file-failed", message: file.reason ?? "the file could not be linted" });
  } else if (file.status === "skipped") {
    fileCase.problems.push({ element: "skipped", message: file.reason ?? "skipped" });
  }
  const byObject = /* @__PURE__ */ new Map();
  for (const finding of file.findings) {
    const name = objectName(finding);
    if (name === void 0) {
      fileCase.problems.push(problemOf(finding));
      continue;
    }
    let testcase = byObject.get(name);
    if (!testcase) {
      testcase = { name, problems: [] };
      byObject.set(name, testcase);
    }
    testcase.problems.push(problemOf(finding));
  }
  return [fileCase, ...byObject.values()];
}
function count(testcases, outcome) {
  return testcases.filter((t) => outcomeOf(t) === outcome).length;
}
function counts(testcases) {
  return `tests="${testcases.length}" failures="${count(testcases, "failure")}" errors="${count(testcases, "error")}" skipped="${count(testcases, "skipped")}"`;
}
function renderProblem(problem) {
  const type = problem.type !== void 0 ? ` type="${xmlAttr(problem.type)}"` : "";
  const open = `<${problem.element} message="${xmlAttr(problem.message)}"${type}`;
  return problem.body !== void 0 ? `${open}>${xmlText(problem.body)}</${problem.element}>` : `${open}/>`;
}
function noticeSuite(results) {
  const reported = new Set(results.files.map((f) => f.filePath));
  const testcases = results.notices.filter((n) => n.filePath === void 0 || !reported.has(n.filePath)).map((notice) => ({
    name: notice.filePath ?? "(run)",
    problems: [{ element: notice.level === "error" ? "error" : "skipped", type: notice.level, message: notice.message }]
  }));
  return testcases.length > 0 ? { name: TOOL_NAME, testcases } : void 0;
}
function formatJunit(results) {
  const suites = results.files.map((file) => ({ name: file.filePath, testcases: testcasesOf(file) }));
  const notices = noticeSuite(results);
  if (notices) suites.push(notices);
  const all = suites.flatMap((s) => s.testcases);
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="${TOOL_NAME}" ${counts(all)} time="0">`];
  for (const suite of suites) {
    const name = xmlAttr(suite.name);
    lines.push(`  <testsuite name="${name}" ${counts(suite.testcases)} time="0">`);
    for (const testcase of suite.testcases) {
      const open = `    <testcase name="${xmlAttr(testcase.name)}" classname="${name}" time="0"`;
      if (testcase.problems.length === 0) {
        lines.push(`${open}/>`);
        continue;
      }
      lines.push(`${open}>`);
      for (const problem of testcase.problems) lines.push(`      ${renderProblem(problem)}`);
      lines.push("    </testcase>");
    }
    lines.push("  </testsuite>");
  }
  lines.push("</testsuites>");
  return `${lines.join("\n")}
`;
}

// src/format/sarif.ts
import { createHash } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
var SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
var SRCROOT = "%SRCROOT%";
var FINGERPRINT_KEY = "kubeLintFinding/v1";
var LEVEL = { error: "error", warning: "warning", info: "note" };
var INTERNAL_ERROR_DESCRIPTOR = {
  id: "internal-error",
  name: "InternalError",
  shortDescription: { text: "kube-lint failed while checking this file." },
  fullDescription: {
    text: "kube-lint failed while checking this file: a rule crashed or the parser failed. The file was not fully checked."
  },
  help: {
    text: "This is a kube-lint bug. Report it with the message and, if you can, the manifest that triggers it.",
    markdown: "This is a kube-lint bug. Report it with the message and, if you can, the manifest that triggers it."
  },
  helpUri: `${INFORMATION_URI}/issues`,
  defaultConfiguration: { level: "error" },
  properties: { category: "internal", tags: ["kubernetes", "internal"] }
};
function sentence(text) {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
function pascalCase(id) {
  const name = id.split("-").map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join("");
  return name.toLowerCase() === id.toLowerCase() ? `${name}Check` : name;
}
function descriptorOf(rule) {
  const meta = rule.meta;
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: sentence(meta.description) },
    fullDescription: { text: `${sentence(meta.description)} ${sentence(meta.rationale)}` },
    help: {
      text: `${sentence(meta.rationale)}

How to fix: ${sentence(meta.remediation)}`,
      markdown: `**Why:** ${sentence(meta.rationale)}

**How to fix:** ${sentence(meta.remediation)}

[Documentation](${rule.docsUrl})`
    },
    helpUri: rule.docsUrl,
    defaultConfiguration: { level: LEVEL[meta.defaultSeverity] },
    properties: { category: meta.category, tags: ["kubernetes", meta.category] }
  };
}
function unknownDescriptor(id) {
  return {
    id,
    name: pascalCase(id),
    shortDescription: { text: `kube-lint rule ${id}.` },
    fullDescription: { text: `kube-lint rule ${id}.` },
    help: { text: `See the kube-lint documentation of ${id}.`, markdown: `See the kube-lint documentation of \`${id}\`.` },
    defaultConfiguration: { level: "warning" },
    properties: { category: "unknown", tags: ["kubernetes"] }
  };
}
function artifactLocationOf(filePath) {
  if (/^[A-Za-z]:[/\\]/.test(filePath)) {
    return { uri: `file:///${filePath.slice(0, 2)}${encodeSegments(filePath.slice(2).replace(/\\/g, "/"))}` };
  }
  if (filePath.startsWith("/")) return { uri: pathToFileURL(filePath).href };
  return { uri: encodeSegments(filePath), uriBaseId: SRCROOT };
}
function encodeSegments(filePath) {
  return filePath.split("/").map((segment) => encodeURIComponent(segment)).join("/");
}
function folderUri(folder) {
  const href = pathToFileURL(path.resolve(folder)).href;
  return href.endsWith("/") ? href : `${href}/`;
}
function fingerprintOf(finding) {
  const o = finding.object ?? {};
  const identity = [finding.ruleId, finding.filePath, o.kind ?? "", o.namespace ?? "", o.name ?? "", finding.path, finding.message];
  return createHash("sha256").update(JSON.stringify(identity)).digest("hex").slice(0, 32);
}
function region(finding) {
  const out = { startLine: finding.line, startColumn: finding.column, endLine: finding.endLine };
  if (finding.endLine > finding.line || finding.endColumn > finding.column) out.endColumn = finding.endColumn;
  return out;
}
function notificationOf(notice) {
  const text = notice.filePath !== void 0 ? `${notice.filePath}: ${notice.message}` : notice.message;
  const out = { level: LEVEL[notice.level], message: { text: sentence(text) } };
  if (notice.filePath !== void 0) out.locations = [{ physicalLocation: { artifactLocation: artifactLocationOf(notice.filePath) } }];
  return out;
}
function formatSarif(results, options = {}) {
  const ruleSet = options.ruleSet ?? rules;
  const known = new Map(ruleSet.map((rule) => [rule.id, rule]));
  const descriptors = [];
  const indexOf = /* @__PURE__ */ new Map();
  const addDescriptor = (id) => {
    const existing = indexOf.get(id);
    if (existing !== void 0) return existing;
    const rule = known.get(id);
    descriptors.push(rule ? descriptorOf(rule) : id === INTERNAL_ERROR_DESCRIPTOR.id ? INTERNAL_ERROR_DESCRIPTOR : unknownDescriptor(id));
    indexOf.set(id, descriptors.length - 1);
    return descriptors.length - 1;
  };
  const overrides = [];
  for (const { id, severity } of results.rules) {
    const index = addDescriptor(id);
    const descriptor = descriptors[index];
    if (descriptor && descriptor.defaultConfiguration.level !== LEVEL[severity]) {
      overrides.push({ descriptor: { id, index }, configuration: { level: LEVEL[severity] } });
    }
  }
  const seen = /* @__PURE__ */ new Map();
  const sarifResults = results.files.flatMap(
    (file) => file.findings.map((finding) => {
      const ruleIndex = addDescriptor(finding.ruleId);
      const hash = fingerprintOf(finding);
      const occurrence = (seen.get(hash) ?? 0) + 1;
      seen.set(hash, occurrence);
      const location = {
        physicalLocation: { artifactLocation: artifactLocationOf(finding.filePath), region: region(finding) }
      };
      const o = finding.object;
      if (o && (o.kind !== void 0 || o.name !== void 0)) {
        const name = o.name ?? "(unnamed)";
        location.logicalLocations = [
          { name, fullyQualifiedName: [o.kind ?? "object", o.namespace, name].filter((x) => x !== void 0).join("/"), kind: "resource" }
        ];
      }
      const properties = { path: finding.path };
      if (o) properties.object = o;
      if (finding.documentIndex !== void 0) properties.documentIndex = finding.documentIndex;
      return {
        ruleId: finding.ruleId,
        ruleIndex,
        level: LEVEL[finding.severity],
        message: { text: finding.message },
        locations: [location],
        partialFingerprints: { [FINGERPRINT_KEY]: `${hash}:${occurrence}` },
        properties
      };
    })
  );
  const invocation = {
    executionSuccessful: !results.internalError && results.summary.filesFailed === 0
  };
  if (overrides.length > 0) invocation.ruleConfigurationOverrides = overrides;
  if (results.notices.length > 0) invocation.toolExecutionNotifications = results.notices.map(notificationOf);
  if (options.cwd !== void 0) invocation.workingDirectory = { uri: folderUri(options.cwd) };
  const run2 = {
    tool: {
      driver: {
        name: TOOL_NAME,
        version: VERSION,
        semanticVersion: VERSION,
        informationUri: INFORMATION_URI,
        rules: descriptors
      }
    },
    invocations: [invocation]
  };
  if (options.cwd !== void 0) run2.originalUriBaseIds = { [SRCROOT]: { uri: folderUri(options.cwd) } };
  run2.results = sarifResults;
  run2.columnKind = "utf16CodeUnits";
  run2.properties = { kubernetesVersion: results.kubernetesVersion, summary: results.summary };
  return `${JSON.stringify({ $schema: SARIF_SCHEMA_URI, version: "2.1.0", runs: [run2] }, null, 2)}
`;
}

// src/format/index.ts
var FORMATTERS = {
  stylish: formatStylish,
  compact: formatCompact,
  json: (results) => formatJson(results),
  sarif: (results, options) => formatSarif(results, options.cwd !== void 0 ? { cwd: options.cwd } : {}),
  junit: (results) => formatJunit(results),
  github: (results) => formatGithub(results)
};
function isFormatName(name) {
  return Object.hasOwn(FORMATTERS, name);
}
function formatResults(results, format, options = {}) {
  return FORMATTERS[format](results, options);
}

// src/cli.ts
var HELP = `kube-lint ${VERSION}: lint Kubernetes manifests

Usage:
  kube-lint [options] [paths...]     lint files, folders, glob patterns; "-" reads standard input
  kube-lint rules [rule-id]          list the rules, or show one rule's documentation

Options:
  -f, --format NAME            format of the report on standard output (default stylish):
                               ${Object.keys(FORMATTERS).join(", ")}
  -o, --output FILE            write that report to FILE instead of standard output
      --output-file FORMAT=PATH
                               also write a report in FORMAT to PATH; repeatable, e.g.
                               --output-file sarif=results.sarif --output-file junit=junit.xml
  -c, --config FILE            use this config file instead of searching for .kube-lint.yaml
      --preset NAME            preset to start from: ${PRESETS.join(", ")} (overrides "extends")
      --rule ID=SEVERITY       set a rule's severity (off, info, warning, error); repeatable
  -k, --kubernetes-version V   target Kubernetes version: ${KUBERNETES_VERSIONS.join(", ")} (default newest)
      --strict / --no-strict   reject unknown fields (default strict)
      --crd PATH               CustomResourceDefinition file or folder to validate custom resources with; repeatable
      --schemas DIR            schema folder laid out as {group}/{kind}_{version}.json; repeatable
      --ignore-missing-schemas do not report kinds without a schema (rule unknown-kind off)
      --ignore-pattern GLOB    leave out matching files; repeatable
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
      --no-cache               compile validators afresh; read and write no cache
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
warnings than --max-warnings), 2 usage, configuration or internal error, or a file that could
not be read.
`;
function parse(argv) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: "string", short: "f", multiple: true },
        output: { type: "string", short: "o" },
        "output-file": { type: "string", multiple: true },
        config: { type: "string", short: "c" },
        preset: { type: "string" },
        rule: { type: "string", multiple: true },
        "kubernetes-version": { type: "string", short: "k" },
        strict: { type: "boolean" },
        "no-strict": { type: "boolean" },
        crd: { type: "string", multiple: true },
        schemas: { type: "string", multiple: true },
        "ignore-missing-schemas": { type: "boolean" },
        "ignore-pattern": { type: "string", multiple: true },
        "stdin-filename": { type: "string" },
        "fail-on": { type: "string" },
        "max-warnings": { type: "string" },
        quiet: { type: "boolean", short: "q" },
        "report-unused-disables": { type: "boolean" },
        "max-file-size": { type: "string" },
        shard: { type: "string" },
        jobs: { type: "string", short: "j" },
        "cache-dir": { type: "string" },
        "no-cache": { type: "boolean" },
        color: { type: "boolean" },
        "no-color": { type: "boolean" },
        version: { type: "boolean", short: "v" },
        help: { type: "boolean", short: "h" }
      }
    });
  } catch (error) {
    throw new UsageError(`${error.message.split("\n")[0] ?? ""} (see kube-lint --help)`);
  }
}
function wholeNumber(value, flag) {
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} takes a whole number, got "${value}"`);
  return Number(value);
}
function indent(text) {
  return text.split("\n").map((line) => line === "" ? "" : `  ${line}`).join("\n");
}
function ruleDoc(rule) {
  const meta = rule.meta;
  const presets = PRESETS.filter((p) => inPreset(rule, p)).join(", ") || "none (turn it on in the config)";
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
function rulesCommand(args, io) {
  const [id] = args;
  if (id !== void 0) {
    const rule = rules.find((r) => r.id === id);
    if (!rule) throw new UsageError(`unknown rule "${id}"; "kube-lint rules" lists them`);
    io.stdout(ruleDoc(rule));
    return 0;
  }
  const width = Math.max(...rules.map((r) => r.id.length));
  const lines = rules.map((r) => {
    const preset = inPreset(r, "recommended") ? "recommended" : inPreset(r, "strict") ? "strict" : "all";
    return `${r.id.padEnd(width)}  ${r.meta.defaultSeverity.padEnd(7)}  ${preset.padEnd(11)}  ${r.meta.description}`;
  });
  io.stdout(`${"rule".padEnd(width)}  severity  preset       description
${lines.join("\n")}
`);
  return 0;
}
function outputFiles(values) {
  return (values ?? []).map((value) => {
    const m = /^([a-z]+)=(.+)$/.exec(value);
    if (!m?.[1] || !m[2]) throw new UsageError(`--output-file takes FORMAT=PATH, e.g. sarif=results.sarif, got "${value}"`);
    if (!isFormatName(m[1]))
      throw new UsageError(`unknown format "${m[1]}" in --output-file: use one of ${Object.keys(FORMATTERS).join(", ")}`);
    return { format: m[1], path: m[2] };
  });
}
function writeReport(target, shown, report) {
  try {
    writeFileSync(target, report);
  } catch (error) {
    throw new UsageError(`cannot write ${shown}: ${error.message}`);
  }
}
function ruleOverrides(values) {
  const out = {};
  for (const value of values ?? []) {
    const m = /^([a-z0-9-]+)=(off|info|warning|error)$/.exec(value);
    if (!m?.[1] || !m[2]) throw new UsageError(`--rule takes ID=SEVERITY (off, info, warning, error), got "${value}"`);
    out[m[1]] = m[2];
  }
  return out;
}
async function main(argv, io) {
  if (argv[0] === "rules") return rulesCommand(argv.slice(1), io);
  const { values, positionals } = parse(argv);
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (values.version) {
    io.stdout(`${VERSION}
`);
    return 0;
  }
  const formats = values.format ?? ["stylish"];
  for (const f of formats) {
    if (!isFormatName(f)) throw new UsageError(`unknown format "${f}": use one of ${Object.keys(FORMATTERS).join(", ")}`);
  }
  if (formats.length > 1) throw new UsageError("give --format once; write more reports with --output-file FORMAT=PATH");
  const format = formats[0];
  const extraReports = outputFiles(values["output-file"]);
  const targets = [...values.output !== void 0 ? [values.output] : [], ...extraReports.map((r) => r.path)].map(
    (p) => path2.resolve(io.cwd, p)
  );
  const duplicate = targets.find((t, i) => targets.indexOf(t) !== i);
  if (duplicate !== void 0) throw new UsageError(`two reports would be written to ${duplicate}: give each report its own path`);
  const failOn = values["fail-on"] ?? "error";
  if (!["error", "warning", "info", "never"].includes(failOn))
    throw new UsageError(`--fail-on takes error, warning, info or never, got "${failOn}"`);
  if (values.preset !== void 0 && !PRESETS.includes(values.preset)) {
    throw new UsageError(`unknown preset "${values.preset}": use one of ${PRESETS.join(", ")}`);
  }
  const inputs = positionals.length > 0 ? positionals : ["."];
  const options = { cwd: io.cwd, rules: ruleOverrides(values.rule) };
  if (values.config !== void 0) options.configFile = values.config;
  if (values.preset !== void 0) options.extends = values.preset;
  if (values["kubernetes-version"] !== void 0) options.kubernetesVersion = values["kubernetes-version"];
  if (values["no-strict"]) options.strict = false;
  else if (values.strict) options.strict = true;
  if (values["ignore-pattern"]) options.ignore = values["ignore-pattern"];
  if (values.crd) options.crds = values.crd;
  if (values.schemas) options.schemas = values.schemas;
  if (values["ignore-missing-schemas"]) options.ignoreMissingSchemas = true;
  if (values["report-unused-disables"]) options.reportUnusedDisables = true;
  if (values["stdin-filename"] !== void 0) options.stdinFilename = values["stdin-filename"];
  if (values["max-file-size"] !== void 0) options.maxFileBytes = wholeNumber(values["max-file-size"], "--max-file-size");
  if (values.shard !== void 0) options.shard = parseShard(values.shard);
  if (values["no-cache"]) options.cacheDir = false;
  else if (values["cache-dir"] !== void 0) options.cacheDir = values["cache-dir"];
  if (values.jobs !== void 0) {
    options.jobs = wholeNumber(values.jobs, "--jobs");
    if (options.jobs < 1) throw new UsageError("--jobs takes 1 or more");
  }
  if (inputs.includes("-")) options.stdin = await io.readStdin(options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
  const results = await lint(inputs, options);
  const maxWarnings = values["max-warnings"] !== void 0 ? wholeNumber(values["max-warnings"], "--max-warnings") : -1;
  const code = exitCodeOf(results, { failOn, maxWarnings });
  const shown = values.quiet ? filterSeverity(results, "error") : results;
  const color = values["no-color"] || io.env.NO_COLOR ? false : values.color === true || io.isTTY && values.output === void 0 && io.env.TERM !== "dumb";
  const report = formatResults(shown, format, { color, cwd: io.cwd });
  for (const extra of extraReports) {
    writeReport(path2.resolve(io.cwd, extra.path), extra.path, formatResults(shown, extra.format, { color: false, cwd: io.cwd }));
  }
  if (values.output !== void 0) writeReport(path2.resolve(io.cwd, values.output), values.output, report);
  else io.stdout(report);
  return code;
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
  const io = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: (maxBytes) => readAll(process.stdin, maxBytes),
    isTTY: process.stdout.isTTY,
    env: process.env,
    cwd: process.cwd()
  };
  try {
    process.exitCode = await main(argv, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      io.stderr(`kube-lint: ${printable(error.message)}
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
  main,
  run
};
