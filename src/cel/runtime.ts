/**
 * The CEL implementation (@bufbuild/cel, tested against the CEL conformance suite), loaded on first
 * use: a run that meets no CEL rule never loads it.
 */
import { createRequire } from 'node:module';
import { lazyRequire } from '../lazy.js';

export interface CelRuntime {
  cel: ReturnType<typeof lazyRequire<'@bufbuild/cel'>>;
  ext: ReturnType<typeof lazyRequire<'@bufbuild/cel/ext'>>;
  re2: ReturnType<typeof lazyRequire<'@bufbuild/re2'>>;
}

let runtime: CelRuntime | undefined;

/**
 * dist/cel.cjs, the three packages bundled into one file by scripts/bundle-cli.mjs: next to the
 * bundled command's chunks, or two levels up from dist/src/cel/. Undefined when running from
 * sources (tests) or in the Action bundle, which bundles the packages itself.
 */
function bundled(): CelRuntime | undefined {
  const nodeRequire = createRequire(import.meta.url);
  for (const candidate of ['./cel.cjs', '../../cel.cjs']) {
    try {
      return nodeRequire(candidate) as CelRuntime;
    } catch {
      // not there
    }
  }
  return undefined;
}

export function celRuntime(): CelRuntime {
  runtime ??= bundled() ?? {
    cel: lazyRequire('@bufbuild/cel'),
    ext: lazyRequire('@bufbuild/cel/ext'),
    re2: lazyRequire('@bufbuild/re2'),
  };
  return runtime;
}
