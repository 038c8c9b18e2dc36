/**
 * Compiled validators kept on disk between runs. Compiling is the slow part of schema validation
 * (a Deployment's validator takes ~100 ms, a large CRD's several hundred), and a linter runs on
 * the same kinds again and again: in a pre-commit hook, on every commit. Ajv writes a compiled
 * validator out as JavaScript (its "standalone" code); kube-lint stores that in the user's cache
 * folder and loads it instead of compiling the next time.
 *
 * - The cache folder is the user's (`$XDG_CACHE_HOME/kube-lint`, `~/.cache/kube-lint`, ...,
 *   `KUBE_LINT_CACHE_DIR` or `--cache-dir`), never the linted repository's: what it holds is run.
 * - An entry's name is a SHA-256 of everything its code depends on: the schema (the CRD's, or the
 *   bundled Kubernetes version's definition), strictness, the Ajv version, this package's version
 *   and its schema code (file sizes and times), the cache format. A changed input is a new entry.
 * - The code refers to nothing but Ajv's runtime helpers and kube-lint's own keywords and formats,
 *   passed in by name (`runtimeRequire`). An entry that does not load is compiled again.
 * - Any failure to read or write the cache is silent: the cache only ever saves time.
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import type { Ajv, ValidateFunction } from 'ajv';
import * as equalModule from 'ajv/dist/runtime/equal.js';
import * as ucs2lengthModule from 'ajv/dist/runtime/ucs2length.js';
import * as uriModule from 'ajv/dist/runtime/uri.js';
import { FORMATS, KEYWORD_VALIDATORS, RUNTIME_FORMATS, RUNTIME_KEYWORDS } from './keywords.js';
import { VERSION } from '../version.js';
import type { CelOutline } from './cel-rules.js';
import { ajvVersion, lazyBuiltin, lazyRequire } from '../lazy.js';

/** Bumped when the layout or the meaning of an entry changes. */
const CACHE_FORMAT = 1;
/** Past this many entries, the oldest half is removed (a new kube-lint or Kubernetes version adds a set). */
const MAX_ENTRIES = 4000;

/**
 * The default cache folder: KUBE_LINT_CACHE_DIR (empty or `off`: none), else the platform's user
 * cache folder. Never a relative path (which would put the cache in the linted folder): without
 * a home folder there is no cache, and a relative XDG_CACHE_HOME is ignored, as the XDG spec says.
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env, home: () => string = os.homedir): string | undefined {
  const explicit = env.KUBE_LINT_CACHE_DIR;
  if (explicit !== undefined) return explicit === '' || explicit === 'off' ? undefined : path.resolve(explicit);
  let homeDir: string;
  try {
    homeDir = home();
  } catch {
    homeDir = '';
  }
  const under = (...parts: string[]): string | undefined => (path.isAbsolute(homeDir) ? path.join(homeDir, ...parts) : undefined);
  let base: string | undefined;
  if (process.platform === 'win32')
    base = env.LOCALAPPDATA && path.isAbsolute(env.LOCALAPPDATA) ? env.LOCALAPPDATA : under('AppData', 'Local');
  else if (process.platform === 'darwin') base = under('Library', 'Caches');
  else base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : under('.cache');
  return base === undefined ? undefined : path.join(base, 'kube-lint');
}

/** The CommonJS module object of an Ajv runtime helper, whatever the importer's interop made of it. */
function commonJs(namespace: object): unknown {
  const fallback = (namespace as { default?: unknown }).default;
  return fallback !== undefined && typeof fallback === 'object' ? fallback : namespace;
}

/** What cached code may `require`: Ajv's runtime helpers, and kube-lint's keywords and formats. */
const RUNTIME: Readonly<Record<string, unknown>> = {
  'ajv/dist/runtime/equal': commonJs(equalModule),
  'ajv/dist/runtime/ucs2length': commonJs(ucs2lengthModule),
  'ajv/dist/runtime/uri': commonJs(uriModule),
  [RUNTIME_KEYWORDS]: KEYWORD_VALIDATORS,
  [RUNTIME_FORMATS]: FORMATS,
};

function runtimeRequire(id: string): unknown {
  if (!Object.hasOwn(RUNTIME, id)) throw new Error(`cached validator requires "${id}"`);
  return RUNTIME[id];
}

let fingerprint: string | undefined;

/**
 * The digest of src/schema/, set by the bundlers (scripts/bundle-cli.mjs, scripts/build-action.ts)
 * to `schemaCodeDigest(<project>/src/schema)`; undefined when running unbundled.
 */
declare const KUBE_LINT_SCHEMA_DIGEST: string | undefined;

