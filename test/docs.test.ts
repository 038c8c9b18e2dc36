import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { ruleDoc, rulesTable, staleFiles, withTable } from '../scripts/gen-docs.js';

describe('generated docs', () => {
  it('docs/rules and the README rule table are current (npm run gen:docs)', () => {
    expect(staleFiles()).toEqual([]);
  });

  it('every rule has a page with its id, severity and remediation', () => {
    for (const rule of rules) {
      const page = ruleDoc(rule);
      expect(page.startsWith(`# ${rule.id}\n`)).toBe(true);
      expect(page).toContain(`| Default severity | ${rule.meta.defaultSeverity} |`);
      expect(page).toContain(rule.meta.remediation);
    }
  });

  it('the table lists every rule once, and replacing it is idempotent', () => {
    const table = rulesTable();
    for (const rule of rules) expect(table.split(`[\`${rule.id}\`]`).length - 1).toBe(1);
    const readme = withTable(`intro\n${table}\noutro\n`);
    expect(withTable(readme)).toBe(readme);
    expect(() => withTable('no markers')).toThrow(/markers/);
  });
});
