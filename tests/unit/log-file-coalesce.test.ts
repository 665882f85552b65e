import { describe, expect, it } from 'vitest';
import { coalesce, type Clock } from '../../lib/log-file/coalesce';

/** A clock the test moves by hand: timers fire only in `advance`. */
function manualClock() {
  let now = 0;
  let nextId = 0;
  const timers = new Map<number, { at: number; run: () => void }>();
  const clock: Clock = {
    now: () => now,
    setTimeout: (run, ms) => {
      timers.set(++nextId, { at: now + ms, run });
      return nextId;
    },
    clearTimeout: (id) => void timers.delete(id as number),
  };
  async function advance(ms: number) {
    const until = now + ms;
    for (;;) {
      const due = [...timers].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      now = due[1].at;
      due[1].run();
      await flush();
    }
    now = until;
    await flush();
  }
  return { clock, advance, pending: () => timers.size };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A write that takes `ms` of the manual clock, recording when it started. */
function recorder() {
  const starts: number[] = [];
  let finish: (() => void) | undefined;
  return {
    starts,
    run: (clock: Clock) => () => {
      starts.push(clock.now());
      return new Promise<void>((resolve) => (finish = resolve));
    },
    finish: async () => {
      finish?.();
      await flush();
    },
  };
}

const TIMING = { quietMs: 500, maxWaitMs: 1_500 };

describe('coalesce: many changes, one write', () => {
  it('writes once, half a second after ten changes within a second stop', async () => {
    const { clock, advance } = manualClock();
    const writes = recorder();
    const writer = coalesce(writes.run(clock), TIMING, clock);
    for (let i = 0; i < 10; i++) {
      writer.poke();
      await advance(90);
    }
    expect(writes.starts).toEqual([]);
    await advance(500);
    expect(writes.starts).toEqual([1_310]); // the last change at 810 ms, then half a second of quiet
    await writes.finish();
    await advance(5_000);
    expect(writes.starts).toHaveLength(1);
  });

  it('writes at most a second and a half after the first change when changes never stop', async () => {
    const { clock, advance } = manualClock();
    const writes = recorder();
    const writer = coalesce(writes.run(clock), TIMING, clock);
    for (let i = 0; i < 20; i++) {
      writer.poke();
      await advance(100);
    }
    expect(writes.starts[0]).toBe(1_500);
  });

  it('never runs two writes at once: a change during a write is written by one more write after it', async () => {
    const { clock, advance } = manualClock();
    const writes = recorder();
    const writer = coalesce(writes.run(clock), TIMING, clock);
    writer.poke();
    await advance(500);
    expect(writes.starts).toEqual([500]);
    writer.poke();
    writer.poke();
    writer.poke();
    await advance(3_000);
    expect(writes.starts).toEqual([500]);
    await writes.finish();
    await advance(499);
    expect(writes.starts).toEqual([500]);
    await advance(1);
    expect(writes.starts).toEqual([500, 4_000]);
    await writes.finish();
    await advance(5_000);
    expect(writes.starts).toHaveLength(2);
  });

  it('a failed write does not stop the next change from being written', async () => {
    const { clock, advance } = manualClock();
    let calls = 0;
    const writer = coalesce(
      () => {
        calls++;
        return calls === 1 ? Promise.reject(new Error('disk full')) : Promise.resolve();
      },
      TIMING,
      clock,
    );
    writer.poke();
    await advance(500);
    writer.poke();
    await advance(500);
    expect(calls).toBe(2);
  });

  it('cancel drops the waiting write (the caller does the same work at once)', async () => {
    const { clock, advance, pending } = manualClock();
    const writes = recorder();
    const writer = coalesce(writes.run(clock), TIMING, clock);
    writer.poke();
    writer.cancel();
    expect(pending()).toBe(0);
    await advance(5_000);
    expect(writes.starts).toEqual([]);
  });
});
