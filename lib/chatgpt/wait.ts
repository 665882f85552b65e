/**
 * Waiting on ChatGPT's page without polling loops: a MutationObserver re-checks a condition when
 * the page changes (at most once per 50 ms), and a timer ends the wait. Every wait takes an
 * AbortSignal; once it settles (or is cancelled), its observer, timers and abort listener are gone.
 */

export class WaitTimeout extends Error {
  override name = 'WaitTimeout';
}

export class WaitCancelled extends Error {
  override name = 'WaitCancelled';
  constructor() {
    super('Cancelled.');
  }
}

export type WaitOptions = {
  timeoutMs: number;
  signal?: AbortSignal;
  /** What the timeout error says. */
  description?: string;
  root?: Node;
};

/** A timer that ends with its wait; setting it again replaces what it was set to. */
type Timer = (ms: number, run: () => void) => void;

/** What a wait is given: how to end it, and timers and observers that end with it. */
type Waiting<T> = {
  resolve: (value: T) => void;
  reject: (error: Error) => void;
  timer: () => Timer;
  /** Observes `root` until the wait ends. */
  observe: (root: Node, options: MutationObserverInit, changed: (records: MutationRecord[]) => void) => void;
};

/** The plumbing every wait shares: it settles once, and then nothing of it is left running. */
function waitOn<T>(signal: AbortSignal | undefined, start: (waiting: Waiting<T>) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) return reject(new WaitCancelled());
    const ends: (() => void)[] = [];
    const end = (settle: () => void) => {
      for (const cleanUp of ends.splice(0)) cleanUp();
      settle();
    };
    const onAbort = () => end(() => reject(new WaitCancelled()));
    signal?.addEventListener('abort', onAbort, { once: true });
    ends.push(() => signal?.removeEventListener('abort', onAbort));
    start({
      resolve: (value) => end(() => resolve(value)),
      reject: (error) => end(() => reject(error)),
      timer() {
        let id: ReturnType<typeof setTimeout> | undefined;
        ends.push(() => clearTimeout(id));
        return (ms, run) => {
          clearTimeout(id);
          id = setTimeout(run, ms);
        };
      },
      observe(root, options, changed) {
        const observer = new MutationObserver(changed);
        observer.observe(root, options);
        ends.push(() => observer.disconnect());
      },
    });
  });
}

const timedOut = (description: string) => new WaitTimeout(`Timed out waiting for ${description}.`);
const ALL_CHANGES: MutationObserverInit = { childList: true, subtree: true, characterData: true, attributes: true };

export function waitFor<T>(check: () => T | null | undefined | false, options: WaitOptions): Promise<T> {
  const { timeoutMs, signal, description = 'the page', root = document.documentElement } = options;
  return waitOn<T>(signal, ({ resolve, reject, timer, observe }) => {
    const first = check();
    if (first) return resolve(first);
    const recheck = timer();
    let scheduled = false;
    observe(root, ALL_CHANGES, () => {
      if (scheduled) return;
      scheduled = true;
      // A timer, not requestAnimationFrame: frames stop in a background tab, timers only slow down.
      recheck(50, () => {
        scheduled = false;
        const value = check();
        if (value) resolve(value);
      });
    });
    timer()(timeoutMs, () => reject(timedOut(description)));
  });
}

/** Resolves once `read()` has returned the same value for `quietMs` with no change in between. */
export function waitUntilStable<T>(read: () => T, quietMs: number, options: WaitOptions): Promise<T> {
  const { timeoutMs, signal, description = 'the reply to settle', root = document.documentElement } = options;
  return waitOn<T>(signal, ({ resolve, reject, timer, observe }) => {
    let last = read();
    const quiet = timer();
    const armQuiet = () =>
      quiet(quietMs, () => {
        const now = read();
        if (now === last) resolve(now);
        else {
          last = now;
          armQuiet();
        }
      });
    observe(root, { childList: true, subtree: true, characterData: true }, armQuiet);
    timer()(timeoutMs, () => reject(timedOut(description)));
    armQuiet();
  });
}

export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return waitOn<void>(signal, ({ resolve, timer }) => timer()(ms, resolve));
}

/**
 * Resolves once the page has gone `quietMs` without a change that `counts`, or after `maxMs` in
 * any case. Used before the first mount: React hydrates the server's HTML in steps, and a node
 * added to its tree before it is done makes it throw error #418 and render the whole root again.
 */
export function waitForQuiet(options: {
  quietMs: number;
  maxMs: number;
  signal?: AbortSignal;
  counts?: (records: MutationRecord[]) => boolean;
}): Promise<void> {
  const { quietMs, maxMs, signal, counts = () => true } = options;
  return waitOn<void>(signal, ({ resolve, timer, observe }) => {
    const quiet = timer();
    quiet(quietMs, resolve);
    timer()(maxMs, resolve);
    observe(document.documentElement, ALL_CHANGES, (records) => {
      if (counts(records)) quiet(quietMs, resolve);
    });
  });
}
