/**
 * The little markdown that ChatGPT's replies carry into an anchor's fields, read into a tree
 * that components render as text nodes and elements, never as HTML: **bold** and __bold__,
 * *italic* and _italic_, and `code` spans. Links, images and <autolinks> stay exactly as
 * written, as plain text: the reader sees where a link points, and nothing in a field becomes a
 * link (nor bold or code inside one). Everything else stays as it was written too.
 *
 * Emphasis follows CommonMark's delimiter rules, so an underscore inside a word
 * (Capstone_Step9_Admin) or a lone asterisk (5 * 3) stays a character; underscores are a little
 * stricter still (see `delimiter`). Two simplifications: a span never crosses a line break, and
 * code spans, links and escapes are read before emphasis.
 */

export type InlineNode =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'strong' | 'em'; children: InlineNode[] };

type Delimiter = { kind: 'delimiter'; char: '*' | '_'; count: number; length: number; canOpen: boolean; canClose: boolean };
type Item = InlineNode | Delimiter;

const PUNCTUATION = /[\p{P}\p{S}]/u;
const ESCAPABLE = /[!-/:-@[-`{-~]/;
const UNDERSCORE_BEFORE = /[([{"'“‘«*~-]/;
const UNDERSCORE_AFTER = /[.,;:!?)\]}"'”’»*~-]/;

/** Every line's nodes, with a '\n' text node between lines. */
export function parseInlineMarkdown(text: string): InlineNode[] {
  const nodes: InlineNode[] = [];
  text.split('\n').forEach((line, i) => {
    if (i > 0) nodes.push({ kind: 'text', text: '\n' });
    nodes.push(...parseLine(line));
  });
  return mergeText(nodes);
}

/** The text a reader sees: the marks removed. */
export function plainText(nodes: InlineNode[]): string {
  return nodes.map((node) => ('children' in node ? plainText(node.children) : node.text)).join('');
}

function parseLine(line: string): InlineNode[] {
  const items: Item[] = [];
  const text = (value: string) => items.push({ kind: 'text', text: value });
  let i = 0;
  while (i < line.length) {
    const char = line[i]!;
    if (char === '\\' && ESCAPABLE.test(line[i + 1] ?? '')) {
      text(line[i + 1]!);
      i += 2;
    } else if (char === '`') {
      const run = runLength(line, i, '`');
      const end = closingBackticks(line, i + run, run);
      if (end === -1) text('`'.repeat(run));
      else items.push({ kind: 'code', text: trimCode(line.slice(i + run, end)) });
      i = end === -1 ? i + run : end + run;
    } else if (char === '[' || (char === '!' && line[i + 1] === '[') || char === '<') {
      // A link, an image or an autolink is one piece of text: no emphasis or code inside it.
      const end = char === '<' ? autolinkEnd(line, i) : linkEnd(line, char === '!' ? i + 1 : i);
      text(line.slice(i, end === -1 ? i + 1 : end));
      i = end === -1 ? i + 1 : end;
    } else if (char === '*' || char === '_') {
      const run = runLength(line, i, char);
      items.push(delimiter(line, i, run, char));
      i += run;
    } else {
      let end = i + 1;
      while (end < line.length && !'\\`[!<*_'.includes(line[end]!)) end += 1;
      text(line.slice(i, end));
      i = end;
    }
  }
  return mergeText(resolveEmphasis(items));
}

function runLength(line: string, from: number, char: string): number {
  let end = from;
  while (line[end] === char) end += 1;
  return end - from;
}

/** Where a code span of `run` backticks closes (a run of exactly that length), or -1. */
function closingBackticks(line: string, from: number, run: number): number {
  for (let at = line.indexOf('`', from); at !== -1; at = line.indexOf('`', at)) {
    const length = runLength(line, at, '`');
    if (length === run) return at;
    at += length;
  }
  return -1;
}

/** One space each side is padding (so `` ` `` can show a backtick), unless it is all spaces. */
function trimCode(code: string): string {
  return code.length >= 2 && code.startsWith(' ') && code.endsWith(' ') && code.trim() !== '' ? code.slice(1, -1) : code;
}

/** Where `[label](destination)` starting at `from` (the '[') ends, or -1; brackets and parentheses balanced. */
function linkEnd(line: string, from: number): number {
  const afterLabel = balanced(line, from, '[', ']');
  return afterLabel !== -1 && line[afterLabel] === '(' ? balanced(line, afterLabel, '(', ')') : -1;
}