/**
 * A digest of the code in `dir` (its .ts, .js and .mjs files, by name and content), of the CEL
 * code beside it (`../cel`, whose compile results the cache keeps too) and of the version of the
 * CEL library. The code that turns schemas into validators is src/schema/: the same digest whether
 * it runs from the sources (tests, tsx) or bundled, where the bundler computed it, so that
 * validators prebuilt for one bundle serve every bundle of the same schema code.
 */
export function schemaCodeDigest(dir: string): string {
  const hash = createHash('sha256');
  const cel = path.join(dir, '..', 'cel');
  for (const [label, folder] of [
    ['', dir],
    ['cel/', cel],
    ['cel/lib/', path.join(cel, 'lib')],
  ] as const) {
    try {
      for (const name of readdirSync(folder).sort()) {
        if (!/\.(js|ts|mjs)$/.test(name)) continue;
        const content = readFileSync(path.join(folder, name));
        hash.update(`${label}${name} ${content.length}\n`).update(content);
      }
    } catch {
      hash.update(`${label}unlisted\n`);
    }
  }
  hash.update(`@bufbuild/cel ${celLibraryVersion()}\n`);
  return hash.digest('hex');
}

/** The version of the installed CEL library (its package.json is not exported: found beside its entry). */
function celLibraryVersion(): string {
  try {
    let at = path.dirname(createRequire(import.meta.url).resolve('@bufbuild/cel'));
    for (let i = 0; i < 4; i++, at = path.dirname(at)) {
      const file = path.join(at, 'package.json');
      if (!existsSync(file)) continue;
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === '@bufbuild/cel' && typeof pkg.version === 'string') return pkg.version;
    }
  } catch {
    // not installed: bundled
  }
  return 'unknown';
}

/**
 * What the generated code depends on besides the schema: the cache format, kube-lint's and Ajv's
 * versions, and kube-lint's schema code (see schemaCodeDigest), by content: validators compiled
 * when the package was built (see PREBUILT_FOLDER) match after it is installed, whatever the
 * files' times.
 */
function codeFingerprint(): string {
  if (fingerprint !== undefined) return fingerprint;
  const code = typeof KUBE_LINT_SCHEMA_DIGEST === 'string' ? KUBE_LINT_SCHEMA_DIGEST : schemaCodeDigest(import.meta.dirname);
  fingerprint = createHash('sha256')
    .update(`format ${CACHE_FORMAT}\nkube-lint ${VERSION}\najv ${ajvVersion()}\nschema code ${code}\n`)
    .digest('hex');
  return fingerprint;
}

/**
 * The folder, beside the bundled command, of validators compiled when it was built (the common
 * kinds of the default Kubernetes version, by scripts/prebuild-validators.mjs): `<key>.js.br`,
 * read-only. A first run, before any cache is filled, loads them instead of compiling.
 */
export const PREBUILT_FOLDER = 'validators';

let prebuilt: string | null | undefined;

/** The prebuilt validators of this build, if it has them (the bundled command does). */
export function prebuiltDir(): string | undefined {
  if (prebuilt === undefined) {
    const dir = path.join(import.meta.dirname, PREBUILT_FOLDER);
    prebuilt = existsSync(dir) ? dir : null;
  }
  return prebuilt ?? undefined;
}

/** Writes through a temporary file and a rename: a reader sees the old file, the new one, or none. */
function writeAtomically(file: string, data: string | Uint8Array): void {
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    if (typeof data === 'string') writeSync(fd, data);
    else writeSync(fd, data);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
}

/** The file of CEL outlines in the cache folder (see DiskValidatorCache.celOutline). */
export const CEL_OUTLINES_FILE = 'cel-outlines.json';
/** Past this many outlines, new ones are not kept (a repository has hundreds). */
const MAX_OUTLINES = 50_000;

let outlinesKey: string | undefined;

