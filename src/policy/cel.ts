/**
 * The CEL environment of policies: kube-lint's one CEL implementation (src/cel, the same as for
 * CRD validation rules), with its Kubernetes libraries and its limits per evaluation, behind the
 * small interface the evaluator needs. Loaded only when a run has a policy.
 */
import { compileCel, DEFAULT_CEL_LIMITS, evaluateCel, toCelValue } from '../cel/index.js';
import type { CelBackend } from './evaluate.js';

export function celBackend(): CelBackend {
  return {
    compile(text, names) {
      const compiled = compileCel(text, names);
      if (!compiled.ok) throw new Error(compiled.error);
      const program = compiled.program;
      return {
        evaluate(variables) {
          const result = evaluateCel(program, variables, DEFAULT_CEL_LIMITS);
          if (result.ok) return { ok: true, value: result.value };
          return { ok: false, error: result.error, ...(result.kind === 'limit' ? { runaway: true } : {}) };
        },
      };
    },
    value: toCelValue,
  };
}
