/**
 * The policies of a run, from the configuration: `policies:` (kube-lint's own, inline) and the
 * policy files named by `policyPaths:` and `--policy` (files or folders). A policy file holds YAML
 * documents, each one of: a ValidatingAdmissionPolicy, a ValidatingAdmissionPolicyBinding, a
 * mapping with a `policies:` list (kube-lint's own), or any other Kubernetes object, which is
 * context for the policies (the params objects bindings name, the Namespaces that namespace
 * selectors read). Every problem, CEL compile errors included, is reported at its file and line
 * in one ConfigError.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors.js';
import { isRecord, objectsOfDocument, type LintObject } from '../load/objects.js';
import { parseYaml, type ParsedDocument } from '../load/parse.js';
import type { YamlPath } from '../types.js';
import { BINDING_KIND, isAdmissionObject, POLICY_KIND, readAdmissionPolicy, readBinding, readCustomPolicy } from './definitions.js';
import { compilePolicy, type CelBackend, type CompiledPolicy } from './evaluate.js';
import type { BindingDefinition, DefinitionProblem, Origin, PolicyDefinition } from './model.js';

export interface PolicySet {
  custom: CompiledPolicy[];
  admission: CompiledPolicy[];
  bindings: BindingDefinition[];
  /** Other objects of the policy files: params, Namespaces. */
  context: LintObject[];
  /** The CEL environment, made on first use: a run without policies never loads CEL. */
  backend(): CelBackend;
}

export interface PolicySources {
  /** `policies:` of the configuration. */
  inline: readonly unknown[];
  /** The configuration file and its text, to find the lines of inline policies. */
  configFile?: string;
  configText?: string;
  /** Files and folders, each with the folder it is relative to. */
  paths: readonly { path: string; base: string }[];
  /** Folder that file names in messages are shown relative to. */
  cwd: string;
}

