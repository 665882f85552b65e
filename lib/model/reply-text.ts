/**
 * A text a ChatGPT page hands the background to be read as an anchor (a reply's text, a
 * selection): how long it may be, and the page's cheap look at a reply before it asks. No
 * imports: the content script loads this instead of the parser (lib/log/parse.ts runs in the
 * background), and the background checks the same limit with zod.
 */

/**
 * Far longer than any anchor (one within every limit is under 200,000 characters), so a reply
 * with an over-long field is still read and its field named; a longer text is refused by its
 * length before it is sent or parsed.
 */
export const MAX_REPLY_TEXT = 2_000_000;

/** The most of a reply the page sends for the resume handshake: longer than any one line a next action is restated in. */
export const MAX_HANDSHAKE_REPLY = 4_000;

/** "This reply is too long…": `what` is the text's name in the sentence. */
export function tooLongToRead(what: string, length: number): string {
  return `${what} is too long to be read as an anchor (${length} characters; the limit is ${MAX_REPLY_TEXT}). Nothing was saved.`;
}

// The parser's four labels (lib/log/parse-lines.ts LABEL_WORDS), matched with the same flags.
const LABEL = /context|current\s+milestone|next\s+action|dependencies/gi;

/**
 * Whether a reply may hold an anchor: the word "anchor" (every name line has it) and at least two
 * different labels, as text. A necessary condition for the parser to find an anchor (or an anchor
 * that breaks a limit), never a sufficient one: a unit test holds it to the parser.
 */
export function mayBeAnchor(text: string): boolean {
  if (!/anchor/i.test(text)) return false;
  let first: string | undefined;
  for (const [label] of text.matchAll(LABEL)) {
    const key = label.slice(0, 2).toLowerCase(); // co, cu, ne, de
    if (first === undefined) first = key;
    else if (key !== first) return true;
  }
  return false;
}