/** Where `<scheme:address>` starting at `from` ends, or -1. */
function autolinkEnd(line: string, from: number): number {
  const match = /^<[a-z][a-z0-9+.-]{1,31}:[^\s<>]*>/i.exec(line.slice(from));
  return match ? from + match[0].length : -1;
}

/** Just after the `close` that balances the `open` at `from` (backslash escapes skipped), or -1. */
function balanced(line: string, from: number, open: string, close: string): number {
  let depth = 0;
  for (let at = from; at < line.length; at += 1) {
    const char = line[at];
    if (char === '\\') at += 1;
    else if (char === open) depth += 1;
    else if (char === close && --depth === 0) return at + 1;
  }
  return -1;
}

/** A run of * or _, and whether it may open or close emphasis (CommonMark's flanking rules). */
function delimiter(line: string, at: number, run: number, char: '*' | '_'): Delimiter {
  const before = line[at - 1] ?? ' ';
  const after = line[at + run] ?? ' ';
  const space = (c: string) => /\s/u.test(c);
  const punct = (c: string) => PUNCTUATION.test(c);
  const leftFlanking = !space(after) && (!punct(after) || space(before) || punct(before));
  const rightFlanking = !space(before) && (!punct(before) || space(after) || punct(after));
  if (char === '*') return { kind: 'delimiter', char, count: run, length: run, canOpen: leftFlanking, canClose: rightFlanking };
  // Stricter than CommonMark for _: it must stand at a word's edge in prose, so file names and
  // paths (path/to/__init__.py, file__v2__final) keep their underscores.
  const canOpen = leftFlanking && (!rightFlanking || punct(before)) && (space(before) || UNDERSCORE_BEFORE.test(before));
  const canClose = rightFlanking && (!leftFlanking || punct(after)) && (space(after) || UNDERSCORE_AFTER.test(after));
  return { kind: 'delimiter', char, count: run, length: run, canOpen, canClose };
}

/** CommonMark's "process emphasis": pair closers with the nearest fitting opener, left to right. */
function resolveEmphasis(items: Item[]): InlineNode[] {
  let closerAt = 0;
  while (closerAt < items.length) {
    const closer = items[closerAt]!;
    if (closer.kind !== 'delimiter' || !closer.canClose) {
      closerAt += 1;
      continue;
    }
    const openerAt = findOpener(items, closerAt, closer);
    if (openerAt === -1) {
      closerAt += 1;
      continue;
    }
    const opener = items[openerAt] as Delimiter;
    const use = opener.count >= 2 && closer.count >= 2 ? 2 : 1;
    opener.count -= use;
    closer.count -= use;
    const inner = items.slice(openerAt + 1, closerAt).map(asNode);
    const node: InlineNode = { kind: use === 2 ? 'strong' : 'em', children: mergeText(inner) };
    items.splice(openerAt + 1, closerAt - openerAt - 1, node);
    closerAt = openerAt + 2;
    if (opener.count === 0) {
      items.splice(openerAt, 1);
      closerAt -= 1;
    }
    if (closer.count === 0) items.splice(closerAt, 1);
  }
  return items.map(asNode);
}

function findOpener(items: Item[], closerAt: number, closer: Delimiter): number {
  for (let at = closerAt - 1; at >= 0; at -= 1) {
    const item = items[at]!;
    if (item.kind !== 'delimiter' || item.char !== closer.char || !item.canOpen || item.count === 0) continue;
    // The "rule of 3": a run that can both open and close pairs only when the lengths allow it.
    const both = item.canClose || closer.canOpen;
    if (both && (item.length + closer.length) % 3 === 0 && !(item.length % 3 === 0 && closer.length % 3 === 0)) continue;
    return at;
  }
  return -1;
}

function asNode(item: Item): InlineNode {
  return item.kind === 'delimiter' ? { kind: 'text', text: item.char.repeat(item.count) } : item;
}

function mergeText(nodes: InlineNode[]): InlineNode[] {
  const merged: InlineNode[] = [];
  for (const node of nodes) {
    const last = merged[merged.length - 1];
    if (node.kind === 'text' && last?.kind === 'text') merged[merged.length - 1] = { kind: 'text', text: last.text + node.text };
    else if (node.kind !== 'text' || node.text !== '') merged.push(node);
  }
  return merged;
}
