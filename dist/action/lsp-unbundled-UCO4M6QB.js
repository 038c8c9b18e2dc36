// kube-lint GitHub Action and command (pre-commit hook), bundled by scripts/build-action.ts: do not edit.
// Licences of the bundled packages: licenses.txt beside this file.
import { createRequire as __kubeLintCreateRequire } from 'node:module';
const require = __kubeLintCreateRequire(import.meta.url);
import {
  UsageError
} from "./chunk-OF6YIWFX.js";
import "./chunk-H7FGNHQJ.js";

// scripts/lsp-unbundled.ts
function startLanguageServer() {
  return Promise.reject(
    new UsageError("the language server is not in this bundle (the pre-commit hook); run it from the npm package: npx kube-lint lsp")
  );
}
export {
  startLanguageServer
};
