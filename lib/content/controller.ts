import type { Anchor, Origin, Source } from '../model/anchor';
import { pageTheme } from '../chatgpt/mount';
import { chatTitle, messageSource } from '../chatgpt/page';
import { newChatUrl, pageKind } from '../chatgpt/urls';
import { WaitCancelled, WaitTimeout } from '../chatgpt/wait';
import type { ReplyKind, ResumeOrder, SaveTextResult } from '../messaging/messages';
import { sendToBackground } from '../messaging/protocol';
import type { Shortcuts } from '../model/shortcuts';
import { MAX_REPLY_TEXT, tooLongToRead } from '../model/reply-text';
import { CANCELLED_BY_USER, CaptureError, captureFromChat, readReply, type CaptureOptions, type CapturePhase } from './capture';
import { pageChanged, settledMissingParts } from './drift';
import { followResumedChat } from './lineage';
import { mountPickerFrame, type PickerFrame } from './picker-frame';
import { resumeIntoChat } from './resume';
import { createStore } from './store';
import { LIMITS } from '../model/limits';

/** After a save: `receipt` is what Undo, Rename and Mask may touch (lib/background/page-actions.ts). */
export type SavedToast = { kind: 'saved'; anchor: Anchor; duplicate: boolean; secrets: string[]; receipt: string };
/** After Mask: a masked new version; the unmasked one waits in the trash (`unmaskedDeleted` once deleted for good). */
export type MaskedToast = { kind: 'masked'; anchor: Anchor; receipt: string; unmaskedDeleted: boolean; previous: SavedToast };

export type Toast = SavedToast | MaskedToast | { kind: 'message'; tone: 'info' | 'error'; text: string };

/** The toast's Rename form: closed (null), or open with the rule the last name tried broke. */
export type RenameState = { error: string | null } | null;

export type ContentState = {
  /** Set while Save anchor is working; the button shows the phase and cancels on click. */
  saving: CapturePhase | null;
  /** Set while a resume waits for a new chat and writes into it; the Resume button cancels it. */
  resuming: boolean;
  toast: Toast | null;
  rename: RenameState;
  /** Our two commands' keys, for the bar's titles (null until the background has said). */
  keys: Shortcuts | null;
  /** Parts of ChatGPT's page that cannot be found (its layout changed), shown under the buttons. */
  missing: readonly string[];
  /** Counts what this tab changed in the library (saves, Undo, Rename, Mask): *Save this anchor* buttons ask again. */
  changes: number;
};

const MISSING_GRACE_MS = 2_000;

/** How long a toast stays when nobody points at it or works in it. */
const TOAST_MS = { saved: 12_000, info: 6_000, error: 15_000 };

/** Toasts that wait for the user: a secret to mask, or an unmasked version still in the trash. */
const waitsForUser = (toast: Toast) =>
  (toast.kind === 'saved' && toast.secrets.length > 0) || (toast.kind === 'masked' && !toast.unmaskedDeleted);

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The in-page UI's state and actions; components render it, the background's commands call it.
 * `life` is the content script's: once it aborts (the extension was updated or reloaded), every
 * wait, timer and save in progress stops, and nothing more is shown, sent or written.
 */
