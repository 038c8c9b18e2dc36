import { readFileSync } from 'node:fs';

function readVersion(): string {
  // Works from src/ (tests) and from dist/src/ (built package).
  for (const relative of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'kube-lint' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // try the next location
    }
  }
  return '0.0.0';
}

export const VERSION: string = readVersion();
export const TOOL_NAME = 'kube-lint';
export const INFORMATION_URI = 'https://github.com/kube-lint/kube-lint';
/** Where editors find the JSON Schema of `.kube-lint.yaml` (kube-lint.schema.json, in the package). */
export const CONFIG_SCHEMA_URL = `https://unpkg.com/kube-lint@${VERSION}/kube-lint.schema.json`;
