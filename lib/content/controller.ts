import type { Anchor } from '../anchor';
import { LIMITS, checkName } from '../anchor-check';
import { chatTitle, messageSource } from '../chatgpt/page';
import { newChatUrl, pageKind } from '../chatgpt/urls';
import { WaitCancelled, WaitTimeout } from '../chatgpt/wait';
import type { ResumeOrder, SaveResult } from '../messages';
import { sendToBackground } from '../protocol';
import { suggestAnchorName } from '../names';
import { parseAnchorText } from '../parse';
import { CaptureError, captureFromChat, readAnchorFromMessage, type Capture, type CapturePhase } from './capture';
import { pageChanged, settledMissingParts } from './drift';
import { resumeIntoChat } from './resume';
import { createStore } from './store';

export type Toast =
  | { kind: 'saved'; anchor: Anchor; duplicate: boolean; secrets: string[] }
  | { kind: 'message'; tone: 'info' | 'error'; text: string };

export type ContentState = {
  /** Set while Save anchor is working; the button shows the phase and cancels on click. */
  saving: CapturePhase | null;
  toast: Toast | null;
  pickerOpen: boolean;
  /** Parts of ChatGPT's page that cannot be found (its layout changed), shown under the buttons. */
  missing: readonly string[];
};

const MISSING_GRACE_MS = 2_000;

