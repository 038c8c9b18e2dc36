// kube-lint GitHub Action and command (pre-commit hook), bundled by scripts/build-action.ts: do not edit.
// Licences of the bundled packages: licenses.txt beside this file.
import { createRequire as __kubeLintCreateRequire } from 'node:module';
const require = __kubeLintCreateRequire(import.meta.url);
import {
  ANNOTATION_COMMAND,
  Command,
  EXIT_ERROR,
  EXIT_FINDINGS,
  FORMATTERS,
  addLintOptions,
  annotationOf,
  exitCodeOf,
  failOnOf,
  filterSeverity,
  formatResults,
  formatSarif,
  isFormatName,
  lintOptionsOf,
  maxWarningsOf,
  plural,
  ruleDescriptors,
  summaryLine
} from "./chunk-NO6ASH46.js";
import {
  SEVERITY_RANK,
  TOOL_NAME,
  VERSION,
  lint,
  prepareConfig
} from "./chunk-AZVJ5M2M.js";
import {
  ConfigError,
  UsageError
} from "./chunk-OF6YIWFX.js";
import "./chunk-H7FGNHQJ.js";

// src/action.ts
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

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
  const cmd = new Command2(command, properties, message);
  process.stdout.write(cmd.toString() + os.EOL);
}
function issue(name, message = "") {
  issueCommand(name, {}, message);
}
var CMD_STRING = "::";
var Command2 = class {
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

// src/action.ts
var ANNOTATIONS_SHOWN = 10;
var SUMMARY_ROWS = 50;
var ANNOTATE = { error, warning, notice };
function lines(name) {
  return getInput(name).split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "");
}
function flag(name) {
  const value = getInput(name).toLowerCase();
  if (value === "") return void 0;
  if (value === "true" || value === "false") return value === "true";
  throw new UsageError(`input ${name} takes true or false, got "${getInput(name)}"`);
}
function splitArgs(text) {
  const words = [];
  let word = "";
  let inWord = false;
  let quote;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    const next = text.charAt(i + 1);
    if (quote === "'") {
      if (c === "'") quote = void 0;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = void 0;
      else if (c === "\\" && (next === '"' || next === "\\")) word += text.charAt(++i);
      else word += c;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else {
      inWord = true;
      if (c === "'" || c === '"') quote = c;
      else if (c === "\\" && next !== "") word += text.charAt(++i);
      else word += c;
    }
  }
  if (quote !== void 0) throw new UsageError(`input args has an unterminated ${quote} quote`);
  if (inWord) words.push(word);
  return words;
}
function commandLineOf(input, list, bool) {
  const argv = [];
  const option = (name, value) => {
    if (value !== "") argv.push(`--${name}`, value);
  };
  option("config", input("config"));
  option("kubernetes-version", input("kubernetes-version"));
  option("preset", input("preset"));
  option("jobs", input("jobs"));
  for (const crd of list("crds")) option("crd", crd);
  for (const folder of list("schemas")) option("schemas", folder);
  const strict = bool("strict");
  if (strict !== void 0) argv.push(strict ? "--strict" : "--no-strict");
  if (bool("ignore-missing-schemas") === true) argv.push("--ignore-missing-schemas");
  if (bool("allow-empty") === true) argv.push("--allow-empty");
  for (const assignment of list("vars")) option("var", assignment);
  argv.push(...splitArgs(input("args")));
  return argv;
}
var NOT_IN_ARGS = ["format", "output", "printConfig", "color"];
function readInputs() {
  const format = getInput("format") || "stylish";
  if (!isFormatName(format) || format === "github") {
    const names = Object.keys(FORMATTERS).filter((f) => f !== "github");
    throw new UsageError(`input format takes ${names.join(", ")} (annotations are always written), got "${format}"`);
  }
  const jobs = getInput("jobs");
  if (jobs !== "" && !/^[1-9]\d*$/.test(jobs)) throw new UsageError(`input jobs takes a whole number of 1 or more, got "${jobs}"`);
  const argv = commandLineOf(getInput, lines, flag);
  const command = addLintOptions(new Command("args")).argument("[paths...]").exitOverride().showSuggestionAfterError(true).configureOutput({ writeOut: () => void 0, writeErr: () => void 0 });
  try {
    command.parse(argv, { from: "user" });
  } catch (thrown) {
    const message = thrown.message.replace(/^error: /, "").replace(/\n\(Did you mean (.+)\?\)/, " (did you mean $1?)");
    throw new UsageError(`input args: ${message}`);
  }
  const flags = command.opts();
  const refused = NOT_IN_ARGS.find((name) => flags[name] !== void 0);
  if (refused !== void 0)
    throw new UsageError(
      `input args cannot set --${refused.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: the Action has inputs (format, sarif-file) for reports`
    );
  const paths = [...lines("path"), ...command.args];
  let failOn;
  try {
    failOn = failOnOf(flags.failOn ?? (getInput("fail-on") || "error"));
  } catch (thrown) {
    throw new UsageError(
      thrown.message.replace(/^--fail-on/, flags.failOn !== void 0 ? "input args: --fail-on" : "input fail-on")
    );
  }
  return { paths: paths.length > 0 ? paths : ["."], failOn, sarifFile: getInput("sarif-file"), format, flags };
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
function fileLink(filePath, line, env = process.env) {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_SHA: sha } = env;
  if (!server || !repository || !sha) return void 0;
  if (path.isAbsolute(filePath) || filePath.split(/[\\/]/)[0] === ".." || filePath === "<stdin>") return void 0;
  const encoded = filePath.split(/[\\/]/).map(encodeURIComponent).join("/");
  return `${server}/${repository}/blob/${sha}/${encoded}${line !== void 0 ? `#L${line}` : ""}`;
}
function linked(text, filePath, line) {
  const url = fileLink(filePath, line);
  const code = `<code>${escapeHtml(text)}</code>`;
  return url !== void 0 ? `<a href="${url.replace(/[&"<>']/g, (c) => `&#${c.charCodeAt(0)};`)}">${code}</a>` : code;
}
async function writeSummary(results, failure) {
  const s = results.summary;
  const summary2 = summary.addHeading(
    failure === void 0 ? `✅ ${TOOL_NAME} passed` : `❌ ${TOOL_NAME} failed: ${escapeHtml(failure.replace(/^kube-lint /, ""))}`,
    2
  ).addRaw(`<p>${escapeHtml(summaryLine(results))} (${TOOL_NAME} ${escapeHtml(VERSION)})</p>`, true);
  if (s.filesFailed > 0 || results.internalError) {
    summary2.addRaw(`<p><strong>Not every file was linted:</strong> ${plural(s.filesFailed, "file")} failed.</p>`, true);
  }
  const byRule = /* @__PURE__ */ new Map();
  for (const finding of results.files.flatMap((f) => f.findings)) {
    const entry = byRule.get(finding.ruleId) ?? { severity: finding.severity, count: 0, docsUrl: finding.docsUrl };
    if (SEVERITY_RANK[finding.severity] > SEVERITY_RANK[entry.severity]) entry.severity = finding.severity;
    entry.count++;
    byRule.set(finding.ruleId, entry);
  }
  if (byRule.size > 0) {
    const rows = [...byRule.entries()].sort(
      (a, b) => SEVERITY_RANK[b[1].severity] - SEVERITY_RANK[a[1].severity] || b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1)
    );
    summary2.addHeading("Findings by rule", 3).addTable([
      [
        { data: "Rule", header: true },
        { data: "Severity", header: true },
        { data: "Findings", header: true }
      ],
      ...rows.map(([id, { severity, count, docsUrl }]) => [
        docsUrl !== void 0 ? `<a href="${escapeHtml(docsUrl)}">${escapeHtml(id)}</a>` : escapeHtml(id),
        severity,
        String(count)
      ])
    ]);
  }
  const files = results.files.filter((f) => f.status !== "linted" || f.findings.length > 0).sort(
    (a, b) => Number(b.status === "failed") - Number(a.status === "failed") || b.errorCount - a.errorCount || b.warningCount - a.warningCount
  );
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
        linked(f.filePath, f.filePath),
        String(f.errorCount),
        String(f.warningCount),
        String(f.infoCount),
        f.status === "linted" ? "linted" : `${f.status}: ${escapeHtml(f.reason ?? "")}`
      ])
    ]);
  }
  const findings = results.files.flatMap((f) => f.findings).sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  if (findings.length > 0) {
    summary2.addHeading("Findings", 3).addTable([
      [
        { data: "Location", header: true },
        { data: "Severity", header: true },
        { data: "Rule", header: true },
        { data: "Message", header: true }
      ],
      ...findings.slice(0, SUMMARY_ROWS).map((f) => [
        linked(`${f.filePath}:${f.line}:${f.column}`, f.filePath, f.line),
        f.severity,
        escapeHtml(f.ruleId),
        escapeHtml(f.message)
      ])
    ]);
    if (findings.length > SUMMARY_ROWS) summary2.addRaw(`<p>… and ${findings.length - SUMMARY_ROWS} more: see the log.</p>`, true);
    const counts = [s.errors, s.warnings, s.infos];
    if (counts.some((n) => n > ANNOTATIONS_SHOWN)) {
      summary2.addRaw(
        `<p>GitHub shows at most ${ANNOTATIONS_SHOWN} annotations of each level per step; every finding is in the log.</p>`,
        true
      );
    }
  }
  await summary2.write();
}
function failureMessage(results, code, failOn, maxWarnings) {
  const s = results.summary;
  if (code === EXIT_ERROR) {
    return results.internalError ? "kube-lint hit an internal error: see the annotations, and please report it" : `kube-lint could not lint every input: ${plural(s.filesFailed, "file")} failed`;
  }
  if (code === EXIT_FINDINGS) {
    if (failOn === "never" || s.errors === 0 && failOn === "error" || s.errors === 0 && s.warnings === 0 && failOn === "warning") {
      if (maxWarnings >= 0 && s.warnings > maxWarnings)
        return `kube-lint found ${plural(s.warnings, "warning")} (max-warnings: ${maxWarnings})`;
    }
    const counted = failOn === "info" ? `${plural(s.errors, "error")}, ${plural(s.warnings, "warning")} and ${plural(s.infos, "info", "infos")}` : failOn === "warning" ? `${plural(s.errors, "error")} and ${plural(s.warnings, "warning")}` : plural(s.errors, "error");
    return `kube-lint found ${counted} (fail-on: ${failOn})`;
  }
  return void 0;
}
async function run() {
  const inputs = readInputs();
  const workspace = path.resolve(process.env.GITHUB_WORKSPACE ?? process.cwd());
  const options = lintOptionsOf(inputs.flags, workspace);
  info(`${TOOL_NAME} ${VERSION}: linting ${inputs.paths.map((p) => JSON.stringify(p)).join(" ")} in ${workspace}`);
  const prepared = prepareConfig(options);
  const all = await lint(inputs.paths, { ...options, prepared });
  const results = inputs.flags.quiet ? filterSeverity(all, "error") : all;
  startGroup(`${TOOL_NAME} report (${inputs.format})`);
  info(
    formatResults(results, inputs.format, {
      color: !process.env.NO_COLOR,
      cwd: workspace,
      rules: ruleDescriptors(prepared.ruleSet)
    }).replace(/\n$/, "")
  );
  endGroup();
  annotate(results);
  if (inputs.sarifFile !== "") {
    const target = path.resolve(workspace, inputs.sarifFile);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, formatSarif(results, { cwd: workspace, rules: ruleDescriptors(prepared.ruleSet) }));
    info(`SARIF written to ${target}`);
    setOutput("sarif-file", target);
  }
  setOutput("errors", results.summary.errors);
  setOutput("warnings", results.summary.warnings);
  const maxWarnings = maxWarningsOf(inputs.flags);
  const code = exitCodeOf(all, { failOn: inputs.failOn, maxWarnings });
  const message = failureMessage(all, code, inputs.failOn, maxWarnings);
  if (process.env.GITHUB_STEP_SUMMARY) await writeSummary(results, message);
  info(summaryLine(results));
  if (message !== void 0) setFailed(message);
}
try {
  await run();
} catch (thrown) {
  if (thrown instanceof UsageError || thrown instanceof ConfigError) setFailed(thrown.message);
  else setFailed(`kube-lint internal error: ${thrown instanceof Error ? thrown.stack ?? thrown.message : String(thrown)}`);
}
export {
  commandLineOf,
  fileLink,
  splitArgs
};
