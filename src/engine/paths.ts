import type { YamlPath } from '../types.js';

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/**
 * `['spec', 'containers', 0, 'image']` -> `spec.containers[0].image`. Keys that are not plain
 * identifiers are quoted: `metadata.annotations["kube-lint.io/ignore"]`.
 */
export function formatPath(path: YamlPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