/** The in-page UI's state and actions; components render it, the background's commands call it. */
export function createController() {
  const store = createStore<ContentState>({ saving: null, toast: null, pickerOpen: false, missing: [] });
  let running: AbortController | null = null;

  const showError = (text: string) => store.set({ toast: { kind: 'message', tone: 'error', text } });
  const showInfo = (text: string) => store.set({ toast: { kind: 'message', tone: 'info', text } });

  async function keep(capture: Capture): Promise<SaveResult> {
    const result = await sendToBackground('saveAnchor', capture);
    store.set({ toast: { kind: 'saved', ...result } });
    return result;
  }

  /** Turns any failure into a toast that says what did not happen; nothing throws into ChatGPT's page. */
  async function guarded(run: () => Promise<unknown>, notDone = 'Nothing was saved.'): Promise<void> {
    try {
      await run();
    } catch (error) {
      if (error instanceof WaitCancelled) showInfo(`Cancelled. ${notDone}`);
      else if (error instanceof WaitTimeout) showError(`${error.message} ${notDone}`);
      else showError(error instanceof Error ? error.message : String(error));
    }
  }

  async function save(): Promise<void> {
    if (running) {
      running.abort();
      return;
    }
    const controller = new AbortController();
    running = controller;
    await guarded(async () => {
      const settings = await sendToBackground('getSettings', {});
      const capture = await captureFromChat({
        template: settings.template,
        timing: { replyTimeoutMs: settings.replyTimeoutSeconds * 1000, quietMs: 1000 },
        signal: controller.signal,
        onPhase: (phase) => store.set({ saving: phase }),
      });
      await keep(capture);
    });
    running = null;
    store.set({ saving: null });
  }

  async function saveMessage(message: Element): Promise<void> {
    await guarded(async () => {
      const parsed = readAnchorFromMessage(message);
      if (!parsed.ok) {
        throw new CaptureError(parsed.invalid ? `${parsed.reason} Nothing was saved.` : `This message is not an anchor: ${parsed.reason}`);
      }
      await keep({ draft: parsed.draft, origin: 'captured', source: messageSource(message) });
    });
  }

  async function saveSelection(fallbackText: string): Promise<void> {
    await guarded(async () => {
      const text = window.getSelection()?.toString().trim() || fallbackText.trim();
      if (!text) throw new CaptureError('Select some text in the chat first.');
      const parsed = parseAnchorText(text);
      const source = messageSource(null);
      if (parsed.ok) {
        await keep({ draft: parsed.draft, origin: 'selection', source });
        return;
      }
      if (parsed.invalid) throw new CaptureError(`${parsed.reason} Nothing was saved.`);
      if (text.length > LIMITS.field) {
        throw new CaptureError(`The selection is too long (${text.length} characters; the limit is ${LIMITS.field}).`);
      }
      const draft = { name: suggestAnchorName(chatTitle()), context: text, milestone: '', nextAction: '', dependencies: [] };
      await keep({ draft, origin: 'selection', source });
    });
  }

  async function undo(anchor: Anchor): Promise<void> {
    await guarded(async () => {
      await sendToBackground('undoSave', { id: anchor.id });
      showInfo(`Removed anchor [${anchor.name}]`);
    });
  }

  /** Renames the anchor just saved; answers the validation error to show next to the field. */
  async function rename(anchor: Anchor, name: string): Promise<string | null> {
    const checked = checkName(name);
    if (!checked.ok) return checked.error;
    try {
      const renamed = await sendToBackground('renameAnchor', { id: anchor.id, name: checked.value });
      const toast = store.get().toast;
      if (toast?.kind === 'saved') store.set({ toast: { ...toast, anchor: renamed } });
      return null;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  async function mask(anchor: Anchor): Promise<void> {
    await guarded(async () => {
      const masked = await sendToBackground('maskSecrets', { id: anchor.id });
      store.set({ toast: { kind: 'saved', anchor: masked, duplicate: false, secrets: [] } });
    });
  }

  /** `afterReload`: the order was waiting for this page's load; it must not ask for another one. */
  async function resume(order: ResumeOrder, afterReload = false): Promise<void> {
    store.set({ pickerOpen: false });
    await guarded(async () => {
      const outcome = await resumeIntoChat(order, { mayReload: !afterReload });
      if (outcome === 'reload') {
        // This page cannot open a new chat in place: load one, and resume there (claimed on load).
        await sendToBackground('resumeAfterReload', { id: order.anchorId });
        showInfo(`Opening a new chat for [${order.name}]…`);
        location.assign(newChatUrl(location.href));
        return;
      }
      await sendToBackground('recordResume', { id: order.anchorId });
      if (outcome === 'copied') {
        showInfo(`Could not write into ChatGPT's composer: the resume text of [${order.name}] is on the clipboard, paste it.`);
      } else {
        showInfo(outcome === 'sent' ? `Resumed [${order.name}] and sent it.` : `Resumed [${order.name}]: press send when ready.`);
      }
    }, 'The resume text was not sent.');
  }

  /** A resume asked for from the popup waits in the background for this tab: take it. */
  async function resumePending(): Promise<void> {
    await guarded(async () => {
      const order = await sendToBackground('claimPendingResume', {});
      if (order) await resume(order, true);
    }, 'Nothing was resumed.');
  }

  /** On a chat whose page GPT Anchors cannot read, says what is missing instead of offering to resume. */
  async function openPicker(): Promise<void> {
    const missing = pageKind(location.pathname) === 'other' ? [] : await settledMissingParts();
    if (missing.length > 0) {
      showError(pageChanged(missing, 'Nothing can be resumed here.'));
      return;
    }
    store.set({ pickerOpen: true });
  }

  /** The options page's page check, which the bar's "page changed" notice links to. */
  async function openPageCheck(): Promise<void> {
    await guarded(() => sendToBackground('openPageCheck', {}), '');
  }

  /**
   * Called on every page tick; only a change re-renders. A part must stay missing for a while
   * before it is reported, since ChatGPT's page builds itself in steps while it loads.
   */
  let missingTimer: ReturnType<typeof setTimeout> | undefined;
  let pendingMissing: string | undefined;
  function setMissing(missing: readonly string[]): void {
    const key = missing.join();
    if (key === pendingMissing) return;
    clearTimeout(missingTimer);
    pendingMissing = undefined;
    if (key === store.get().missing.join()) return;
    if (missing.length === 0) {
      store.set({ missing });
      return;
    }
    pendingMissing = key;
    missingTimer = setTimeout(() => {
      pendingMissing = undefined;
      store.set({ missing });
    }, MISSING_GRACE_MS);
  }

  return {
    store,
    setMissing,
    save,
    saveMessage,
    saveSelection,
    undo,
    rename,
    mask,
    openPicker,
    openPageCheck,
    resume,
    resumePending,
    closePicker: () => store.set({ pickerOpen: false }),
    dismissToast: () => store.set({ toast: null }),
    showError,
    showInfo,
  };
}

export type Controller = ReturnType<typeof createController>;
