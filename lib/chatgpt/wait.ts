/**
 * Waiting on ChatGPT's page without polling loops: a MutationObserver re-checks a condition when
 * the page changes (at most once per 50 ms), and a timer ends the wait.
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

export function waitFor<T>(check: () => T | null | undefined | false, options: WaitOptions): Promise<T> {
  const { timeoutMs, signal, description = 'the page', root = document.documentElement } = options;
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) return reject(new WaitCancelled());
    const first = check();
    if (first) return resolve(first);
    let scheduled = false;
    const finish = (settle: () => void) => {
      observer.disconnect();
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      settle();
    };
    const recheck = () => {
      scheduled = false;
      const value = check();
      if (value) finish(() => resolve(value));
    };
    const observer = new MutationObserver(() => {
      if (scheduled) return;
      scheduled = true;
      // A timer, not requestAnimationFrame: frames stop in a background tab, timers only slow down.
      setTimeout(recheck, 50);
    });
    const timer = setTimeout(() => finish(() => reject(new WaitTimeout(`Timed out waiting for ${description}.`))), timeoutMs);
    const onAbort = () => finish(() => reject(new WaitCancelled()));
    signal?.addEventListener('abort', onAbort, { once: true });
    observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
  });
}

/** Resolves once `read()` has returned the same value for `quietMs` with no change in between. */
export function waitUntilStable(read: () => string, quietMs: number, options: WaitOptions): Promise<string> {
  const { timeoutMs, signal, description = 'the reply to settle', root = document.documentElement } = options;
  return new Promise<string>((resolve, reject) => {
    if (signal?.aborted) return reject(new WaitCancelled());
    let last = read();
    let quiet: ReturnType<typeof setTimeout>;
    const finish = (settle: () => void) => {
      observer.disconnect();
      clearTimeout(quiet);
      clearTimeout(limit);
      signal?.removeEventListener('abort', onAbort);
      settle();
    };
    const armQuiet = () => {
      clearTimeout(quiet);
      quiet = setTimeout(() => {
        const now = read();
        if (now === last) finish(() => resolve(now));
        else {
          last = now;
          armQuiet();
        }
      }, quietMs);
    };
    const observer = new MutationObserver(() => armQuiet());
    const limit = setTimeout(() => finish(() => reject(new WaitTimeout(`Timed out waiting for ${description}.`))), timeoutMs);
    const onAbort = () => finish(() => reject(new WaitCancelled()));
    signal?.addEventListener('abort', onAbort, { once: true });
    observer.observe(root, { childList: true, subtree: true, characterData: true });
    armQuiet();
  });
}

export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new WaitCancelled());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new WaitCancelled());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
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
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new WaitCancelled());
    let quiet = setTimeout(() => finish(resolve), quietMs);
    const limit = setTimeout(() => finish(resolve), maxMs);
    const observer = new MutationObserver((records) => {
      if (!counts(records)) return;
      clearTimeout(quiet);
      quiet = setTimeout(() => finish(resolve), quietMs);
    });
    const onAbort = () => finish(() => reject(new WaitCancelled()));
    function finish(settle: () => void) {
      observer.disconnect();
      clearTimeout(quiet);
      clearTimeout(limit);
      signal?.removeEventListener('abort', onAbort);
      settle();
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true, characterData: true });
  });
}
