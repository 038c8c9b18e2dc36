/**
 * The schemas of a run: the bundled Kubernetes definitions of the target version, CRDs (from
 * `--crd` files and from the linted inputs) and catalog folders (`--schemas`). Validators are
 * compiled lazily, one per apiVersion/kind in use, and kept: core validators in a ValidatorCache
 * (shared by the runs of a process unless one is passed in), CRD and catalog validators per run.
 *
 * Validation takes an object's plain value and returns paths and messages; it knows nothing of
 * YAML or line numbers.
 */
import { readFileSync } from 'node:fs';
import type { Ajv, ValidateFunction } from 'ajv';
import { bundleIndex, bundleStamp, definitionsOf, kindDefinition, kindsOf } from './bundle.js';
import type { DiskValidatorCache } from './disk-cache.js';
import type { CatalogEntry } from './catalog.js';
import { DEFINITIONS_PREFIX, OBJECT_META, convertDefinitions } from './convert.js';
import { crdInfoOf, type CrdInfo, type CrdVersion } from './crd.js';
import { translateErrors, type IssuePath, type SchemaIssue } from './issues.js';
import { createAjv } from './keywords.js';
import { nameProblem, nameRuleOf, suggestName } from '../k8s/names.js';
import { convertStructural, shareSubschemas, SubschemaPool } from './structural.js';
import type { SchemaNode } from './types.js';
import { isRecord } from '../load/objects.js';
import { apiGroupOf } from '../k8s/api-version.js';
import { bundledKind, bundledKinds, bundledSchema } from './bundled-crds.js';
import { compileOutline, crdRuleIssues, customResourceIssues, emptyCelStats, type CelOutline, type CelStats } from './cel-rules.js';

const CORE_ID = 'k8s';
const OBJECT_META_REF = `${CORE_ID}${DEFINITIONS_PREFIX}${OBJECT_META}`;

interface CoreEntry {
  definitions: Record<string, SchemaNode>;
  /** Converted definition body -> its name (to tell which definition an error comes from). */
  names: WeakMap<object, string>;
  /** Definition body as JSON -> its name, made when first asked. */
  byText?: Map<string, string>;
  /**
   * The Ajv instance that compiles the definitions, made when one must be compiled: a run whose
   * validators all come from the disk cache never loads Ajv.
   */
  ajv?: Ajv;
}

/** Compiled core validators by Kubernetes version and strictness; counts compilations. */
export class ValidatorCache {
  /** Validators compiled through this cache (core kinds, CRDs and catalog schemas). */
  compilations = 0;
  private readonly cores = new Map<string, CoreEntry>();

  core(version: string, strict: boolean): CoreEntry {
    const key = `${version}|${String(strict)}`;
    let entry = this.cores.get(key);
    if (!entry) {
      const definitions = convertDefinitions(definitionsOf(version), strict);
      const names = new WeakMap<object, string>();
      for (const [name, body] of Object.entries(definitions)) names.set(body, name);
      entry = { definitions, names };
      this.cores.set(key, entry);
    }
    return entry;
  }

  /** The Ajv instance of the core definitions of a version and strictness. */
  private coreAjv(version: string, strict: boolean): Ajv {
    const core = this.core(version, strict);
    if (!core.ajv) {
      core.ajv = createAjv();
      core.ajv.addSchema({ definitions: core.definitions }, CORE_ID);
    }
    return core.ajv;
  }

  /** Validators of core definitions, compiled or loaded from disk, by version, strictness and definition. */
  private readonly validators = new Map<string, ValidateFunction>();

  /** The validator of a core definition: from memory, from `disk`, or compiled (and stored on `disk`). */
  coreValidator(version: string, strict: boolean, definition: string, disk?: DiskValidatorCache): ValidateFunction {
    const memoryKey = `${version}|${String(strict)}|${definition}`;
    let validator = this.validators.get(memoryKey);
    if (validator) return validator;
    const key = disk?.keyOf('core', version, String(strict), definition, bundleStamp());
    validator = key !== undefined ? disk?.load(key) : undefined;
    if (validator) {
      this.validators.set(memoryKey, validator);
      return validator;
    }
    const ajv = this.coreAjv(version, strict);
    validator = ajv.compile({ $ref: `${CORE_ID}${DEFINITIONS_PREFIX}${definition}` });
    this.compilations++;
    this.validators.set(memoryKey, validator);
    if (key !== undefined) disk?.store(key, ajv, validator);
    return validator;
  }

