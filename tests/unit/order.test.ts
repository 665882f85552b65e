import { describe, expect, it } from 'vitest';
import { instant, isNewer, newestFirst, newestOf, oldestFirst, sortNewestFirst, toUtc } from '../../lib/model/order';

const at = (id: string, createdAt: string) => ({ id, createdAt });

describe('newest first, by the instant', () => {
  it('compares times with offsets as instants, not as text', () => {
    const east = at('a', '2026-03-14T10:00:00+05:00'); // 05:00Z
    const utc = at('b', '2026-03-14T06:00:00Z');
    expect(east.createdAt > utc.createdAt).toBe(true); // as text, east looks newer
    expect([east, utc].sort(newestFirst)).toEqual([utc, east]);
    expect(sortNewestFirst([east, utc])).toEqual([utc, east]);
    expect(isNewer(utc, east)).toBe(true);
    expect(newestOf([east, utc])).toBe(utc);
    expect([utc, east].sort(oldestFirst)).toEqual([east, utc]);
  });

  it('breaks ties by id, the larger first, and puts unreadable times last', () => {
    const list = [at('a', '2026-01-01T00:00:00Z'), at('z', 'not a time'), at('c', '2026-01-01T00:00:00.000Z'), at('b', '2026-01-01T05:00:00+05:00')];
    expect(sortNewestFirst([...list]).map((x) => x.id)).toEqual(['c', 'b', 'a', 'z']);
    expect([...list].sort(newestFirst).map((x) => x.id)).toEqual(['c', 'b', 'a', 'z']);
    expect(newestOf([])).toBeUndefined();
    expect(instant(undefined)).toBe(-Infinity);
  });

  it('writes a time in UTC, leaving text that is not a time alone', () => {
    expect(toUtc('2026-03-14T10:00:00+05:00')).toBe('2026-03-14T05:00:00.000Z');
    expect(toUtc('2026-03-14T05:00:00.000Z')).toBe('2026-03-14T05:00:00.000Z');
    expect(toUtc('soon')).toBe('soon');
  });
});
