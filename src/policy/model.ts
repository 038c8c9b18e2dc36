/**
 * Policies: kube-lint's own CEL rules (`policies:` in the config) and Kubernetes
 * ValidatingAdmissionPolicies with their bindings, read into one model. Every part keeps the YAML
 * path it came from, so that a problem is reported at its file and line.
 */
import type { Selector } from '../k8s/selectors.js';
import type { Category, Severity, YamlPath } from '../types.js';

/** Where a definition was written: a file (with a way to find lines) and its path in that file. */
export interface Origin {
  /** The file as shown to the user (the config, a policy file, a linted manifest). */
  file: string;
  /** The definition's path in its YAML document. */
  path: YamlPath;
  /** The 1-based line of a path in the file, when known. */
  lineOf(path: YamlPath): number | undefined;
}

/** A CEL expression and the YAML path of its text. */
export interface Expression {
  text: string;
  path: YamlPath;
}

export interface NamedExpression {
  name: string;
  expression: Expression;
}

export interface Validation {
  expression: Expression;
  message?: string;
  messageExpression?: Expression;
  /** A field path of the object (`spec.replicas`, `spec.containers[0].image`) to report at. */
  fieldPath?: string;
  reason?: string;
}

/** One `resourceRules` entry of a ValidatingAdmissionPolicy (`NamedRuleWithOperations`). */
export interface ResourceRule {
  apiGroups: string[];
  apiVersions: string[];
  resources: string[];
  resourceNames: string[];
  operations: string[];
  scope: '*' | 'Cluster' | 'Namespaced';
}

/**
 * What a policy or binding applies to. The VAP form uses `resourceRules`; kube-lint's own policies
 * name kinds. Both may select objects and namespaces by label.
 */
export interface MatchSpec {
  resourceRules?: ResourceRule[];
  excludeResourceRules?: ResourceRule[];
  /** Custom policies: kinds, API groups and versions, namespaces and names (`*` globs). */
  kinds?: string[];
  apiGroups?: string[];
  apiVersions?: string[];
  namespaces?: string[];
  names?: string[];
  objectSelector?: Selector;
  namespaceSelector?: Selector;
  /** Custom policies: objects that match this are left out. */
  exclude?: MatchSpec;
}

export type FailurePolicy = 'Fail' | 'Ignore';
export type ValidationAction = 'Deny' | 'Warn' | 'Audit';

/** Severity of a finding for each validation action (the binding's strongest wins). */
export const ACTION_SEVERITY: Readonly<Record<ValidationAction, Severity>> = { Deny: 'error', Warn: 'warning', Audit: 'info' };

export interface PolicyDefinition {
  kind: 'custom' | 'admission';
  /** Custom policies: the rule id. Admission policies: metadata.name. */
  name: string;
  origin: Origin;
  match: MatchSpec;
  matchConditions: NamedExpression[];
  variables: NamedExpression[];
  validations: Validation[];
  failurePolicy: FailurePolicy;
  /** Admission policies: the kind of the params object a binding names. */
  paramKind?: { apiVersion: string; kind: string };
  /** Custom policies: the value of `params` in expressions. */
  params?: unknown;
  /** Custom policies: their rule metadata. */
  meta?: CustomPolicyMeta;
}

export interface CustomPolicyMeta {
  description: string;
  severity: Severity;
  category: Category;
  docsUrl?: string;
  remediation?: string;
}

export interface ParamRef {
  name?: string;
  namespace?: string;
  selector?: Selector;
  parameterNotFoundAction: 'Allow' | 'Deny';
}

export interface BindingDefinition {
  name: string;
  policyName: string;
  origin: Origin;
  paramRef?: ParamRef;
  match?: MatchSpec;
  actions: ValidationAction[];
}

/** A problem in a definition: its path (from the definition's document root) and what is wrong. */
export interface DefinitionProblem {
  path: YamlPath;
  message: string;
  /** Point at the map key (an unknown key) rather than its value. */
  target?: 'key';
}