/** What the outlines in the file were made by: the same code as the validators (see codeFingerprint). */
function celOutlinesKey(): string {
  outlinesKey ??= createHash('sha256').update(`cel outlines\n${codeFingerprint()}`).digest('hex');
  return outlinesKey;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isOutline(value: unknown): value is CelOutline {
  if (!isPlainObject(value)) return false;
  if (typeof value.error === 'string') return Object.keys(value).length === 1;
  const references = value.references;
  return (
    Object.keys(value).length === 1 &&
    Array.isArray(references) &&
    references.every(
      (r: unknown) =>
        isPlainObject(r) &&
        typeof r.variable === 'string' &&
        typeof r.has === 'boolean' &&
        Array.isArray(r.path) &&
        r.path.every((seg: unknown) => typeof seg === 'string'),
    )
  );
}

export class DiskValidatorCache {
  private pruned = false;
  /** Validators loaded without V8's compiled code (and their code, if not in `dir`): written by `flush()`. */
  private readonly unsaved = new Map<string, { script: vm.Script; code?: string }>();
  /** Entries loaded and stored, for tests and the benchmark. */
  readonly stats = { hits: 0, misses: 0, stores: 0, compiledCodeUsed: 0, prebuilt: 0 };
  /** CEL outlines (see celOutline) by expression: read from the cache folder on first use. */
  private outlines: Map<string, CelOutline> | undefined;
  /** Outlines made in this run, written by `flush()`. */
  private outlinesAdded = 0;
  /** Outlines found in the cache folder, and made, for tests and the benchmark. */
  readonly celStats = { found: 0, compiled: 0 };

  /**
   * `dir`: the cache folder, read and written (undefined: none). `prebuilt`: a folder of
   * validators compiled at build time (see PREBUILT_FOLDER), only read, after `dir`.
   */
  constructor(
    readonly dir: string | undefined,
    readonly prebuilt?: string,
  ) {}

  /** The entry name for a schema described by `parts` (compiled by an Ajv of `createAjv`'s options). */
  keyOf(...parts: string[]): string {
    const hash = createHash('sha256');
    hash.update(codeFingerprint());
    for (const part of parts) hash.update(`\n${part.length}\n${part}`);
    return hash.digest('hex');
  }

  /**
   * What the checks of a CRD's CEL rules need of `expression` (see CelOutline): from this run, the
   * cache folder, or `compile` (kept, and written by `flush()`). Made by the same code from the same
   * text, an outline never changes: the file is keyed by that code (see celOutlinesKey).
   */
  celOutline(expression: string, compile: (expression: string) => CelOutline): CelOutline {
    this.outlines ??= this.readOutlines();
    let outline = this.outlines.get(expression);
    if (outline !== undefined) {
      this.celStats.found++;
      return outline;
    }
    outline = compile(expression);
    this.celStats.compiled++;
    if (this.outlines.size < MAX_OUTLINES) {
      this.outlines.set(expression, outline);
      this.outlinesAdded++;
    }
    return outline;
  }

  private outlinesFile(): string | undefined {
    return this.dir === undefined ? undefined : path.join(this.dir, CEL_OUTLINES_FILE);
  }

  /** The outlines in the cache folder; none when the file is missing, damaged or of other code. */
  private readOutlines(): Map<string, CelOutline> {
    const out = new Map<string, CelOutline>();
    const file = this.outlinesFile();
    if (file === undefined) return out;
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      if (!isPlainObject(parsed) || parsed.key !== celOutlinesKey() || !isPlainObject(parsed.outlines)) return out;
      for (const [expression, outline] of Object.entries(parsed.outlines)) {
        if (!isOutline(outline)) return new Map();
        out.set(expression, outline);
      }
    } catch {
      // none yet, or unreadable: compiled again
    }
    return out;
  }

  private fileOf(key: string): string {
    return path.join(this.dir ?? '', `${key}.js`);
  }

  /** An entry's code (and V8's compiled code, if kept), from the cache folder or else the prebuilt one. */
  private read(key: string): { code: string; cachedData?: Buffer; prebuilt: boolean } | undefined {
    if (this.dir !== undefined) {
      try {
        const code = readFileSync(this.fileOf(key), 'utf8');
        let cachedData: Buffer | undefined;
        try {
          cachedData = readFileSync(`${this.fileOf(key)}.v8`);
        } catch {
          cachedData = undefined;
        }
        return { code, prebuilt: false, ...(cachedData ? { cachedData } : {}) };
      } catch {
        // not cached: perhaps prebuilt
      }
    }
    if (this.prebuilt === undefined) return undefined;
    try {
      return {
        code: lazyBuiltin('node:zlib')
          .brotliDecompressSync(readFileSync(path.join(this.prebuilt, `${key}.js.br`)))
          .toString('utf8'),
        prebuilt: true,
      };
    } catch {
      return undefined;
    }
  }

  /** The cached validator, or undefined (not cached, or not loadable). */
  load(key: string): ValidateFunction | undefined {
    const entry = this.read(key);
    const header = `// kube-lint ${key}\n`;
    if (!entry?.code.startsWith(header)) {
      this.stats.misses++;
      return undefined;
    }
    const { code, cachedData } = entry;
    try {
      // `self` is what Ajv binds `this` to when it calls a keyword's function: kube-lint's do not
      // use it. Ajv's own compile turns its code into a function the same way (new Function).
      const script = new vm.Script(`(function (module, exports, require, self) {${code.slice(header.length)}\n})`, {
        filename: `kube-lint-validator-${key}.js`,
        ...(cachedData ? { cachedData } : {}),
      });
      const evaluate = script.runInThisContext() as (...args: unknown[]) => void;
      const module = { exports: {} as unknown };
      evaluate(module, module.exports, runtimeRequire, {});
      const validate = module.exports;
      if (typeof validate !== 'function') throw new Error('not a function');
      if (entry.prebuilt) this.unsaved.set(key, { script, code });
      else if (!cachedData || script.cachedDataRejected === true) this.unsaved.set(key, { script });
      else this.stats.compiledCodeUsed++;
      this.stats.hits++;
      if (entry.prebuilt) this.stats.prebuilt++;
      return validate as ValidateFunction;
    } catch {
      this.stats.misses++;
      return undefined;
    }
  }

  /**
   * Writes V8's compiled code of the validators loaded without it, once they have run: the next
   * run skips parsing and compiling their JavaScript as well (`<key>.js.v8`, checked by V8
   * against the source and its own version); a prebuilt validator's code is copied beside it.
   * Call at the end of a run. Never throws.
   */
  flush(): void {
    if (this.dir === undefined) {
      this.unsaved.clear();
      return;
    }
    const outlines = this.outlinesFile();
    if (this.outlinesAdded > 0 && this.outlines && outlines !== undefined) {
      try {
        // Another run may have written outlines since this one read the file: kept too.
        for (const [expression, outline] of this.readOutlines())
          if (!this.outlines.has(expression) && this.outlines.size < MAX_OUTLINES) this.outlines.set(expression, outline);
        mkdirSync(this.dir, { recursive: true, mode: 0o700 });
        writeAtomically(outlines, JSON.stringify({ key: celOutlinesKey(), outlines: Object.fromEntries(this.outlines) }));
        this.outlinesAdded = 0;
      } catch {
        // the next run compiles them again
      }
    }
    for (const [key, { script, code }] of this.unsaved) {
      try {
        if (code !== undefined) {
          mkdirSync(this.dir, { recursive: true, mode: 0o700 });
          this.prune();
          writeAtomically(this.fileOf(key), code);
        }
        writeAtomically(`${this.fileOf(key)}.v8`, script.createCachedData());
      } catch {
        // the next run compiles again
      }
    }
    this.unsaved.clear();
  }

  /** Writes `validate` (compiled by `ajv`) under `key`. Never throws. */
  store(key: string, ajv: Ajv, validate: ValidateFunction): void {
    if (this.dir === undefined) return;
    try {
      const code = standaloneCodeOf(ajv, validate);
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      this.prune();
      writeAtomically(this.fileOf(key), `// kube-lint ${key}\n${code}`);
      this.stats.stores++;
    } catch {
      // a read-only or full disk: the next run compiles again
    }
  }

  /** Once per process: past MAX_ENTRIES entries, removes the least recently written half. */
  private prune(): void {
    if (this.pruned || this.dir === undefined) return;
    const dir = this.dir;
    this.pruned = true;
    const names = readdirSync(dir).filter((n) => n.endsWith('.js') || n.endsWith('.v8') || n.endsWith('.tmp'));
    if (names.length <= MAX_ENTRIES) return;
    const aged = names
      .map((name) => {
        try {
          return { name, time: statSync(path.join(dir, name)).mtimeMs };
        } catch {
          return { name, time: 0 };
        }
      })
      .sort((a, b) => a.time - b.time);
    for (const { name } of aged.slice(0, names.length - MAX_ENTRIES / 2)) {
      try {
        unlinkSync(path.join(dir, name));
      } catch {
        // removed by another run
      }
    }
  }
}

interface ScopeName {
  value?: { ref: unknown; code?: unknown };
}

/**
 * Ajv's standalone code for `validate`. kube-lint's keywords are functions Ajv cannot write out:
 * each is given the code that requires it from the runtime by name.
 */
function standaloneCodeOf(ajv: Ajv, validate: ValidateFunction): string {
  const { _ } = lazyRequire('ajv');
  const scope = ajv.scope as unknown as { getValue(prefix: string, ref: unknown): ScopeName | undefined };
  for (const [name, fn] of Object.entries(KEYWORD_VALIDATORS)) {
    const scoped = scope.getValue('keyword', fn);
    if (scoped?.value && scoped.value.code === undefined) scoped.value.code = _`require(${RUNTIME_KEYWORDS})[${name}]`;
  }
  const standalone = lazyRequire('ajv/dist/standalone').default;
  return standalone(ajv, validate);
}
