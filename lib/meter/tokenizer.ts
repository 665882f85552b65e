import { GptEncoding } from 'gpt-tokenizer/GptEncoding';

/**
 * Counting a chat's tokens with the o200k encoding (ChatGPT's models since GPT-4o), through
 * gpt-tokenizer. The background alone loads it: its merge table is 2.4 MB, so it is not part of
 * any script. The build writes the table as a JSON file of its own (`RANKS_FILE`, see
 * wxt.config.ts), and the background reads it from the extension's package the first time a
 * chat is measured, rather than parsing it every time the service worker wakes for anything else.
 */

/** Each entry: a token's text, or its bytes when they are not valid UTF-8 (as gpt-tokenizer ships them). */
export type MergeableRanks = (string | number[])[];

/** Where the build puts the o200k merge table, relative to the extension's root. */
export const RANKS_FILE = 'tokenizer/o200k_base.json';

/**
 * Tokens ChatGPT's chat format adds around every message (role and separators), as OpenAI's
 * cookbook counts them for GPT-4o: `<|im_start|>role<|im_sep|>…<|im_end|>`.
 */
export const TOKENS_PER_MESSAGE = 4;

export type TokenCounter = (text: string) => number;

let loading: Promise<TokenCounter> | undefined;

/** The o200k counter, built once from the table `loadRanks` gives; a failed load is tried again next time. */
export function o200kCounter(loadRanks: () => Promise<MergeableRanks>): Promise<TokenCounter> {
  loading ??= loadRanks().then(
    (ranks) => {
      const encoding = GptEncoding.getEncodingApi('o200k_base', () => ranks);
      // A chat may quote `<|endoftext|>` and the like: plain text to count, not an error.
      const asText = { disallowedSpecial: new Set<string>() };
      return (text: string) => countInPieces((piece) => encoding.countTokens(piece, asText), text);
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/**
 * Runs without whitespace longer than this are counted in pieces of this length. Byte-pair
 * encoding works on each run as one piece, and its cost grows with the square of the piece's
 * length: 100,000 characters of one run took 6.5 s, a megabyte would take minutes, during which
 * the background answers nothing else (a save waits). A run that long is no word (a key, base64,
 * minified code); counted in pieces it is off by about a token per piece, which an estimate (≈)
 * can bear.
 */
export const MAX_PIECE = 400;
const LONG_RUN = new RegExp(`\\S{${MAX_PIECE + 1},}`, 'g');

/** `count` over `text`, long runs without whitespace in pieces of at most MAX_PIECE: linear time on any text. */
export function countInPieces(count: TokenCounter, text: string): number {
  let total = 0;
  let from = 0;
  for (const match of text.matchAll(LONG_RUN)) {
    total += count(text.slice(from, match.index));
    const run = match[0];
    for (let at = 0; at < run.length; ) {
      let end = Math.min(at + MAX_PIECE, run.length);
      // Never split a surrogate pair.
      if (end < run.length && /[\uD800-\uDBFF]/.test(run[end - 1]!)) end -= 1;
      total += count(run.slice(at, end));
      at = end;
    }
    from = match.index + run.length;
  }
  return total + count(text.slice(from));
}

/** A message's share of the chat: its text's tokens and the chat format's own. */
export function messageTokens(count: TokenCounter, text: string): number {
  return count(text) + TOKENS_PER_MESSAGE;
}
