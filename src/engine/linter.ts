/**
 * The linter: sources in, findings out. Each source is parsed and its objects are checked by the
 * single-object rules as it is added; cross-resource rules, suppression and counting happen once
 * in `finish()`, over everything added.
 */
import {
  estimatedDocuments,
  measureValue,
  resolveLimits,
  mayHoldConflictMarker,
  readerScan,
  scanYaml,
  type Limits,
  type ScanResult,
  type ValueProblemKind,
} from '../load/limits.js';
import { tooLargeReason } from '../load/read.js';
import { makeObject, objectsOfDocument, refOf, type LintObject } from '../load/objects.js';
import { EMPTY_KUSTOMIZE_MODEL, type KustomizeModel } from '../load/kustomize.js';
import { manifestShape, type SkipKind } from '../load/manifests.js';
import { ClientKinds, isKustomizationFile } from '../k8s/client-config.js';
import { describeObject } from '../k8s/values.js';
import { parseYaml, readAlone, type ParsedDocument, type ParsedFile } from '../load/parse.js';
import { isSubstitutedLiteral, substituteDocument } from '../load/substitute.js';
import { countPlaceholders, isPlaceholderAt, isSopsEncrypted } from '../k8s/placeholders.js';
import type { SchemaRegistry } from '../schema/registry.js';
import type { FileResult, FileStatus, Finding, LintResults, Notice, Range, Severity, YamlPath } from '../types.js';
import type { ResolvedConfig, ResolvedRule } from './config.js';
import { formatPath } from './paths.js';
import { findingSeverity, isObjectRule, isRunRule, type RuleEnvironment, type RuleReport, type RunReport } from './rule.js';
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

/** Object rules run on resources unless they say otherwise (RuleMeta.appliesTo). */
const DEFAULT_APPLIES_TO = ['resource'] as const;

const SKIP_REASONS: Record<SkipKind, string> = {
  'not-manifest': 'not a Kubernetes manifest (no document with apiVersion and kind)',
  template: 'a template (Go or Jinja markers, not YAML until rendered): lint the rendered output',
};
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

const VALUE_PROBLEMS: Record<ValueProblemKind, (limits: Pick<Limits, 'maxDepth' | 'maxNodes'>) => string> = {
  cycle: () => 'an alias refers to a node that contains it (a cycle), which Kubernetes refuses: the document is not linted',
  depth: (limits) => `nesting deeper than ${limits.maxDepth} levels through aliases: the document is not linted`,
  size: (limits) => `aliases expand the document past ${limits.maxNodes} nodes (a YAML bomb?): the document is not linted`,
};

/** `document.locate`, falling back to the document's first line should the parser's locator fail. */
function locateSafely(document: ParsedDocument, path: YamlPath, target?: 'key' | 'value'): Range {
  try {
    return document.locate(path, target);
  } catch {
    return { line: document.contentLine, column: 1, endLine: document.contentLine, endColumn: 1 };
  }
}

