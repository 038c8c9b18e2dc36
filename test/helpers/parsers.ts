/**
 * Runs the fast parser and the exact one on the same text and lists every difference: values,
 * document spans, problems, and locate() for every path of every document (both targets) plus
 * missing paths under every collection.
 */
import { isDeepStrictEqual } from 'node:util';
import { needsEagerTree, parseYamlFast, type PositionMode } from '../../src/load/fast-parse.js';
import { parseYaml, parseYamlExact, type ParsedFile } from '../../src/load/parse.js';
import { readManifests } from '../../src/load/reader.js';
import type { YamlPath } from '../../src/types.js';

export function* pathsOf(value: unknown, prefix: YamlPath = [], depth = 0): Generator<YamlPath> {
  yield prefix;
  if (depth > 30) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* pathsOf(value[i], [...prefix, i], depth + 1);
    yield [...prefix, value.length];
    yield [...prefix, 'missing'];
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) yield* pathsOf(v, [...prefix, k], depth + 1);
    yield [...prefix, 'kube-lint-missing'];
    yield [...prefix, 0];
  }
}

export function differences(fast: ParsedFile, exact: ParsedFile, limit = 10): string[] {
  const out: string[] = [];
  if (!isDeepStrictEqual(fast.problems, exact.problems))
    out.push(`problems ${JSON.stringify(fast.problems)} vs ${JSON.stringify(exact.problems)}`);
  if (fast.documents.length !== exact.documents.length) out.push(`${fast.documents.length} documents vs ${exact.documents.length}`);
  exact.documents.forEach((e, i) => {
    const f = fast.documents[i];
    if (!f || out.length >= limit) return;
    if (f.index !== e.index) out.push(`document ${i}: index ${f.index} vs ${e.index}`);
    if (!isDeepStrictEqual(f.value, e.value)) out.push(`document ${i}: value ${JSON.stringify(f.value)} vs ${JSON.stringify(e.value)}`);
    for (const k of ['startLine', 'endLine', 'contentLine'] as const) if (f[k] !== e[k]) out.push(`document ${i}: ${k} ${f[k]} vs ${e[k]}`);
    for (const path of pathsOf(e.value)) {
      for (const target of ['value', 'key'] as const) {
        const a = f.locate(path, target);
        const b = e.locate(path, target);
        if (!isDeepStrictEqual(a, b) && out.length < limit)
          out.push(`document ${i} ${JSON.stringify(path)} ${target}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
      }
    }
  });
  return out;
}

export interface Comparison {
  /** Which path parseYaml took for the file, in each position mode. */
  fastAccepted: Record<PositionMode, boolean>;
  differences: string[];
}

/** How the manifest reader took a file: every document itself, some left to the exact parser, or none (the file went elsewhere). */
export type ReaderTake = 'all' | 'some' | 'none';

/** The manifest reader against parseYamlExact: how it took the file, and every difference. */
export function compareReader(text: string, exact = parseYamlExact(text)): { take: ReaderTake; differences: string[] } {
  let handedOver = 0;
  const read = readManifests(text, (documentText) => {
    handedOver++;
    return parseYamlExact(documentText);
  });
  if (!read) return { take: 'none', differences: [] };
  return { take: handedOver > 0 ? 'some' : 'all', differences: differences(read, exact) };
}

/** parseYaml, the manifest reader, and the js-yaml path in every position mode, against parseYamlExact. */
export function compareParsers(text: string): Comparison {
  const exact = parseYamlExact(text);
  const diffs = differences(parseYaml(text), exact).map((d) => `parseYaml: ${d}`);
  diffs.push(...compareReader(text, exact).differences.map((d) => `reader: ${d}`));
  const fastAccepted = { auto: false, eager: false, lazy: false };
  for (const mode of ['auto', 'eager', 'lazy'] as const) {
    const fast = parseYamlFast(text, (documentText) => parseYamlExact(documentText), mode);
    fastAccepted[mode] = fast !== undefined;
    // Lazy mode alone does not look for what changes values (aliases, odd keys); auto uses it
    // only where needsEagerTree() finds none of that.
    if (fast && !(mode === 'lazy' && needsEagerTree(text))) diffs.push(...differences(fast, exact).map((d) => `${mode}: ${d}`));
  }
  return { fastAccepted, differences: diffs };
}
