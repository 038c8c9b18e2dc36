/**
 * The linter: sources in, findings out. Each source is parsed and its objects are checked by the
 * single-object rules as it is added; cross-resource rules, suppression and counting happen once
 * in `finish()`, over everything added.
 */
import { describeObject, objectsOfDocument, refOf, type LintObject } from '../load/objects.js';
import { parseYaml, type ParsedDocument } from '../load/parse.js';
import type { FileResult, FileStatus, Finding, LintResults, Notice, Severity, YamlPath } from '../types.js';
import type { ResolvedConfig, ResolvedRule } from './config.js';
import { formatPath } from './paths.js';
import { isObjectRule, isRunRule, type RuleEnvironment, type RuleReport } from './rule.js';
import {
  annotationIgnore,
  readDirectives,
  suppressedByAnnotation,
  suppressedByComment,
  unusedRules,
  type AnnotationIgnore,
  type Directive,
  type DocumentSpan,
} from './suppress.js';

export const INTERNAL_ERROR_RULE = 'internal-error';
export const YAML_SYNTAX_RULE = 'yaml-syntax';
export const INCOMPLETE_OBJECT_RULE = 'incomplete-object';
export const UNUSED_DISABLE_RULE = 'unused-disable';

interface FileState {
  result: FileResult;
  directives: Directive[];
  spans: DocumentSpan[];
  /** Findings before suppression. */
  raw: Finding[];
  ignores: Map<LintObject, AnnotationIgnore>;
}

