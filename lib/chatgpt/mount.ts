import { anyGenerationSelector } from './generations';
import { assistantMessages, findComposerForm, findStopButton, isStopControl, isStreaming, messageTextElement, replyIsComplete } from './page';

/**
 * Keeping GPT Anchors' nodes on ChatGPT's page. React drops nodes it did not render whenever it
 * re-renders, so one throttled MutationObserver puts them back; each node has a fixed identity,
 * so nothing is ever mounted twice.
 */

export const HOST_ID = 'gpt-anchors-host';
export const MESSAGE_HOST_ATTR = 'data-gpt-anchors-message';
const TICK_MS = 200;

export type PageTheme = 'light' | 'dark';

/** One query list for the page's life: matchMedia() builds a new one on every call. */
let darkScheme: MediaQueryList | undefined;
const prefersDark = () => (darkScheme ??= matchMedia('(prefers-color-scheme: dark)'));

/** C: `<html data-theme="dark">`; A: `<html class="dark">`; B (and "system" everywhere): the system's setting. */
export function pageTheme(doc: Document = document): PageTheme {
  const root = doc.documentElement;
  const named = root.getAttribute('data-theme');
  if (named === 'dark' || named === 'light') return named;
  if (root.classList.contains('dark')) return 'dark';
  if (root.classList.contains('light')) return 'light';
  return prefersDark().matches ? 'dark' : 'light';
}

/** Puts the bar right after ChatGPT's composer form; floats it when the form is gone. */
export function placeBar(host: HTMLElement): 'composer' | 'floating' {
  const form = findComposerForm();
  if (form?.parentElement) {
    if (host.previousElementSibling !== form) form.after(host);
    host.removeAttribute('data-floating');
    return 'composer';
  }
  if (host.parentElement !== document.body) document.body.append(host);
  host.setAttribute('data-floating', '');
  return 'floating';
}

/**
 * placeBar when it is likely in place already: when the bar still sits right after a connected
 * form, nothing needs looking up (a query over a long chat's whole page costs far more). A
 * re-rendered composer takes its form out of the page (or our bar with it), so it is noticed.
 */
export function keepBarPlaced(host: HTMLElement): void {
  const form = host.previousElementSibling;
  if (!host.hasAttribute('data-floating') && form?.tagName === 'FORM' && form.isConnected) return;
  placeBar(host);
}

export type MessageDecorator = {
  /** Whether this finished assistant message may deserve a node (a cheap look, once per message). */
  wants: (message: HTMLElement) => boolean;
  /** The node to show after the message's text, or null for none (asked once per message it wants). */
  create: (message: HTMLElement) => Promise<HTMLElement | null>;
};

/**
 * Adds one node after each finished assistant message the decorator wants, once. `streaming`:
 * whether a reply is streaming now (the tick has looked already), so the last message waits.
 */
export function decorateMessages(
  decorator: MessageDecorator,
  seen: WeakMap<Element, HTMLElement | null>,
  streaming: boolean,
): void {
  const messages = assistantMessages();
  messages.forEach((message, index) => {
    const known = seen.get(message);
    if (known === null) return; // looked at (or being asked about), no node
    if (known) {
      if (!known.isConnected) messageTextElement(message).after(known);
      return;
    }
    if ((streaming && index === messages.length - 1) || !replyIsComplete(message)) return;
    seen.set(message, null);
    if (!decorator.wants(message)) return;
    void decorator.create(message).then((node) => {
      if (!node) return;
      node.setAttribute(MESSAGE_HOST_ATTR, '');
      messageTextElement(message).after(node);
      seen.set(message, node);
    });
  });
}

const MESSAGE_TEXT = anyGenerationSelector('replyText');

/**
 * Whether every change is inside a message's rendered text: a reply streaming in (one mutation
 * per token, each a walk over the whole chat for the tick) and nothing else. Our nodes sit next
 * to the text, never in it, and a reply's end shows outside it (stop button gone, action row
 * added), so such changes need no tick.
 */
export function onlyMessageText(records: MutationRecord[]): boolean {
  return records.every((record) => {
    const target = record.target instanceof Element ? record.target : record.target.parentElement;
    return target?.closest(MESSAGE_TEXT) != null;
  });
}

/**
 * While a reply streams, how often the light check runs (and notices the reply has ended). Each
 * wake-up of the content script costs the page more than its few lines of work: every 250 ms
 * showed in the long-chat bench (about 6 % more script time in a run), once a second is within
 * its noise. A bar dropped by a re-render mid-reply, and *Save this anchor* on a finished reply,
 * wait at most this long.
 */
const STREAM_POLL_MS = 1_000;
const OBSERVE_PAGE: MutationObserverInit = { childList: true, subtree: true };

/**
 * Runs `tick` after page changes, at most every TICK_MS, until `signal` aborts. Also runs it when
 * the page's theme (class or data-theme) changes. Changes only inside a message's text are left
 * alone. `tick` is told whether a reply is streaming (one query over the page, made once per tick
 * here).
 *
 * While a reply streams, the page observer is off: ChatGPT changes the page on every token, and
 * an observer makes the page record each change even when the callback ignores it. Instead a poll
 * every STREAM_POLL_MS runs `whileStreaming` (keep the bar where it belongs) and, once the stop
 * button is gone, observes again and ticks.
 */
export function watchPage(
  tick: (streaming: boolean) => void,
  signal: AbortSignal,
  whileStreaming: () => void = () => undefined,
): void {
  // Leading and trailing throttle: a re-rendered composer gets its bar back at once, and a burst
  // of changes costs one tick per TICK_MS.
  let timer: ReturnType<typeof setTimeout> | undefined;
  let streamPoll: ReturnType<typeof setInterval> | undefined;
  let last = 0;
  const run = () => {
    timer = undefined;
    last = performance.now();
    const streaming = isStreaming();
    tick(streaming);
    if (streaming) pauseWhileStreaming();
  };
  const schedule = () => {
    if (timer !== undefined || streamPoll !== undefined) return;
    const wait = last + TICK_MS - performance.now();
    if (wait <= 0) run();
    else timer = setTimeout(run, wait);
  };
  const page = new MutationObserver((records) => {
    if (!onlyMessageText(records)) schedule();
  });
  const pauseWhileStreaming = () => {
    if (streamPoll !== undefined) return;
    page.disconnect();
    // The control itself is watched: while it is one, the reply streams, no query needed.
    let stop = findStopButton();
    streamPoll = setInterval(() => {
      if (!stop || !isStopControl(stop)) stop = findStopButton();
      if (stop) return whileStreaming();
      clearInterval(streamPoll);
      streamPoll = undefined;
      page.observe(document.body, OBSERVE_PAGE);
      schedule();
    }, STREAM_POLL_MS);
  };
  page.observe(document.body, OBSERVE_PAGE);
  const theme = new MutationObserver(schedule);
  theme.observe(document.documentElement, { attributes: true, attributeFilter: ['class', 'data-theme'] });
  const scheme = prefersDark();
  scheme.addEventListener('change', schedule);
  signal.addEventListener('abort', () => {
    page.disconnect();
    theme.disconnect();
    scheme.removeEventListener('change', schedule);
    clearTimeout(timer);
    clearInterval(streamPoll);
  });
  run();
}
