/** docs/coverage.md: every Pod Security Standards control and every default check of the peers, mapped. */
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { COVERAGE, coverageDoc, presetOf } from '../scripts/coverage.js';

const BASELINE = [
  'HostProcess',
  'Host Namespaces',
  'Privileged Containers',
  'Capabilities',
  'HostPath Volumes',
  'Host Ports',
  'AppArmor',
  'SELinux',
  '/proc Mount Type',
  'Seccomp',
  'Sysctls',
];
const RESTRICTED = ['Volume Types', 'Privilege Escalation', 'Running as Non-root', 'Running as Non-root user', 'Seccomp', 'Capabilities'];

describe('coverage table', () => {
  it('maps each check to existing rules or says why not, never both or neither', () => {
    const ids = new Set(rules.map((r) => r.id));
    for (const section of COVERAGE) {
      const seen = new Set<string>();
      for (const check of section.checks) {
        expect(seen.has(check.id), `${section.title}: ${check.id} listed twice`).toBe(false);
        seen.add(check.id);
        const covered = check.rules ?? [];
        expect(covered.length > 0 !== (check.why !== undefined), `${section.title}: ${check.id}`).toBe(true);
        for (const id of covered) expect(ids.has(id), `${check.id} -> ${id}`).toBe(true);
      }
    }
  });

  it('lists every Pod Security Standards control, Baseline in recommended and Restricted only in strict', () => {
    const baseline = COVERAGE.find((s) => s.level === 'baseline');
    const restricted = COVERAGE.find((s) => s.level === 'restricted');
    expect(baseline?.checks.map((c) => c.id)).toEqual(BASELINE);
    expect(restricted?.checks.map((c) => c.id)).toEqual(RESTRICTED);
    for (const check of baseline?.checks ?? []) {
      for (const id of check.rules ?? []) expect(presetOf(id), `${check.id}: ${id}`).toBe('recommended');
    }
    for (const check of restricted?.checks ?? []) {
      for (const id of check.rules ?? []) expect(presetOf(id), `${check.id}: ${id}`).toBe('strict');
    }
  });

  it('names each pod security rule in the messages of its control', () => {
    const pss = new Set(COVERAGE.filter((s) => s.level).flatMap((s) => s.checks.flatMap((c) => c.rules ?? [])));
    expect([...pss].sort()).toEqual(
      [
        'added-capabilities',
        'apparmor-profile',
        'capabilities',
        'host-namespaces',
        'host-path',
        'privilege-escalation',
        'privileged',
        'proc-mount',
        'run-as-non-root',
        'seccomp-profile',
        'seccomp-unconfined',
        'selinux-options',
        'unsafe-sysctls',
        'volume-types',
      ].sort(),
    );
  });

  it('renders one row per check with the preset read from the rule metadata', () => {
    const doc = coverageDoc();
    const rows = doc.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Check') && !l.startsWith('| ---'));
    expect(rows.length).toBe(COVERAGE.reduce((n, s) => n + s.checks.length, 0));
    expect(doc).toContain('| Privileged Containers | [`privileged`](rules/privileged.md) | recommended |  |');
    expect(doc).toContain('| no-anti-affinity | [`replica-spread`](rules/replica-spread.md) | strict |  |');
  });
});
