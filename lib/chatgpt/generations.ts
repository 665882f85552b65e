import type { PageGeneration } from './generation';
import { GENERATION_A } from './generation-a';
import { GENERATION_B } from './generation-b';
import { GENERATION_C } from './generation-c';

/** Every generation GPT Anchors knows, newest first: a page carrying two shapes is the newer one. */
export const GENERATIONS: readonly PageGeneration[] = [GENERATION_C, GENERATION_B, GENERATION_A];

/** The last recognition and the element that proved it: while that element stays, so does the answer. */
let known: { generation: PageGeneration; proof: Element } | undefined;

/** Which generation the page is, by the first signature element found; null when none is. */
export function recogniseGeneration(doc: Document = document): PageGeneration | null {
  if (known && known.proof.isConnected && known.proof.ownerDocument === doc) return known.generation;
  known = undefined;
  for (const generation of GENERATIONS) {
    for (const selector of generation.signature) {
      const proof = doc.querySelector(selector);
      if (proof) {
        known = { generation, proof };
        return generation;
      }
    }
  }
  return null;
}

/** Every generation's selectors for one part, for the checks that must hold whatever the page is. */
export function anyGenerationSelector(part: 'turn' | 'message' | 'replyText'): string {
  return GENERATIONS.flatMap((generation) => generation.selectors[part]).join(', ');
}
