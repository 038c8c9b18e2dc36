/**
 * CommonJS dependencies loaded on first use: most runs need neither the `yaml` package (the exact
 * parser) nor Ajv (compiling validators, checking a config), and loading them takes a while.
 *
 * A bundle (the GitHub Action, which runs without node_modules) replaces this module with
 * scripts/lazy-bundled.ts, which imports the same modules statically so that they are bundled.
 */
import { createRequire } from 'node:module';
import type * as AjvModule from 'ajv';
import type * as YamlModule from 'yaml';
import type * as CelModule from '@bufbuild/cel';
import type * as CelExtModule from '@bufbuild/cel/ext';
import type * as Re2Module from '@bufbuild/re2';
import type * as NetModule from 'node:net';
import type * as WorkerThreadsModule from 'node:worker_threads';
import type * as ZlibModule from 'node:zlib';

const nodeRequire = createRequire(import.meta.url);

export interface LazyModules {
  yaml: typeof YamlModule;
  ajv: typeof AjvModule;
  'ajv/dist/standalone': { default: (ajv: AjvModule.Ajv, validate: AjvModule.ValidateFunction) => string };
  '@bufbuild/cel': typeof CelModule;
  '@bufbuild/cel/ext': typeof CelExtModule;
  '@bufbuild/re2': typeof Re2Module;
}

export function lazyRequire<K extends keyof LazyModules>(id: K): LazyModules[K] {
  return nodeRequire(id) as LazyModules[K];
}

export interface LazyBuiltins {
  'node:net': typeof NetModule;
  'node:worker_threads': typeof WorkerThreadsModule;
  'node:zlib': typeof ZlibModule;
}

/**
 * A Node.js built-in module, loaded on first use: each of these takes a few milliseconds to load,
 * and a one-file run needs none of them (IP address checks, decompressing schemas or prebuilt
 * validators, threads).
 */
export function lazyBuiltin<K extends keyof LazyBuiltins>(id: K): LazyBuiltins[K] {
  return nodeRequire(id) as LazyBuiltins[K];
}

/** The version of Ajv in use (part of the validator cache's keys). */
export function ajvVersion(): string {
  return (nodeRequire('ajv/package.json') as { version: string }).version;
}
