/**
 * What the background answers the page about the open chat's size (no imports: the content
 * script uses these types and the one function below).
 */

export type ChatMeterReading = {
  /** The chat's size in o200k tokens, as far as it is counted (see `missing`). */
  tokens: number;
  /** The limit in force: the learned one when a chat has hit ChatGPT's maximum length, else the setting. */
  limit: number;
  learned: boolean;
  /** `tokens` as a share of `limit`, in whole percent (may pass 100). */
  percent: number;
  /** The threshold in percent (a setting): past it the gauge says so. */
  nudgeAt: number;
  /** Highlight Save anchor now: the chat crossed the threshold, and was never nudged before. */
  nudge: boolean;
  /** ChatGPT said this chat reached its maximum length (now or on an earlier visit): offer Rescue. */
  full: boolean;
  /** Message ids sent without text that the background has not counted (it was restarted): send their text. */
  missing: string[];
};

/** "≈ 48,200 tokens · 60 % of your limit" (rounded to the hundred: the count is an estimate). */
export function meterTitle(reading: Pick<ChatMeterReading, 'tokens' | 'percent' | 'learned'>): string {
  const rounded = reading.tokens < 1_000 ? reading.tokens : Math.round(reading.tokens / 100) * 100;
  return `≈ ${grouped(rounded)} tokens · ${reading.percent} % of your ${reading.learned ? 'learned ' : ''}limit`;
}

/** 48200 → "48,200" (what toLocaleString('en-US') says, without building a number format on the page at each reply). */
function grouped(whole: number): string {
  const digits = String(whole);
  let text = '';
  for (let i = 0; i < digits.length; i += 1) text += (i > 0 && (digits.length - i) % 3 === 0 ? ',' : '') + digits[i];
  return text;
}

/** A chat's size in few characters: "950", "48.2k", "131k", "1.2M". */
export function shortTokens(tokens: number): string {
  if (tokens < 1_000) return String(tokens);
  if (tokens < 100_000) return `${(Math.round(tokens / 100) / 10).toString()}k`;
  if (tokens < 999_500) return `${Math.round(tokens / 1_000)}k`;
  return `${(Math.round(tokens / 100_000) / 10).toString()}M`;
}
