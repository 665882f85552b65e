import { render } from 'preact';
import { browser } from 'wxt/browser';
import css from '../../components/in-page.css?inline';
import { InPageApp } from '../../components/InPageApp';
import {
  HOST_ID,
  MESSAGE_HOST_ATTR,
  barForm,
  createStopFinder,
  decorateMessages,
  keepBarPlaced,
  onlyMessageText,
  pageTheme,
  watchPage,
} from '../../lib/chatgpt/mount';
import { createMessageList } from '../../lib/chatgpt/chat-messages';
import { missingParts } from '../../lib/chatgpt/page';
import { waitForQuiet } from '../../lib/chatgpt/wait';
import { mayOfferAnchor } from '../../lib/content/capture';
import { createChatLength } from '../../lib/content/chat-length';
import { createController, type Controller } from '../../lib/content/controller';
import { PAGE_CHECK_ENTRY, type PageCheckHost } from '../../lib/content/page-check-entry';
import { createShadowHost } from '../../lib/content/shadow-host';
import { trusted } from '../../lib/content/trusted';
import type { ReplyKind } from '../../lib/messaging/messages';
import { answerMessages } from '../../lib/messaging/protocol';
import { tabChecks, type TabPayloads, type TabResponses } from '../../lib/messaging/tab-requests';

/**
 * GPT Anchors on a ChatGPT page, for as long as `life` lasts (WXT's `ctx.signal`: it aborts when
 * the extension is updated, reloaded or removed). Then every observer, timer, listener and wait
 * stops and our nodes leave the page: nothing of an old copy acts on the page again.
 *
 * Our nodes are found by reference, never looked up by id or tag: the page may already hold an
 * element with our id, or define a custom element of its own by any name.
 */
export async function runInPage(life: AbortSignal): Promise<void> {
  const controller = createController(life);
  // Commands can come before the bar is mounted: the controller's state waits for it.
  const stopAnswering = answerMessages<TabPayloads, TabResponses>(
    tabChecks,
    {
      async runCommand({ command, selectionText }) {
        if (command === 'save') void controller.save();
        else if (command === 'resume') void controller.openPicker();
        else void controller.saveSelection(selectionText ?? '');
        return null;
      },
      async resumeOrder(order) {
        void controller.resumePicked(order);
        return null;
      },
      async closePicker() {
        controller.closePicker();
        return null;
      },
      async checkPage() {
        await import(/* @vite-ignore */ browser.runtime.getURL('/page-check.js'));
        return (globalThis as PageCheckHost)[PAGE_CHECK_ENTRY]!();
      },
    },
    // Only this extension can message a content script; say so anyway.
    (type, sender) => (sender.id === browser.runtime.id ? null : `${type} is not accepted from this sender.`),
  );
  life.addEventListener('abort', stopAnswering, { once: true });
  // Nothing goes into the page before React has hydrated it (a foreign node makes it throw error
  // #418 and render the page again): the first mount waits for the page to settle. A reply
  // streaming in on load does not count as unsettled.
  try {
    await waitForQuiet({ quietMs: 400, maxMs: 4_000, signal: life, counts: (records) => !onlyMessageText(records) });
  } catch {
    return; // the script was invalidated first
  }

  const { host, root } = createShadowHost('div', css);
  host.id = HOST_ID;
  const mountPoint = document.createElement('div');
  root.append(mountPoint);
  // The UI is a function of the controller's state (commands may have changed it before the mount).
  const length = createChatLength(controller, life);
  const draw = () =>
    render(<InPageApp controller={controller} state={controller.store.get()} length={length} lengthState={length.store.get()} />, mountPoint);
  const stopDrawing = controller.store.subscribe(draw);
  const stopDrawingLength = length.store.subscribe(draw);
  draw();
  // The keys in force, again whenever the tab comes back into view (they may have just been changed).
  void controller.loadKeys();
  document.addEventListener('visibilitychange', () => void controller.loadKeys(), { signal: life });

  const buttons = messageButtons(controller, life);
  const seen = new WeakMap<Element, HTMLElement | null>();
  const syncTheme = () => {
    const theme = pageTheme();
    if (host.dataset.theme === theme) return;
    host.dataset.theme = theme;
    buttons.setTheme(theme);
  };
  const messageList = createMessageList();
  /** The page (its address) whose replies were all looked at by a tick while none streamed. */
  let looked = '';
  const tick = (streaming: boolean) => {
    keepBarPlaced(host);
    controller.setMissing(missingParts());
    syncTheme();
    // A reply has started to stream on a page whose replies were all looked at, and their buttons
    // are where they were: nothing to do about the messages until it ends.
    if (streaming && looked === location.href && buttons.inPlace()) {
      length.tick(true);
      return;
    }
    // The page's messages, for the replies' buttons and for the meter: only what is new is looked at.
    const { messages, replies } = messageList();
    decorateMessages(buttons, seen, streaming, replies);
    length.tick(streaming, replies, messages);
    looked = streaming ? '' : location.href;
  };
  // On every change, and while a reply streams, the bar's place is kept at once (see watchPage).
  watchPage(tick, life, { keep: () => keepBarPlaced(host), onTheme: syncTheme, findStop: createStopFinder(() => barForm(host)) });

  void controller.resumePending();

  life.addEventListener(
    'abort',
    () => {
      stopDrawing();
      stopDrawingLength();
      render(null, mountPoint);
      host.remove();
      buttons.remove();
    },
    { once: true },
  );
}

