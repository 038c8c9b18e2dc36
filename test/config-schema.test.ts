/** kube-lint.schema.json: current, shipped, and it agrees with the config loader on good and bad configs. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { SCHEMA_FILE, schemaText } from '../scripts/gen-config-schema.js';
import { parseConfigText } from '../src/engine/config.js';
import { initialConfig } from '../src/engine/init.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object);

function readmeExample(): string {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const block = /```yaml\n(# \.kube-lint\.yaml\n[\s\S]*?)```/.exec(readme)?.[1];
  if (block === undefined) throw new Error('README has no "# .kube-lint.yaml" example');
  return block;
}

describe('the JSON Schema of .kube-lint.yaml', () => {
  it('is generated from the current config schema and rules (npm run gen:config-schema)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(schemaText());
  });

  it('ships in the package', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('kube-lint.schema.json');
  });

  it("accepts the README's example config and the one kube-lint init writes, as the loader does", () => {
    for (const text of [readmeExample(), initialConfig('recommended', rules), initialConfig('all', rules)]) {
      expect(() => parseConfigText(text, 'c.yaml', rules)).not.toThrow();
      expect(validate(parse(text) as unknown), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it.each([
    ['extends: strictest', '/extends'],
    ['kubernetesVersion: 1.30', '/kubernetesVersion'],
    ['rulez: {}', ''],
    ['rules: {image-tags: error}', '/rules'],
    ['rules: {image-tag: fatal}', '/rules/image-tag'],
    ['rules: {image-tag: [error, {requireDigest: maybe}]}', '/rules/image-tag'],
    ['ignore: "charts/**"', '/ignore'],
  ])('rejects %s, as the loader does', (text, where) => {
    expect(validate(parse(text) as unknown)).toBe(false);
    expect(validate.errors?.[0]?.instancePath.startsWith(where)).toBe(true);
    expect(() => parseConfigText(text, 'c.yaml', rules)).toThrow();
  });

  it("describes each rule with its options' schema", () => {
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as {
      properties: { rules: { properties: Record<string, { description: string; anyOf: [unknown, { items: [unknown, unknown] }] }> } };
    };
    const settings = schema.properties.rules.properties;
    expect(Object.keys(settings)).toEqual(rules.map((r) => r.id));
    expect(settings['image-tag']?.description).toMatch(/^Container images are pinned .*Default: error in recommended, strict\./);
    expect(settings['image-tag']?.anyOf[1].items[1]).toEqual(rules.find((r) => r.id === 'image-tag')?.meta.options);
  });
});
