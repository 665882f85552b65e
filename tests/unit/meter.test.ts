import ranks from 'gpt-tokenizer/bpeRanks/o200k_base';
import { describe, expect, it } from 'vitest';
import { ChatCounts } from '../../lib/meter/chat-counts';
import { chatLimit, learnedLimit, percentOf, type LimitHit } from '../../lib/meter/limit';
import { meterTitle, shortTokens } from '../../lib/meter/reading';
import { GptEncoding } from 'gpt-tokenizer/GptEncoding';
import { MAX_PIECE, TOKENS_PER_MESSAGE, countInPieces, messageTokens, o200kCounter, type TokenCounter } from '../../lib/meter/tokenizer';

const counter = () => o200kCounter(async () => ranks);

describe('the o200k counter', () => {
  it('counts as OpenAI’s o200k encoding does', async () => {
    const count = await counter();
    expect(count('hello world')).toBe(2);
    expect(count('')).toBe(0);
    expect(count('Anchor this as chat [Capstone_Step9_Admin]')).toBe(12);
    // Where o200k and the older cl100k differ (17 and 4 there): this is the 2024 encoding.
    expect(count('Привет, как дела? Это длинный чат.')).toBe(11);
    expect(count('こんにちは世界')).toBe(2);
  });

  it('counts special-token text in a chat as plain text instead of refusing it', async () => {
    const count = await counter();
    expect(count('a <|endoftext|> b')).toBeGreaterThan(3);
  });

  it('adds the chat format’s tokens to each message', async () => {
    const count = await counter();
    expect(messageTokens(count, 'hello world')).toBe(2 + TOKENS_PER_MESSAGE);
  });
});

/** A counter that counts words and remembers what it was asked to count. */
function wordCounter(): TokenCounter & { asked: string[] } {
  const asked: string[] = [];
  const count = (text: string) => {
    asked.push(text);
    return text.split(/\s+/).filter(Boolean).length;
  };
  return Object.assign(count, { asked });
}

describe('ChatCounts: what the background has counted, per chat', () => {
  const per = TOKENS_PER_MESSAGE;

  it('counts a message’s text once; afterwards its id is enough', () => {
    const counts = new ChatCounts();
    const count = wordCounter();
    expect(counts.count('c1', [{ id: 'u1', text: 'one two' }, { id: 'a1', text: 'three four five' }], count)).toEqual({ tokens: 5 + 2 * per, missing: [] });
    expect(counts.count('c1', [{ id: 'u1' }, { id: 'a1' }, { id: 'u2', text: 'six' }], count)).toEqual({ tokens: 6 + 3 * per, missing: [] });
    expect(count.asked).toEqual(['one two', 'three four five', 'six']);
  });

  it('recounts a message sent again with text (a reply that changed), and drops messages no longer listed', () => {
    const counts = new ChatCounts();
    const count = wordCounter();
    counts.count('c1', [{ id: 'u1', text: 'a b' }, { id: 'a1', text: 'c' }], count);
    expect(counts.count('c1', [{ id: 'u1' }, { id: 'a1', text: 'c d e' }], count).tokens).toBe(5 + 2 * per);
    // An edit replaced the branch: a1 is gone.
    expect(counts.count('c1', [{ id: 'u1' }], count).tokens).toBe(2 + per);
    expect(counts.count('c1', [{ id: 'u1' }, { id: 'a1' }], count).missing).toEqual(['a1']);
  });

  it('names the ids it does not know (a restarted worker), so the page sends their text', () => {
    const counts = new ChatCounts();
    const count = wordCounter();
    expect(counts.count('c1', [{ id: 'u1' }, { id: 'a1', text: 'x y' }], count)).toEqual({ tokens: 2 + per, missing: ['u1'] });
    expect(counts.count('c1', [{ id: 'u1', text: 'z' }, { id: 'a1' }], count)).toEqual({ tokens: 3 + 2 * per, missing: [] });
  });

  it('sums the first messages it counted last time from their count and last id; a mismatch asks for the whole chat', () => {
    const counts = new ChatCounts();
    const count = wordCounter();
    counts.count('c1', [{ id: 'u1', text: 'a b' }, { id: 'a1', text: 'c' }, { id: 'u2', text: 'd' }], count);
    expect(counts.count('c1', [{ id: 'u2' }, { id: 'a2', text: 'e f g' }], count, { count: 2, last: 'a1' })).toEqual({ tokens: 7 + 4 * per, missing: [] });
    expect([...counts.known('c1')!.keys()]).toEqual(['u1', 'a1', 'u2', 'a2']);
    // The page thinks the background counted what it did not (a restarted worker, another branch).
    expect(counts.count('c1', [{ id: 'x' }], count, { count: 3, last: 'a1' })).toEqual({ tokens: 0, missing: ['a1'] });
    expect(counts.count('c1', [{ id: 'x' }], count, { count: 9, last: 'a2' })).toEqual({ tokens: 0, missing: ['a2'] });
    expect(new ChatCounts().count('c1', [{ id: 'u2', text: 'd' }], count, { count: 1, last: 'u1' }).missing).toEqual(['u1']);
    // Nothing was forgotten by a refused request.
    expect(counts.count('c1', [{ id: 'a2' }], count, { count: 3, last: 'u2' }).tokens).toBe(7 + 4 * per);
  });

  it('keeps chats apart, and forgets the least recently measured past its size', () => {
    const counts = new ChatCounts(2);
    const count = wordCounter();
    counts.count('c1', [{ id: 'm', text: 'a' }], count);
    counts.count('c2', [{ id: 'm', text: 'a b' }], count);
    counts.count('c1', [{ id: 'm' }], count); // c1 used again: c2 is now the oldest
    counts.count('c3', [{ id: 'm', text: 'a b c' }], count);
    expect(counts.known('c2')).toBeUndefined();
    expect(counts.count('c1', [{ id: 'm' }], count).tokens).toBe(1 + per);
  });
});

