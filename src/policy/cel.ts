/**
 * The CEL environment of policies: src/cel (branch issue-14), adapted to the CelBackend interface.
 * Until src/cel is merged, policies that need CEL stop with a configuration error.
 */
import { ConfigError } from '../errors.js';
import type { CelBackend } from './evaluate.js';

export function celBackend(): CelBackend {
  throw new ConfigError('policies need the CEL environment (src/cel), which this build does not have yet');
}
