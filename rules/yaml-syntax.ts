import { defineRule } from '../src/engine/rule.js';

/** Findings come from the parser (see src/load/parse.ts); the rule carries their metadata. */
export default defineRule({
  id: 'yaml-syntax',
  meta: {
    description: 'Files are valid YAML: no syntax errors, no duplicate keys, no alias bombs',
    category: 'correctness',
    defaultSeverity: 'error',
    presets: ['recommended'],
    scope: 'builtin',
    rationale:
      'kubectl and the API server refuse a document that does not parse, and with a duplicate key only one of the two values is kept, silently. A document with a syntax error is not linted further; the other documents of the file still are. Input that kube-lint refuses to parse is reported here too: unresolved merge-conflict markers, nesting deeper than 256 levels, and aliases that form a cycle or expand to more than a million nodes. Because such a document was not linted, its finding is always an error and cannot be turned off or suppressed (the summary counts it as "not parsed"); the configured severity and suppressions apply to duplicate keys.',
    remediation:
      'Fix the YAML at the reported line: indentation, an unclosed quote or bracket, a tab used for indentation, a key written twice, or a merge conflict left unresolved.',
    defaults: {},
  },
});
