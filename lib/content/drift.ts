import { missingParts, type MissingPart } from '../chatgpt/page';
import { waitFor, WaitTimeout } from '../chatgpt/wait';

/**
 * When ChatGPT's page has a shape GPT Anchors does not know, Save and Resume say which parts they
 * cannot find and change nothing: no request is written or sent, nothing is resumed.
 */

/** "the composer, the messages and the send button" */
function listParts(parts: readonly string[]): string {
  const named = parts.map((part) => `the ${part}`);
  return named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named.at(-1)}` : (named[0] ?? '');
}

export function pageChanged(parts: string | readonly string[], notDone = 'Nothing was saved.'): string {
  return `ChatGPT's page has changed: GPT Anchors cannot find ${listParts(typeof parts === 'string' ? [parts] : parts)}. ${notDone}`;
}

/** The parts still missing after giving a page that is still building itself a moment (empty: all there). */
export async function settledMissingParts(signal?: AbortSignal, timeoutMs = 2_000): Promise<MissingPart[]> {
  try {
    await waitFor(() => missingParts().length === 0, { timeoutMs, signal, description: 'the page' });
    return [];
  } catch (error) {
    if (error instanceof WaitTimeout) return missingParts();
    throw error;
  }
}