function compareFindings(a: Finding, b: Finding): number {
  return a.line - b.line || a.column - b.column || cmp(a.ruleId, b.ruleId) || cmp(a.message, b.message);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function resultsOf(
  files: FileResult[],
  notices: Notice[],
  suppressed: number,
  config: ResolvedConfig,
  internalError: boolean,
): LintResults {
  const sum = (pick: (r: FileResult) => number): number => files.reduce((n, r) => n + pick(r), 0);
  return {
    files,
    notices,
    summary: {
      files: files.length,
      filesLinted: files.filter((r) => r.status === 'linted').length,
      filesSkipped: files.filter((r) => r.status === 'skipped').length,
      filesFailed: files.filter((r) => r.status === 'failed').length,
      objects: sum((r) => r.objectCount),
      skippedDocuments: sum((r) => r.skippedDocuments),
      clientConfigDocuments: sum((r) => r.clientConfigDocuments ?? 0),
      patchObjects: sum((r) => r.patchObjects ?? 0),
      filesNotManifests: files.filter((r) => r.skipKind === 'not-manifest').length,
      filesTemplates: files.filter((r) => r.skipKind === 'template').length,
      unparsedDocuments: sum((r) => r.unparsedDocuments ?? 0),
      errors: sum((r) => r.errorCount),
      warnings: sum((r) => r.warningCount),
      infos: sum((r) => r.infoCount),
      suppressed,
      unjudgedValues: sum((r) => r.unjudgedValues ?? 0),
    },
    rules: config.rules.map((r) => ({ id: r.rule.id, severity: r.severity })),
    kubernetesVersion: config.kubernetesVersion,
    internalError,
  };
}

/**
 * One result out of the results of linters that each saw part of the files (worker threads):
 * files sorted by path as `finalize()` sorts them, notices in the order given.
 */
export function mergeResults(parts: readonly LintResults[], notices: Notice[], config: ResolvedConfig): LintResults {
  const files = parts.flatMap((p) => p.files).sort((a, b) => cmp(a.filePath, b.filePath));
  const suppressed = parts.reduce((n, p) => n + p.summary.suppressed, 0);
  return resultsOf(
    files,
    notices,
    suppressed,
    config,
    parts.some((p) => p.internalError),
  );
}

/** A source screened by `Linter.screen`. */
export interface ScreenedSource {
  text: string;
  bytes: number;
  /** The pre-parse scan; absent for a file over the size limit. */
  scan?: ScanResult;
  /** The parse, when the manifest reader read the file whole in place of the scan. */
  parsed?: ParsedFile;
}

/**
 * Where a run's rules spent their time (milliseconds per rule id, checks and cross-resource checks
 * alike), kept when asked for (`KUBE_LINT_TIMING`, as ESLint's TIMING). A rule that shares work
 * with another (schema and cel-rule validate once per object) is charged what it ran first.
 */
export class RuleTiming {
  readonly ms = new Map<string, number>();

  add(ruleId: string, ms: number): void {
    this.ms.set(ruleId, (this.ms.get(ruleId) ?? 0) + ms);
  }

  /** The rules, slowest first. */
  sorted(): [string, number][] {
    return [...this.ms].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
  }
}

/** Where a crash of a cross-resource rule is reported when the run has no object. */
export const RUN_FILE = '<run>';

/**
 * Runs the cross-resource rules over `objects` (in run order), handing each report and each crash
 * to `sink`. A crash stops that rule only.
 */
export function runCrossResourceRules(
  rules: readonly ResolvedRule[],
  all: readonly LintObject[],
  env: RuleEnvironment,
  sink: { report(ruleId: string, report: RunReport): void; crash(ruleId: string, error: unknown): void },
  timing?: RuleTiming,
): void {
  // Patches and client-side configuration are not objects of the cluster: no Service selects a
  // patch, no HPA targets a kustomization.
  const objects = all.filter((o) => o.role === 'resource');
  for (const { rule, options } of rules) {
    if (!isRunRule(rule)) continue;
    let reports: RunReport[];
    const started = timing ? performance.now() : 0;
    try {
      reports = rule.checkRun({ objects, options, env });
    } catch (error) {
      sink.crash(rule.id, error);
      continue;
    } finally {
      timing?.add(rule.id, performance.now() - started);
    }
    for (const report of reports) sink.report(rule.id, report);
  }
}

/**
 * Whether a rule's report is about a value no check may judge: an unresolved placeholder (see
 * src/k8s/placeholders.ts; not a literal made by substitution), or SOPS's own `sops` metadata in
 * an encrypted file. A report on a key (an unknown field) is about the key and stays, and so does
 * one the path only places (`anchor`).
 */
function unjudged(object: LintObject, report: RuleReport): boolean {
  const path = report.path;
  if (path[0] === 'sops' && isSopsEncrypted(object.value)) return true;
  if (report.target === 'key' || report.anchor || path.length === 0) return false;
  let container: unknown;
  let node: unknown = object.value;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null) return false;
    container = node;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return isPlaceholderAt(node, path) && !isSubstitutedLiteral(container as object, path[path.length - 1] as string | number);
}

