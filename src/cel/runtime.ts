/**
 * The CEL implementation (@bufbuild/cel, tested against the CEL conformance suite), loaded on first
 * use: a run that meets no CEL rule never loads it.
 */
import { lazyRequire } from '../lazy.js';

export interface CelRuntime {
  cel: ReturnType<typeof lazyRequire<'@bufbuild/cel'>>;
  ext: ReturnType<typeof lazyRequire<'@bufbuild/cel/ext'>>;
  re2: ReturnType<typeof lazyRequire<'@bufbuild/re2'>>;
}

let runtime: CelRuntime | undefined;

export function celRuntime(): CelRuntime {
  runtime ??= {
    cel: lazyRequire('@bufbuild/cel'),
    ext: lazyRequire('@bufbuild/cel/ext'),
    re2: lazyRequire('@bufbuild/re2'),
  };
  return runtime;
}