export function createController(life: AbortSignal = new AbortController().signal) {
  const store = createStore<ContentState>({ saving: null, resuming: false, toast: null, rename: null, keys: null, missing: [], changes: 0 });
  let running: AbortController | null = null;
  let resuming: AbortController | null = null;
  /** Follows the chat the last resume went into, for its lineage and handshake (lib/content/lineage.ts). */
  let following: AbortController | null = null;
  let picker: { frame: PickerFrame; returnFocus: HTMLElement | null } | null = null;
  let missingTimer: ReturnType<typeof setTimeout> | undefined;
  let toastTimer: ReturnType<typeof setTimeout> | undefined;
  let toastHeld = false;

  /** A new toast closes the Rename form; every toast times out unless it waits for the user or is held. */
  const set = (change: Partial<ContentState>) => {
    if (life.aborted) return;
    const toastChanged = 'toast' in change && change.toast !== store.get().toast;
    store.set(toastChanged && !('rename' in change) ? { ...change, rename: null } : change);
    if (toastChanged) {
      if (!change.toast) toastHeld = false; // a toast removed under the pointer never hears it leave
      timeToast();
    }
  };
  function timeToast(): void {
    clearTimeout(toastTimer);
    const { toast } = store.get();
    if (!toast || toastHeld || waitsForUser(toast)) return;
    toastTimer = setTimeout(() => set({ toast: null }), toast.kind === 'message' ? TOAST_MS[toast.tone] : TOAST_MS.saved);
  }

  const showError = (text: string) => set({ toast: { kind: 'message', tone: 'error', text } });
  const showInfo = (text: string) => set({ toast: { kind: 'message', tone: 'info', text } });
  const changed = (change: Partial<ContentState> = {}) => set({ ...change, changes: store.get().changes + 1 });

  /** Sends what the page shows to be parsed and saved by the background; a save shows its toast. */
  async function keep(text: string, origin: Origin, source: Source, rescuedFrom?: Source): Promise<SaveTextResult> {
    const result = await sendToBackground('saveText', { text, origin, source, ...(rescuedFrom ? { rescuedFrom } : {}) });
    if (!('notAnchor' in result)) changed({ toast: { kind: 'saved', ...result } });
    return result;
  }

  /** Turns any failure into a toast that says what did not happen; nothing throws into ChatGPT's page. */
  async function guarded(run: () => Promise<unknown>, notDone = 'Nothing was saved.'): Promise<void> {
    try {
      await run();
    } catch (error) {
      if (error instanceof WaitCancelled) showInfo(`Cancelled. ${notDone}`);
      else if (error instanceof WaitTimeout) showError(`${error.message} ${notDone}`);
      else showError(errorText(error));
    }
  }

  /**
   * Save anchor; pressed again while it works, Cancel (which also stops the reply it asked ChatGPT for).
   * `capture`: how; a full chat's rescue (lib/content/rescue.ts) runs the same way.
   */
  async function save(capture: (options: CaptureOptions) => Promise<unknown> = captureFromChat): Promise<void> {
    if (running) {
      running.abort(CANCELLED_BY_USER);
      return;
    }
    const controller = new AbortController();
    running = controller;
    await guarded(async () => {
      const request = await sendToBackground('anchorRequest', { chatTitle: chatTitle().slice(0, LIMITS.title) });
      await capture({
        request,
        signal: controller.signal,
        life,
        onPhase: (phase) => set({ saving: phase }),
        save: keep,
      });
    });
    running = null;
    set({ saving: null });
  }

  async function saveMessage(message: Element): Promise<void> {
    await guarded(async () => {
      const result = await keep(readReply(message, 'This message'), 'captured', messageSource(message));
      if ('notAnchor' in result) throw new CaptureError(`This message is not an anchor: ${result.notAnchor}`);
    });
  }

  /** What a finished reply is, for its *Save this anchor* button (a reply too long to read: `invalid`, its click says why). */
  async function replyKind(message: Element): Promise<ReplyKind> {
    try {
      return life.aborted ? 'none' : await sendToBackground('checkReply', { text: readReply(message), source: messageSource(message) });
    } catch (error) {
      return error instanceof CaptureError ? 'invalid' : 'none';
    }
  }

  /** A selection that is not an anchor becomes the Context of a new one (the background names it). */
  async function saveSelection(fallbackText: string): Promise<void> {
    await guarded(async () => {
      const text = window.getSelection()?.toString().trim() || fallbackText.trim();
      if (!text) throw new CaptureError('Select some text in the chat first.');
      if (text.length > MAX_REPLY_TEXT) throw new CaptureError(tooLongToRead('The selection', text.length));
      await keep(text, 'selection', messageSource(null));
    });
  }

  /** Undo of a save moves what it made to the trash; Undo of a mask brings the unmasked version back. */
  async function undo(toast: SavedToast | MaskedToast): Promise<void> {
    await guarded(async () => {
      const { restored } = await sendToBackground('undoSave', { receipt: toast.receipt });
      if (toast.kind === 'masked') {
        changed({ toast: { ...toast.previous, anchor: restored ?? toast.previous.anchor } });
      } else {
        changed();
        showInfo(`Moved anchor [${toast.anchor.name}] to the trash. The popup's trash can restore it.`);
      }
    });
  }

  /** Renames the anchor the toast shows; a name that breaks a rule keeps the form open with the rule (the background checks it). */
  async function rename(toast: SavedToast | MaskedToast, name: string): Promise<void> {
    try {
      const renamed = await sendToBackground('renameAnchor', { receipt: toast.receipt, name });
      changed(store.get().toast === toast ? { toast: { ...toast, anchor: renamed } } : {});
    } catch (error) {
      if (store.get().toast === toast) set({ rename: { error: errorText(error) } });
    }
  }

  /** Mask saves a masked new version; the unmasked one goes to the trash until deleted for good or undone. */
  async function mask(toast: SavedToast): Promise<void> {
    await guarded(async () => {
      const masked = await sendToBackground('maskSecrets', { receipt: toast.receipt });
      changed({ toast: { kind: 'masked', ...masked, unmaskedDeleted: false, previous: toast } });
    }, 'Nothing was changed.');
  }

  async function deleteUnmasked(toast: MaskedToast): Promise<void> {
    await guarded(async () => {
      await sendToBackground('deleteUnmasked', { receipt: toast.receipt });
      set({ toast: { ...toast, unmaskedDeleted: true } });
    }, 'Nothing was deleted.');
  }

  /**
   * Resumes into a new chat. Until the text is in, the Resume button cancels it (pressed again),
   * and so does a new resume. `afterReload`: the order was waiting for this page's load; it must
   * not ask for another one.
   */
  async function resume(order: ResumeOrder, afterReload = false): Promise<void> {
    resuming?.abort();
    const controller = new AbortController();
    resuming = controller;
    set({ resuming: true });
    await guarded(async () => {
      const outcome = await resumeIntoChat(order, { signal: controller.signal, mayReload: !afterReload });
      if (outcome === 'reload') {
        // This page cannot open a new chat in place: load one, and resume there (claimed on load).
        await sendToBackground('resumeAfterReload', { id: order.anchorId });
        showInfo(`Opening a new chat for [${order.name}]…`);
        location.assign(newChatUrl(location.href));
        return;
      }
      await sendToBackground('recordResume', { id: order.anchorId });
      following?.abort();
      following = new AbortController();
      void followResumedChat(order.text, following.signal, (text, matched) => (matched ? showInfo : showError)(text)).catch(() => {});
      if (outcome === 'copied') {
        showInfo(`Could not write into ChatGPT's composer: the resume text of [${order.name}] is on the clipboard, paste it.`);
      } else {
        showInfo(outcome === 'sent' ? `Resumed [${order.name}] and sent it.` : `Resumed [${order.name}]: press send when ready.`);
      }
    }, 'The resume text was not sent.');
    if (resuming === controller) {
      resuming = null;
      set({ resuming: false });
    }
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
    const returnFocus = focusedElement();
    await guarded(async () => {
      const missing = pageKind(location.pathname) === 'other' ? [] : await settledMissingParts(life);
      if (missing.length > 0) throw new CaptureError(pageChanged(missing, 'Nothing can be resumed here.'));
      const { token } = await sendToBackground('openPicker', {});
      if (life.aborted) return;
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
  let pendingMissing: string | undefined;
  function setMissing(missing: readonly string[]): void {
    const key = missing.join();
    if (key === pendingMissing || life.aborted) return;
    clearTimeout(missingTimer);
    pendingMissing = undefined;
    if (key === store.get().missing.join()) return;
    if (missing.length === 0) {
      set({ missing });
      return;
    }
    pendingMissing = key;
    missingTimer = setTimeout(() => {
      pendingMissing = undefined;
      set({ missing });
    }, MISSING_GRACE_MS);
  }

  /** The keys in force, for the bar's titles (the page cannot call commands.getAll()). */
  async function loadKeys(): Promise<void> {
    if (!document.hidden) set({ keys: await sendToBackground('getShortcuts', {}).catch(() => null) });
  }

  // The script is gone: stop what is under way (no Cancel: a reply asked for keeps coming), show nothing more.
  life.addEventListener(
    'abort',
    () => {
      running?.abort();
      resuming?.abort();
      following?.abort();
      clearTimeout(missingTimer);
      clearTimeout(toastTimer);
      closePicker(false);
    },
    { once: true },
  );

  return {
    store,
    setMissing,
    save,
    saveMessage,
    replyKind,
    saveSelection,
    undo,
    startRename: () => set({ rename: { error: null } }),
    rename,
    cancelRename: () => set({ rename: null }),
    mask,
    deleteUnmasked,
    openPicker,
    closePicker,
    resumePicked,
    /** The Resume button: opens the picker, or cancels the resume under way. */
    resumeOrCancel: () => (resuming ? resuming.abort() : void openPicker()),
    openPageCheck,
    resume,
    resumePending,
    dismissToast: () => set({ toast: null }),
    /** The pointer or focus is in the toast: it stays until they leave. */
    holdToast(held: boolean) {
      toastHeld = held;
      timeToast();
    },
    loadKeys,
  };
}

/** The element that has focus, inside shadow roots too (our bar's buttons live in one). */
function focusedElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

export type Controller = ReturnType<typeof createController>;
