/**
 * The Ajv instance kube-lint validates with: the formats Kubernetes schemas use, the vendor
 * keywords (`x-kubernetes-*`) as known no-op annotations, and kube-lint's own keywords for the
 * checks the API server makes beyond JSON Schema (quantities, ports, percentages, labels,
 * annotations, resource names). Those keywords report one error each, whose message is a template:
 * `{path}` is the offending node, `{parent}` the node the keyword sits on.
 */
import { lazyBuiltin, lazyRequire } from '../lazy.js';
import type { Ajv, ErrorObject, SchemaValidateFunction } from 'ajv';
import { labelValueProblem, portNameProblem, qualifiedNameProblem, TOTAL_ANNOTATION_SIZE_MAX } from '../k8s/names.js';
import { parseQuantity, QUANTITY_PATTERN } from '../k8s/quantity.js';
import { isRecord } from '../load/objects.js';

const isIP = (input: string): number => lazyBuiltin('node:net').isIP(input);

/** Which rule reports an error of a custom keyword. */
export type IssueRule = 'schema' | 'invalid-name' | 'cel-rule';

export interface CustomErrorParams {
  rule: IssueRule;
  /** Message template: `{path}` and `{parent}` are replaced by display paths. */
  message: string;
  /** Path below the keyword's node (a map key, say). */
  subpath?: (string | number)[];
  target?: 'key' | 'value';
}

/** Vendor keywords that carry no validation kube-lint performs (CEL rules need a CEL engine). */
export const ANNOTATION_KEYWORDS = [
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-int-or-string',
  'x-kubernetes-embedded-resource',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-map-type',
  'x-kubernetes-validations',
  'x-kubernetes-patch-strategy',
  'x-kubernetes-patch-merge-key',
  'x-kubernetes-unions',
  'x-kubernetes-group-version-kind',
] as const;

const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const UUID = /^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/;

function isCidr(value: string): boolean {
  const [ip = '', bits, ...rest] = value.split('/');
  if (bits === undefined || rest.length > 0 || !/^\d{1,3}$/.test(bits)) return false;
  const family = isIP(ip);
  return family !== 0 && Number(bits) <= (family === 4 ? 32 : 128);
}

/** Formats kube-lint checks; schemas with any other format are validated without it. */
export const FORMATS: Record<string, { type: 'number' | 'string'; validate: (value: never) => boolean }> = {
  int32: { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n <= 2 ** 31 - 1 },
  int64: { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 63) && n <= 2 ** 63 },
  double: { type: 'number', validate: () => true },
  float: { type: 'number', validate: () => true },
  // encoding/json decodes []byte with base64.StdEncoding, which skips line breaks.
  byte: { type: 'string', validate: (s: string) => BASE64.test(s.replace(/[\r\n]/g, '')) },
  'date-time': { type: 'string', validate: (s: string) => DATE_TIME.test(s) },
  date: { type: 'string', validate: (s: string) => DATE.test(s) },
  ipv4: { type: 'string', validate: (s: string) => isIP(s) === 4 },
  ipv6: { type: 'string', validate: (s: string) => isIP(s) === 6 },
  cidr: { type: 'string', validate: isCidr },
  uuid: { type: 'string', validate: (s: string) => UUID.test(s) },
  binary: { type: 'string', validate: () => true },
  password: { type: 'string', validate: () => true },
};

function fail(fn: SchemaValidateFunction, params: CustomErrorParams, keyword: string): false {
  fn.errors = [{ keyword, message: params.message, params }];
  return false;
}

function quantityHint(value: string): string {
  const trimmed = value.trim();
  if (/\s/.test(trimmed)) return ` (remove the space: "${trimmed.replace(/\s+/g, '')}")`;
  if (trimmed !== value) return ` (remove the surrounding spaces: "${trimmed}")`;
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))([a-zA-Z]+)$/.exec(value);
  if (!m) return '';
  const [, number = '', suffix = ''] = m;
  const letter = suffix[0]?.toUpperCase() ?? '';
  if (/^[kKmMgGtTpPeE][bB]$/.test(suffix) || /^[kKmMgGtTpPeE][iI][bB]?$/.test(suffix) || /^[gGtTpP]$/.test(suffix)) {
    const decimal = letter === 'K' ? 'k' : letter;
    return ` (did you mean "${number}${decimal}" or "${number}${letter}i"?)`;
  }
  return '';
}

