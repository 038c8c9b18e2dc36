// kube-lint GitHub Action, bundled by scripts/build-action.ts from src/action.ts: do not edit.
// Licences of the bundled packages: licenses.txt beside this file.
import { createRequire as __kubeLintCreateRequire } from 'node:module';
const require = __kubeLintCreateRequire(import.meta.url);
import {
  ConfigError,
  INFORMATION_URI,
  TOOL_NAME,
  UsageError,
  VERSION,
  lint,
  parseVarAssignments,
  prepareConfig,
  rules
} from "./chunk-GEQWJJEK.js";
import "./chunk-V7UWQAIC.js";

// src/action.ts
import { mkdirSync, writeFileSync } from "node:fs";
import path2 from "node:path";

// node_modules/@actions/core/lib/command.js
import * as os from "os";

// node_modules/@actions/core/lib/utils.js
function toCommandValue(input) {
  if (input === null || input === void 0) {
    return "";
  } else if (typeof input === "string" || input instanceof String) {
    return input;
  }
  return JSON.stringify(input);
}
function toCommandProperties(annotationProperties) {
  if (!Object.keys(annotationProperties).length) {
    return {};
  }
  return {
    title: annotationProperties.title,
    file: annotationProperties.file,
    line: annotationProperties.startLine,
    endLine: annotationProperties.endLine,
    col: annotationProperties.startColumn,
    endColumn: annotationProperties.endColumn
  };
}

// node_modules/@actions/core/lib/command.js
function issueCommand(command, properties, message) {
  const cmd = new Command(command, properties, message);
  process.stdout.write(cmd.toString() + os.EOL);
}
function issue(name, message = "") {
  issueCommand(name, {}, message);
}
var CMD_STRING = "::";
var Command = class {
  constructor(command, properties, message) {
    if (!command) {
      command = "missing.command";
    }
    this.command = command;
    this.properties = properties;
    this.message = message;
  }
  toString() {
    let cmdStr = CMD_STRING + this.command;
    if (this.properties && Object.keys(this.properties).length > 0) {
      cmdStr += " ";
      let first = true;
      for (const key in this.properties) {
        if (this.properties.hasOwnProperty(key)) {
          const val = this.properties[key];
          if (val) {
            if (first) {
              first = false;
            } else {
              cmdStr += ",";
            }
            cmdStr += `${key}=${escapeProperty(val)}`;
          }
        }
      }
    }
    cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
    return cmdStr;
  }
};
function escapeData(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/:/g, "%3A").replace(/,/g, "%2C");
}

// node_modules/@actions/core/lib/file-command.js
import * as crypto from "crypto";
import * as fs from "fs";
import * as os2 from "os";
function issueFileCommand(command, message) {
  const filePath = process.env[`GITHUB_${command}`];
  if (!filePath) {
    throw new Error(`Unable to find environment variable for file command ${command}`);
  }
  if (!fs.existsSync(filePath)) {
    throw new Error(`Missing file at path: ${filePath}`);
  }
  fs.appendFileSync(filePath, `${toCommandValue(message)}${os2.EOL}`, {
    encoding: "utf8"
  });
}
function prepareKeyValueMessage(key, value) {
  const delimiter = `ghadelimiter_${crypto.randomUUID()}`;
  const convertedValue = toCommandValue(value);
  if (key.includes(delimiter)) {
    throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
  }
  if (convertedValue.includes(delimiter)) {
    throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
  }
  return `${key}<<${delimiter}${os2.EOL}${convertedValue}${os2.EOL}${delimiter}`;
}

// node_modules/@actions/core/lib/core.js
import * as os4 from "os";

