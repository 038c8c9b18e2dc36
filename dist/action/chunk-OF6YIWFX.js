// kube-lint GitHub Action and command (pre-commit hook), bundled by scripts/build-action.ts: do not edit.
// Licences of the bundled packages: licenses.txt beside this file.
import { createRequire as __kubeLintCreateRequire } from 'node:module';
const require = __kubeLintCreateRequire(import.meta.url);

// src/errors.ts
var UsageError = class extends Error {
  name = "UsageError";
};
var ConfigError = class extends Error {
  name = "ConfigError";
};

export {
  UsageError,
  ConfigError
};
