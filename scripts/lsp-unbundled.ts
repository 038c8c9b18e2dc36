/**
 * Stands in for src/lsp.ts in the bundle of scripts/build-action.ts: the Action and the pre-commit
 * hook never serve editors, and the protocol library would add 400 kB to the committed bundle.
 */
import { UsageError } from '../src/errors.js';

export function startLanguageServer(): Promise<number> {
  return Promise.reject(
    new UsageError('the language server is not in this bundle (the pre-commit hook); run it from the npm package: npx kube-lint lsp'),
  );
}
