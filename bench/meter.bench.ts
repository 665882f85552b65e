import type { BrowserContext, Page, Worker } from '@playwright/test';
import ranks from 'gpt-tokenizer/bpeRanks/o200k_base';
import { contentScriptWorld } from '../tests/e2e/support/content-world';

/**
 * The chat length meter's cost off the page: the background counting a 500-turn chat's tokens
 * (o200k, gpt-tokenizer), as the content script asks it to (`measureChat`), timed inside the
 * service worker by the measure lib/background/chat-meter.ts leaves there.
 */

/** A small deterministic PRNG, so every run counts the same amount of text. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'tas', 'vo', 'qui', 'dor', 'sel', 'ump', 'ith', 'gra', 'nel', 'zo', 'bri', 'ost'];

/**
 * Ordinary words: 4,000 of the o200k vocabulary's whole English words (a space and 3–12 lower-case
 * letters), in rank order, so that common words come up far more often than rare ones, as in prose.
 */
const WORDS: readonly string[] = (ranks as (string | number[])[])
  .filter((entry): entry is string => typeof entry === 'string' && /^ [a-z]{3,12}$/.test(entry))
  .slice(0, 4_000)
  .map((entry) => entry.slice(1));

/**
 * A long chat of varied text, about 100,000 o200k tokens over 500 messages: prose of ordinary
 * words picked with a Zipf-like skew, among them numbers, identifiers with calls, made-up names
 * (new merges for the tokenizer), and now and then a code block. Deterministic per seed.
 */
export function variedChat(turns: number, seed: number): { id: string; text: string }[] {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const common = () => WORDS[Math.floor(WORDS.length * random() ** 3)]!;
  const word = () => {
    const r = random();
    if (r < 0.86) return common();
    if (r < 0.92) return String(Math.floor(random() * 100_000));
    if (r < 0.96) return `${common()}_${common()}${Math.floor(random() * 100)}()`;
    return Array.from({ length: 2 + Math.floor(random() * 2) }, () => pick(SYLLABLES)).join('');
  };
  const sentence = (words: number) => {
    const text = Array.from({ length: words }, word).join(' ');
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  };
  return Array.from({ length: turns }, (_, i) => {
    const assistant = i % 2 === 1;
    const sentences = assistant ? 18 + Math.floor(random() * 12) : 2 + Math.floor(random() * 3);
    let text = Array.from({ length: sentences }, () => sentence(8 + Math.floor(random() * 12))).join(' ');
    if (assistant && i % 6 === 1) text += `\n\n\`\`\`ts\nconst ${common()} = await ${common()}(${Math.floor(random() * 999)});\n\`\`\``;
    return { id: `bench-${seed}-${i}`, text };
  });
}

export type CountRun = { messages: number; chars: number; tokens: number; countMs: number; roundTripMs: number };

/** Sends the whole chat from the content script's world, as the meter does on a chat's first measure. */
export async function countRun(context: BrowserContext, page: Page, worker: Worker, run: number): Promise<CountRun> {
  const messages = variedChat(500, 1_000 + run);
  const world = await contentScriptWorld(context, page);
  const payload = { conversationId: `bench-count-${run}`, url: `https://chatgpt.com/c/bench-count-${run}`, notice: false, messages };
  const answer = (await world.run(`(async () => {
    const start = performance.now();
    const answer = await chrome.runtime.sendMessage({ type: 'measureChat', payload: ${JSON.stringify(payload)} });
    return { answer, ms: performance.now() - start };
  })()`)) as { answer: { ok: boolean; value?: { tokens: number }; error?: string }; ms: number };
  await world.cdp.detach();
  if (!answer.answer.ok) throw new Error(`measureChat failed: ${answer.answer.error}`);
  const countMs = await worker.evaluate(() => performance.getEntriesByName('gpt-anchors:count-chat').at(-1)?.duration ?? NaN);
  return {
    messages: messages.length,
    chars: messages.reduce((sum, m) => sum + m.text.length, 0),
    tokens: answer.answer.value!.tokens,
    countMs,
    roundTripMs: answer.ms,
  };
}