function compareFindings(a: Finding, b: Finding): number {
  return a.line - b.line || a.column - b.column || cmp(a.ruleId, b.ruleId) || cmp(a.message, b.message);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export class Linter {
  private readonly files = new Map<string, FileState>();
  private readonly objects: LintObject[] = [];
  private readonly notices: Notice[] = [];
  private readonly ruleById: Map<string, ResolvedRule>;
  private readonly env: RuleEnvironment;
  private internalError = false;

  constructor(private readonly config: ResolvedConfig) {
    this.ruleById = new Map(config.rules.map((r) => [r.rule.id, r]));
    this.env = { kubernetesVersion: config.kubernetesVersion, strict: config.strict };
  }

  notice(notice: Notice): void {
    this.notices.push(notice);
  }

  /** Records a file that could not be linted. A failed file makes the run's exit code 2. */
  addUnreadable(filePath: string, status: Exclude<FileStatus, 'linted'>, reason: string): void {
    this.stateOf(filePath).result.status = status;
    this.stateOf(filePath).result.reason = reason;
    this.notices.push({ level: status === 'failed' ? 'error' : 'warning', message: reason, filePath });
  }

  /** Parses a source and runs the single-object rules on it. */
  addSource(filePath: string, text: string): void {
    const state = this.stateOf(filePath);
    state.directives = readDirectives(text);
    let parsed;
    try {
      parsed = parseYaml(text);
    } catch (error) {
      this.crash(state, `the YAML parser failed: ${(error as Error).message}`);
      return;
    }
    for (const problem of parsed.problems) {
      const { message, code, documentIndex, ...range } = problem;
      const label = code === 'DUPLICATE_KEY' ? 'duplicate key' : 'YAML syntax error';
      this.push(state, YAML_SYNTAX_RULE, {
        ...range,
        message: `${label}: ${message}`,
        filePath,
        path: '',
        pathSegments: [],
        documentIndex,
      });
    }
    for (const document of parsed.documents) {
      state.spans.push(document); // its lines are computed only if a document directive asks
      const { objects, skipped, incomplete } = objectsOfDocument(document, filePath);
      if (skipped) {
        state.result.skippedDocuments++;
        continue;
      }
      for (const problem of incomplete) this.report(state, INCOMPLETE_OBJECT_RULE, document, [], problem, undefined);
      for (const object of objects) {
        state.result.objectCount++;
        this.objects.push(object);
        const ignore = annotationIgnore(object.value);
        if (ignore) state.ignores.set(object, ignore);
        this.runObjectRules(state, object);
      }
    }
  }

  private runObjectRules(state: FileState, object: LintObject): void {
    for (const resolved of this.config.rules) {
      const { rule, options } = resolved;
      if (!isObjectRule(rule)) continue;
      let reports: RuleReport[];
      try {
        reports = rule.check({ object, options, env: this.env });
      } catch (error) {
        this.ruleCrash(state, rule.id, object, error);
        continue;
      }
      for (const report of reports) this.report(state, rule.id, object.document, object.basePath, report, object);
    }
  }

  private ruleCrash(state: FileState, ruleId: string, object: LintObject | undefined, error: unknown): void {
    const what = object ? ` on ${describeObject(object)}` : '';
    const detail = error instanceof Error ? error.message : String(error);
    this.internalError = true;
    const range = object ? object.document.locate(object.basePath) : { line: 1, column: 1, endLine: 1, endColumn: 1 };
    this.push(state, INTERNAL_ERROR_RULE, {
      line: range.line,
      column: range.column,
      endLine: range.endLine,
      endColumn: range.endColumn,
      message: `rule "${ruleId}" crashed${what}: ${detail}. This is a kube-lint bug: please report it`,
      filePath: state.result.filePath,
      path: formatPath(object?.basePath ?? []),
      pathSegments: [...(object?.basePath ?? [])],
      ...(object ? { object: refOf(object), documentIndex: object.document.index } : {}),
    });
  }

  private crash(state: FileState, message: string): void {
    this.internalError = true;
    state.result.status = 'failed';
    state.result.reason = message;
    this.push(state, INTERNAL_ERROR_RULE, {
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 1,
      message: `${message}. This is a kube-lint bug: please report it`,
      filePath: state.result.filePath,
      path: '',
      pathSegments: [],
    });
  }

  private report(
    state: FileState,
    ruleId: string,
    document: ParsedDocument,
    basePath: YamlPath,
    report: RuleReport,
    object: LintObject | undefined,
  ): void {
    const full = [...basePath, ...report.path];
    const range = document.locate(full, report.target);
    this.push(
      state,
      ruleId,
      {
        line: range.line,
        column: range.column,
        endLine: range.endLine,
        endColumn: range.endColumn,
        message: report.message,
        filePath: state.result.filePath,
        path: formatPath(full),
        pathSegments: full,
        documentIndex: document.index,
        ...(object ? { object: refOf(object) } : {}),
      },
      object,
    );
  }

  private push(
    state: FileState,
    ruleId: string,
    finding: Omit<Finding, 'ruleId' | 'severity' | 'remediation' | 'docsUrl'>,
    object?: LintObject,
  ): void {
    const resolved = this.ruleById.get(ruleId);
    if (ruleId !== INTERNAL_ERROR_RULE && !resolved) return; // the rule is off
    const severity: Severity = resolved?.severity ?? 'error';
    const full: Finding = { ruleId, severity, ...finding };
    if (resolved) {
      full.remediation = resolved.rule.meta.remediation;
      full.docsUrl = resolved.rule.docsUrl;
    }
    state.raw.push(full);
    if (object) this.findingObjects.set(full, object);
  }

  private readonly findingObjects = new WeakMap<Finding, LintObject>();

  private stateOf(filePath: string): FileState {
    let state = this.files.get(filePath);
    if (!state) {
      state = {
        result: {
          filePath,
          status: 'linted',
          findings: [],
          objectCount: 0,
          skippedDocuments: 0,
          errorCount: 0,
          warningCount: 0,
          infoCount: 0,
        },
        directives: [],
        spans: [],
        raw: [],
        ignores: new Map(),
      };
      this.files.set(filePath, state);
    }
    return state;
  }

  /** Runs cross-resource rules, applies suppressions, sorts and counts. */
  finish(): LintResults {
    for (const resolved of this.config.rules) {
      const { rule, options } = resolved;
      if (!isRunRule(rule)) continue;
      try {
        const reports = rule.checkRun({ objects: this.objects, options, env: this.env });
        for (const report of reports) {
          const state = this.stateOf(report.object.filePath);
          this.report(state, rule.id, report.object.document, report.object.basePath, report, report.object);
        }
      } catch (error) {
        const first = this.objects[0];
        this.ruleCrash(this.stateOf(first?.filePath ?? '<run>'), rule.id, undefined, error);
      }
    }

    let suppressed = 0;
    const files = [...this.files.values()].sort((a, b) => cmp(a.result.filePath, b.result.filePath));
    for (const state of files) {
      const kept: Finding[] = [];
      for (const finding of state.raw) {
        if (finding.ruleId === INTERNAL_ERROR_RULE) {
          kept.push(finding);
          continue;
        }
        const object = this.findingObjects.get(finding);
        const byAnnotation = object ? suppressedByAnnotation(state.ignores.get(object), finding.ruleId) : false;
        const byComment = suppressedByComment(state.directives, state.spans, finding.ruleId, finding.line);
        if (byAnnotation || byComment) suppressed++;
        else kept.push(finding);
      }
      if (this.ruleById.has(UNUSED_DISABLE_RULE)) {
        kept.push(...this.unusedDisables(state));
      }
      kept.sort(compareFindings);
      state.result.findings = kept;
      for (const f of kept) {
        if (f.severity === 'error') state.result.errorCount++;
        else if (f.severity === 'warning') state.result.warningCount++;
        else state.result.infoCount++;
      }
    }

    const results = files.map((s) => s.result);
    const sum = (pick: (r: FileResult) => number): number => results.reduce((n, r) => n + pick(r), 0);
    return {
      files: results,
      notices: this.notices,
      summary: {
        files: results.length,
        filesLinted: results.filter((r) => r.status === 'linted').length,
        filesSkipped: results.filter((r) => r.status === 'skipped').length,
        filesFailed: results.filter((r) => r.status === 'failed').length,
        objects: sum((r) => r.objectCount),
        skippedDocuments: sum((r) => r.skippedDocuments),
        errors: sum((r) => r.errorCount),
        warnings: sum((r) => r.warningCount),
        infos: sum((r) => r.infoCount),
        suppressed,
      },
      rules: this.config.rules.map((r) => ({ id: r.rule.id, severity: r.severity })),
      kubernetesVersion: this.config.kubernetesVersion,
      internalError: this.internalError,
    };
  }

  private unusedDisables(state: FileState): Finding[] {
    const resolved = this.ruleById.get(UNUSED_DISABLE_RULE);
    if (!resolved) return [];
    const out: Finding[] = [];
    const base = {
      ruleId: UNUSED_DISABLE_RULE,
      severity: resolved.severity,
      filePath: state.result.filePath,
      remediation: resolved.rule.meta.remediation,
      docsUrl: resolved.rule.docsUrl,
    };
    for (const directive of state.directives) {
      const unused = unusedRules(directive.rules, directive.used);
      if (unused.length === 0) continue;
      const what = unused[0] === 'all' ? 'any rule' : unused.map((r) => `"${r}"`).join(', ');
      out.push({
        ...base,
        line: directive.line,
        column: directive.column,
        endLine: directive.line,
        endColumn: directive.column,
        message: `kube-lint-disable${directive.kind === 'document' ? '' : `-${directive.kind}`} for ${what} suppresses nothing: remove it`,
        path: '',
        pathSegments: [],
      });
    }
    for (const [object, ignore] of state.ignores) {
      const unused = unusedRules(ignore.rules, ignore.used);
      if (unused.length === 0) continue;
      const full = [...object.basePath, ...ignore.path];
      const range = object.document.locate(full);
      const what = unused[0] === 'all' ? 'any rule' : unused.map((r) => `"${r}"`).join(', ');
      out.push({
        ...base,
        line: range.line,
        column: range.column,
        endLine: range.endLine,
        endColumn: range.endColumn,
        message: `annotation kube-lint.io/ignore on ${describeObject(object)} for ${what} suppresses nothing: remove it`,
        path: formatPath(full),
        pathSegments: full,
        object: refOf(object),
        documentIndex: object.document.index,
      });
    }
    return out;
  }
}
