/**
 * Which files found in a folder are Kubernetes manifests. JSON files are read as JSON first (with
 * the comments and trailing commas of JSONC, as editors' settings files have them): a Grafana
 * dashboard, a package.json or a renovate.json is skipped without being parsed as YAML.
 */

/** Why a file found in a folder was skipped. */
export type SkipKind = 'not-manifest' | 'template';

export interface ManifestShape {
  /** Skip the file (when it was not named by the user). */
  skip?: SkipKind;
  /** The text to parse instead of the file's, positions unchanged (JSONC comments blanked). */
  text?: string;
}

export function isJsonName(filePath: string): boolean {
  return filePath.toLowerCase().endsWith('.json');
}

/**
 * JSONC to JSON of the same length: comments and trailing commas become spaces (line breaks are
 * kept), so that every offset, line and column stays where it was.
 */
export function blankJsonComments(text: string): string {
  if (!text.includes('/') && !text.includes(',')) return text;
  const chars = text.split('');
  let changed = false;
  const blank = (from: number, to: number): void => {
    for (let k = from; k < to; k++) if (chars[k] !== '\n' && chars[k] !== '\r') chars[k] = ' ';
    changed = true;
  };
  let lastComma = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      lastComma = -1;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      const to = end < 0 ? text.length : end;
      blank(i, to);
      i = to - 1;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const to = end < 0 ? text.length : end + 2;
      blank(i, to);
      i = to - 1;
    } else if (c === ',') {
      lastComma = i;
    } else if ((c === '}' || c === ']') && lastComma >= 0) {
      blank(lastComma, lastComma + 1);
      lastComma = -1;
    } else if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') {
      lastComma = -1;
    }
  }
  return changed ? chars.join('') : text;
}

function holdsObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'apiVersion' in value && 'kind' in value;
}

/** How to read a file, by its name and text (see ManifestShape). */
export function manifestShape(filePath: string, text: string): ManifestShape {
  if (!isJsonName(filePath)) return {};
  const plain = blankJsonComments(text);
  let value: unknown;
  try {
    value = JSON.parse(plain);
  } catch {
    // Broken JSON: a manifest when it names both keys, so that its syntax error is reported.
    return /"apiVersion"\s*:/.test(text) && /"kind"\s*:/.test(text) ? { text: plain } : { skip: 'not-manifest' };
  }
  return holdsObject(value) ? { text: plain } : { skip: 'not-manifest' };
}
