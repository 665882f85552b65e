import { clickSend, composerIsEmpty, composerText, fillComposer } from '../chatgpt/composer';
import { chatHasMessages, findComposer, findNewChatLink } from '../chatgpt/page';
import { delay, waitFor, waitUntilStable } from '../chatgpt/wait';
import type { ResumeOrder } from '../messages';

/** Longer than this, a resume text is more than ChatGPT comfortably takes in one message. */
export const LONG_RESUME_CHARS = 12_000;

export type ResumeOutcome = 'filled' | 'sent' | 'copied';

const composerIds = new WeakMap<Element, number>();
let nextComposerId = 0;

/** Which composer element is on the page: changes when ChatGPT renders a new one. */
function composerIdentity(): string {
  const editor = findComposer();
  if (!editor) return 'none';
  let id = composerIds.get(editor);
  if (id === undefined) {
    id = (nextComposerId += 1);
    composerIds.set(editor, id);
  }
  return String(id);
}

/** Waits for an empty chat whose composer has stopped being replaced. */
async function waitForFreshChat(signal?: AbortSignal): Promise<void> {
  await waitFor(
    () => {
      const editor = findComposer();
      return editor && !chatHasMessages() && composerIsEmpty(editor) ? editor : null;
    },
    { timeoutMs: 15_000, signal, description: 'a new chat' },
  );
  // A new chat's page settles in steps; writing into a composer about to be replaced loses the text.
  await waitUntilStable(composerIdentity, 250, { timeoutMs: 5_000, signal, description: 'the new chat' });
}

/** Writes the text, then checks it is still there a moment later (a re-render may have dropped it). */
async function fillAndConfirm(text: string, signal?: AbortSignal): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if ((await fillComposer(text, signal)) !== 'filled') return false;
    await delay(150, signal);
    const editor = findComposer();
    if (editor && composerText(editor) === text) return true;
  }
  return false;
}

/**
 * Opens a fresh chat unless this one is still empty, waits for its composer, and writes the
 * resume text into it (sending it only when the person asked for that).
 */
export async function resumeIntoChat(order: ResumeOrder, signal?: AbortSignal): Promise<ResumeOutcome> {
  if (chatHasMessages()) {
    const link = findNewChatLink();
    if (!link) return copyInstead(order.text);
    link.click();
  }
  try {
    await waitForFreshChat(signal);
  } catch {
    return copyInstead(order.text);
  }
  if (!(await fillAndConfirm(order.text, signal))) return copyInstead(order.text);
  if (!order.autoSend) return 'filled';
  await clickSend(signal);
  return 'sent';
}

async function copyInstead(text: string): Promise<ResumeOutcome> {
  await navigator.clipboard.writeText(text);
  return 'copied';
}
