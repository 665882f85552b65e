import { LIMITS, normalizeName } from './anchor-check';

/**
 * A name for a new anchor from the chat's title: `Capstone Step 9 – Admin` → `Capstone_Step9_Admin`.
 * Names are typed into prompts and searched for, so they are one word: letters and digits of any
 * script, parts joined by `_`, a bare number glued to the word before it (`Step 9` → `Step9`).
 */
export function suggestAnchorName(title: string, now = new Date()): string {
  // Normalized first: a soft hyphen or a zero-width space must not split a word, and `é` typed as
  // `e` + accent is the same letter as `é`.
  const tokens = glueNumbers(wordsOf(normalizeName(title)));
  if (tokens.length === 0 || /^chatgpt$/i.test(title.trim())) return fallbackName(now);
  return joinWithin(tokens, LIMITS.name);
}

/** Apostrophes join (`Let's` → `Lets`); every other non-letter, non-digit separates words. */
function wordsOf(title: string): string[] {
  return title.replace(/['’]/g, '').match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
}

function glueNumbers(words: string[]): string[] {
  const out: string[] = [];
  for (const word of words) {
    const last = out.length - 1;
    if (/^\p{N}+$/u.test(word) && last >= 0) out[last] += word;
    else out.push(word);
  }
  return out;
}

/** Whole words up to the limit; a single over-long word is cut (by code point, not mid-surrogate). */
function joinWithin(tokens: string[], limit: number): string {
  let name = '';
  for (const token of tokens) {
    const next = name ? `${name}_${token}` : token;
    if (next.length > limit) break;
    name = next;
  }
  return name || cutToLength(tokens[0] ?? '', limit);
}

function cutToLength(text: string, limit: number): string {
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > limit) break;
    out += ch;
  }
  return out;
}

/** `Chat_2026-03-14`, in local time like the log's timestamps. */
function fallbackName(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `Chat_${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
