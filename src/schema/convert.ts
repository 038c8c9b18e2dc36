/**
 * From the bundled definitions (plain OpenAPI-derived JSON Schema) to what Ajv validates:
 *
 * - strictness: with `strict`, every object schema that lists `properties` gets
 *   `additionalProperties: false` (the API server's strict field validation), except those marked
 *   `x-kubernetes-preserve-unknown-fields`; map types (`additionalProperties: {schema}`) stay maps;
 * - loose types become one type plus one kube-lint keyword, so a bad value gives one message and
 *   never a oneOf cascade: IntOrString -> `type: [integer, string]`, Quantity -> `type: [string,
 *   number]` + `k8sQuantity`;
 * - fields the API server checks beyond their type get a keyword (ports, percentages, label maps,
 *   annotations, resource names, non-negative quantities): see PATCHES.
 *
 * The input is never modified: the bundle's bodies are shared between versions.
 */
import type { SchemaNode } from './types.js';

export const DEFINITIONS_PREFIX = '#/definitions/';
const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
export const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

const intOrString = (extra: SchemaNode = {}): SchemaNode => ({ type: ['integer', 'string'], ...extra });
const quantity = (mode: true | 'nonnegative' = true): SchemaNode => ({ type: ['string', 'number'], k8sQuantity: mode });
const stringMap = (extra: SchemaNode): SchemaNode => ({ type: 'object', additionalProperties: { type: 'string' }, ...extra });
const nonNegativeQuantities = (extra: SchemaNode = {}): SchemaNode => ({
  type: 'object',
  additionalProperties: quantity('nonnegative'),
  ...extra,
});

type Patch = (original: SchemaNode) => SchemaNode;
const withKeyword =
  (extra: SchemaNode): Patch =>
  (original) => ({ ...original, ...extra });

/**
 * Field-level checks the API server makes (pkg/apis/<group>/validation) that JSON Schema does not
 * express, keyed by definition then property.
 */
const PATCHES: Record<string, Record<string, Patch>> = {
  'io.k8s.api.core.v1.ResourceRequirements': {
    limits: () => nonNegativeQuantities({ k8sResourceNames: 'container' }),
    requests: () => nonNegativeQuantities({ k8sResourceNames: 'container' }),
  },
  'io.k8s.api.core.v1.VolumeResourceRequirements': { limits: () => nonNegativeQuantities(), requests: () => nonNegativeQuantities() },
  'io.k8s.api.core.v1.EmptyDirVolumeSource': { sizeLimit: () => quantity('nonnegative') },
  'io.k8s.api.core.v1.HTTPGetAction': { port: () => intOrString({ k8sPort: 'port' }) },
  'io.k8s.api.core.v1.TCPSocketAction': { port: () => intOrString({ k8sPort: 'port' }) },
  'io.k8s.api.core.v1.ContainerPort': {
    containerPort: withKeyword({ k8sPort: 'number' }),
    hostPort: withKeyword({ k8sPort: 'number-or-zero' }),
    name: withKeyword({ k8sPort: 'name' }),
  },
  'io.k8s.api.core.v1.ServicePort': {
    port: withKeyword({ k8sPort: 'number' }),
    nodePort: withKeyword({ k8sPort: 'number-or-zero' }),
    targetPort: () => intOrString({ k8sPort: 'target-port' }),
  },
  'io.k8s.api.networking.v1.NetworkPolicyPort': { port: () => intOrString({ k8sPort: 'port' }) },
  'io.k8s.api.apps.v1.RollingUpdateDeployment': {
    maxSurge: () => intOrString({ k8sIntOrPercent: true }),
    maxUnavailable: () => intOrString({ k8sIntOrPercent: true }),
  },
  'io.k8s.api.apps.v1.RollingUpdateDaemonSet': {
    maxSurge: () => intOrString({ k8sIntOrPercent: true }),
    maxUnavailable: () => intOrString({ k8sIntOrPercent: true }),
  },
  'io.k8s.api.apps.v1.RollingUpdateStatefulSetStrategy': { maxUnavailable: () => intOrString({ k8sIntOrPercent: true }) },
  'io.k8s.api.policy.v1.PodDisruptionBudgetSpec': {
    minAvailable: () => intOrString({ k8sIntOrPercent: true }),
    maxUnavailable: () => intOrString({ k8sIntOrPercent: true }),
  },
  [OBJECT_META]: { labels: () => stringMap({ k8sLabels: true }), annotations: () => stringMap({ k8sAnnotations: true }) },
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector': { matchLabels: () => stringMap({ k8sLabels: true }) },
  'io.k8s.api.core.v1.ServiceSpec': { selector: () => stringMap({ k8sLabels: true }) },
  'io.k8s.api.core.v1.ReplicationControllerSpec': { selector: () => stringMap({ k8sLabels: true }) },
  'io.k8s.api.core.v1.PodSpec': { nodeSelector: () => stringMap({ k8sLabels: true }) },
};

function isNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function refTarget(node: SchemaNode): string | undefined {
  const ref = node.$ref;
  return typeof ref === 'string' && ref.startsWith(DEFINITIONS_PREFIX) ? ref.slice(DEFINITIONS_PREFIX.length) : undefined;
}

/** Converts one schema node (recursively). */
function convertNode(node: SchemaNode, strict: boolean): SchemaNode {
  const target = refTarget(node);
  if (target === INT_OR_STRING) return intOrString();
  if (target === QUANTITY) return quantity();
  const out: SchemaNode = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' && isNode(value)) {
      const props: SchemaNode = {};
      for (const [name, schema] of Object.entries(value)) props[name] = isNode(schema) ? convertNode(schema, strict) : schema;
      out.properties = props;
    } else if ((key === 'items' || key === 'additionalProperties' || key === 'not') && isNode(value)) {
      out[key] = convertNode(value, strict);
    } else if ((key === 'oneOf' || key === 'anyOf' || key === 'allOf') && Array.isArray(value)) {
      out[key] = value.map((v) => (isNode(v) ? convertNode(v, strict) : v));
    } else {
      out[key] = value;
    }
  }
  if (strict && isNode(out.properties) && out.additionalProperties === undefined && out['x-kubernetes-preserve-unknown-fields'] !== true) {
    out.additionalProperties = false;
  }
  return out;
}

/**
 * Fields the OpenAPI lists as required but the API server accepts when missing: the Go field is
 * not a pointer and its zero value is valid (an empty pod selector selects every pod; priority 0).
 */
const NOT_REQUIRED: Record<string, readonly string[]> = {
  'io.k8s.api.networking.v1.NetworkPolicySpec': ['podSelector'],
  'io.k8s.api.scheduling.v1.PriorityClass': ['value'],
};

/** Converts a version's definitions for Ajv. */
export function convertDefinitions(definitions: Readonly<Record<string, SchemaNode>>, strict: boolean): Record<string, SchemaNode> {
  const out: Record<string, SchemaNode> = {};
  for (const [name, body] of Object.entries(definitions)) {
    if (name === INT_OR_STRING) out[name] = intOrString();
    else if (name === QUANTITY) out[name] = quantity();
    else {
      const converted = convertNode(body, strict);
      const patches = PATCHES[name];
      if (patches && isNode(converted.properties)) {
        const props = { ...converted.properties };
        for (const [prop, patch] of Object.entries(patches)) {
          const original = props[prop];
          if (isNode(original)) props[prop] = patch(original);
        }
        converted.properties = props;
      }
      const optional = NOT_REQUIRED[name];
      if (optional && Array.isArray(converted.required)) {
        const required = converted.required.filter((field) => typeof field !== 'string' || !optional.includes(field));
        if (required.length > 0) converted.required = required;
        else delete converted.required;
      }
      out[name] = converted;
    }
  }
  return out;
}