/** A located problem, for the ConfigError. */
interface Located {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

function shown(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** The line of a path in a document, when the document is known and the locator does not fail. */
export function lineIn(document: ParsedDocument | undefined, at: YamlPath): number | undefined {
  try {
    return document?.locate(at).line;
  } catch {
    return undefined;
  }
}

function originIn(file: string, document: ParsedDocument | undefined, at: YamlPath): Origin {
  return { file, path: at, lineOf: (p) => lineIn(document, p) };
}

function locate(origin: Origin, document: ParsedDocument | undefined, problem: DefinitionProblem): Located {
  let range: { line: number; column: number } | undefined;
  try {
    range = document?.locate(problem.path, problem.target);
  } catch {
    range = undefined;
  }
  return { file: origin.file, ...(range ? { line: range.line, column: range.column } : {}), message: problem.message };
}

/**
 * The files under a path whose names `accept` takes: the path itself when it is a file, else those
 * of the folder and its subfolders (hidden ones and node_modules left out), sorted. Throws when
 * the path does not exist.
 */
export function filesUnder(target: string, accept: (name: string) => boolean): string[] {
  const stat = statSync(target);
  if (!stat.isDirectory()) return [target];
  return readdirSync(target, { withFileTypes: true })
    .filter((e) => e.name !== 'node_modules' && !e.name.startsWith('.'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => {
      const full = path.join(target, e.name);
      if (e.isDirectory()) return filesUnder(full, accept);
      return accept(e.name) ? [full] : [];
    });
}

const isPolicyFileName = (name: string): boolean => /\.(ya?ml|json)$/i.test(name);

export class PolicyLoader {
  private readonly definitions: { definition: PolicyDefinition; document: ParsedDocument | undefined }[] = [];
  readonly bindings: BindingDefinition[] = [];
  readonly context: LintObject[] = [];
  readonly problems: Located[] = [];

  /** Reads the policies of a `policies:` list at `at` of a document. */
  addCustomList(list: readonly unknown[], file: string, document: ParsedDocument | undefined, at: YamlPath): void {
    list.forEach((item, i) => {
      const origin = originIn(file, document, [...at, i]);
      const problems: DefinitionProblem[] = [];
      const definition = readCustomPolicy(item, origin, problems);
      for (const problem of problems) this.problems.push(locate(origin, document, problem));
      if (definition && problems.length === 0) this.definitions.push({ definition, document });
    });
  }

  /** Reads one policy file. */
  addFile(absolute: string, cwd: string): void {
    const file = shown(absolute, cwd);
    let text: string;
    try {
      text = readFileSync(absolute, 'utf8');
    } catch (error) {
      this.problems.push({ file, message: `cannot read the policy file: ${(error as Error).message}` });
      return;
    }
    const parsed = parseYaml(text);
    for (const problem of parsed.problems)
      this.problems.push({ file, line: problem.line, column: problem.column, message: problem.message });
    if (parsed.problems.length > 0) return;
    for (const document of parsed.documents) this.addDocument(document, file);
  }

  private addDocument(document: ParsedDocument, file: string): void {
    const value = document.value;
    if (value === null || value === undefined) return;
    if (isRecord(value) && value.apiVersion === undefined && value.kind === undefined && Array.isArray(value.policies)) {
      const unknown = Object.keys(value).filter((k) => k !== 'policies');
      for (const key of unknown)
        this.problems.push(
          locate(originIn(file, document, []), document, {
            path: [key],
            message: `unknown key "${key}" in a policy file (only "policies")`,
            target: 'key',
          }),
        );
      this.addCustomList(value.policies, file, document, ['policies']);
      return;
    }
    const { objects, skipped } = objectsOfDocument(document, file);
    if (skipped) {
      this.problems.push({
        file,
        line: document.contentLine,
        message:
          'not a policy: a policy file holds ValidatingAdmissionPolicies, their bindings, params objects, Namespaces, or a "policies:" list',
      });
      return;
    }
    for (const object of objects) this.addObject(object, file, document);
  }

  /** A Kubernetes object of a policy file or of the linted input: a VAP, a binding, or context. */
  private addObject(object: LintObject, file: string, document: ParsedDocument): void {
    const origin = originIn(file, document, object.basePath);
    const problems: DefinitionProblem[] = [];
    if (isAdmissionObject(object.value, POLICY_KIND)) {
      const definition = readAdmissionPolicy(object.value, origin, problems);
      if (definition && problems.length === 0) this.definitions.push({ definition, document });
    } else if (isAdmissionObject(object.value, BINDING_KIND)) {
      const binding = readBinding(object.value, origin, problems);
      if (binding && problems.length === 0) this.bindings.push(binding);
    } else this.context.push(object);
    for (const problem of problems) this.problems.push(locate(origin, document, problem));
  }

  /** Compiles every policy read; compile errors join the problems. */
  compile(backend: () => CelBackend): { custom: CompiledPolicy[]; admission: CompiledPolicy[] } {
    const custom: CompiledPolicy[] = [];
    const admission: CompiledPolicy[] = [];
    const seen = new Map<string, Origin>();
    for (const { definition, document } of this.definitions) {
      const key = `${definition.kind}:${definition.name}`;
      const first = seen.get(key);
      if (first) {
        const line = first.lineOf(first.path);
        this.problems.push(
          locate(definition.origin, document, {
            path: definition.kind === 'custom' ? [...definition.origin.path, 'id'] : definition.origin.path,
            message: `${definition.kind === 'custom' ? 'policy id' : 'ValidatingAdmissionPolicy'} "${definition.name}" is defined twice (first in ${first.file}${line !== undefined ? `:${line}` : ''})`,
          }),
        );
        continue;
      }
      seen.set(key, definition.origin);
      const problems: DefinitionProblem[] = [];
      const compiled = compilePolicy(definition, backend(), problems);
      for (const problem of problems) this.problems.push(locate(definition.origin, document, problem));
      if (problems.length === 0) (definition.kind === 'custom' ? custom : admission).push(compiled);
    }
    return { custom, admission };
  }
}

/** One line per problem: `file:line:column: message`. */
export function describeProblems(problems: readonly Located[]): string {
  return problems
    .map((p) => `${p.file}${p.line !== undefined ? `:${p.line}${p.column !== undefined ? `:${p.column}` : ''}` : ''}: ${p.message}`)
    .join('\n');
}

/**
 * Loads, checks and compiles the policies of the configuration. Throws a ConfigError listing every
 * problem at its file and line.
 */
export function loadPolicies(sources: PolicySources, makeBackend: () => CelBackend, reservedIds: ReadonlySet<string>): PolicySet {
  let backend: CelBackend | undefined;
  const lazyBackend = (): CelBackend => (backend ??= makeBackend());
  const loader = new PolicyLoader();
  const configFile = sources.configFile !== undefined ? shown(sources.configFile, sources.cwd) : 'inline configuration';
  if (sources.inline.length > 0) {
    const document = sources.configText !== undefined ? parseYaml(sources.configText).documents[0] : undefined;
    loader.addCustomList(sources.inline, configFile, document, ['policies']);
  }
  for (const { path: given, base } of sources.paths) {
    const absolute = path.resolve(base, given);
    let files: string[];
    try {
      files = filesUnder(absolute, isPolicyFileName);
    } catch {
      loader.problems.push({ file: given, message: 'no such policy file or folder' });
      continue;
    }
    for (const file of files) loader.addFile(file, sources.cwd);
  }
  const { custom, admission } = loader.compile(lazyBackend);
  for (const policy of custom) {
    if (reservedIds.has(policy.definition.name)) {
      const origin = policy.definition.origin;
      const line = origin.lineOf([...origin.path, 'id']);
      loader.problems.push({
        file: origin.file,
        ...(line !== undefined ? { line } : {}),
        message: `policy id "${policy.definition.name}" is the id of a built-in rule: choose another`,
      });
    }
  }
  if (loader.problems.length > 0) {
    // By file (in the order read), then by line.
    const files = [...new Set(loader.problems.map((p) => p.file))];
    loader.problems.sort(
      (a, b) => files.indexOf(a.file) - files.indexOf(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
    );
    const count = loader.problems.length;
    throw new ConfigError(
      `${count === 1 ? 'a policy is' : `${count} problems in policies`} not valid:\n${describeProblems(loader.problems)}`,
    );
  }
  return { custom, admission, bindings: loader.bindings, context: loader.context, backend: lazyBackend };
}
