/**
 * Bundles the GitHub Action (src/action.ts and everything it imports, @actions/core included) into
 * dist/action/ (index.js, worker.js for lint()'s worker threads, and their shared chunks), with the
 * licences of the bundled packages in dist/action/licenses.txt and the validators of common kinds
 * prebuilt in dist/action/validators/ (see scripts/prebuild-validators.mjs).
 * All are committed: a runner does no `npm install`.
 *
 *   tsx scripts/build-action.ts           write dist/action/
 *   tsx scripts/build-action.ts --check   rebuild in memory and fail if dist/action/ differs
 *
 * The build is deterministic: no timestamps, no absolute paths (esbuild writes paths relative to
 * the project folder), packages sorted by name, esbuild pinned to an exact version.
 */
import { readFileSync, readdirSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { PREBUILT_FOLDER, schemaCodeDigest } from '../src/schema/disk-cache.js';
import { prebuildValidators } from './prebuild-validators.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = 'dist/action';
/** The command the pre-commit hook runs (language: script): executable, with a #! line. */
export const HOOK_COMMAND = `${OUT_DIR}/cli.js`;

// Bundled CommonJS code may call require() for Node's own modules; an ES module has none.
const BANNER = [
  '// kube-lint GitHub Action and command (pre-commit hook), bundled by scripts/build-action.ts: do not edit.',
  '// Licences of the bundled packages: licenses.txt beside this file.',
  "import { createRequire as __kubeLintCreateRequire } from 'node:module';",
  'const require = __kubeLintCreateRequire(import.meta.url);',
].join('\n');

/**
 * @actions/core imports @actions/http-client (and with it undici, for OIDC tokens) and
 * @actions/exec (for platform details) at its top level; the Action uses neither. Declaring those
 * packages free of import side effects lets esbuild leave them out: about a megabyte less to
 * commit and to load on every run.
 */
const UNUSED_BY_THE_ACTION = /^(@actions\/(exec|http-client|io)|undici|tunnel)(\/|$)/;

const dropUnusedActionsPackages: Plugin = {
  name: 'drop-unused-actions-packages',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: UNUSED_BY_THE_ACTION }, async (args) => {
      if (args.pluginData === 'resolving') return undefined;
      const resolved = await pluginBuild.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'resolving' });
      return { ...resolved, sideEffects: false };
    });
  },
};

interface PackageInfo {
  name: string;
  version: string;
  license: string;
  text: string;
}

function packageRootOf(input: string): string | undefined {
  const parts = input.split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return undefined;
  const scoped = parts[at + 1]?.startsWith('@') ?? false;
  return parts.slice(0, at + (scoped ? 3 : 2)).join('/');
}

function licenseOf(root: string): PackageInfo {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, root, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
    license?: string;
  };
  const file = readdirSync(path.join(ROOT, root))
    .filter((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f))
    .sort()[0];
  const text = file
    ? readFileSync(path.join(ROOT, root, file), 'utf8').trim()
    : `(no licence file in the package; licence: ${pkg.license ?? 'unknown'})`;
  return { name: pkg.name, version: pkg.version, license: pkg.license ?? 'unknown', text };
}

function licensesText(inputs: readonly string[]): string {
  const roots = [...new Set(inputs.map(packageRootOf).filter((r): r is string => r !== undefined))];
  const packages = roots.map(licenseOf).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const sections = packages.map((p) => `${p.name}@${p.version} (${p.license})\n\n${p.text}\n`);
  return `Packages bundled into dist/action/, with their licences.\n\n${sections.join(`\n${'-'.repeat(72)}\n\n`)}`;
}

/** The files of dist/action/, by path relative to the project folder. */
/** A plugin that bundles `replacement` in place of the module src/<name>. */
function replaceSourceModule(name: string, replacement: string): Plugin {
  const filter = new RegExp(`(^|/)${name.replace('.', '\\.')}$`);
  return {
    name: `replace-${name}`,
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter }, (args) =>
        path.resolve(args.resolveDir, args.path) === path.join(ROOT, 'src', name)
          ? { path: path.join(ROOT, 'scripts', replacement) }
          : undefined,
      );
    },
  };
}

/** src/lazy.ts loads yaml and Ajv from node_modules, which a runner does not have: bundle them. */
const bundleLazyModules = replaceSourceModule('lazy.js', 'lazy-bundled.ts');

/** The language server stays out: see scripts/lsp-unbundled.ts. */
const leaveOutLanguageServer = replaceSourceModule('lsp.js', 'lsp-unbundled.ts');

/**
 * The validators prebuilt for the Action (a runner starts with no cache every time), made by the
 * sources through tsx: the keys are those the bundle computes (same src/schema digest, Ajv and
 * kube-lint versions, schemas).
 */
