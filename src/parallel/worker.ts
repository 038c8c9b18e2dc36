/**
 * A worker thread of `lint()`: lints a contiguous part of the run's files, as `lint()` would in one
 * thread, in three steps driven by the main thread (pool.ts):
 *   1. read and parse the files (single-object rules held back); report the CRDs found and the
 *      custom kinds used;
 *   2. register every CRD of the run in run order (schemas only for the kinds this worker has),
 *      run the single-object rules; send the objects to the cross-resource rules;
 *   3. take the cross-resource reports on its objects, locate them, apply suppressions; send the
 *      file results.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { rules as allRules } from '../../rules/index.js';
import { Linter } from '../engine/linter.js';
import { addScreened, brokenSchemaNotices, inputCrds, limitsOf, prepareConfig, readSources, schemaSetup } from '../lint.js';
import { isCrdObject, crdInfoOf, type CrdInfo } from '../schema/crd.js';
import { apiGroupOf } from '../k8s/api-version.js';
import type { LintObject } from '../load/objects.js';
import { Mailbox, type FoundCrd, type FromWorker, type ToWorker, type TransferObject, type WorkerInit } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('src/parallel/worker.ts runs in a worker thread');

const mailbox = new Mailbox<ToWorker>();
port.on('message', (message: ToWorker) => {
  mailbox.deliver(message);
});

function receive(): Promise<ToWorker> {
  return mailbox.receive();
}

function send(message: FromWorker): void {
  port?.postMessage(message);
}

/** The CRD without its schemas: what another worker needs of a CRD whose kinds it does not have. */
function withoutSchemas(info: CrdInfo): CrdInfo {
  return {
    ...info,
    versions: info.versions.map((version) => {
      const copy = { ...version };
      delete copy.schema;
      return copy;
    }),
  };
}

/** An object for the cross-resource rules. A CRD's schemas are left behind: no such rule reads them. */
function transferOf(object: LintObject): TransferObject {
  const value = isCrdObject(object.value)
    ? { apiVersion: object.value.apiVersion, kind: object.value.kind, metadata: object.value.metadata }
    : object.value;
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: object.name,
    namespace: object.namespace,
    value,
    filePath: object.filePath,
    documentIndex: object.document.index,
    basePath: object.basePath,
    role: object.role,
  };
}

async function run({ options, files, kustomize }: WorkerInit): Promise<void> {
  const ruleIds = options.ruleIds;
  const ruleSet = ruleIds ? allRules.filter((r) => ruleIds.includes(r.id)) : allRules;
  const { resolved } = prepareConfig({ ...options, ruleSet });
  const setup = schemaSetup(resolved, options, options.cwd);
  const linter = new Linter(resolved, { schemas: setup.registry, limits: limitsOf(options), defer: true, kustomize });

  // 1. Read and parse.
  const sources = readSources(linter, files, {});
  const crds: (FoundCrd & { full: CrdInfo })[] = [];
  for (const { value, source } of inputCrds(linter, sources)) {
    const info = crdInfoOf(value);
    if (info) crds.push({ info: withoutSchemas(info), full: info, source });
  }
  for (const source of sources) addScreened(linter, source);
  sources.length = 0; // the texts are no longer needed: every file is parsed
  const kinds = new Set(linter.lintObjects.map((o) => `${apiGroupOf(o.apiVersion ?? '')}\n${o.kind ?? ''}`));
  send({ type: 'crds', crds: crds.map(({ info, source }) => ({ info, source })), kinds: [...kinds] });

  for (;;) {
    const message = await receive();
    if (message.type === 'want') {
      send({ type: 'crd-schemas', infos: message.ids.map((id) => (crds[id] as { full: CrdInfo }).full) });
    } else if (message.type === 'register') {
      // 2. Every CRD of the run, in run order, then the single-object rules.
      for (const entry of message.crds) {
        if ('local' in entry) {
          const own = crds[entry.local] as { full: CrdInfo; source: string };
          setup.registry.addCrdInfo(own.full, own.source);
        } else setup.registry.addCrdInfo(entry.info, entry.source);
      }
      linter.runDeferredRules();
      send({ type: 'objects', objects: linter.lintObjects.map(transferOf) });
    } else {
      // 3. Cross-resource reports, then suppressions, sorting and counts.
      const objects = linter.lintObjects;
      for (const { ruleId, object, ...report } of message.reports) {
        const target = objects[object];
        if (target) linter.addRunReport(ruleId, { ...report, object: target });
      }
      for (const { ruleId, filePath, message: text } of message.crashes) linter.addRunCrash(ruleId, filePath, new Error(text));
      const results = linter.finalize();
      // Before answering: the main thread ends this thread once it has the results.
      setup.registry.flushCaches();
      send({ type: 'results', results, schemaNotices: brokenSchemaNotices(setup), celStats: setup.registry.celStats });
      return;
    }
  }
}

run(workerData as WorkerInit).catch((error: unknown) => {
  send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
});