// node_modules/@actions/core/lib/summary.js
import { EOL as EOL3 } from "os";
import { constants, promises } from "fs";
var __awaiter = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve) {
      resolve(value);
    });
  }
  return new (P || (P = Promise))(function(resolve, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator["throw"](value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
var { access, appendFile, writeFile } = promises;
var SUMMARY_ENV_VAR = "GITHUB_STEP_SUMMARY";
var Summary = class {
  constructor() {
    this._buffer = "";
  }
  /**
   * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
   * Also checks r/w permissions.
   *
   * @returns step summary file path
   */
  filePath() {
    return __awaiter(this, void 0, void 0, function* () {
      if (this._filePath) {
        return this._filePath;
      }
      const pathFromEnv = process.env[SUMMARY_ENV_VAR];
      if (!pathFromEnv) {
        throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
      }
      try {
        yield access(pathFromEnv, constants.R_OK | constants.W_OK);
      } catch (_a) {
        throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
      }
      this._filePath = pathFromEnv;
      return this._filePath;
    });
  }
  /**
   * Wraps content in an HTML tag, adding any HTML attributes
   *
   * @param {string} tag HTML tag to wrap
   * @param {string | null} content content within the tag
   * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
   *
   * @returns {string} content wrapped in HTML element
   */
  wrap(tag, content, attrs = {}) {
    const htmlAttrs = Object.entries(attrs).map(([key, value]) => ` ${key}="${value}"`).join("");
    if (!content) {
      return `<${tag}${htmlAttrs}>`;
    }
    return `<${tag}${htmlAttrs}>${content}</${tag}>`;
  }
  /**
   * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
   *
   * @param {SummaryWriteOptions} [options] (optional) options for write operation
   *
   * @returns {Promise<Summary>} summary instance
   */
  write(options) {
    return __awaiter(this, void 0, void 0, function* () {
      const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
      const filePath = yield this.filePath();
      const writeFunc = overwrite ? writeFile : appendFile;
      yield writeFunc(filePath, this._buffer, { encoding: "utf8" });
      return this.emptyBuffer();
    });
  }
  /**
   * Clears the summary buffer and wipes the summary file
   *
   * @returns {Summary} summary instance
   */
  clear() {
    return __awaiter(this, void 0, void 0, function* () {
      return this.emptyBuffer().write({ overwrite: true });
    });
  }
  /**
   * Returns the current summary buffer as a string
   *
   * @returns {string} string of summary buffer
   */
  stringify() {
    return this._buffer;
  }
  /**
   * If the summary buffer is empty
   *
   * @returns {boolen} true if the buffer is empty
   */
  isEmptyBuffer() {
    return this._buffer.length === 0;
  }
  /**
   * Resets the summary buffer without writing to summary file
   *
   * @returns {Summary} summary instance
   */
  emptyBuffer() {
    this._buffer = "";
    return this;
  }
  /**
   * Adds raw text to the summary buffer
   *
   * @param {string} text content to add
   * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
   *
   * @returns {Summary} summary instance
   */
  addRaw(text, addEOL = false) {
    this._buffer += text;
    return addEOL ? this.addEOL() : this;
  }
  /**
   * Adds the operating system-specific end-of-line marker to the buffer
   *
   * @returns {Summary} summary instance
   */
  addEOL() {
    return this.addRaw(EOL3);
  }
  /**
   * Adds an HTML codeblock to the summary buffer
   *
   * @param {string} code content to render within fenced code block
   * @param {string} lang (optional) language to syntax highlight code
   *
   * @returns {Summary} summary instance
   */
  addCodeBlock(code, lang) {
    const attrs = Object.assign({}, lang && { lang });
    const element = this.wrap("pre", this.wrap("code", code), attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML list to the summary buffer
   *
   * @param {string[]} items list of items to render
   * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
   *
   * @returns {Summary} summary instance
   */
  addList(items, ordered = false) {
    const tag = ordered ? "ol" : "ul";
    const listItems = items.map((item) => this.wrap("li", item)).join("");
    const element = this.wrap(tag, listItems);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML table to the summary buffer
   *
   * @param {SummaryTableCell[]} rows table rows
   *
   * @returns {Summary} summary instance
   */
  addTable(rows) {
    const tableBody = rows.map((row) => {
      const cells = row.map((cell) => {
        if (typeof cell === "string") {
          return this.wrap("td", cell);
        }
        const { header, data, colspan, rowspan } = cell;
        const tag = header ? "th" : "td";
        const attrs = Object.assign(Object.assign({}, colspan && { colspan }), rowspan && { rowspan });
        return this.wrap(tag, data, attrs);
      }).join("");
      return this.wrap("tr", cells);
    }).join("");
    const element = this.wrap("table", tableBody);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds a collapsable HTML details element to the summary buffer
   *
   * @param {string} label text for the closed state
   * @param {string} content collapsable content
   *
   * @returns {Summary} summary instance
   */
  addDetails(label, content) {
    const element = this.wrap("details", this.wrap("summary", label) + content);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML image tag to the summary buffer
   *
   * @param {string} src path to the image you to embed
   * @param {string} alt text description of the image
   * @param {SummaryImageOptions} options (optional) addition image attributes
   *
   * @returns {Summary} summary instance
   */
  addImage(src, alt, options) {
    const { width, height } = options || {};
    const attrs = Object.assign(Object.assign({}, width && { width }), height && { height });
    const element = this.wrap("img", null, Object.assign({ src, alt }, attrs));
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML section heading element
   *
   * @param {string} text heading text
   * @param {number | string} [level=1] (optional) the heading level, default: 1
   *
   * @returns {Summary} summary instance
   */
  addHeading(text, level) {
    const tag = `h${level}`;
    const allowedTag = ["h1", "h2", "h3", "h4", "h5", "h6"].includes(tag) ? tag : "h1";
    const element = this.wrap(allowedTag, text);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML thematic break (<hr>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addSeparator() {
    const element = this.wrap("hr", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML line break (<br>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addBreak() {
    const element = this.wrap("br", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML blockquote to the summary buffer
   *
   * @param {string} text quote text
   * @param {string} cite (optional) citation url
   *
   * @returns {Summary} summary instance
   */
  addQuote(text, cite) {
    const attrs = Object.assign({}, cite && { cite });
    const element = this.wrap("blockquote", text, attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML anchor tag to the summary buffer
   *
   * @param {string} text link text/content
   * @param {string} href hyperlink
   *
   * @returns {Summary} summary instance
   */
  addLink(text, href) {
    const element = this.wrap("a", text, { href });
    return this.addRaw(element).addEOL();
  }
};
var _summary = new Summary();
var summary = _summary;

// node_modules/@actions/core/lib/platform.js
import os3 from "os";
var platform = os3.platform();
var arch = os3.arch();

// node_modules/@actions/core/lib/core.js
var ExitCode;
(function(ExitCode2) {
  ExitCode2[ExitCode2["Success"] = 0] = "Success";
  ExitCode2[ExitCode2["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
function getInput(name, options) {
  const val = process.env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] || "";
  if (options && options.required && !val) {
    throw new Error(`Input required and not supplied: ${name}`);
  }
  if (options && options.trimWhitespace === false) {
    return val;
  }
  return val.trim();
}
function setOutput(name, value) {
  const filePath = process.env["GITHUB_OUTPUT"] || "";
  if (filePath) {
    return issueFileCommand("OUTPUT", prepareKeyValueMessage(name, value));
  }
  process.stdout.write(os4.EOL);
  issueCommand("set-output", { name }, toCommandValue(value));
}
function setFailed(message) {
  process.exitCode = ExitCode.Failure;
  error(message);
}
function error(message, properties = {}) {
  issueCommand("error", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function warning(message, properties = {}) {
  issueCommand("warning", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function notice(message, properties = {}) {
  issueCommand("notice", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function info(message) {
  process.stdout.write(message + os4.EOL);
}
function startGroup(name) {
  issue("group", name);
}
function endGroup() {
  issue("endgroup");
}

// src/exit.ts
var EXIT_OK = 0;
var EXIT_FINDINGS = 1;
var EXIT_ERROR = 2;
function exitCodeOf(results, policy = {}) {
  if (results.internalError || results.summary.filesFailed > 0 || results.nothingLinted) return EXIT_ERROR;
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
function describeRef(object) {
  const name = `${object.namespace !== void 0 ? `${object.namespace}/` : ""}${object.name ?? "(unnamed)"}`;
  return [object.apiVersion, object.kind ?? "object", name].filter((part) => part !== void 0).join(" ");
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
  if ((s.patchObjects ?? 0) > 0) scope.push(`${plural(s.patchObjects ?? 0, "kustomize patch", "kustomize patches")} among them`);
  if ((s.clientConfigDocuments ?? 0) > 0)
    scope.push(`${plural(s.clientConfigDocuments ?? 0, "client-side config document")} (kustomization.yaml, ...)`);
  if (s.skippedDocuments > 0) scope.push(`${plural(s.skippedDocuments, "non-Kubernetes document")} skipped`);
  const notManifests = s.filesNotManifests ?? 0;
  const templates = s.filesTemplates ?? 0;
  const otherSkipped = s.filesSkipped - notManifests - templates;
  if (notManifests > 0) scope.push(`${plural(notManifests, "file")} without Kubernetes objects skipped`);
  if (templates > 0) scope.push(`${plural(templates, "template file")} skipped`);
  if (otherSkipped > 0) scope.push(`${plural(otherSkipped, "file")} skipped`);
  if (s.filesFailed > 0) scope.push(`${plural(s.filesFailed, "file")} FAILED`);
  if (s.suppressed > 0) scope.push(`${s.suppressed} suppressed`);
  if ((s.unjudgedValues ?? 0) > 0) scope.push(`${plural(s.unjudgedValues ?? 0, "placeholder value")} not judged`);
  return `${plural(problems, "problem")} (${parts.join(", ")}); ${scope.join(", ")}`;
}
function formatStylish(results, options = {}) {
  const paint = painter(options.color ?? false);
  const lines = [];
  for (const file of results.files) {
    if (file.findings.length === 0 && (file.status === "linted" || file.skipKind !== void 0)) continue;
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
  const fileNotices = new Set(results.files.filter((f) => f.status !== "linted" && f.skipKind === void 0).map((f) => f.filePath));
  for (const notice2 of results.notices) {
    if (notice2.filePath !== void 0 && fileNotices.has(notice2.filePath)) continue;
    const where = notice2.filePath !== void 0 ? `${printable(notice2.filePath)}: ` : "";
    lines.push(
      `${paint(notice2.level === "error" ? "red" : notice2.level === "warning" ? "yellow" : "blue", notice2.level)}: ${where}${printable(notice2.message)}`
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
    if (file.status !== "linted" && file.skipKind === void 0)
      lines.push(`${printableLineStart(file.filePath)}: ${file.status}: ${printable(file.reason ?? "")}`);
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
function escapeData2(value) {
  return value.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty2(value) {
  return escapeData2(value).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
function annotationOf(finding) {
  const properties = {
    title: finding.object ? `${finding.ruleId} (${describeRef(finding.object)})` : finding.ruleId,
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
  const props = pairs.filter((pair) => pair[1] !== void 0 && pair[1] !== "" && pair[1] !== 0).map(([key, value]) => `${key}=${escapeProperty2(String(value))}`).join(",");
  return `::${command}${props === "" ? "" : ` ${props}`}::${escapeData2(message)}`;
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
  for (const notice2 of results.notices) {
    if (notice2.filePath !== void 0 && reported.has(notice2.filePath)) continue;
    const command = notice2.level === "info" ? "notice" : notice2.level;
    const properties = { title: TOOL_NAME };
    if (notice2.filePath !== void 0) properties.file = notice2.filePath;
    lines.push(workflowCommand(command, properties, notice2.message));
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
      ...file.skipKind !== void 0 ? { skipKind: file.skipKind } : {},
      objectCount: file.objectCount,
      ...file.patchObjects ? { patchObjects: file.patchObjects } : {},
      ...file.clientConfigDocuments ? { clientConfigDocuments: file.clientConfigDocuments } : {},
      skippedDocuments: file.skippedDocuments,
      unparsedDocuments: file.unparsedDocuments ?? 0,
      errorCount: file.errorCount,
      warningCount: file.warningCount,
      infoCount: file.infoCount,
      findings: file.findings
    })),
    notices: results.notices,
    ...results.nothingLinted ? { nothingLinted: true } : {}
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
var IDENTITY = ["apiVersion", "kind", "namespace", "name"];
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
    if (name === void 0 || !finding.object) {
      fileCase.problems.push(problemOf(finding));
      continue;
    }
    const key = JSON.stringify(IDENTITY.map((k) => finding.object?.[k]));
    let testcase = byObject.get(key);
    if (!testcase) {
      testcase = { name, object: finding.object, problems: [] };
      byObject.set(key, testcase);
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
  const testcases = results.notices.filter((n) => n.filePath === void 0 || !reported.has(n.filePath)).map((notice2) => ({
    name: notice2.filePath ?? "(run)",
    problems: [{ element: notice2.level === "error" ? "error" : "skipped", type: notice2.level, message: notice2.message }]
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
      const identity = IDENTITY.flatMap((k) => {
        const value = testcase.object?.[k];
        return value === void 0 ? [] : [`        <property name="${k}" value="${xmlAttr(value)}"/>`];
      });
      if (identity.length > 0) lines.push("      <properties>", ...identity, "      </properties>");
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
function notificationOf(notice2) {
  const text = notice2.filePath !== void 0 ? `${notice2.filePath}: ${notice2.message}` : notice2.message;
  const out = { level: LEVEL[notice2.level], message: { text: sentence(text) } };
  if (notice2.filePath !== void 0) out.locations = [{ physicalLocation: { artifactLocation: artifactLocationOf(notice2.filePath) } }];
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
        const logical = {
          name,
          fullyQualifiedName: [o.kind ?? "object", o.namespace, name].filter((x) => x !== void 0).join("/"),
          kind: "resource"
        };
        if (o.apiVersion !== void 0) logical.properties = { apiVersion: o.apiVersion };
        location.logicalLocations = [logical];
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
  sarif: (results, options) => formatSarif(results, {
    ...options.cwd !== void 0 ? { cwd: options.cwd } : {},
    ...options.ruleSet !== void 0 ? { ruleSet: options.ruleSet } : {}
  }),
  junit: (results) => formatJunit(results),
  github: (results) => formatGithub(results)
};
function isFormatName(name) {
  return Object.hasOwn(FORMATTERS, name);
}
function formatResults(results, format, options = {}) {
  return FORMATTERS[format](results, options);
}

// src/action.ts
var FAIL_ON = ["error", "warning", "never"];
var ANNOTATIONS_SHOWN = 10;
var SUMMARY_ROWS = 50;
var ANNOTATE = { error, warning, notice };
function readInputs() {
  const paths = getInput("path").split(/\s+/).filter((p) => p !== "");
  const failOn = getInput("fail-on") || "error";
  if (!FAIL_ON.includes(failOn)) {
    throw new UsageError(`input fail-on takes ${FAIL_ON.join(", ")}, got "${failOn}"`);
  }
  const format = getInput("format") || "stylish";
  if (!isFormatName(format) || format === "github") {
    const names = Object.keys(FORMATTERS).filter((f) => f !== "github");
    throw new UsageError(`input format takes ${names.join(", ")} (annotations are always written), got "${format}"`);
  }
  const jobs = getInput("jobs");
  if (jobs !== "" && !/^[1-9]\d*$/.test(jobs)) throw new UsageError(`input jobs takes a whole number of 1 or more, got "${jobs}"`);
  const vars = getInput("vars").split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "");
  const allowEmpty = getInput("allow-empty") || "false";
  if (allowEmpty !== "true" && allowEmpty !== "false") throw new UsageError(`input allow-empty takes true or false, got "${allowEmpty}"`);
  return {
    allowEmpty: allowEmpty === "true",
    jobs: jobs === "" ? void 0 : Number(jobs),
    vars: vars.length > 0 ? parseVarAssignments(vars, "input vars") : void 0,
    paths: paths.length > 0 ? paths : ["."],
    config: getInput("config"),
    kubernetesVersion: getInput("kubernetes-version"),
    failOn,
    sarifFile: getInput("sarif-file"),
    format
  };
}
function escapeHtml(value) {
  return value.replace(/[&<>"'`*_[\]|\\~#!@]/g, (c) => `&#${c.charCodeAt(0)};`).replace(/\r?\n/g, " ");
}
function annotate(results) {
  for (const file of results.files) {
    if (file.status !== "linted") {
      const report = file.status === "failed" ? error : warning;
      report(`${file.status}: ${file.reason ?? ""}`, { file: file.filePath, title: TOOL_NAME });
    }
    for (const finding of file.findings) {
      ANNOTATE[ANNOTATION_COMMAND[finding.severity]](finding.message, annotationOf(finding));
    }
  }
  const reported = new Set(results.files.map((f) => f.filePath));
  for (const notice2 of results.notices) {
    if (notice2.filePath !== void 0 && reported.has(notice2.filePath)) continue;
    const report = ANNOTATE[ANNOTATION_COMMAND[notice2.level]];
    report(notice2.message, notice2.filePath !== void 0 ? { file: notice2.filePath, title: TOOL_NAME } : { title: TOOL_NAME });
  }
}
async function writeSummary(results) {
  const s = results.summary;
  const summary2 = summary.addHeading(`${TOOL_NAME} ${escapeHtml(VERSION)}`, 2).addRaw(`<p>${escapeHtml(summaryLine(results))}</p>`, true);
  if (s.filesFailed > 0 || results.internalError) {
    summary2.addRaw(`<p><strong>Not every file was linted:</strong> ${plural(s.filesFailed, "file")} failed.</p>`, true);
  }
  const byRule = /* @__PURE__ */ new Map();
  for (const finding of results.files.flatMap((f) => f.findings)) {
    const entry = byRule.get(finding.ruleId) ?? { severity: finding.severity, count: 0, docsUrl: finding.docsUrl };
    entry.count++;
    byRule.set(finding.ruleId, entry);
  }
  if (byRule.size > 0) {
    const rows = [...byRule.entries()].sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1));
    summary2.addHeading("Findings by rule", 3).addTable([
      [
        { data: "Rule", header: true },
        { data: "Severity", header: true },
        { data: "Findings", header: true }
      ],
      ...rows.map(([id, { severity, count: count2, docsUrl }]) => [
        docsUrl !== void 0 ? `<a href="${escapeHtml(docsUrl)}">${escapeHtml(id)}</a>` : escapeHtml(id),
        severity,
        String(count2)
      ])
    ]);
  }
  const files = results.files.filter((f) => f.status !== "linted" || f.findings.length > 0);
  if (files.length > 0) {
    summary2.addHeading("Findings by file", 3).addTable([
      [
        { data: "File", header: true },
        { data: "Errors", header: true },
        { data: "Warnings", header: true },
        { data: "Infos", header: true },
        { data: "Status", header: true }
      ],
      ...files.map((f) => [
        `<code>${escapeHtml(f.filePath)}</code>`,
        String(f.errorCount),
        String(f.warningCount),
        String(f.infoCount),
        f.status === "linted" ? "linted" : `${f.status}: ${escapeHtml(f.reason ?? "")}`
      ])
    ]);
  }
  const findings = results.files.flatMap((f) => f.findings);
  if (findings.length > 0) {
    summary2.addHeading("Findings", 3).addTable([
      [
        { data: "Location", header: true },
        { data: "Severity", header: true },
        { data: "Rule", header: true },
        { data: "Message", header: true }
      ],
      ...findings.slice(0, SUMMARY_ROWS).map((f) => [
        `<code>${escapeHtml(`${f.filePath}:${f.line}:${f.column}`)}</code>`,
        f.severity,
        escapeHtml(f.ruleId),
        escapeHtml(f.message)
      ])
    ]);
    if (findings.length > SUMMARY_ROWS) summary2.addRaw(`<p>… and ${findings.length - SUMMARY_ROWS} more: see the log.</p>`, true);
    const counts2 = [s.errors, s.warnings, s.infos];
    if (counts2.some((n) => n > ANNOTATIONS_SHOWN)) {
      summary2.addRaw(
        `<p>GitHub shows at most ${ANNOTATIONS_SHOWN} annotations of each level per step; every finding is in the log.</p>`,
        true
      );
    }
  }
  await summary2.write();
}
function failureMessage(results, code, failOn) {
  const s = results.summary;
  if (code === EXIT_ERROR) {
    return results.internalError ? "kube-lint hit an internal error: see the annotations, and please report it" : `kube-lint could not lint every input: ${plural(s.filesFailed, "file")} failed`;
  }
  if (code === EXIT_FINDINGS) {
    const counted = failOn === "warning" ? `${plural(s.errors, "error")} and ${plural(s.warnings, "warning")}` : plural(s.errors, "error");
    return `kube-lint found ${counted} (fail-on: ${failOn})`;
  }
  return void 0;
}
async function run() {
  const inputs = readInputs();
  const workspace = path2.resolve(process.env.GITHUB_WORKSPACE ?? process.cwd());
  const options = { cwd: workspace };
  if (inputs.config !== "") options.configFile = path2.resolve(workspace, inputs.config);
  if (inputs.kubernetesVersion !== "") options.kubernetesVersion = inputs.kubernetesVersion;
  if (inputs.jobs !== void 0) options.jobs = inputs.jobs;
  if (inputs.vars !== void 0) options.vars = inputs.vars;
  if (inputs.allowEmpty) options.allowEmpty = true;
  info(`${TOOL_NAME} ${VERSION}: linting ${inputs.paths.join(" ")} in ${workspace}`);
  const prepared = prepareConfig(options);
  const results = await lint(inputs.paths, { ...options, prepared });
  startGroup(`${TOOL_NAME} report (${inputs.format})`);
  info(
    formatResults(results, inputs.format, { color: !process.env.NO_COLOR, cwd: workspace, ruleSet: prepared.ruleSet }).replace(/\n$/, "")
  );
  endGroup();
  annotate(results);
  if (inputs.sarifFile !== "") {
    const target = path2.resolve(workspace, inputs.sarifFile);
    mkdirSync(path2.dirname(target), { recursive: true });
    writeFileSync(target, formatSarif(results, { cwd: workspace, ruleSet: prepared.ruleSet }));
    info(`SARIF written to ${target}`);
    setOutput("sarif-file", target);
  }
  setOutput("errors", results.summary.errors);
  setOutput("warnings", results.summary.warnings);
  if (process.env.GITHUB_STEP_SUMMARY) await writeSummary(results);
  info(summaryLine(results));
  const code = exitCodeOf(results, { failOn: inputs.failOn });
  const message = failureMessage(results, code, inputs.failOn);
  if (message !== void 0) setFailed(message);
}
try {
  await run();
} catch (thrown) {
  if (thrown instanceof UsageError || thrown instanceof ConfigError) setFailed(thrown.message);
  else setFailed(`kube-lint internal error: ${thrown instanceof Error ? thrown.stack ?? thrown.message : String(thrown)}`);
}