/** `{type: [string, number], k8sQuantity: true | 'nonnegative'}` */
const quantity: SchemaValidateFunction = (schema: unknown, data: unknown): boolean => {
  if (typeof data !== 'string' && typeof data !== 'number') return true;
  if (typeof data === 'string' && !QUANTITY_PATTERN.test(data)) {
    return fail(
      quantity,
      { rule: 'schema', message: `{path} must be a quantity such as 128Mi, 250m or 1.5, got "${data}"${quantityHint(data)}` },
      'k8sQuantity',
    );
  }
  const parsed = parseQuantity(data);
  if (schema === 'nonnegative' && parsed !== undefined && parsed < 0) {
    return fail(quantity, { rule: 'schema', message: `{path} must not be negative, got ${JSON.stringify(data)}` }, 'k8sQuantity');
  }
  return true;
};

/**
 * `k8sPort`: `port` (int-or-string: a number 1-65535 or an IANA service name), `target-port`
 * (the same, and 0 or "" for "same as port"), `number` (1-65535), `number-or-zero` (0-65535),
 * `name` (IANA service name).
 */
const port: SchemaValidateFunction = (schema: unknown, data: unknown): boolean => {
  const mode = String(schema);
  const error = (message: string): false => fail(port, { rule: 'schema', message }, 'k8sPort');
  if (typeof data === 'number') {
    if (mode === 'name') return true;
    const min = mode === 'number-or-zero' || mode === 'target-port' ? 0 : 1;
    if (!Number.isInteger(data) || data < min || data > 65535) {
      const what = mode === 'number' || mode === 'number-or-zero' ? 'a port number' : 'a port number or a port name';
      return error(`{path} must be ${what} between ${min} and 65535, got ${data}`);
    }
    return true;
  }
  if (typeof data !== 'string' || mode === 'number' || mode === 'number-or-zero') return true;
  if (mode === 'target-port' && data === '') return true;
  if (/^\d+$/.test(data) && mode !== 'name') {
    return error(`{path} is the string "${data}", which the API server reads as a port name: write the number without quotes`);
  }
  const problem = portNameProblem(data);
  return problem === undefined ? true : error(`{path} "${data}" is not a valid port name: it ${problem} (IANA service name)`);
};

/** `k8sIntOrPercent`: a whole number >= 0 or a percentage such as "25%". */
const intOrPercent: SchemaValidateFunction = (_schema: unknown, data: unknown): boolean => {
  const error = (message: string): false => fail(intOrPercent, { rule: 'schema', message }, 'k8sIntOrPercent');
  if (typeof data === 'number') return data >= 0 ? true : error(`{path} must not be negative, got ${data}`);
  if (typeof data !== 'string' || /^[0-9]+%$/.test(data)) return true;
  if (/^\d+$/.test(data))
    return error(`{path} must be a number or a percentage, got the string "${data}": write ${data} without quotes or "${data}%"`);
  return error(`{path} must be a whole number or a percentage such as "25%", got "${data}"`);
};

/** `k8sLabels`: a map of label keys (qualified names) to label values. */
const labels: SchemaValidateFunction = (_schema: unknown, data: unknown): boolean => {
  if (!isRecord(data)) return true;
  const errors: Partial<ErrorObject>[] = [];
  for (const [key, value] of Object.entries(data)) {
    const keyProblem = qualifiedNameProblem(key);
    if (keyProblem !== undefined) {
      const params: CustomErrorParams = {
        rule: 'invalid-name',
        message: `label key "${key}" in {parent} is not valid: ${keyProblem}`,
        subpath: [key],
        target: 'key',
      };
      errors.push({ keyword: 'k8sLabels', message: params.message, params });
    }
    if (typeof value !== 'string') continue;
    const valueProblem = labelValueProblem(value);
    if (valueProblem !== undefined) {
      const params: CustomErrorParams = {
        rule: 'invalid-name',
        message: `label "${key}" in {parent} has the value "${value}", which is not valid: ${valueProblem}`,
        subpath: [key],
        target: 'value',
      };
      errors.push({ keyword: 'k8sLabels', message: params.message, params });
    }
  }
  labels.errors = errors;
  return errors.length === 0;
};

/** `k8sAnnotations`: keys are qualified names (compared lowercased); keys and values total at most 256 KiB. */
const annotations: SchemaValidateFunction = (_schema: unknown, data: unknown): boolean => {
  if (!isRecord(data)) return true;
  const errors: Partial<ErrorObject>[] = [];
  let size = 0;
  for (const [key, value] of Object.entries(data)) {
    size += Buffer.byteLength(key) + (typeof value === 'string' ? Buffer.byteLength(value) : 0);
    const problem = qualifiedNameProblem(key.toLowerCase());
    if (problem === undefined) continue;
    const params: CustomErrorParams = {
      rule: 'invalid-name',
      message: `annotation key "${key}" in {parent} is not valid: ${problem}`,
      subpath: [key],
      target: 'key',
    };
    errors.push({ keyword: 'k8sAnnotations', message: params.message, params });
  }
  if (size > TOTAL_ANNOTATION_SIZE_MAX) {
    const params: CustomErrorParams = {
      rule: 'invalid-name',
      message: `{parent} hold ${size} bytes, more than the ${TOTAL_ANNOTATION_SIZE_MAX} allowed: move large data to a ConfigMap`,
    };
    errors.push({ keyword: 'k8sAnnotations', message: params.message, params });
  }
  annotations.errors = errors;
  return errors.length === 0;
};

