// Bundles the kube-lint command (src/cli.ts) and the worker thread of lint() (src/parallel/worker.ts)
// into dist/cli.js, dist/worker.js and their shared chunks: one file to load instead of a hundred
// modules, which is most of a cold start (`kube-lint --version`: about 250 ms -> 180 ms here).
// The library API stays unbundled in dist/src/. yaml and Ajv are not bundled: src/lazy.ts loads them
// from node_modules on first use.
//
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { URL, fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = path.join(root, 'dist');
// The digest of src/schema/ that keys the validator cache (see src/schema/disk-cache.ts), from the
// library build that `npm run build` made just before.
const { schemaCodeDigest } = await import(new URL('../dist/src/schema/disk-cache.js', import.meta.url).href);

const result = await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli.ts', worker: 'src/parallel/worker.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  chunkNames: 'chunk-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  charset: 'utf8',
  legalComments: 'none',
  // Bundled CommonJS code may require Node's own modules; an ES module has no require of its own.
  banner: {
    js: "import { createRequire as __kubeLintCreateRequire } from 'node:module';\nconst require = __kubeLintCreateRequire(import.meta.url);",
  },
  // The language server's protocol library is loaded from node_modules by `kube-lint lsp` only:
  // bundled, it would add 400 kB to the package for a command most runs never start.
  external: ['vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageserver-textdocument'],
  define: { KUBE_LINT_SCHEMA_DIGEST: JSON.stringify(schemaCodeDigest(path.join(root, 'src', 'schema'))) },
  metafile: true,
  logLevel: 'warning',
});

// Chunks are named by their content: remove those of earlier builds.
const made = new Set(Object.keys(result.metafile.outputs).map((file) => path.basename(file)));
for (const name of readdirSync(outdir)) {
  if (name.endsWith('.js') && !made.has(name)) rmSync(path.join(outdir, name));
}

// The CEL implementation (@bufbuild/cel with its protobuf runtime and RE2 engine), as one CommonJS
// file that src/cel/runtime.ts loads on first use: a run that meets a CEL rule loads one file
// instead of about a hundred modules (0.13 s of CPU instead of 0.24 s here, `node -e 0`: 0.08 s).
await build({
  absWorkingDir: root,
  stdin: {
    contents: "export * as cel from '@bufbuild/cel';\nexport * as ext from '@bufbuild/cel/ext';\nexport * as re2 from '@bufbuild/re2';\n",
    resolveDir: root,
    sourcefile: 'cel-entry.mjs',
  },
  outfile: path.join(outdir, 'cel.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  legalComments: 'inline',
  logLevel: 'warning',
});
