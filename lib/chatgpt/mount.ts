import { assistantMessages, findComposerForm, isStreaming, messageTextElement, replyIsComplete } from './page';
import { SELECTORS } from './selectors';

/**
 * Keeping GPT Anchors' nodes on ChatGPT's page. React drops nodes it did not render whenever it
 * re-renders, so one throttled MutationObserver puts them back; each node has a fixed identity,
 * so nothing is ever mounted twice.
 */

export const HOST_ID = 'gpt-anchors-host';
const MESSAGE_HOST_ATTR = 'data-gpt-anchors-message';
const TICK_MS = 200;

export type PageTheme = 'light' | 'dark';

export function pageTheme(doc: Document = document): PageTheme {
  const root = doc.documentElement;
  if (root.classList.contains('dark')) return 'dark';
  if (root.classList.contains('light')) return 'light';
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
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

export type MessageDecorator = {
  /** Whether this finished assistant message deserves a button (called once per message). */
  wants: (message: HTMLElement) => boolean;
  /** Builds the node to show after the message's text. */
  create: (message: HTMLElement) => HTMLElement;
};

/** Adds one node after each finished assistant message the decorator wants, once. */
export function decorateMessages(decorator: MessageDecorator, seen: WeakMap<Element, HTMLElement | null>): void {
  const messages = assistantMessages();
  const streaming = isStreaming();
  messages.forEach((message, index) => {
    const known = seen.get(message);
    if (known === null) return; // looked at, not an anchor
    if (known) {
      if (!known.isConnected) messageTextElement(message).after(known);
      return;
    }
    if ((streaming && index === messages.length - 1) || !replyIsComplete(message)) return;
    if (!decorator.wants(message)) {
      seen.set(message, null);
      return;
    }
    const node = decorator.create(message);
    node.setAttribute(MESSAGE_HOST_ATTR, '');
    messageTextElement(message).after(node);
    seen.set(message, node);
  });
}

const MESSAGE_TEXT = SELECTORS.assistantText.join(', ');

/**
 * Whether every change is inside a message's rendered text: a reply streaming in (one mutation
 * per token, each a walk over the whole chat for the tick) and nothing else. Our nodes sit next
 * to the text, never in it, and a reply's end shows outside it (stop button gone, action row
 * added), so such changes need no tick.
 */
function onlyMessageText(records: MutationRecord[]): boolean {
  return records.every((record) => {
    const target = record.target instanceof Element ? record.target : record.target.parentElement;
    return target?.closest(MESSAGE_TEXT) != null;
  });
}

/**
 * Runs `tick` after page changes, at most every TICK_MS, until `signal` aborts. Also runs it when
 * the page's theme class changes. Changes only inside a message's text are left alone.
 */
export function watchPage(tick: () => void, signal: AbortSignal): void {
  // Leading and trailing throttle: a re-rendered composer gets its bar back at once, and a
  // streaming reply (a mutation every few ms) costs one tick per TICK_MS.
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = 0;
  const run = () => {
    timer = undefined;
    last = performance.now();
    tick();
  };
  const schedule = () => {
    if (timer !== undefined) return;
    const wait = last + TICK_MS - performance.now();
    if (wait <= 0) run();
    else timer = setTimeout(run, wait);
  };
  const page = new MutationObserver((records) => {
    if (!onlyMessageText(records)) schedule();
  });
  page.observe(document.body, { childList: true, subtree: true });
  const theme = new MutationObserver(schedule);
  theme.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
  const scheme = matchMedia('(prefers-color-scheme: dark)');
  scheme.addEventListener('change', schedule);
  signal.addEventListener('abort', () => {
    page.disconnect();
    theme.disconnect();
    scheme.removeEventListener('change', schedule);
    clearTimeout(timer);
  });
  run();
}