const CONTAINER_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];

/** `k8sResourceNames: 'container'`: keys of container requests and limits. */
const resourceNames: SchemaValidateFunction = (_schema: unknown, data: unknown): boolean => {
  if (!isRecord(data)) return true;
  const errors: Partial<ErrorObject>[] = [];
  for (const key of Object.keys(data)) {
    let message: string | undefined;
    if (!key.includes('/')) {
      if (CONTAINER_RESOURCES.includes(key) || key.startsWith('hugepages-')) continue;
      const near = CONTAINER_RESOURCES.find((r) => r.startsWith(key.toLowerCase().slice(0, 3)) || key.toLowerCase().startsWith(r));
      message = `unknown resource "${key}" in {parent}: use cpu, memory, ephemeral-storage, hugepages-<size> or a domain-prefixed extended resource${near ? ` (did you mean "${near}"?)` : ''}`;
    } else {
      const problem = qualifiedNameProblem(key);
      if (problem === undefined) continue;
      message = `resource name "${key}" in {parent} is not valid: ${problem}`;
    }
    const params: CustomErrorParams = { rule: 'schema', message, subpath: [key], target: 'key' };
    errors.push({ keyword: 'k8sResourceNames', message, params });
  }
  resourceNames.errors = errors;
  return errors.length === 0;
};

/** kube-lint's keywords whose checks are functions, by keyword. */
export const KEYWORD_VALIDATORS: Readonly<Record<string, SchemaValidateFunction>> = {
  k8sQuantity: quantity,
  k8sPort: port,
  k8sIntOrPercent: intOrPercent,
  k8sLabels: labels,
  k8sAnnotations: annotations,
  k8sResourceNames: resourceNames,
};

/** The names under which validators written out as code (disk-cache.ts) require the keywords and formats. */
export const RUNTIME_KEYWORDS = 'kube-lint:keywords';
export const RUNTIME_FORMATS = 'kube-lint:formats';

/**
 * A new Ajv. `inlineRefs: false` compiles each referenced schema once, as a function (see
 * shareSubschemas). Ajv is loaded on first use: a run whose validators all come from the disk
 * cache never needs it.
 */
export function createAjv(options: { inlineRefs?: boolean } = {}): Ajv {
  const { Ajv: AjvClass, _ } = lazyRequire('ajv');
  const ajv = new AjvClass({
    inlineRefs: options.inlineRefs ?? true,
    allErrors: true,
    verbose: true,
    strict: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    allowUnionTypes: true,
    unicodeRegExp: false,
    validateSchema: false,
    logger: false,
    // Ajv's optimisation passes halve the cost of a cold compile (the common case for a linter:
    // a handful of validations per kind) and buy little at validation time. The source is kept
    // for the disk cache, which also needs the formats by name.
    code: { source: true, optimize: false, formats: _`require(${RUNTIME_FORMATS})` },
  });
  for (const keyword of ANNOTATION_KEYWORDS) ajv.addKeyword(keyword);
  for (const [name, format] of Object.entries(FORMATS)) ajv.addFormat(name, format as { type: 'string'; validate: (s: string) => boolean });
  ajv.addKeyword({ keyword: 'k8sQuantity', schemaType: ['boolean', 'string'], errors: true, validate: quantity });
  ajv.addKeyword({ keyword: 'k8sPort', schemaType: 'string', errors: true, validate: port });
  ajv.addKeyword({ keyword: 'k8sIntOrPercent', schemaType: 'boolean', errors: true, validate: intOrPercent });
  ajv.addKeyword({ keyword: 'k8sLabels', schemaType: 'boolean', errors: true, validate: labels });
  ajv.addKeyword({ keyword: 'k8sAnnotations', schemaType: 'boolean', errors: true, validate: annotations });
  ajv.addKeyword({ keyword: 'k8sResourceNames', schemaType: 'string', errors: true, validate: resourceNames });
  return ajv;
}

export const CUSTOM_KEYWORDS = new Set(['k8sQuantity', 'k8sPort', 'k8sIntOrPercent', 'k8sLabels', 'k8sAnnotations', 'k8sResourceNames']);
