/**
 * "Did you mean": the nearest of some names to a word. Used from the schema layer up (unknown
 * fields and kinds, config keys, rule ids, command-line flags), so it depends on nothing of ours.
 */
import { distance } from 'fastest-levenshtein';

/** The nearest name by edit distance, when it is close enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}
