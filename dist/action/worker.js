// kube-lint GitHub Action and command (pre-commit hook), bundled by scripts/build-action.ts: do not edit.
// Licences of the bundled packages: licenses.txt beside this file.
import { createRequire as __kubeLintCreateRequire } from 'node:module';
const require = __kubeLintCreateRequire(import.meta.url);
import {
  Linter,
  Mailbox,
  addScreened,
  apiGroupOf,
  brokenSchemaNotices,
  crdInfoOf,
  inputCrds,
  isCrdObject,
  limitsOf,
  prepareConfig,
  readSources,
  rules,
  schemaSetup
} from "./chunk-AZVJ5M2M.js";
import "./chunk-OF6YIWFX.js";
import "./chunk-H7FGNHQJ.js";

// src/parallel/worker.ts
import { parentPort, workerData } from "node:worker_threads";
var port = parentPort;
if (!port) throw new Error("src/parallel/worker.ts runs in a worker thread");
var mailbox = new Mailbox();
port.on("message", (message) => {
  mailbox.deliver(message);
});
function receive() {
  return mailbox.receive();
}
function send(message) {
  port?.postMessage(message);
}
function withoutSchemas(info) {
  return {
    ...info,
    versions: info.versions.map((version) => {
      const copy = { ...version };
      delete copy.schema;
      return copy;
    })
  };
}
function transferOf(object) {
  const value = isCrdObject(object.value) ? { apiVersion: object.value.apiVersion, kind: object.value.kind, metadata: object.value.metadata } : object.value;
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: object.name,
    namespace: object.namespace,
    value,
    filePath: object.filePath,
    documentIndex: object.document.index,
    basePath: object.basePath,
    role: object.role
  };
}
async function run({ options, files, kustomize }) {
  const ruleIds = options.ruleIds;
  const ruleSet = ruleIds ? rules.filter((r) => ruleIds.includes(r.id)) : rules;
  const { resolved } = prepareConfig({ ...options, ruleSet });
  const setup = schemaSetup(resolved, options, options.cwd);
  const linter = new Linter(resolved, { schemas: setup.registry, limits: limitsOf(options), defer: true, kustomize });
  const sources = readSources(linter, files, {});
  const crds = [];
  for (const { value, source } of inputCrds(linter, sources)) {
    const info = crdInfoOf(value);
    if (info) crds.push({ info: withoutSchemas(info), full: info, source });
  }
  for (const source of sources) addScreened(linter, source);
  sources.length = 0;
  const kinds = new Set(linter.lintObjects.map((o) => `${apiGroupOf(o.apiVersion ?? "")}
${o.kind ?? ""}`));
  send({ type: "crds", crds: crds.map(({ info, source }) => ({ info, source })), kinds: [...kinds] });
  for (; ; ) {
    const message = await receive();
    if (message.type === "want") {
      send({ type: "crd-schemas", infos: message.ids.map((id) => crds[id].full) });
    } else if (message.type === "register") {
      for (const entry of message.crds) {
        if ("local" in entry) {
          const own = crds[entry.local];
          setup.registry.addCrdInfo(own.full, own.source);
        } else setup.registry.addCrdInfo(entry.info, entry.source);
      }
      linter.runDeferredRules();
      send({ type: "objects", objects: linter.lintObjects.map(transferOf) });
    } else {
      const objects = linter.lintObjects;
      for (const { ruleId, object, ...report } of message.reports) {
        const target = objects[object];
        if (target) linter.addRunReport(ruleId, { ...report, object: target });
      }
      for (const { ruleId, filePath, message: text } of message.crashes) linter.addRunCrash(ruleId, filePath, new Error(text));
      const results = linter.finalize();
      setup.registry.flushCaches();
      send({ type: "results", results, schemaNotices: brokenSchemaNotices(setup), celStats: setup.registry.celStats });
      return;
    }
  }
}
run(workerData).catch((error) => {
  send({ type: "error", message: error instanceof Error ? error.message : String(error) });
});