/** The values of an object left unjudged: placeholders, SOPS metadata aside (see `unjudged`). */
function countUnjudged(object: LintObject): number {
  return countPlaceholders(object.value, {
    ...(isSopsEncrypted(object.value) ? { skipTopKey: 'sops' } : {}),
    isLiteral: isSubstitutedLiteral,
  });
}

export class Linter {
  private readonly files = new Map<string, FileState>();
  private readonly objects: LintObject[] = [];
  private readonly notices: Notice[] = [];
  private readonly ruleById: Map<string, ResolvedRule>;
  private readonly env: RuleEnvironment;
  private internalError = false;
  /** Findings that stop a document from being linted: always errors, never suppressed. */
  private readonly fatal = new WeakSet<Finding>();
  readonly limits: Limits;

  /** Where the rules' time goes, when asked for. */
  readonly timing: RuleTiming | undefined;

  /** Objects whose single-object rules wait for `runDeferredRules()` (see the `defer` option). */
  private readonly deferred: [FileState, LintObject][] | undefined;
  private readonly clientKinds: ClientKinds;
  private patchFiles: ReadonlySet<string>;
  private configFiles: ReadonlySet<string>;

  /**
   * `defer`: add sources without running the single-object rules yet; `runDeferredRules()` runs
   * them. A worker thread does this to learn which kinds its files hold (and so which CRD schemas
   * it needs) before validating anything.
   */
  constructor(
    private readonly config: ResolvedConfig,
    extras: { schemas?: SchemaRegistry; limits?: Partial<Limits>; defer?: boolean; kustomize?: KustomizeModel; timing?: RuleTiming } = {},
  ) {
    this.timing = extras.timing;
    if (extras.defer) this.deferred = [];
    this.ruleById = new Map(config.rules.map((r) => [r.rule.id, r]));
    const kustomize = extras.kustomize ?? EMPTY_KUSTOMIZE_MODEL;
    this.clientKinds = new ClientKinds(config.clientKinds);
    this.patchFiles = new Set(kustomize.patchFiles);
    this.configFiles = new Set(kustomize.configFiles);
    this.env = {
      kubernetesVersion: config.kubernetesVersion,
      strict: config.strict,
      kustomize,
      ...(extras.schemas ? { schemas: extras.schemas } : {}),
      ...(config.policies ? { policies: config.policies } : {}),
    };
    this.limits = resolveLimits(extras.limits ?? {});
  }

  /** Takes what the run's kustomizations say; before any source is added. */
  useKustomize(model: KustomizeModel): void {
    this.patchFiles = new Set(model.patchFiles);
    this.configFiles = new Set(model.configFiles);
    this.env.kustomize = model;
  }

  notice(notice: Notice): void {
    this.notices.push(notice);
  }

  /** Records a file that could not be linted. A failed file makes the run's exit code 2. */
  addUnreadable(filePath: string, status: Exclude<FileStatus, 'linted'>, reason: string, options: { notice?: boolean } = {}): void {
    this.stateOf(filePath).result.status = status;
    this.stateOf(filePath).result.reason = reason;
    if (options.notice !== false) this.notices.push({ level: status === 'failed' ? 'error' : 'warning', message: reason, filePath });
  }