describe('the limit', () => {
  const hit = (tokens: number, day: number): LimitHit => ({ tokens, at: `2026-11-${String(day).padStart(2, '0')}T10:00:00.000Z` });

  it('is the setting until a chat hits ChatGPT’s maximum length', () => {
    expect(learnedLimit([])).toBeNull();
    expect(chatLimit(128_000, [])).toEqual({ tokens: 128_000, learned: false });
  });

  it('becomes the size the chats reached: the median of the latest five', () => {
    expect(chatLimit(128_000, [hit(61_000, 1)])).toEqual({ tokens: 61_000, learned: true });
    expect(learnedLimit([hit(60_000, 1), hit(70_000, 2)])).toBe(65_000);
    // One chat full of files the page does not show does not drag it down alone.
    expect(learnedLimit([hit(150_000, 3), hit(20_000, 4), hit(148_000, 5)])).toBe(148_000);
    // Only the latest five count: the two oldest (tiny) are left out.
    const hits = [hit(1_000, 1), hit(1_000, 2), hit(100_000, 3), hit(110_000, 4), hit(120_000, 5), hit(130_000, 6), hit(140_000, 7)];
    expect(learnedLimit(hits)).toBe(120_000);
  });

  it('gives the share in whole percent, past 100 too', () => {
    expect(percentOf(48_200, 80_000)).toBe(60);
    expect(percentOf(79_999, 100_000)).toBe(79);
    expect(percentOf(130_000, 100_000)).toBe(130);
    expect(percentOf(10, 0)).toBe(0);
  });

  it('reads as the gauge’s tooltip says it', () => {
    expect(meterTitle({ tokens: 48_213, percent: 60, learned: false })).toBe('≈ 48,200 tokens · 60 % of your limit');
    expect(meterTitle({ tokens: 512, percent: 1, learned: true })).toBe('≈ 512 tokens · 1 % of your learned limit');
    expect(meterTitle({ tokens: 1_234_567, percent: 100, learned: false })).toBe('≈ 1,234,600 tokens · 100 % of your limit');
    expect(meterTitle({ tokens: 1_000, percent: 1, learned: false })).toBe('≈ 1,000 tokens · 1 % of your limit');
  });

  it('groups the digits as en-US does, at every length', () => {
    for (const tokens of [0, 7, 999, 1_000, 12_300, 100_000, 999_900, 1_000_000, 25_000_000, 123_456_700]) {
      expect(meterTitle({ tokens, percent: 1, learned: false })).toBe(`≈ ${tokens.toLocaleString('en-US')} tokens · 1 % of your limit`);
    }
  });
});

describe('the popup’s short size', () => {
  it.each([
    [0, '0'],
    [950, '950'],
    [48_213, '48.2k'],
    [99_960, '100k'],
    [131_072, '131k'],
    [1_234_567, '1.2M'],
  ])('%i tokens read %s', (tokens, text) => {
    expect(shortTokens(tokens)).toBe(text);
  });
});

describe('counting a run without whitespace', () => {
  it('counts ordinary text as the tokenizer does', async () => {
    const count = await o200kCounter(async () => ranks);
    const plain = GptEncoding.getEncodingApi('o200k_base', () => ranks);
    const text = 'Resume from anchor: [Thesis_Ch3]\nNext action: write 3.4 (threats to validity) → Fri. κ = 0.81 ✓';
    expect(count(text)).toBe(plain.countTokens(text));
  });

  it('cuts a long run into pieces of at most MAX_PIECE characters, losing and splitting nothing', () => {
    const pieces: string[] = [];
    const text = `before ${'A'.repeat(1_000_000)} middle ${'😀'.repeat(300)} after`;
    const total = countInPieces((piece) => {
      pieces.push(piece);
      return piece.length;
    }, text);
    expect(pieces.join('')).toBe(text);
    expect(total).toBe(text.length);
    expect(Math.max(...pieces.map((piece) => piece.length))).toBeLessThanOrEqual(MAX_PIECE);
    expect(pieces.filter((piece) => /[\uD800-\uDBFF]$/.test(piece))).toEqual([]); // no pair cut in two
  });

  it('counts a long run about as the tokenizer would, in linear time (a 100,000-character run took 6.5 s whole)', async () => {
    const count = await o200kCounter(async () => ranks);
    const plain = GptEncoding.getEncodingApi('o200k_base', () => ranks);
    const run = 'x'.repeat(4_000); // small enough to count whole here
    const whole = plain.countTokens(run);
    expect(Math.abs(count(run) - whole)).toBeLessThanOrEqual(run.length / MAX_PIECE);
    expect(count('A'.repeat(1_000_000))).toBeGreaterThan(100_000); // a megabyte counts, and this test ends
  });
});
