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
      return (text: string) => encoding.countTokens(text, asText);
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** A message's share of the chat: its text's tokens and the chat format's own. */
export function messageTokens(count: TokenCounter, text: string): number {
  return count(text) + TOKENS_PER_MESSAGE;
}