  /**
   * Parses a source (unless given its parse) and runs the single-object rules on it. Input the
   * parser must not see (over a limit, merge-conflict markers, nesting too deep) is refused first;
   * a document that cannot be parsed is reported as a fatal `yaml-syntax` error and counted as not
   * parsed, never as clean.
   */
  /**
   * A source as the parser must see it (BOM dropped; a lone \r, a line break to YAML and kubectl
   * but content to the parser, made a \n: a few thousand \r\r\n line ends overflowed its stack,
   * found by scripts/fuzz.ts; offsets and columns stay as they were), with its size and, when
   * within the size limit, the pre-parse scan.
   *
   * The scan guards the parsers that build what the text says (anchors and aliases, any depth).
   * The manifest reader accepts neither aliases nor nesting past a bound, in time linear in the
   * text: a file it reads whole by itself, well within every limit and with no line that may be a
   * conflict marker, has its scan made from what the reader counted (and its parse kept). Any
   * other file is scanned first, as before, and is parsed only if the scan lets it through.
   */
  screen(source: string): ScreenedSource {
    const unmarked = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
    const text = unmarked.includes('\r') ? unmarked.replace(/\r(?!\n)/g, '\n') : unmarked;
    const bytes = Buffer.byteLength(text, 'utf8');
    const limits = this.limits;
    if (bytes > limits.maxFileBytes) return { text, bytes };
    if (!mayHoldConflictMarker(text)) {
      // Half the limits (a quarter of the nodes): the reader's counts and the scan's estimates
      // differ a little, and a file near a limit gets the scan's verdict and its line.
      const read = readAlone(text, { maxAliasCount: limits.maxAliasCount, maxDepth: limits.maxDepth >> 1 });
      if (read && read.stats.documents <= limits.maxDocuments >> 1 && read.stats.nodes <= limits.maxNodes >> 2) {
        return { text, bytes, scan: readerScan(read.stats), parsed: read.parsed };
      }
    }
    return { text, bytes, scan: scanYaml(text, limits) };
  }

  /**
   * The parse of a screened source, or undefined when addSource would refuse it (too large, over a
   * count limit, merge-conflict markers, too deep): what the parser must not see, it never sees.
   */
  parseScreened(screened: ScreenedSource): ParsedFile | undefined {
    const scan = screened.scan;
    if (!scan || scan.tooManyDocuments || scan.tooManyAliases || scan.tooManyNodes || scan.tooDeep || scan.conflicts.length > 0)
      return undefined;
    return screened.parsed ?? parseYaml(screened.text, { maxAliasCount: this.limits.maxAliasCount });
  }