/**
 * The *Save this anchor* button after each finished reply that is an anchor. The page only takes
 * a cheap look at a reply's text; the background says what it is (it holds the parser and the
 * library): an anchor, one that breaks a limit (the click says why), one already saved, or none.
 * After this tab changes the library, every button asks again.
 */
function messageButtons(controller: Controller, life: AbortSignal) {
  const buttons = new Map<Element, HTMLButtonElement>();
  const show = (button: HTMLButtonElement, kind: ReplyKind) => {
    const saved = kind === 'saved';
    button.textContent = saved ? 'Saved' : 'Save this anchor';
    button.title = saved ? 'Already in your GPT Anchors library' : '';
  };
  let changes = 0;
  const unsubscribe = controller.store.subscribe((state) => {
    if (state.changes === changes) return;
    changes = state.changes;
    for (const [message, button] of buttons) {
      if (!message.isConnected) buttons.delete(message);
      else void controller.replyKind(message).then((kind) => kind !== 'none' && show(button, kind));
    }
  });
  return {
    wants: mayOfferAnchor,
    async create(message: HTMLElement): Promise<HTMLElement | null> {
      const kind = await controller.replyKind(message);
      if (kind === 'none' || life.aborted) return null;
      const { host, root } = createShadowHost('span', css);
      host.style.display = 'block';
      host.dataset.theme = pageTheme();
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'save-this';
      show(button, kind);
      button.addEventListener('click', trusted(() => void controller.saveMessage(message)));
      root.append(button);
      buttons.set(message, button);
      return host;
    },
    /** Whether every button made is still next to its reply: React drops ours when it re-renders a reply. */
    inPlace(): boolean {
      let placed = true;
      for (const [message, button] of buttons) {
        if (!message.isConnected) {
          buttons.delete(message);
          placed = false;
        } else if (!(button.getRootNode() as ShadowRoot).host.isConnected) placed = false;
      }
      return placed;
    },
    setTheme(theme: string) {
      document.querySelectorAll<HTMLElement>(`[${MESSAGE_HOST_ATTR}]`).forEach((node) => (node.dataset.theme = theme));
    },
    remove() {
      unsubscribe();
      buttons.clear();
      document.querySelectorAll(`[${MESSAGE_HOST_ATTR}]`).forEach((node) => node.remove());
    },
  };
}
