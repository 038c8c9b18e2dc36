/**
 * From a CustomResourceDefinition's `openAPIV3Schema` (OpenAPI 3.0 "structural" schema) to what Ajv
 * validates, with the API server's semantics:
 *
 * - strictness (unknown fields are errors) is added here: every object node that lists
 *   `properties` gets `additionalProperties: false`, except nodes marked
 *   `x-kubernetes-preserve-unknown-fields` (and nodes inside allOf/anyOf/oneOf/not, which in a
 *   structural schema only restate value checks); map types keep their `additionalProperties`;
 * - catalog files (datreeio/CRDs-catalog) come with `additionalProperties: false` added by the
 *   catalog, even next to `x-kubernetes-preserve-unknown-fields`: those are removed first, so both
 *   sources get the same treatment and `--no-strict` works for both;
 * - `x-kubernetes-int-or-string` becomes `type: [integer, string]` (one message, no anyOf cascade);
 * - `x-kubernetes-embedded-resource` objects accept apiVersion, kind and metadata;
 * - a required field with a `default` is not required (the API server defaults before it validates);
 * - OpenAPI 3.0 boolean `exclusiveMinimum`/`exclusiveMaximum` become JSON Schema numbers;
 * - keywords Ajv cannot check the way the API server does are dropped: patterns JavaScript reads
 *   differently from Go's RE2, unknown formats, `default`, `example`, CEL rules;
 * - the root's `metadata` is checked with the core ObjectMeta, as the API server does.
 */
import { FORMATS } from './keywords.js';
import type { SchemaNode } from './types.js';

/** Keywords passed through unchanged (value checks). */
const VALUE_KEYWORDS = new Set([
  'type',
  'required',
  'enum',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'multipleOf',
  'nullable',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-embedded-resource',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-map-type',
]);

export interface StructuralOptions {
  strict: boolean;
  /** The input is a catalog file: drop the `additionalProperties: false` the catalog added. */
  catalog?: boolean;
  /** `$ref` used for the root's metadata. */
  objectMetaRef: string;
}

function isNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Go RE2 syntax that JavaScript rejects or reads differently. */
const UNPORTABLE_PATTERN = /\(\?[a-zA-Z]|\[\[:|\\[zAQEpP]|\(\?P</;

export function portablePattern(pattern: string): boolean {
  if (UNPORTABLE_PATTERN.test(pattern)) return false;
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

function isIntOrStringPair(list: unknown): boolean {
  if (!Array.isArray(list) || list.length !== 2) return false;
  const types = list.map((s) => (isNode(s) && Object.keys(s).length === 1 ? s.type : undefined)).sort();
  return types[0] === 'integer' && types[1] === 'string';
}

function convert(node: SchemaNode, options: StructuralOptions, inJunctor: boolean): SchemaNode {
  const out: SchemaNode = {};
  const intOrString = node['x-kubernetes-int-or-string'] === true;
  const preserve = node['x-kubernetes-preserve-unknown-fields'] === true;
  for (const [key, value] of Object.entries(node)) {
    if (VALUE_KEYWORDS.has(key)) out[key] = value;
    else if (key === 'properties' && isNode(value)) {
      const props: SchemaNode = {};
      for (const [name, schema] of Object.entries(value)) if (isNode(schema)) props[name] = convert(schema, options, inJunctor);
      out.properties = props;
    } else if (key === 'items') {
      if (isNode(value)) out.items = convert(value, options, inJunctor);
      else if (Array.isArray(value) && isNode(value[0])) out.items = convert(value[0], options, inJunctor);
    } else if (key === 'additionalProperties') {
      if (isNode(value)) out.additionalProperties = convert(value, options, inJunctor);
      else if (value === true || (value === false && !options.catalog)) out.additionalProperties = value;
    } else if (key === 'not' && isNode(value)) {
      out.not = convert(value, options, true);
    } else if ((key === 'allOf' || key === 'anyOf' || key === 'oneOf') && Array.isArray(value)) {
      if (intOrString && key === 'anyOf' && isIntOrStringPair(value)) continue;
      const branches = value.filter(isNode).map((v) => convert(v, options, true));
      if (branches.length > 0) out[key] = branches;
    } else if (key === 'pattern' && typeof value === 'string') {
      if (portablePattern(value)) out.pattern = value;
    } else if (key === 'format' && typeof value === 'string') {
      if (value in FORMATS) out.format = value;
    } else if ((key === 'exclusiveMinimum' || key === 'exclusiveMaximum') && value === true) {
      const bound = key === 'exclusiveMinimum' ? node.minimum : node.maximum;
      if (typeof bound === 'number') out[key] = bound;
    } else if ((key === 'exclusiveMinimum' || key === 'exclusiveMaximum') && typeof value === 'number') {
      out[key] = value;
    }
  }
  // The API server applies defaults before validating: a required field with a default is never missing.
  if (Array.isArray(out.required) && isNode(node.properties)) {
    const props = node.properties;
    const required = out.required.filter((name) => !(typeof name === 'string' && isNode(props[name]) && props[name].default !== undefined));
    if (required.length > 0) out.required = required;
    else delete out.required;
  }
  if (out.exclusiveMinimum !== undefined) delete out.minimum;
  if (out.exclusiveMaximum !== undefined) delete out.maximum;
  if (intOrString) {
    out.type = ['integer', 'string'];
  }
  if (node['x-kubernetes-embedded-resource'] === true) {
    const props = isNode(out.properties) ? { ...out.properties } : {};
    props.apiVersion ??= { type: 'string' };
    props.kind ??= { type: 'string' };
    props.metadata ??= { type: 'object' };
    if (isNode(out.properties) || preserve) out.properties = props;
  }
  if (options.strict && !inJunctor && !preserve && isNode(out.properties) && out.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  if (preserve && out.additionalProperties === false) delete out.additionalProperties;
  return out;
}

/** Converts a CRD version's `openAPIV3Schema` (or a catalog file) for Ajv. */
export function convertStructural(schema: SchemaNode, options: StructuralOptions): SchemaNode {
  const root = convert(schema, options, false);
  const props = isNode(root.properties) ? { ...root.properties } : {};
  props.apiVersion = { type: 'string' };
  props.kind = { type: 'string' };
  props.metadata = { $ref: options.objectMetaRef };
  root.properties = props;
  root.type ??= 'object';
  if (options.strict && root['x-kubernetes-preserve-unknown-fields'] !== true && root.additionalProperties === undefined) {
    root.additionalProperties = false;
  }
  return root;
}

const JUNCTORS = new Set(['allOf', 'anyOf', 'oneOf', 'not']);

/**
 * Subschemas shared between the schemas of a run (one Ajv instance): CRDs of one project embed the
 * same large pieces (prometheus-operator's Prometheus, Alertmanager and ThanosRuler each carry
 * container, volume and affinity specs; a CRD's versions often have one schema), and Ajv compiles
 * a schema added once, and referred to by key, once for all the schemas that refer to it.
 */
export class SubschemaPool {
  /** Signature -> id, for every subschema interned so far. */
  readonly ids = new Map<string, number>();
  readonly sizes = new Map<number, number>();
  private readonly added = new Set<number>();

  /**
   * `add(key, schema)` adds a shared subschema to the Ajv instance under `key`; subschemas of at
   * least `minNodes` nodes go to the pool.
   */
  constructor(
    private readonly add: (key: string, schema: SchemaNode) => void,
    readonly minNodes = 24,
  ) {}

  /** The `$ref` of pooled subschema `id`, adding it (built by `build`) on first use. */
  refTo(id: number, build: () => SchemaNode): SchemaNode {
    const key = `kube-lint-shared-${id}`;
    if (!this.added.has(id)) {
      this.added.add(id);
      this.add(key, build());
    }
    return { $ref: key };
  }
}

/**
 * Stores each repeated subschema once, under `definitions`, and refers to it: CRDs repeat large
 * subschemas (Argo's ApplicationSet embeds its template in every generator, prometheus-operator
 * repeats container specs), and Ajv generates code for every copy. Compiled with `inlineRefs:
 * false`, each shared subschema becomes one function: ApplicationSet compiles in ~0.2 s instead
 * of ~5 s. Nodes inside allOf/anyOf/oneOf/not are left in place, so an error's schema path still
 * names the branch it comes from. Subschemas are found by hash-consing (linear in the schema size).
 * With a `pool`, large subschemas are shared with the other schemas of the pool too.
 */
export function shareSubschemas(root: SchemaNode, minNodes = 8, pool?: SubschemaPool): SchemaNode {
  const ids = pool?.ids ?? new Map<string, number>();
  const idOf = new Map<SchemaNode, number>();
  const sizeOf = pool?.sizes ?? new Map<number, number>();
  const uses = new Map<number, number>();

  // Children that are schemas in the structural part (where sharing is allowed).
  const children = (node: SchemaNode): [string, string | undefined, SchemaNode][] => {
    const out: [string, string | undefined, SchemaNode][] = [];
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties' && isNode(value)) {
        for (const [name, schema] of Object.entries(value)) if (isNode(schema)) out.push([key, name, schema]);
      } else if ((key === 'items' || key === 'additionalProperties') && isNode(value)) out.push([key, undefined, value]);
    }
    return out;
  };

  const intern = (node: SchemaNode): number => {
    const parts: string[] = [];
    let size = 1;
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'properties' && isNode(value)) || ((key === 'items' || key === 'additionalProperties') && isNode(value))) continue;
      parts.push(`${JSON.stringify(key)}:${JSON.stringify(value)}`);
      if (JUNCTORS.has(key)) size += 1;
    }
    for (const [key, name, child] of children(node)) {
      const id = intern(child);
      size += sizeOf.get(id) ?? 1;
      parts.push(`${key}/${name ?? ''}=#${id}`);
    }
    const signature = parts.join(',');
    let id = ids.get(signature);
    if (id === undefined) {
      id = ids.size;
      ids.set(signature, id);
      sizeOf.set(id, size);
    }
    idOf.set(node, id);
    uses.set(id, (uses.get(id) ?? 0) + 1);
    return id;
  };
  intern(root);

  const definitions: SchemaNode = {};
  const names = new Map<number, string>();
  const shared = (id: number): boolean => (uses.get(id) ?? 0) > 1 && (sizeOf.get(id) ?? 0) >= minNodes;

  // With a pool, what would be shared within the schema goes to the pool too: a pooled subschema
  // cannot refer to the definitions of the schema that first used it.
  const pooled = (id: number): boolean => pool !== undefined && (shared(id) || (sizeOf.get(id) ?? 0) >= pool.minNodes);

  const rewrite = (node: SchemaNode, isRoot: boolean): SchemaNode => {
    const id = idOf.get(node);
    if (!isRoot && id !== undefined && pool && pooled(id)) return pool.refTo(id, () => rewrite(node, true));
    if (!isRoot && id !== undefined && shared(id)) {
      let name = names.get(id);
      if (name === undefined) {
        name = `s${names.size}`;
        names.set(id, name);
        definitions[name] = rewrite(node, true);
      }
      return { $ref: `#/definitions/${name}` };
    }
    const out: SchemaNode = { ...node };
    for (const [key, name, child] of children(node)) {
      if (name === undefined) out[key] = rewrite(child, false);
      else {
        const props = out[key] === node[key] ? { ...(node[key] as SchemaNode) } : (out[key] as SchemaNode);
        props[name] = rewrite(child, false);
        out[key] = props;
      }
    }
    return out;
  };
  const result = rewrite(root, true);
  if (Object.keys(definitions).length > 0) result.definitions = definitions;
  return result;
}
