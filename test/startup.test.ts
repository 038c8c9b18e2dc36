/** What the rules no longer check at every start, to keep a cold start short. */
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';

describe('rule options', () => {
  it.each(rules.map((r) => [r.id, r] as const))('%s: the options schema compiles and accepts the defaults', (_id, rule) => {
    expect(rule.resolveOptions(rule.meta.defaults)).toEqual(rule.meta.defaults);
  });
});