function prebuiltValidators(): Map<string, Buffer> {
  const tsx = import.meta.resolve('tsx');
  const made = prebuildValidators([process.execPath, '--import', tsx, path.join(ROOT, 'src', 'cli.ts')]);
  return new Map([...made].map(([name, data]) => [`${OUT_DIR}/${PREBUILT_FOLDER}/${name}`, data]));
}

export async function buildAction(): Promise<Map<string, string | Buffer>> {
  const ajvVersion = (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', 'ajv', 'package.json'), 'utf8')) as { version: string })
    .version;
  const result = await build({
    absWorkingDir: ROOT,
    // The worker threads of lint() (src/parallel/pool.ts) load ./worker.js beside the code.
    // cli.js is the kube-lint command, for the pre-commit hook (.pre-commit-hooks.yaml): with
    // everything bundled, installing the hook needs no npm install and no build.
    entryPoints: { index: 'src/action.ts', worker: 'src/parallel/worker.ts', cli: 'src/cli.ts' },
    outdir: OUT_DIR,
    splitting: true,
    chunkNames: '[name]-[hash]',
    define: {
      KUBE_LINT_AJV_VERSION: JSON.stringify(ajvVersion),
      KUBE_LINT_SCHEMA_DIGEST: JSON.stringify(schemaCodeDigest(path.join(ROOT, 'src', 'schema'))),
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    charset: 'utf8',
    legalComments: 'none',
    banner: { js: BANNER },
    plugins: [dropUnusedActionsPackages, bundleLazyModules, leaveOutLanguageServer],
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  const files = new Map<string, string | Buffer>();
  for (const file of result.outputFiles) files.set(path.relative(ROOT, file.path).split(path.sep).join('/'), file.text);
  // The inputs that put bytes into the bundle (packages left out by tree shaking are not listed).
  const bundled = Object.values(result.metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([name]) => name),
  );
  files.set(`${OUT_DIR}/licenses.txt`, licensesText(bundled));
  for (const [file, data] of prebuiltValidators()) files.set(file, data);
  return files;
}

/** The files in dist/action/ and its validators folder, relative to dist/action/. */
function presentFiles(): string[] {
  const list = (folder: string): string[] => {
    try {
      return readdirSync(path.join(ROOT, OUT_DIR, folder)).map((name) => (folder ? `${folder}/${name}` : name));
    } catch {
      return []; // not made yet: every built file is listed as stale
    }
  };
  return [...list('').filter((name) => name !== PREBUILT_FOLDER), ...list(PREBUILT_FOLDER)];
}

/** Paths whose committed content differs from a fresh build (missing files included). */
export async function staleFiles(): Promise<string[]> {
  const built = await buildAction();
  const stale: string[] = [];
  for (const [file, text] of built) {
    let current: Buffer | undefined;
    try {
      current = readFileSync(path.join(ROOT, file));
    } catch {
      current = undefined;
    }
    if (!current?.equals(typeof text === 'string' ? Buffer.from(text, 'utf8') : text)) stale.push(file);
  }
  try {
    // pre-commit runs the hook's command directly: git must keep it executable.
    if ((statSync(path.join(ROOT, HOOK_COMMAND)).mode & 0o111) === 0) stale.push(`${HOOK_COMMAND} (not executable)`);
  } catch {
    // missing: listed above
  }
  const extra = presentFiles().filter((f) => !built.has(`${OUT_DIR}/${f}`));
  return [...stale, ...extra.map((f) => `${OUT_DIR}/${f} (not made by the build)`)];
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--check')) {
    const stale = await staleFiles();
    if (stale.length > 0) {
      process.stderr.write(`dist/action is stale: ${stale.join(', ')}. Run: npm run build:action, and commit dist/action/\n`);
      return 1;
    }
    process.stdout.write('dist/action is up to date\n');
    return 0;
  }
  const built = await buildAction();
  mkdirSync(path.join(ROOT, OUT_DIR, PREBUILT_FOLDER), { recursive: true });
  // Chunks and prebuilt validators are named by their content: remove those of earlier builds.
  for (const name of presentFiles()) {
    if (!built.has(`${OUT_DIR}/${name}`)) rmSync(path.join(ROOT, OUT_DIR, name));
  }
  for (const [file, text] of built) writeFileSync(path.join(ROOT, file), text, { mode: file === HOOK_COMMAND ? 0o755 : 0o644 });
  const shown = [...built.keys()].filter((file) => !file.includes(`/${PREBUILT_FOLDER}/`));
  process.stdout.write(`wrote ${shown.join(', ')} and ${built.size - shown.length} prebuilt validators\n`);
  return 0;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
