/**
 * What the parse step hands on: documents with a way to locate any YAML path, and the problems
 * found. Types only, apart from parse.ts so that its two parsers (fast-parse.ts, reader.ts) can
 * name them without importing parse.ts, which imports them.
 */
import type { Range, YamlPath } from '../types.js';

export interface LocatedRange extends Range {
  /** False when the path does not exist and the range is that of its nearest existing parent. */
  exact: boolean;
}

export interface ParsedDocument {
  /** 0-based index of the document in the file, counting empty documents too. */
  index: number;
  /** The document as plain data (YAML 1.1 semantics). */
  value: unknown;
  /** First and last line (1-based) that belong to this document, separators and comments included. */
  startLine: number;
  endLine: number;
  /** Line where the document's content starts. */
  contentLine: number;
  /**
   * The range of the node at `path`. A scalar points at its value; a collection that is the value
   * of a map key points at the key. A missing path falls back to its nearest existing parent.
   * With `target: 'key'` the key of a map entry is returned even for scalar values.
   */
  locate(path: YamlPath, target?: 'key' | 'value'): LocatedRange;
}

export interface ParseProblem extends Range {
  message: string;
  /** Library error code, e.g. DUPLICATE_KEY, BAD_INDENT. */
  code: string;
  documentIndex: number;
}

export interface ParsedFile {
  documents: ParsedDocument[];
  problems: ParseProblem[];
}
