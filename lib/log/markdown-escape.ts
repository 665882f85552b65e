/**
 * The exported log is opened in markdown viewers (Obsidian, a browser extension, GitHub), which act
 * on some text: raw HTML and autolinks (`<img …>`, `<script>`, `<javascript:…>`), images and
 * embeds (`![…](…)`, `![[…]]`), links (`[…](javascript:…)`) and link definitions (`[id]: …` at the
 * start of a line). `neutralizeMarkdown` puts a backslash before the character that starts each of
 * them, so a viewer shows the text and loads and runs nothing; `restoreMarkdown` gives back the
 * text exactly. Pure.
 *
 * Reversible for any text: before a character that starts one of these, a run of n backslashes is
 * written as 2n + 1 (markdown reads that as n backslashes and the character itself), and nothing
 * else changes. Reading, an odd run before such a character is halved; an even run was not written
 * by us (a hand-kept log) and is left alone.
 */

const TAG_START = /[A-Za-z/!?]/;
const MAY_START_MARKUP = /[<[(]/;

/**
 * Whether `s[i]` starts something a viewer acts on: `<` before a tag name, `/`, `!` or `?`; `[` after
 * `!` or at the very start; `(` after `]`. `before` is the character before the backslashes that
 * precede `s[i]` (undefined at the start), so the answer is the same before and after escaping.
 */
function startsMarkup(s: string, i: number, before: string | undefined): boolean {
  const c = s.charAt(i);
  if (c === '<') return TAG_START.test(s.charAt(i + 1));
  if (c === '[') return before === undefined || before === '!';
  return c === '(' && before === ']';
}

/** `text` with a backslash before every character that would start markup (see above). */
export function neutralizeMarkdown(text: string): string {
  if (!MAY_START_MARKUP.test(text)) return text;
  let out = '';
  let from = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charAt(i) === '\\') {
      run++;
      continue;
    }
    const start = i - run;
    if (startsMarkup(text, i, start > 0 ? text.charAt(start - 1) : undefined)) {
      out += `${text.slice(from, i)}${'\\'.repeat(run + 1)}`;
      from = i;
    }
    run = 0;
  }
  return out + text.slice(from);
}

/** The inverse of `neutralizeMarkdown`: `restoreMarkdown(neutralizeMarkdown(s)) === s` for every `s`. */
export function restoreMarkdown(text: string): string {
  if (!text.includes('\\')) return text;
  let out = '';
  let from = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charAt(i) === '\\') {
      run++;
      continue;
    }
    const start = i - run;
    if (run % 2 === 1 && startsMarkup(text, i, start > 0 ? text.charAt(start - 1) : undefined)) {
      out += `${text.slice(from, start)}${'\\'.repeat((run - 1) / 2)}`;
      from = i;
    }
    run = 0;
  }
  return out + text.slice(from);
}
