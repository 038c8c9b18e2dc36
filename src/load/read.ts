/**
 * Reading one file into text: size limit, binary detection and encodings (UTF-8 with or without
 * BOM, UTF-16 with BOM). Never throws: a file that cannot be turned into text says why.
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';

export const DEFAULT_MAX_FILE_BYTES = 32 * 1024 * 1024;

export type ReadOutcome = { ok: true; text: string } | { ok: false; status: 'skipped' | 'failed'; reason: string };

export function decodeBuffer(buffer: Buffer): ReadOutcome {
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) {
    return { ok: true, text: new TextDecoder('utf-16le').decode(buffer.subarray(2)) };
  }
  if (buffer.length >= 2 && buffer[0] === 0xfe && buffer[1] === 0xff) {
    return { ok: true, text: new TextDecoder('utf-16be').decode(buffer.subarray(2)) };
  }
  const probe = buffer.subarray(0, 8192);
  if (probe.includes(0)) return { ok: false, status: 'skipped', reason: 'binary file (contains NUL bytes), not YAML' };
  // isUtf8 and toString are faster than a fatal TextDecoder; the BOM is dropped as it would.
  if (isUtf8(buffer)) {
    const text = buffer.toString('utf8');
    return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  }
  const at = firstInvalidUtf8(buffer);
  const line = buffer.subarray(0, at).reduce((n, byte) => (byte === 0x0a ? n + 1 : n), 1);
  return {
    ok: false,
    status: 'failed',
    reason: `not valid UTF-8 (first bad byte at offset ${at}, line ${line}): save the file as UTF-8`,
  };
}

function firstInvalidUtf8(buffer: Buffer): number {
  // Decode progressively larger prefixes is quadratic; walk the bytes instead.
  let i = 0;
  while (i < buffer.length) {
    const b = buffer[i] ?? 0;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = buffer[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return i;
}

/**
 * Reads one manifest. Synchronous underneath: files are read one after the other, and a
 * thread-pool round trip per call (open, stat, read, close) cost more than the reading itself.
 */
export function readManifest(absolutePath: string, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<ReadOutcome> {
  return Promise.resolve(readManifestSync(absolutePath, maxBytes));
}

export function readManifestSync(absolutePath: string, maxBytes = DEFAULT_MAX_FILE_BYTES): ReadOutcome {
  let fd: number | undefined;
  try {
    fd = openSync(absolutePath, 'r');
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { ok: false, status: 'failed', reason: 'not a regular file' };
    if (stat.size > maxBytes) {
      return {
        ok: false,
        status: 'failed',
        reason: `file is ${stat.size} bytes, over the ${maxBytes}-byte limit (--max-file-size): split it or raise the limit`,
      };
    }
    return decodeBuffer(readFileSync(fd));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'file disappeared before it could be read'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'is a folder'
            : `cannot read: ${(error as Error).message}`;
    return { ok: false, status: 'failed', reason };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
