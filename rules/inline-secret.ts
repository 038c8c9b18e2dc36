import { defineRule, type RuleReport } from '../src/engine/rule.js';
import { isRecord } from '../src/k8s/values.js';
import { PROBE_FIELDS } from '../src/k8s/probes.js';
import { findSecretsInArgs, findSecretsInText, secretsInValue, type SecretMatch } from '../src/k8s/secrets.js';
import { containersOf, describeContainer, isBuiltinKind, type ContainerRef } from '../src/k8s/workloads.js';
import type { YamlPath } from '../src/types.js';

function scalarText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

function describeMatches(matches: readonly SecretMatch[]): string {
  const [first] = matches;
  if (!first) return '';
  const more = matches.length > 1 ? ` and ${matches.length - 1} more` : '';
  return `${first.label} (${first.masked})${more}`;
}

function envReports(ref: ContainerRef, who: string): RuleReport[] {
  const env = ref.container.env;
  if (!Array.isArray(env)) return [];
  const reports: RuleReport[] = [];
  env.forEach((entry: unknown, index) => {
    if (!isRecord(entry) || typeof entry.name !== 'string') return;
    const value = scalarText(entry.value);
    if (value === undefined) return;
    const matches = secretsInValue(entry.name, value);
    if (matches.length === 0) return;
    reports.push({
      path: [...ref.path, 'env', index, 'value'],
      message: `${who} env var "${entry.name}" holds ${describeMatches(matches)}: move it to a Secret and use valueFrom.secretKeyRef`,
    });
  });
  return reports;
}

/** `command` and `args` are one command line: `--password` may be the last command word, its value the first arg. */
function commandLineReports(ref: ContainerRef, who: string): RuleReport[] {
  const fields: ['command' | 'args', unknown][] = [
    ['command', ref.container.command],
    ['args', ref.container.args],
  ];
  const argv: string[] = [];
  const paths: YamlPath[] = [];
  for (const [field, list] of fields) {
    if (!Array.isArray(list)) continue;
    list.forEach((item: unknown, index) => {
      argv.push(scalarText(item) ?? '');
      paths.push([...ref.path, field, index]);
    });
  }
  return findSecretsInArgs(argv).map(({ index, match }) => {
    const path = paths[index] ?? ref.path;
    return {
      path,
      message: `${who} ${String(path.at(-2))}[${String(path.at(-1))}] holds ${describeMatches([match])}: read it from a Secret (an env var with secretKeyRef, referenced as $(VAR)) or a mounted file`,
    };
  });
}

/** Probes and lifecycle handlers: httpGet headers (`Authorization: Bearer ...`) and exec commands. */
function handlerReports(ref: ContainerRef, who: string): RuleReport[] {
  const container = ref.container as unknown as Record<string, unknown>;
  const handlers: [string, unknown, YamlPath][] = PROBE_FIELDS.map((f) => [f, container[f], [...ref.path, f]]);
  if (isRecord(container.lifecycle)) {
    for (const hook of ['postStart', 'preStop'])
      handlers.push([`lifecycle.${hook}`, container.lifecycle[hook], [...ref.path, 'lifecycle', hook]]);
  }
  const reports: RuleReport[] = [];
  for (const [handler, value, path] of handlers) {
    if (!isRecord(value)) continue;
    if (isRecord(value.httpGet) && Array.isArray(value.httpGet.httpHeaders)) {
      value.httpGet.httpHeaders.forEach((header: unknown, index) => {
        if (!isRecord(header) || typeof header.name !== 'string') return;
        const text = scalarText(header.value);
        const matches = text === undefined ? [] : secretsInValue(header.name, text);
        if (matches.length === 0) return;
        reports.push({
          path: [...path, 'httpGet', 'httpHeaders', index, 'value'],
          message: `${who} ${handler} header "${header.name}" holds ${describeMatches(matches)}: probe an endpoint that needs no credential, or use an exec probe that reads it from a mounted Secret`,
        });
      });
    }
    if (isRecord(value.exec) && Array.isArray(value.exec.command)) {
      const argv = value.exec.command.map((item: unknown) => scalarText(item) ?? '');
      for (const { index, match } of findSecretsInArgs(argv)) {
        reports.push({
          path: [...path, 'exec', 'command', index],
          message: `${who} ${handler} command holds ${describeMatches([match])}: read it from a mounted Secret or an env var with secretKeyRef`,
        });
      }
    }
  }
  return reports;
}

function configMapReports(data: unknown, what: string): RuleReport[] {
  if (!isRecord(data)) return [];
  const reports: RuleReport[] = [];
  for (const [key, raw] of Object.entries(data)) {
    const value = scalarText(raw);
    if (value === undefined) continue;
    const byName = secretsInValue(key, value);
    const matches = byName.length > 0 ? byName : findSecretsInText(value);
    if (matches.length === 0) continue;
    reports.push({
      path: ['data', key],
      message: `${what} key "${key}" holds ${describeMatches(matches)}: move it to a Secret, which the view role cannot read`,
    });
  }
  return reports;
}

export default defineRule({
  id: 'inline-secret',
  meta: {
    description: 'No passwords, tokens or keys written into env vars, command lines or ConfigMaps',
    category: 'security',
    defaultSeverity: 'error',
    presets: ['recommended'],
    scope: 'object',
    appliesTo: ['resource', 'patch'],
    rationale:
      'A credential in a manifest is in the Git history forever, in every clone, CI log and rendered chart, and readable by anyone who can read the object: env values and args show in `kubectl describe pod`, and pod specs and ConfigMaps are readable with the built-in `view` role, which deliberately excludes Secrets, and are rarely encrypted at rest. Rotating it means changing code. Reported: env values of variables named like a password, token, secret, credential or api/access/secret/private key (not `_FILE`, `_PATH`, `_URL`, `_NAME` and similar, and not empty values, `$(VAR)` references, paths or placeholders); URLs with `user:password@`; private-key blocks; AWS access key ids; JWTs; GitHub, Slack, Google and Stripe tokens; Authorization headers; the same in `command`/`args` (`--password=...`, `--password ...`, `mysql -p...`, scripts) and in ConfigMap data (including `password: ...` lines of configuration files). The secret is never printed: messages show it masked.',
    remediation:
      'Put the value in a Secret (created by External Secrets, Sealed Secrets, SOPS or your deploy pipeline, not committed in plain text) and reference it:\n\n```yaml\nenv:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: db-credentials\n        key: password\nargs: ["--password=$(DB_PASSWORD)"]\n```\n\nThen rotate the exposed credential: it is already in the repository history.',
    defaults: {},
  },
  check({ object }) {
    if (isBuiltinKind(object, 'ConfigMap')) return configMapReports(object.value.data, `ConfigMap "${object.name ?? '(unnamed)'}"`);
    const reports: RuleReport[] = [];
    for (const ref of containersOf(object, { ephemeral: true })) {
      const who = describeContainer(ref);
      reports.push(...envReports(ref, who), ...commandLineReports(ref, who), ...handlerReports(ref, who));
    }
    return reports;
  },
});
