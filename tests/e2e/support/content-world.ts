import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** The name Chromium gives our content script's isolated world (the extension's name). */
const WORLD_NAME = 'GPT Anchors';

export type ContentWorld = { cdp: CDPSession; run: (expression: string) => Promise<unknown> };

/**
 * A DevTools handle on our content script's isolated world in `page`, to speak as it would: its
 * messages reach the background with the sender the browser gives a content script in a ChatGPT
 * tab. For tests that need a page's own request (a save) without clicking through a chat, and
 * for the attacker spec, which speaks from that world as a compromised page process could.
 */
export async function contentScriptWorld(context: BrowserContext, page: Page): Promise<ContentWorld> {
  const cdp = await context.newCDPSession(page);
  const worlds: { id: number; name: string }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context: ctx }) => {
    if ((ctx.auxData as { type?: string } | undefined)?.type === 'isolated') worlds.push({ id: ctx.id, name: ctx.name });
  });
  await cdp.send('Runtime.enable');
  await expect.poll(() => worlds.some((w) => w.name === WORLD_NAME)).toBe(true);
  const world = worlds.find((w) => w.name === WORLD_NAME)!;
  return {
    cdp,
    run: async (expression) => {
      const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
        expression,
        contextId: world.id,
        awaitPromise: true,
        returnByValue: true,
      });
      if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
      return result.value;
    },
  };
}

export type ContentScriptTimers = {
  /**
   * Waits until every timer and animation frame the content script asked for before this call,
   * and due within `withinMs`, has run or been cancelled; then until a message the script sends
   * has had its answer, so whatever those timers set off has reached the background. The state
   * that shows the script has done what it had scheduled, where a test must show nothing happened.
   */
  idle(withinMs: number): Promise<void>;
};

/**
 * From now on, keeps track of the timers and frames our content script asks for (its isolated
 * world's own `setTimeout` and `requestAnimationFrame`; intervals are left out, as they never end).
 */
export async function watchContentScriptTimers(world: ContentWorld): Promise<ContentScriptTimers> {
  await world.run(`(() => {
    const scope = globalThis;
    if (scope.__pendingWork) return;
    const pending = new Map();
    let key = 0;
    const wrap = (schedule, cancel) => {
      const keys = new Map();
      const scheduled = (run, ms = 0, ...args) => {
        const mine = (key += 1);
        const id = schedule.call(scope, (...given) => {
          pending.delete(mine);
          keys.delete(id);
          if (typeof run === 'function') run(...args, ...given);
        }, ms);
        pending.set(mine, { at: performance.now(), ms: Number(ms) || 0 });
        keys.set(id, mine);
        return id;
      };
      const cancelled = (id) => {
        pending.delete(keys.get(id));
        keys.delete(id);
        return cancel.call(scope, id);
      };
      return [scheduled, cancelled];
    };
    [scope.setTimeout, scope.clearTimeout] = wrap(scope.setTimeout, scope.clearTimeout);
    const [raf, caf] = [scope.requestAnimationFrame, scope.cancelAnimationFrame];
    const [frame, cancelFrame] = wrap((run) => raf.call(scope, run), caf);
    scope.requestAnimationFrame = (run) => frame(run, 0);
    scope.cancelAnimationFrame = cancelFrame;
    scope.__pendingWork = pending;
  })()`);
  return {
    async idle(withinMs) {
      const mark = await world.run('performance.now()');
      await expect
        .poll(() => world.run(`[...globalThis.__pendingWork.values()].filter((t) => t.at <= ${mark} && t.ms <= ${withinMs}).length`), {
          timeout: withinMs + 10_000,
        })
        .toBe(0);
      await world.run(`chrome.runtime.sendMessage({ type: 'getShortcuts', payload: {} }).then(() => true)`);
    },
  };
}

export type ContentScriptWakeups = {
  /** Starts counting from now. */
  mark(): Promise<void>;
  /** The content script's callbacks run since the mark, and the milliseconds since it. */
  since(): Promise<{ wakeups: number; ms: number }>;
};

/**
 * From now on, counts every time the content script is woken: a timer, an interval or an
 * animation frame it asked for, or a mutation observer it creates from now on, calling back.
 */
export async function countContentScriptWakeups(world: ContentWorld): Promise<ContentScriptWakeups> {
  await world.run(`(() => {
    const scope = globalThis;
    if (scope.__wakeups) return;
    const count = { wakeups: 0, since: performance.now() };
    scope.__wakeups = count;
    const counted = (run) => (typeof run === 'function' ? (...given) => { count.wakeups += 1; return run(...given); } : run);
    for (const name of ['setTimeout', 'setInterval', 'requestAnimationFrame']) {
      const original = scope[name];
      scope[name] = (run, ...rest) => original.call(scope, counted(run), ...rest);
    }
    const Observer = scope.MutationObserver;
    scope.MutationObserver = class extends Observer {
      constructor(callback) {
        super(counted(callback));
      }
    };
  })()`);
  return {
    mark: async () => void (await world.run(`(globalThis.__wakeups.wakeups = 0, globalThis.__wakeups.since = performance.now())`)),
    since: async () =>
      (await world.run(`({ wakeups: globalThis.__wakeups.wakeups, ms: performance.now() - globalThis.__wakeups.since })`)) as {
        wakeups: number;
        ms: number;
      },
  };
}
