import { clickSend, composerIsEmpty, composerText, fillComposer } from '../chatgpt/composer';
import { chatHasMessages, findComposer, findNewChatControl } from '../chatgpt/page';
import { pageKind } from '../chatgpt/urls';
import { WaitCancelled, delay, waitFor, waitUntilStable } from '../chatgpt/wait';
import type { ResumeOrder } from '../messaging/messages';
import { CaptureError } from './capture';
import { pageChanged, settledMissingParts } from './drift';

/** Longer than this, a resume text is more than ChatGPT comfortably takes in one message. */
export const LONG_RESUME_CHARS = 12_000;

/** `reload`: this page cannot open a new chat in place; load one, and resume there once it has loaded. */
export type ResumeOutcome = 'filled' | 'sent' | 'copied' | 'reload';

/** A click on the new-chat control did not show an empty chat: load one instead. */
class NeedsReload extends Error {}

/** How long a click on the new-chat control has to show an empty chat before a page load is used instead. */
const NEW_CHAT_CLICK_MS = 8_000;

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

/** Waits for an empty chat (no conversation in the URL, no message on the page) whose composer has settled. */
async function waitForFreshChat(signal?: AbortSignal, timeoutMs = 15_000): Promise<void> {
  await waitFor(
    () => {
      const editor = findComposer();
      return editor && !chatHasMessages() && composerIsEmpty(editor) ? editor : null;
    },
    { timeoutMs, signal, description: 'a new chat' },
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
 * Opens a fresh chat unless this one is empty, waits for its composer, and writes the resume text
 * into it (sending it only when the person asked for that). A chat with messages is never written
 * into: when the page has no new-chat control, or clicking it does not show an empty chat, the
 * answer is `reload` (after a reload, `mayReload` is false, so a page that keeps showing messages
 * cannot reload forever). On a page whose shape is not recognised nothing is written at all.
 */
export async function resumeIntoChat(
  order: ResumeOrder,
  options: { signal?: AbortSignal; mayReload?: boolean } = {},
): Promise<ResumeOutcome> {
  const { signal, mayReload = true } = options;
  const reload = (): ResumeOutcome => {
    if (mayReload) return 'reload';
    throw new CaptureError('GPT Anchors could not open a new chat on this page. Nothing was resumed.');
  };
  if (pageKind(location.pathname) === 'other') return reload();
  const missing = await settledMissingParts(signal);
  if (missing.length > 0) throw new CaptureError(pageChanged(missing, 'Nothing was resumed.'));
  try {
    if (chatHasMessages()) {
      const control = findNewChatControl();
      if (!control) return reload();
      control.click();
      await waitForFreshChat(signal, NEW_CHAT_CLICK_MS).catch((error: unknown) => {
        throw error instanceof WaitCancelled ? error : new NeedsReload();
      });
    } else {
      await waitForFreshChat(signal);
    }
  } catch (error) {
    if (error instanceof NeedsReload) return reload();
    if (error instanceof WaitCancelled) throw error;
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
