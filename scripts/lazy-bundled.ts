/**
 * src/lazy.ts for bundles (scripts/build-action.ts): the same modules, imported statically so that
 * the bundler includes them. A bundle runs where no node_modules folder is.
 */
import * as ajv from 'ajv';
import * as standalone from 'ajv/dist/standalone/index.js';
import * as yaml from 'yaml';
import * as cel from '@bufbuild/cel';
import * as celExt from '@bufbuild/cel/ext';
import * as re2 from '@bufbuild/re2';
import { createRequire } from 'node:module';
import type { LazyBuiltins, LazyModules } from '../src/lazy.js';

const modules = {
  yaml,
  ajv,
  'ajv/dist/standalone': standalone,
  '@bufbuild/cel': cel,
  '@bufbuild/cel/ext': celExt,
  '@bufbuild/re2': re2,
} as unknown as LazyModules;

export function lazyRequire<K extends keyof LazyModules>(id: K): LazyModules[K] {
  return modules[id];
}

const nodeRequire = createRequire(import.meta.url);

export function lazyBuiltin<K extends keyof LazyBuiltins>(id: K): LazyBuiltins[K] {
  return nodeRequire(id) as LazyBuiltins[K];
}

/** Set by the bundler (scripts/build-action.ts) from node_modules/ajv/package.json. */
declare const KUBE_LINT_AJV_VERSION: string;

export function ajvVersion(): string {
  return KUBE_LINT_AJV_VERSION;
}