  /**
   * `prepared.explicit`: the file was named by the user (or is standard input), so it is linted
   * whatever it holds. A file found in a folder or by a pattern is skipped, and counted, when it
   * is not a Kubernetes manifest: no document with apiVersion and kind (JSON that is no object, a
   * Helm values file, a CI workflow, a Jinja or Go template that does not parse as YAML).
   */
  addSource(filePath: string, source: string, prepared: { screened?: ScreenedSource; parsed?: ParsedFile; explicit?: boolean } = {}): void {
    const state = this.stateOf(filePath);
    const explicit = prepared.explicit ?? true;
    const shape = manifestShape(filePath, source);
    if (!explicit && shape.skip) {
      this.skip(state, shape.skip);
      return;
    }
    const screened = prepared.screened ?? this.screen(shape.text ?? source);
    const { text, bytes, scan } = screened;
    const limits = this.limits;
    if (!scan) {
      this.addUnreadable(filePath, 'failed', tooLargeReason(bytes, limits.maxFileBytes));
      return;
    }
    // Over a count limit: the file is refused whole, naming the line where the limit is reached.
    const refusals = [
      [scan.tooManyDocuments, `more than ${limits.maxDocuments} YAML documents (the next one starts at line`],
      [scan.tooManyAliases, `more than ${limits.maxAliases} YAML aliases (the limit is reached at line`],
      [scan.tooManyNodes, `more than ${limits.maxNodes} YAML nodes (the limit is reached at line`],
    ] as const;
    for (const [hit, what] of refusals) {
      if (!hit) continue;
      this.addUnreadable(filePath, 'failed', `${what} ${hit.line}): split the file`);
      return;
    }
    if (scan.conflicts.length > 0 || scan.tooDeep) {
      for (const { line, column, marker } of scan.conflicts) {
        this.pushFatal(
          state,
          { line, column, endLine: line, endColumn: column + marker.length },
          `unresolved merge conflict marker "${marker}": resolve the conflict; the file is not linted until then`,
        );
      }
      if (scan.tooDeep) {
        const { line, column } = scan.tooDeep;
        this.pushFatal(
          state,
          { line, column, endLine: line, endColumn: column + 1 },
          `nesting deeper than ${limits.maxDepth} levels: the file is not parsed`,
        );
      }
      state.result.unparsedDocuments = (state.result.unparsedDocuments ?? 0) + estimatedDocuments(scan);
      return;
    }
    // Read only now: in a file refused above, no suppression comment is "unused".
    state.directives = readDirectives(text);
    let parsed;
    try {
      parsed = prepared.parsed ?? screened.parsed ?? parseYaml(text, { maxAliasCount: limits.maxAliasCount });
    } catch (error) {
      this.crash(state, `the YAML parser failed: ${(error as Error).message}`);
      return;
    }
    if (!explicit && !isKustomizationFile(filePath)) {
      const skip = this.notManifest(parsed, text);
      if (skip) {
        state.directives = [];
        this.skip(state, skip);
        return;
      }
    }
    const vars = this.config.vars;
    if (vars) for (const document of parsed.documents) substituteDocument(document, vars, text);
    const kept = new Set(parsed.documents.map((d) => d.index));
    const unparsed = new Set<number>();
    // One error per document, with a count of the rest: after the first, a parser's errors are
    // mostly echoes of it.
    // Duplicate keys are each a mistake of their own, and all reported.
    const perDocument = new Map<number, number>();
    for (const problem of parsed.problems) {
      if (problem.code !== 'DUPLICATE_KEY') perDocument.set(problem.documentIndex, (perDocument.get(problem.documentIndex) ?? 0) + 1);
    }
    const reported = new Set<number>();
    for (const problem of parsed.problems) {
      const { message, code, documentIndex, ...range } = problem;
      if (code !== 'DUPLICATE_KEY') {
        if (reported.has(documentIndex)) continue;
        reported.add(documentIndex);
      }
      const label = code === 'DUPLICATE_KEY' ? 'duplicate key' : 'YAML syntax error';
      const more = code === 'DUPLICATE_KEY' ? 0 : (perDocument.get(documentIndex) ?? 1) - 1;
      const rest =
        more > 0 ? ` (and ${more} more ${more === 1 ? 'error' : 'errors'} in this document, which may follow from this one)` : '';
      const finding = { ...range, message: `${label}: ${message}${rest}`, filePath, path: '', pathSegments: [], documentIndex };
      if (kept.has(documentIndex)) {
        this.push(state, YAML_SYNTAX_RULE, finding);
      } else {
        unparsed.add(documentIndex);
        this.pushFatal(state, range, finding.message, documentIndex);
      }
    }
    // What aliases make of the documents is walked within a budget for the whole file. Without an
    // alias (the scan counts them), a document is no bigger or deeper than its text, which the scan
    // bounded.
    const budget = { nodes: 2 * limits.maxNodes, walk: scan.aliases > 0 };
    for (const document of parsed.documents) {
      try {
        this.addDocument(state, document, unparsed, budget);
      } catch (error) {
        this.crash(state, `reading document ${document.index + 1} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    state.result.unparsedDocuments = (state.result.unparsedDocuments ?? 0) + unparsed.size;
  }

  private addDocument(state: FileState, document: ParsedDocument, unparsed: Set<number>, budget: { nodes: number; walk: boolean }): void {
    state.spans.push(document); // its lines are computed only if a document directive asks
    const limits = { maxDepth: this.limits.maxDepth, maxNodes: Math.min(this.limits.maxNodes, budget.nodes) };
    const { problem, nodes } = budget.walk ? measureValue(document.value, limits) : { problem: undefined, nodes: 0 };
    budget.nodes = Math.max(0, budget.nodes - nodes);
    if (problem) {
      unparsed.add(document.index);
      // A bomb is reported where its document starts: where it blew up says little.
      const range = locateSafely(document, problem.kind === 'size' ? [] : problem.path, 'key');
      this.pushFatal(state, range, VALUE_PROBLEMS[problem.kind](limits), document.index);
      return;
    }
    const filePath = state.result.filePath;
    const { objects, skipped, incomplete } = objectsOfDocument(document, filePath);
    if (skipped) {
      // kustomize reads a kustomization file whatever its apiVersion and kind (often none).
      if (
        isKustomizationFile(filePath) &&
        document.value !== null &&
        typeof document.value === 'object' &&
        !Array.isArray(document.value)
      ) {
        const object = makeObject(document.value as Record<string, unknown>, filePath, document, []);
        object.apiVersion ??= 'kustomize.config.k8s.io/v1beta1';
        object.kind ??= 'Kustomization';
        object.role = 'client-config';
        this.addObject(state, object);
        return;
      }
      state.result.skippedDocuments++;
      return;
    }
    for (const object of objects) object.role = this.roleOf(object);
    // A client-side configuration or a patch need not name itself as a cluster object must.
    if (objects.every((o) => o.role === 'resource')) {
      for (const problem of incomplete) this.report(state, INCOMPLETE_OBJECT_RULE, document, [], problem, undefined);
    }
    for (const object of objects) this.addObject(state, object);
  }

  /** What an object is to the run (see ObjectRole). */
  private roleOf(object: LintObject): LintObject['role'] {
    if (this.configFiles.has(object.filePath) || this.clientKinds.classify(object.value, object.filePath) !== undefined)
      return 'client-config';
    if (this.patchFiles.has(object.filePath)) return 'patch';
    return 'resource';
  }

  /** Why a file found in a folder is no manifest (see addSource), or undefined when it is one. */
  private notManifest(parsed: ParsedFile, text: string): SkipKind | undefined {
    const isManifest = (value: unknown): boolean =>
      value !== null && typeof value === 'object' && !Array.isArray(value) && 'apiVersion' in value && 'kind' in value;
    if (parsed.documents.some((d) => isManifest(d.value))) {
      // A file of Go or Jinja template text that parses in parts is still a template: it fails
      // where a template marker stands. Rendered output keeps markers in its values (alerting
      // rules, dashboards), where they parse.
      const lines = parsed.problems.some((p) => p.code !== 'DUPLICATE_KEY') ? text.split('\n') : [];
      const onMarker = parsed.problems.some((p) => p.code !== 'DUPLICATE_KEY' && /\{\{|\{%/.test(lines[p.line - 1] ?? ''));
      return onMarker ? 'template' : undefined;
    }
    if (parsed.problems.length === 0) return 'not-manifest';
    if (/\{\{|\{%/.test(text)) return 'template';
    // A file that does not parse is a manifest when it says so at the start of a line.
    return /^apiVersion:/m.test(text) && /^kind:/m.test(text) ? undefined : 'not-manifest';
  }

  /** Marks a file as skipped, not a manifest: counted, never reported one by one. */
  private skip(state: FileState, kind: SkipKind): void {
    state.result.status = 'skipped';
    state.result.skipKind = kind;
    state.result.reason = SKIP_REASONS[kind];
  }

  private addObject(state: FileState, object: LintObject): void {
    if (object.role === 'client-config') state.result.clientConfigDocuments = (state.result.clientConfigDocuments ?? 0) + 1;
    else {
      state.result.objectCount++;
      if (object.role === 'patch') state.result.patchObjects = (state.result.patchObjects ?? 0) + 1;
    }
    this.objects.push(object);
    const ignore = annotationIgnore(object.value);
    if (ignore) state.ignores.set(object, ignore);
    if (this.deferred) this.deferred.push([state, object]);
    else this.runObjectRules(state, object);
  }

  /** A `yaml-syntax` error that kept (part of) the file from being linted: reported whatever the config says. */
  private pushFatal(state: FileState, range: Range, message: string, documentIndex?: number): void {
    const resolved = this.ruleById.get(YAML_SYNTAX_RULE);
    const finding: Finding = {
      ruleId: YAML_SYNTAX_RULE,
      severity: 'error',
      line: range.line,
      column: range.column,
      endLine: range.endLine,
      endColumn: range.endColumn,
      message,
      filePath: state.result.filePath,
      path: '',
      pathSegments: [],
      ...(documentIndex !== undefined ? { documentIndex } : {}),
    };
    if (resolved) {
      finding.remediation = resolved.rule.meta.remediation;
      finding.docsUrl = resolved.rule.docsUrl;
    }
    this.fatal.add(finding);
    state.raw.push(finding);
  }

  /** Runs the single-object rules held back by the `defer` option, in the order objects were added. */
  runDeferredRules(): void {
    const deferred = this.deferred?.splice(0) ?? [];
    for (const [state, object] of deferred) this.runObjectRules(state, object);
  }

  private runObjectRules(state: FileState, object: LintObject): void {
    if (object.role !== 'client-config') state.result.unjudgedValues = (state.result.unjudgedValues ?? 0) + countUnjudged(object);
    for (const resolved of this.config.rules) {
      const { rule, options } = resolved;
      if (!isObjectRule(rule)) continue;
      if (!(rule.meta.appliesTo ?? DEFAULT_APPLIES_TO).includes(object.role)) continue;
      let reports: RuleReport[];
      const started = this.timing ? performance.now() : 0;
      try {
        reports = rule.check({ object, options, env: this.env });
      } catch (error) {
        this.ruleCrash(state, rule.id, object, error);
        continue;
      } finally {
        this.timing?.add(rule.id, performance.now() - started);
      }
      for (const report of reports) this.report(state, rule.id, object.document, object.basePath, report, object);
    }
  }

  private ruleCrash(state: FileState, ruleId: string, object: LintObject | undefined, error: unknown): void {
    const what = object ? ` on ${describeObject(object)}` : '';
    const detail = error instanceof Error ? error.message : String(error);
    this.internalError = true;
    const range = object ? locateSafely(object.document, object.basePath) : { line: 1, column: 1, endLine: 1, endColumn: 1 };
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
    if (object && unjudged(object, report)) return;
    const full = [...basePath, ...report.path];
    const range = locateSafely(document, full, report.target);
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
      report.severity,
    );
  }

  private push(
    state: FileState,
    ruleId: string,
    finding: Omit<Finding, 'ruleId' | 'severity' | 'remediation' | 'docsUrl'>,
    object?: LintObject,
    own?: Severity,
  ): void {
    const resolved = this.ruleById.get(ruleId);
    if (ruleId !== INTERNAL_ERROR_RULE && !resolved) return; // the rule is off
    const severity = findingSeverity(resolved?.severity ?? 'error', own);
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
          unparsedDocuments: 0,
          unjudgedValues: 0,
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

  /** The objects added so far, in the order they were added: what cross-resource rules see. */
  get lintObjects(): readonly LintObject[] {
    return this.objects;
  }

  /** The environment rules run in (version, strictness, schemas). */
  get environment(): RuleEnvironment {
    return this.env;
  }

  /** A cross-resource rule's report on one of this linter's objects (see runCrossResourceRules). */
  addRunReport(ruleId: string, report: RunReport): void {
    const object = report.object;
    this.report(this.stateOf(object.filePath), ruleId, object.document, object.basePath, report, object);
  }

  /** A cross-resource rule that crashed: an internal error on `filePath` (the run's first file). */
  addRunCrash(ruleId: string, filePath: string, error: unknown): void {
    this.ruleCrash(this.stateOf(filePath), ruleId, undefined, error);
  }

  /** Runs cross-resource rules, applies suppressions, sorts and counts. */
  finish(): LintResults {
    runCrossResourceRules(
      this.config.rules,
      this.objects,
      this.env,
      {
        report: (ruleId, report) => {
          this.addRunReport(ruleId, report);
        },
        crash: (ruleId, error) => {
          this.addRunCrash(ruleId, this.objects[0]?.filePath ?? RUN_FILE, error);
        },
      },
      this.timing,
    );
    return this.finalize();
  }

  /** Applies suppressions, sorts and counts: the end of `finish()`, once every report is in. */
  finalize(): LintResults {
    let suppressed = 0;
    const files = [...this.files.values()].sort((a, b) => cmp(a.result.filePath, b.result.filePath));
    for (const state of files) {
      const kept: Finding[] = [];
      for (const finding of state.raw) {
        if (finding.ruleId === INTERNAL_ERROR_RULE || this.fatal.has(finding)) {
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

    return resultsOf(
      files.map((s) => s.result),
      this.notices,
      suppressed,
      this.config,
      this.internalError,
    );
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
      const range = locateSafely(object.document, full);
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
