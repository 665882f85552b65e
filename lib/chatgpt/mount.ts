import { anyGenerationSelector } from './generations';
import { assistantMessages, findComposerForm, findStopButton, findStopButtonIn, isStopControl, messageTextElement, replyIsComplete } from './page';

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

/** The composer form the bar sits right after, while it is still in the page (null: floating, or the form is gone). */
export function barForm(host: HTMLElement): Element | null {
  const form = host.previousElementSibling;
  return !host.hasAttribute('data-floating') && form?.tagName === 'FORM' && form.isConnected ? form : null;
}

/**
 * placeBar when it is likely in place already: when the bar still sits right after a connected
 * form, nothing needs looking up (a query over a long chat's whole page costs far more). A
 * re-rendered composer takes its form out of the page (or our bar with it), so it is noticed.
 */
export function keepBarPlaced(host: HTMLElement): void {
  if (!barForm(host)) placeBar(host);
}

/**
 * The tick's look for the stop control. The control sits in the composer form at the end of the
 * page, so a whole-page query walks all of a long chat first, once per selector and at every tick.
 * The composer form (`form()`: the bar's, known at no cost) is searched first; once the control
 * was found there, only there. A page that has shown its control anywhere else, or while the form
 * is unknown, is searched whole.
 */
export function createStopFinder(form: () => Element | null): () => HTMLElement | null {
  /** Where the page showed its stop control: not yet, in the composer form, or elsewhere (once is enough). */
  let seenIn: 'unknown' | 'form' | 'page' = 'unknown';
  return () => {
    const composer = form();
    if (composer && seenIn !== 'page') {
      const stop = findStopButtonIn(composer);
      if (stop) seenIn = 'form';
      if (stop || seenIn === 'form') return stop;
    }
    const stop = findStopButton();
    if (stop && composer && !composer.contains(stop)) seenIn = 'page';
    return stop;
  };
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
 * `messages`: the page's assistant messages (the tick's one walk, shared with the meter).
 */
export function decorateMessages(
  decorator: MessageDecorator,
  seen: WeakMap<Element, HTMLElement | null>,
  streaming: boolean,
  messages: readonly HTMLElement[] = assistantMessages(),
): void {
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
 * While a reply streams, the page observer is off: ChatGPT changes the page on every token, and an
 * observer of the whole page makes the browser record each change even when its callback ignores
 * it. The stop control is watched instead (watchStopControl), which no token changes.
 */
const OBSERVE_PAGE: MutationObserverInit = { childList: true, subtree: true };

/**
 * Calls `changed` on every change that may end the stream or drop our bar, and on no other: an
 * attribute of the stop control (B's button only loses one), any child added or removed in the
 * composer form around it (or in its parent), and a child added to or removed from any element
 * above that (the form or a part of the page holding it re-rendered; our bar, next to the form,
 * dropped). A reply's tokens change none of these. Returns a stop.
 */
function watchStopControl(stop: Element, changed: () => void): () => void {
  const region = stop.closest('form') ?? stop.parentElement ?? stop;
  const observer = new MutationObserver(changed);
  observer.observe(stop, { attributes: true });
  observer.observe(region, { childList: true, subtree: true });
  for (let above = region.parentNode; above; above = above.parentNode) observer.observe(above, { childList: true });
  return () => observer.disconnect();
}

/**
 * Runs `tick` after page changes, at most every TICK_MS, until `signal` aborts; `onTheme` when the
 * page's theme (class or data-theme) or the system's changes. Changes only inside a message's
 * text are left alone. `tick` is told whether a reply is streaming (`findStop`, asked once per
 * tick here: createStopFinder's, in the content script). `keep` (put the bar back: cheap while it
 * is in place) runs at once on every change, so a re-rendered composer gets its bar back in the
 * same frame.
 *
 * While a reply streams, only the stop control is watched (watchStopControl); once it is no
 * longer one, the page is observed again and a tick runs TICK_MS later (it finds a re-rendered
 * stop control, and pauses again). Not at once: ChatGPT renders the reply's end right then (its
 * action row, the final markdown), and the tick's walk over a long chat would add to that frame;
 * a moment later the reply is complete and the page quiet.
 */
export function watchPage(
  tick: (streaming: boolean) => void,
  signal: AbortSignal,
  {
    keep = () => undefined,
    onTheme = () => undefined,
    findStop = () => findStopButton(),
  }: { keep?: () => void; onTheme?: () => void; findStop?: () => HTMLElement | null } = {},
): void {
  let tickTimer: ReturnType<typeof setTimeout> | undefined;
  let stopWatching: (() => void) | undefined;
  let last = 0;
  const run = () => {
    tickTimer = undefined;
    last = performance.now();
    const stop = findStop();
    tick(stop !== null);
    if (stop) pauseWhileStreaming(stop);
  };
  const schedule = () => {
    if (tickTimer !== undefined || stopWatching !== undefined) return;
    tickTimer = setTimeout(run, Math.max(0, last + TICK_MS - performance.now()));
  };
  const page = new MutationObserver((records) => {
    if (onlyMessageText(records)) return;
    keep();
    schedule();
  });
  const pauseWhileStreaming = (stop: Element) => {
    if (stopWatching !== undefined) return;
    page.disconnect();
    // While the control is one, the reply streams: no query needed. Once it is not (gone, or B's
    // button back to send), the page is observed again and the tick looks for one.
    stopWatching = watchStopControl(stop, () => {
      if (isStopControl(stop)) return keep();
      stopWatching?.();
      stopWatching = undefined;
      page.observe(document.body, OBSERVE_PAGE);
      keep();
      last = performance.now(); // the tick comes TICK_MS after the end (see above)
      schedule();
    });
  };
  page.observe(document.body, OBSERVE_PAGE);
  const theme = new MutationObserver(onTheme);
  theme.observe(document.documentElement, { attributes: true, attributeFilter: ['class', 'data-theme'] });
  const scheme = prefersDark();
  scheme.addEventListener('change', onTheme);
  signal.addEventListener('abort', () => {
    page.disconnect();
    theme.disconnect();
    scheme.removeEventListener('change', onTheme);
    clearTimeout(tickTimer);
    stopWatching?.();
  });
  run();
}