  /** The name of the core definition `schema` is (or is a copy of: validators from the disk cache report copies). */
  definitionName(version: string, strict: boolean, schema: object): string | undefined {
    const core = this.core(version, strict);
    const name = core.names.get(schema);
    if (name !== undefined) return name;
    if (!core.byText) {
      core.byText = new Map();
      for (const [n, body] of Object.entries(core.definitions)) core.byText.set(JSON.stringify(body), n);
    }
    return core.byText.get(JSON.stringify(schema));
  }
}

/** The cache used when none is given: validators survive between runs of one process. */
export const sharedValidatorCache = new ValidatorCache();

/** Where a schema comes from: the bundled Kubernetes definitions, a CRD, a `--schemas` folder, the bundled CRD catalog. */
export type SchemaSource = 'kubernetes' | 'crd' | 'catalog' | 'bundled';

export interface ValidationResult {
  source: SchemaSource;
  issues: SchemaIssue[];
}

export interface RegistryOptions {
  kubernetesVersion: string;
  strict: boolean;
  cache?: ValidatorCache;
  /** Catalog folders, scanned (see scanCatalog); files are read on first use. */
  catalog?: readonly CatalogEntry[];
  /** Reads a catalog file (default: from disk). */
  readFile?: (file: string) => string;
  /** Compiled validators kept between runs (see disk-cache.ts); none by default. */
  disk?: DiskValidatorCache;
}

export interface RegisteredCrd {
  info: CrdInfo;
  version: CrdVersion;
  /** Where the CRD came from (a file path), for messages. */
  source: string;
}

/**
 * `value` without null map entries (null means unset to the API server): the value itself when it
 * has none (most manifests: found without allocating), else a copy sharing the unchanged parts.
 */
export function withoutNulls(value: unknown): unknown {
  return hasNullEntry(value) ? copyWithoutNulls(value) : value;
}

function hasNullEntry(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) if (hasNullEntry(item)) return true;
    return false;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    const item = record[key];
    if (item === null || item === undefined || hasNullEntry(item)) return true;
  }
  return false;
}

function copyWithoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value as unknown[];
    let changed = false;
    const next = items.map((item) => {
      const cleaned = hasNullEntry(item) ? copyWithoutNulls(item) : item;
      if (cleaned !== item) changed = true;
      return cleaned;
    });
    return changed ? next : value;
  }
  if (!isRecord(value)) return value;
  let changed = false;
  const entries: [string, unknown][] = [];
  for (const [key, item] of Object.entries(value)) {
    if (item === null || item === undefined) {
      changed = true;
      continue;
    }
    const cleaned = hasNullEntry(item) ? copyWithoutNulls(item) : item;
    if (cleaned !== item) changed = true;
    entries.push([key, cleaned]);
  }
  return changed ? Object.fromEntries(entries) : value;
}

const key = (apiVersion: string, kind: string): string => `${apiVersion}\n${kind}`;

/**
 * Issues the bundled CRD catalog cannot back: the catalog is a snapshot, and the operator a
 * repository runs may be newer (or a fork), so a field unknown to the snapshot is reported only
 * when it looks like a misspelling of a known one. Flux objects are routinely completed by the
 * Kustomization that applies them (`spec.patches` setting defaults such as interval and prune
 * for every child, the documented pattern) and by kustomize patches: a missing required field of
 * a Flux kind is not reported. A --crd, a CRD in the run or --schemas is the user's own
 * statement of what the cluster runs: everything is reported then.
 */
function dropUncertain(issues: SchemaIssue[], group: string): void {
  const flux = group.endsWith('.toolkit.fluxcd.io');
  for (let i = issues.length - 1; i >= 0; i--) {
    const problem = issues[i]?.problem;
    if (problem === 'unknown-field' || (flux && problem === 'missing-required')) issues.splice(i, 1);
  }
}

