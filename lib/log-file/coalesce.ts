/**
 * Many changes, one write: `poke()` after every change; `run` starts once changes have been quiet
 * for `quietMs`, or `maxWaitMs` after the first unwritten change when they keep coming. Never two
 * runs at once: a change during a run is written by one more run after it. Pure (timers injected).
 */

export interface Clock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
}

const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
};

export interface Coalescer {
  /** A change happened: a run will follow. */
  poke(): void;
  /** Drops a waiting run (the caller is about to do the same work now). A run in progress goes on. */
  cancel(): void;
}

export function coalesce(
  run: () => Promise<void>,
  { quietMs, maxWaitMs }: { quietMs: number; maxWaitMs: number },
  clock: Clock = realClock,
): Coalescer {
  let timer: unknown;
  let firstChangeAt: number | undefined;
  let running: Promise<void> | undefined;
  let changedWhileRunning = false;

  const start = () => {
    timer = undefined;
    firstChangeAt = undefined;
    running = run()
      .catch(() => undefined) // `run` reports its own failures; the next change tries again
      .finally(() => {
        running = undefined;
        if (changedWhileRunning) {
          changedWhileRunning = false;
          poke();
        }
      });
  };

  const poke = () => {
    if (running) {
      changedWhileRunning = true;
      return;
    }
    const now = clock.now();
    firstChangeAt ??= now;
    const wait = Math.max(0, Math.min(quietMs, firstChangeAt + maxWaitMs - now));
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = clock.setTimeout(start, wait);
  };

  return {
    poke,
    cancel() {
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
      firstChangeAt = undefined;
      changedWhileRunning = false;
    },
  };
}
