import type { Anchor } from '../anchor';
import { LIMITS, checkName } from '../anchor-check';
import { pageTheme } from '../chatgpt/mount';
import { chatTitle, messageSource } from '../chatgpt/page';
import { newChatUrl, pageKind } from '../chatgpt/urls';
import { WaitCancelled, WaitTimeout } from '../chatgpt/wait';
import type { ResumeOrder, SaveResult } from '../messages';
import { sendToBackground } from '../protocol';
import { suggestAnchorName } from '../names';
import { parseAnchorText } from '../parse';
import { CaptureError, captureFromChat, readAnchorFromMessage, type Capture, type CapturePhase } from './capture';
import { pageChanged, settledMissingParts } from './drift';
import { mountPickerFrame, type PickerFrame } from './picker-frame';
import { resumeIntoChat } from './resume';
import { createStore } from './store';

/** After a save: `receipt` is what Undo, Rename and Mask may touch (lib/background/page-actions.ts). */
export type SavedToast = { kind: 'saved'; anchor: Anchor; duplicate: boolean; secrets: string[]; receipt: string };
/** After Mask: a masked new version; the unmasked one waits in the trash (`unmaskedDeleted` once deleted for good). */
export type MaskedToast = { kind: 'masked'; anchor: Anchor; receipt: string; unmaskedDeleted: boolean; previous: SavedToast };

export type Toast = SavedToast | MaskedToast | { kind: 'message'; tone: 'info' | 'error'; text: string };

export type ContentState = {
  /** Set while Save anchor is working; the button shows the phase and cancels on click. */
  saving: CapturePhase | null;
  toast: Toast | null;
  /** Parts of ChatGPT's page that cannot be found (its layout changed), shown under the buttons. */
  missing: readonly string[];
};

const MISSING_GRACE_MS = 2_000;

/** The in-page UI's state and actions; components render it, the background's commands call it. */
export function createController() {
  const store = createStore<ContentState>({ saving: null, toast: null, missing: [] });
  let running: AbortController | null = null;
  let picker: { frame: PickerFrame; returnFocus: HTMLElement | null } | null = null;

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

  /** Undo of a save moves what it made to the trash; Undo of a mask brings the unmasked version back. */
  async function undo(toast: SavedToast | MaskedToast): Promise<void> {
    await guarded(async () => {
      const { restored } = await sendToBackground('undoSave', { receipt: toast.receipt });
      if (toast.kind === 'masked') {
        store.set({ toast: { ...toast.previous, anchor: restored ?? toast.previous.anchor } });
      } else {
        showInfo(`Moved anchor [${toast.anchor.name}] to the trash. The popup's trash can restore it.`);
      }
    });
  }

  /** Renames the anchor the toast shows; answers the validation error to show next to the field. */
  async function rename(toast: SavedToast | MaskedToast, name: string): Promise<string | null> {
    const checked = checkName(name);
    if (!checked.ok) return checked.error;
    try {
      const renamed = await sendToBackground('renameAnchor', { receipt: toast.receipt, name: checked.value });
      const now = store.get().toast;
      if (now === toast) store.set({ toast: { ...toast, anchor: renamed } });
      return null;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  /** Mask saves a masked new version; the unmasked one goes to the trash until deleted for good or undone. */
  async function mask(toast: SavedToast): Promise<void> {
    await guarded(async () => {
      const masked = await sendToBackground('maskSecrets', { receipt: toast.receipt });
      store.set({ toast: { kind: 'masked', ...masked, unmaskedDeleted: false, previous: toast } });
    }, 'Nothing was changed.');
  }

  async function deleteUnmasked(toast: MaskedToast): Promise<void> {
    await guarded(async () => {
      await sendToBackground('deleteUnmasked', { receipt: toast.receipt });
      store.set({ toast: { ...toast, unmaskedDeleted: true } });
    }, 'Nothing was deleted.');
  }

  /** `afterReload`: the order was waiting for this page's load; it must not ask for another one. */
  async function resume(order: ResumeOrder, afterReload = false): Promise<void> {
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

  /**
   * Opens the picker frame (lib/content/picker-frame.ts), or brings it forward when it is open. On
   * a chat whose page GPT Anchors cannot read, says what is missing instead of offering to resume.
   */
  async function openPicker(): Promise<void> {
    if (picker) {
      picker.frame.focus();
      return;
    }
    const missing = pageKind(location.pathname) === 'other' ? [] : await settledMissingParts();
    if (missing.length > 0) {
      showError(pageChanged(missing, 'Nothing can be resumed here.'));
      return;
    }
    const returnFocus = focusedElement();
    await guarded(async () => {
      const { token } = await sendToBackground('openPicker', {});
      picker?.frame.remove();
      picker = { frame: mountPickerFrame(token, pageTheme()), returnFocus };
    }, 'Nothing was resumed.');
  }

  /** Removes the picker; focus goes back where it was, unless a resume is about to take it. */
  function closePicker(restoreFocus = true): void {
    if (!picker) return;
    const { frame, returnFocus } = picker;
    picker = null;
    frame.remove();
    if (restoreFocus && returnFocus?.isConnected) returnFocus.focus();
  }

  /** The anchor the user picked in the picker, sent by the background. */
  async function resumePicked(order: ResumeOrder): Promise<void> {
    if (!picker) return; // no picker of ours is open: nobody picked anything here
    closePicker(false);
    await resume(order);
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
    deleteUnmasked,
    openPicker,
    closePicker,
    resumePicked,
    openPageCheck,
    resume,
    resumePending,
    dismissToast: () => store.set({ toast: null }),
    showError,
    showInfo,
  };
}

/** The element that has focus, inside shadow roots too (our bar's buttons live in one). */
function focusedElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

export type Controller = ReturnType<typeof createController>;