/** The value at `path` in `data`, or undefined. */
function valueAt(data: unknown, path: IssuePath): unknown {
  let at = data;
  for (const seg of path) {
    if (Array.isArray(at) && typeof seg === 'number') at = at[seg];
    else if (isRecord(at) && typeof seg === 'string') at = at[seg];
    else return undefined;
  }
  return at;
}

/** `group/version` -> its parts; the core group and malformed apiVersions give an empty group. */
function apiVersionParts(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export class SchemaRegistry {
  readonly kubernetesVersion: string;
  readonly strict: boolean;
  readonly cache: ValidatorCache;
  private readonly crds = new Map<string, RegisteredCrd>();
  private readonly crdsByGroupKind = new Map<string, RegisteredCrd[]>();
  private readonly catalog = new Map<string, CatalogEntry>();
  private readonly readFile: (file: string) => string;
  private readonly disk: DiskValidatorCache | undefined;
  private extraAjv: { ajv: Ajv; pool: SubschemaPool } | undefined;
  private readonly extraValidators = new Map<string, ValidateFunction | null>();
  private readonly results = new WeakMap<object, ValidationResult | null>();
  /** Schemas that could not be compiled (a CRD or catalog file Ajv rejects), by apiVersion/kind. */
  readonly brokenSchemas = new Map<string, string>();
  /** CEL rules evaluated, skipped and failed in this run. */
  readonly celStats: CelStats = emptyCelStats();
  /** Catalog files as read (by apiVersion/kind): their CEL rules and list types are checked too. */
  private readonly catalogSchemas = new Map<string, SchemaNode | null>();

  constructor(options: RegistryOptions) {
    this.kubernetesVersion = options.kubernetesVersion;
    this.strict = options.strict;
    this.cache = options.cache ?? sharedValidatorCache;
    this.readFile = options.readFile ?? ((file) => readFileSync(file, 'utf8'));
    this.disk = options.disk;
    for (const entry of options.catalog ?? []) {
      const k = key(`${entry.group}/${entry.version}`, entry.kind);
      if (!this.catalog.has(k)) this.catalog.set(k, entry);
    }
  }

  /** How the CEL rules of CRDs are compiled: through the disk cache when there is one. */
  private readonly celOutline = (expression: string): CelOutline =>
    this.disk ? this.disk.celOutline(expression, compileOutline) : compileOutline(expression);

  /** At the end of a run: writes what the disk cache learnt (see DiskValidatorCache.flush). */
  flushCaches(): void {
    this.disk?.flush();
  }

  /** Registers a CustomResourceDefinition for every version it lists. Later registrations win. */
  addCrd(value: unknown, source: string): CrdInfo | undefined {
    const info = crdInfoOf(value);
    if (info) this.addCrdInfo(info, source);
    return info;
  }

  /** Registers what `crdInfoOf` read from a CRD (as `addCrd` does with the CRD itself). */
  addCrdInfo(info: CrdInfo, source: string): void {
    this.known = undefined;
    const list: RegisteredCrd[] = [];
    for (const version of info.versions) {
      const registered = { info, version, source };
      this.crds.set(key(`${info.group}/${version.name}`, info.kind), registered);
      this.extraValidators.delete(key(`${info.group}/${version.name}`, info.kind));
      list.push(registered);
    }
    this.crdsByGroupKind.set(`${info.group}\n${info.kind}`, list);
  }

  /** The core definition name of a built-in kind in the target version. */
  coreDefinition(apiVersion: string, kind: string): string | undefined {
    return kindDefinition(this.kubernetesVersion, apiVersion, kind);
  }

  crd(apiVersion: string, kind: string): RegisteredCrd | undefined {
    return this.crds.get(key(apiVersion, kind));
  }

  /** Every version of a CRD-defined kind, whatever the apiVersion asked. */
  crdVersions(group: string, kind: string): RegisteredCrd[] {
    return this.crdsByGroupKind.get(`${group}\n${kind}`) ?? [];
  }

  catalogEntry(apiVersion: string, kind: string): CatalogEntry | undefined {
    return this.catalog.get(key(apiVersion, kind.toLowerCase()));
  }

  /** Where the schema of apiVersion/kind comes from, or undefined when there is none. */
  sourceOf(apiVersion: string, kind: string): SchemaSource | undefined {
    if (this.coreDefinition(apiVersion, kind) !== undefined) return 'kubernetes';
    const crd = this.crd(apiVersion, kind);
    if (crd?.version.served) return 'crd';
    if (this.catalogEntry(apiVersion, kind)) return 'catalog';
    if (this.bundledEntry(apiVersion, kind)) return 'bundled';
    return undefined;
  }

  /** The kind as the bundled CRD catalog spells it, when it has apiVersion/kind. */
  bundledEntry(apiVersion: string, kind: string): string | undefined {
    const { group, version } = apiVersionParts(apiVersion);
    if (group === '' || version === '') return undefined;
    return bundledKind(group, version, kind);
  }

  /** Every apiVersion/kind this registry knows, for "did you mean" hints. */
  knownKinds(): readonly { apiVersion: string; kind: string; source: SchemaSource }[] {
    if (this.known) return this.known;
    const out: { apiVersion: string; kind: string; source: SchemaSource }[] = [];
    for (const [apiVersion, kinds] of Object.entries(kindsOf(this.kubernetesVersion))) {
      for (const kind of Object.keys(kinds)) if (!kind.endsWith('List')) out.push({ apiVersion, kind, source: 'kubernetes' });
    }
    for (const { info, version } of this.crds.values()) {
      if (version.served) out.push({ apiVersion: `${info.group}/${version.name}`, kind: info.kind, source: 'crd' });
    }
    for (const entry of this.catalog.values())
      out.push({ apiVersion: `${entry.group}/${entry.version}`, kind: entry.kind, source: 'catalog' });
    for (const entry of bundledKinds()) out.push({ ...entry, source: 'bundled' });
    this.known = out;
    return out;
  }

  /** knownKinds(), made once per state of the registry: asked for every object without a schema. */
  private known: { apiVersion: string; kind: string; source: SchemaSource }[] | undefined;

  private extra(): { ajv: Ajv; pool: SubschemaPool } {
    if (!this.extraAjv) {
      const ajv = createAjv({ inlineRefs: false });
      ajv.addSchema({ definitions: this.cache.core(this.kubernetesVersion, this.strict).definitions }, CORE_ID);
      this.extraAjv = { ajv, pool: new SubschemaPool((key, schema) => ajv.addSchema(schema, key)) };
    }
    return this.extraAjv;
  }

  private compileExtra(k: string, schema: () => SchemaNode | undefined): ValidateFunction | undefined {
    if (this.extraValidators.has(k)) return this.extraValidators.get(k) ?? undefined;
    let validator: ValidateFunction | null = null;
    try {
      const node = schema();
      if (node) {
        const disk = this.disk;
        const key = disk?.keyOf('custom', this.kubernetesVersion, String(this.strict), JSON.stringify(node), bundleStamp());
        validator = (key !== undefined ? disk?.load(key) : undefined) ?? null;
        if (!validator) {
          const { ajv, pool } = this.extra();
          validator = ajv.compile(shareSubschemas(node, undefined, pool));
          this.cache.compilations++;
          if (key !== undefined) disk?.store(key, ajv, validator);
        }
      }
    } catch (error) {
      this.brokenSchemas.set(k, (error as Error).message);
    }
    this.extraValidators.set(k, validator);
    return validator ?? undefined;
  }

  private validatorFor(apiVersion: string, kind: string): { source: SchemaSource; validate: ValidateFunction } | undefined {
    const definition = this.coreDefinition(apiVersion, kind);
    if (definition !== undefined) {
      return { source: 'kubernetes', validate: this.cache.coreValidator(this.kubernetesVersion, this.strict, definition, this.disk) };
    }
    const crd = this.crd(apiVersion, kind);
    if (crd?.version.served) {
      const schema = crd.version.schema;
      const validate = this.compileExtra(key(apiVersion, kind), () =>
        schema ? convertStructural(schema, { strict: this.strict, objectMetaRef: OBJECT_META_REF }) : undefined,
      );
      return validate ? { source: 'crd', validate } : undefined;
    }
    const entry = this.catalogEntry(apiVersion, kind);
    if (entry) {
      const validate = this.compileExtra(key(apiVersion, entry.kind), () => {
        const parsed = this.originalSchema(apiVersion, kind, 'catalog');
        return parsed ? convertStructural(parsed, { strict: this.strict, catalog: true, objectMetaRef: OBJECT_META_REF }) : undefined;
      });
      return validate ? { source: 'catalog', validate } : undefined;
    }
    if (this.bundledEntry(apiVersion, kind) !== undefined) {
      const validate = this.compileExtra(key(apiVersion, kind.toLowerCase()), () => {
        const schema = this.originalSchema(apiVersion, kind, 'bundled');
        return schema ? convertStructural(schema, { strict: this.strict, catalog: true, objectMetaRef: OBJECT_META_REF }) : undefined;
      });
      return validate ? { source: 'bundled', validate } : undefined;
    }
    return undefined;
  }

  /**
   * The schema of a custom resource as its source gives it (CEL rules and list types included), for
   * the checks Ajv does not make. Throws for a catalog file that is not a JSON object.
   */
  private originalSchema(apiVersion: string, kind: string, source: SchemaSource): SchemaNode | undefined {
    switch (source) {
      case 'crd':
        return this.crd(apiVersion, kind)?.version.schema;
      case 'catalog': {
        const entry = this.catalogEntry(apiVersion, kind);
        if (!entry) return undefined;
        const k = key(apiVersion, entry.kind);
        if (!this.catalogSchemas.has(k)) {
          this.catalogSchemas.set(k, null);
          const parsed = JSON.parse(this.readFile(entry.file)) as unknown;
          if (!isRecord(parsed)) throw new Error(`${entry.file} is not a JSON Schema object`);
          this.catalogSchemas.set(k, parsed as SchemaNode);
        }
        return this.catalogSchemas.get(k) ?? undefined;
      }
      case 'bundled': {
        const { group, version } = apiVersionParts(apiVersion);
        return bundledSchema(group, version, kind);
      }
      default:
        return undefined;
    }
  }

  /**
   * Validates an object's value against the schema of its apiVersion/kind; undefined when there is
   * no schema. Results are cached per value, so several rules can ask.
   */
  validate(value: Record<string, unknown>, apiVersion: string, kind: string): ValidationResult | undefined {
    const cached = this.results.get(value);
    if (cached !== undefined) return cached ?? undefined;
    const found = this.validatorFor(apiVersion, kind);
    if (!found) {
      this.results.set(value, null);
      return undefined;
    }
    const data = withoutNulls(value);
    const valid = found.validate(data);
    const issues = valid
      ? []
      : translateErrors(found.validate.errors ?? [], data, { kind, unknownFieldHint: (schema, field) => this.fieldHint(schema, field) });
    if (found.source !== 'kubernetes') {
      if (found.source === 'bundled') dropUncertain(issues, apiGroupOf(apiVersion));
      const original = this.originalSchema(apiVersion, kind, found.source);
      if (original) {
        const reported = issues.filter((i) => i.rule === 'schema').map((i) => i.path);
        const under = (p: IssuePath): boolean => reported.some((r) => p.every((seg, n) => r[n] === seg));
        issues.push(...customResourceIssues(original, data, this.celStats, under));
      }
    } else if (kind === 'CustomResourceDefinition' && apiGroupOf(apiVersion) === 'apiextensions.k8s.io') {
      issues.push(...crdRuleIssues(data, this.celOutline));
    }
    issues.push(...this.nameIssues(data, apiVersion, kind));
    if (found.source !== 'kubernetes') {
      // A value with a ${...} placeholder (Flux post-build substitution, envsubst) is not what the
      // API server will see: not judged in custom resources.
      for (let i = issues.length - 1; i >= 0; i--) {
        const at = valueAt(data, issues[i]?.path ?? []);
        if (typeof at === 'string' && at.includes('${')) issues.splice(i, 1);
      }
    }
    const result: ValidationResult = { source: found.source, issues };
    this.results.set(value, result);
    return result;
  }

  /** For a field unknown to the target version: the bundled versions that have it. */
  private fieldHint(schema: unknown, field: string): string | undefined {
    if (typeof schema !== 'object' || schema === null) return undefined;
    const name = this.cache.definitionName(this.kubernetesVersion, this.strict, schema);
    if (name === undefined) return undefined;
    const has = (version: string): boolean => {
      const props = definitionsOf(version)[name]?.properties;
      return typeof props === 'object' && props !== null && !Array.isArray(props) && field in props;
    };
    const versions = bundleIndex().versions;
    const at = versions.indexOf(this.kubernetesVersion);
    const added = versions.slice(at + 1).find(has);
    if (added !== undefined)
      return `Kubernetes ${this.kubernetesVersion} does not have it (added in ${added}): remove it or target a later version with --kubernetes-version`;
    const removed = versions.slice(0, at).reverse().find(has);
    if (removed !== undefined) return `Kubernetes ${this.kubernetesVersion} no longer has it (last in ${removed}): remove it`;
    return undefined;
  }

  /** metadata.name, generateName and namespace, checked as the API server's ValidateObjectMeta does. */
  private nameIssues(data: unknown, apiVersion: string, kind: string): SchemaIssue[] {
    if (!isRecord(data) || !isRecord(data.metadata)) return [];
    const metadata = data.metadata;
    const out: SchemaIssue[] = [];
    const rule = nameRuleOf(apiVersion, kind);
    for (const field of ['name', 'generateName'] as const) {
      const value = metadata[field];
      if (typeof value !== 'string' || value === '') continue;
      const problem = nameProblem(value, rule, field === 'generateName');
      if (problem === undefined) continue;
      const base = suggestName(value, rule.format);
      const suggestion = base !== undefined && field === 'generateName' && value.endsWith('-') ? `${base}-` : base;
      out.push({
        rule: 'invalid-name',
        path: ['metadata', field],
        message: `metadata.${field} "${value}" is not a valid ${kind} name: it ${problem}${suggestion ? ` (for example "${suggestion}")` : ''}`,
      });
    }
    const namespace = metadata.namespace;
    if (typeof namespace === 'string' && namespace !== '') {
      const problem = nameProblem(namespace, { format: 'dns-label' });
      if (problem !== undefined) {
        const suggestion = suggestName(namespace, 'dns-label');
        out.push({
          rule: 'invalid-name',
          path: ['metadata', 'namespace'],
          message: `metadata.namespace "${namespace}" is not a valid namespace name: it ${problem}${suggestion ? ` (for example "${suggestion}")` : ''}`,
        });
      }
    }
    if (kind === 'CustomResourceDefinition' && apiGroupOf(apiVersion) === 'apiextensions.k8s.io') {
      const info = crdInfoOf(data);
      const name = metadata.name;
      if (info?.plural !== undefined && typeof name === 'string' && name !== '' && name !== `${info.plural}.${info.group}`) {
        out.push({
          rule: 'invalid-name',
          path: ['metadata', 'name'],
          message: `metadata.name "${name}" of a CustomResourceDefinition must be <spec.names.plural>.<spec.group>: rename it "${info.plural}.${info.group}"`,
        });
      }
    }
    return out;
  }
}

const fallbackRegistries = new Map<string, SchemaRegistry>();

/**
 * The registry of a rule's environment. lint() always sets one up; a Linter built by hand gets a
 * registry of the bundled schemas (no CRDs), one per version and strictness.
 */
export function registryFor(env: { kubernetesVersion: string; strict: boolean; schemas?: SchemaRegistry }): SchemaRegistry {
  if (env.schemas) return env.schemas;
  const k = `${env.kubernetesVersion}|${String(env.strict)}`;
  let registry = fallbackRegistries.get(k);
  if (!registry) {
    registry = new SchemaRegistry({ kubernetesVersion: env.kubernetesVersion, strict: env.strict });
    fallbackRegistries.set(k, registry);
  }
  return registry;
}
