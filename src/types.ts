/**
 * Public types of kube-lint. The JSON report (see `src/format/json.ts`) is built from these and is
 * a public contract: change a field only on purpose, with a CHANGELOG entry.
 */

export type Severity = 'error' | 'warning' | 'info';
export type SeverityOrOff = Severity | 'off';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { info: 1, warning: 2, error: 3 };

/** What a rule (or a configuration's policy) is about. */
export type Category = 'reliability' | 'security' | 'efficiency' | 'correctness';

/** A YAML path: map keys are strings, sequence indexes numbers. Keys may contain dots. */
export type YamlPath = readonly (string | number)[];

/** A 1-based source range. */
export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** The object a finding belongs to, as written in the manifest. */
export interface ObjectRef {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  name?: string;
}

export interface Finding extends Range {
  ruleId: string;
  severity: Severity;
  message: string;
  filePath: string;
  /** Dotted display form of `pathSegments`, e.g. `spec.template.spec.containers[0].image`. */
  path: string;
  /** The path from the root of the YAML document (List items start with `items[N]`). */
  pathSegments: (string | number)[];
  object?: ObjectRef;
  /** 0-based index of the YAML document within the file. */
  documentIndex?: number;
  remediation?: string;
  docsUrl?: string;
}

export type FileStatus = 'linted' | 'skipped' | 'failed';

export interface FileResult {
  filePath: string;
  status: FileStatus;
  /** Why the file was skipped or failed (unreadable, binary, too large, ...). */
  reason?: string;
  /**
   * For a file found in a folder and skipped because it is no Kubernetes manifest: `not-manifest`
   * (no document with apiVersion and kind: a values file, a workflow, a dashboard) or `template`
   * (Go or Jinja template text). Such files are counted, not reported one by one.
   */
  skipKind?: 'not-manifest' | 'template';
  findings: Finding[];
  /** Kubernetes objects linted in this file (List items counted one by one). */
  objectCount: number;
  /** YAML documents that are not Kubernetes objects (no apiVersion and no kind). */
  skippedDocuments: number;
  /**
   * Client-side configuration documents (kustomization.yaml, kubeconfig, skaffold.yaml, kind
   * clusters, ...): read by tools, never applied; checked by the rules written for them only.
   */
  clientConfigDocuments?: number;
  /** Of `objectCount`, the partial objects that a kustomization applies as patches. */
  patchObjects?: number;
  /**
   * YAML documents that could not be parsed (each has a `yaml-syntax` error) and so were not
   * linted. Always set by the linter.
   */
  unparsedDocuments?: number;
  /**
   * String values that hold an unresolved placeholder (`${VAR}`, `<PROJECT_ID>`, SOPS ciphertext,
   * ...): no value check judged them. Always set by the linter.
   */
  unjudgedValues?: number;
  errorCount: number;
  warningCount: number;
  infoCount: number;
}

export interface Notice {
  level: 'info' | 'warning' | 'error';
  message: string;
  filePath?: string;
}

export interface Summary {
  files: number;
  filesLinted: number;
  filesSkipped: number;
  filesFailed: number;
  objects: number;
  skippedDocuments: number;
  /** Client-side configuration documents (see FileResult.clientConfigDocuments). */
  clientConfigDocuments?: number;
  /** Of `objects`, kustomize patches (see FileResult.patchObjects). */
  patchObjects?: number;
  /** Of `filesSkipped`, files found in folders that are no manifests, and templates. */
  filesNotManifests?: number;
  filesTemplates?: number;
  /** Documents that could not be parsed and were not linted. Always set by the linter. */
  unparsedDocuments?: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Findings hidden by suppression comments and annotations. */
  suppressed: number;
  /** String values holding an unresolved placeholder, which no value check judged. Always set by the linter. */
  unjudgedValues?: number;
}

export interface LintResults {
  files: FileResult[];
  notices: Notice[];
  summary: Summary;
  /** Rules that ran, with their resolved severity. */
  rules: { id: string; severity: Severity }[];
  kubernetesVersion: string;
  /** True when an internal error happened (a rule crashed, a file could not be read). */
  internalError: boolean;
  /** True when no Kubernetes manifest was found and the run did not allow that (exit code 2). */
  nothingLinted?: boolean;
}
