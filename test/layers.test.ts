/**
 * The house's layers (STYLE.md: load/ -> k8s/ -> schema/ -> engine/ -> rules/ -> format/ -> faces),
 * read from the import statements of src/** and rules/**: a rule reads objects, never the loader;
 * a formatter sees plain results and rule descriptors, never the engine; and no module imports
 * itself through others (type-only imports count: a cycle of types is a knot in the design too).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Module -> the modules of the project it imports (paths relative to the root, `/`-separated). */
type Graph = Map<string, string[]>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return sourceFiles(full);
      return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [full] : [];
    })
    .sort();
}

/** `./x.js` from `dir` -> the .ts file it names, when it is one of the project's. */
function resolveImport(dir: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const target = path.resolve(dir, specifier);
  const candidates = [target.replace(/\.js$/, '.ts'), `${target}.ts`, path.join(target, 'index.ts')];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

/** Every static, dynamic and re-export import of the .ts files under `folders` of `root`. */
export function importGraph(root: string, folders: readonly string[]): Graph {
  const graph: Graph = new Map();
  const key = (file: string): string => path.relative(root, file).split(path.sep).join('/');
  for (const folder of folders) {
    const dir = path.join(root, folder);
    if (!existsSync(dir)) continue;
    for (const file of sourceFiles(dir)) {
      // preProcessFile reads import, export-from and import() specifiers, and no comment or string.
      const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
      const targets = info.importedFiles
        .map((f) => resolveImport(path.dirname(file), f.fileName))
        .filter((f): f is string => f !== undefined)
        .map(key);
      graph.set(key(file), [...new Set(targets)]);
    }
  }
  return graph;
}

/** Imports that cross a layer the wrong way: `from -> to (why)`. */
export function layerViolations(graph: Graph): string[] {
  const out: string[] = [];
  for (const [from, targets] of graph) {
    for (const to of targets) {
      if (from.startsWith('rules/') && to.startsWith('src/load/')) out.push(`${from} -> ${to} (a rule imports the loader)`);
      if (from.startsWith('src/format/') && to.startsWith('src/engine/')) out.push(`${from} -> ${to} (a formatter imports the engine)`);
    }
  }
  return out;
}

/** The import cycles (strongly connected components of more than one module, or a self-import), each as its sorted modules. */
export function importCycles(graph: Graph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  // Tarjan's algorithm, iterative so that a deep import chain cannot overflow the stack.
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (!frame) break;
      const targets = graph.get(frame.node) ?? [];
      if (frame.next < targets.length) {
        const to = targets[frame.next++];
        if (to === undefined) continue;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node) ?? 0, index.get(to) ?? 0));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) ?? 0, low.get(frame.node) ?? 0));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string | undefined;
        do {
          member = stack.pop();
          if (member === undefined) break;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        const selfImport = component.length === 1 && targets.includes(frame.node);
        if (component.length > 1 || selfImport) cycles.push(component.sort());
      }
    }
  }
  return cycles.sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
}

describe('layers', () => {
  const graph = importGraph(ROOT, ['src', 'rules']);

  it('reads the imports of every module of src/ and rules/', () => {
    expect(graph.size).toBeGreaterThan(100);
    // Spot checks of the reader: a static import, a re-export and a dynamic import.
    expect(graph.get('src/lint.ts')).toContain('rules/index.ts');
    expect(graph.get('src/engine/config.ts')).toContain('src/suggest.ts');
    expect(graph.get('src/cli.ts')).toContain('src/lsp.ts');
  });

  it('no rule imports the loader and no formatter imports the engine', () => {
    expect(layerViolations(graph)).toEqual([]);
  });

  it('no module imports itself through others', () => {
    expect(importCycles(graph)).toEqual([]);
  });

  describe('the checks can fail', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'kube-lint-layers-'));
    afterAll(() => {
      rmSync(root, { recursive: true, force: true });
    });
    const write = (file: string, text: string): void => {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    };
    write('src/load/parse.ts', "import type { Finding } from '../types.js';\nexport const parse = 1;\n");
    write('src/types.ts', "import { parse } from './load/parse.js';\nexport type Finding = typeof parse;\n");
    write('src/engine/rule.ts', 'export type Rule = string;\n');
    write('src/format/sarif.ts', "import type { Rule } from '../engine/rule.js';\nexport type R = Rule;\n");
    write('src/format/index.ts', "export { type R } from './sarif.js';\nexport const self = () => import('./index.js');\n");
    write(
      'rules/privileged.ts',
      "// import { parse } from '../src/load/comment.js';\nimport {\n  parse,\n} from '../src/load/parse.js';\n",
    );

    it('finds a rule importing the loader and a formatter importing the engine, not a commented import', () => {
      expect(layerViolations(importGraph(root, ['src', 'rules']))).toEqual([
        'src/format/sarif.ts -> src/engine/rule.ts (a formatter imports the engine)',
        'rules/privileged.ts -> src/load/parse.ts (a rule imports the loader)',
      ]);
    });

    it('finds a cycle through type-only imports and a module that imports itself', () => {
      expect(importCycles(importGraph(root, ['src', 'rules']))).toEqual([['src/format/index.ts'], ['src/load/parse.ts', 'src/types.ts']]);
    });
  });
});
