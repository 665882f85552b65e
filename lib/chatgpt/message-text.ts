/**
 * The text of a rendered assistant message, rebuilt as the markdown ChatGPT wrote (the text its
 * own Copy button gives): one line per block, a blank line between paragraphs, `- item` for list
 * items, `**bold**`, `*em*` and `` `code` `` kept, code blocks inside ``` fences. That way
 * `parseAnchorText` reads a reply on the page exactly as it reads the same reply pasted into a log.
 *
 * Only standard DOM APIs (no `innerText`: layout-dependent and missing in happy-dom).
 */

// Not content: screen-reader captions ("ChatGPT said:"), buttons (Copy code), non-text nodes, and
// web-search citation pills ("US EPA+1"), which ChatGPT renders inside the text (A, 2026-06).
const SKIP = 'button, .sr-only, script, style, svg, template, noscript, [aria-hidden="true"], [data-testid$="citation-pill"]';
// Paragraph-like blocks: a blank line before and after, as in markdown.
const PARAGRAPHS = new Set(['P', 'BLOCKQUOTE', 'UL', 'OL', 'TABLE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HR']);
// Other blocks: their own line.
const LINES = new Set(['DIV', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'TR', 'DL', 'DT', 'DD', 'FIGURE', 'DETAILS', 'SUMMARY']);
const INLINE_MARKS: Record<string, string> = { STRONG: '**', B: '**', EM: '*', I: '*' };
// 2024: `<pre><code>`; 2026: a read-only CodeMirror (`.cm-editor .cm-content`), maybe without `<pre>`.
const CODE_BLOCK = 'pre, .cm-editor';

export function readMessageText(root: Element): string {
  const out = new TextOut();
  walkChildren(root, out);
  return out.finish();
}

/** Collects lines; blank lines between blocks are merged so there is never more than one. */
class TextOut {
  private readonly lines: string[] = [];
  private line = '';
  /** Inside a list item paragraphs don't add gaps. */
  listDepth = 0;
  /** Written before the next text on an empty line: the `- ` of a list item, once. */
  prefix = '';

  text(s: string): void {
    if (this.line === '' && this.prefix !== '' && s.trim() !== '') {
      this.line = this.prefix;
      this.prefix = '';
    }
    this.line += s;
  }

  /** End the current line (if it has text). */
  endLine(): void {
    if (this.line.trim() !== '') this.lines.push(this.line.trimEnd());
    this.line = '';
  }

  /** `<br>`: a line break even when the line is empty (two `<br>` make a blank line). */
  lineBreak(): void {
    this.lines.push(this.line.trimEnd());
    this.line = '';
  }

  /** A blank line between paragraphs, unless at the start, already blank, or inside a list item. */
  gap(): void {
    this.endLine();
    if (this.listDepth > 0) return;
    if (this.lines.length > 0 && this.lines.at(-1) !== '') this.lines.push('');
  }

  startsLine(): boolean {
    return this.line.trim() === '';
  }

  rawLines(lines: string[]): void {
    this.endLine();
    this.lines.push(...lines);
  }

  finish(): string {
    this.endLine();
    while (this.lines.at(-1) === '') this.lines.pop();
    return this.lines.join('\n');
  }
}

function walkChildren(node: Node, out: TextOut): void {
  for (const child of Array.from(node.childNodes)) walk(child, out);
}

function walk(node: Node, out: TextOut): void {
  if (node.nodeType === node.TEXT_NODE) return writeText(node.textContent ?? '', out);
  if (node.nodeType !== node.ELEMENT_NODE) return;
  const el = node as Element;
  if (el.matches(SKIP)) return;
  if (el.matches(CODE_BLOCK)) return writeCodeBlock(el, out);
  const tag = el.tagName.toUpperCase();
  if (tag === 'BR') return out.lineBreak();
  if (tag === 'LI') return writeListItem(el, out);
  if (tag === 'HR') {
    out.gap();
    out.text('---');
    return out.gap();
  }
  if (tag === 'CODE') return writeInline(el, out, backtickFence(el.textContent ?? ''));
  const mark = INLINE_MARKS[tag];
  if (mark) return writeInline(el, out, mark);
  if (PARAGRAPHS.has(tag)) return writeBlock(el, out, true);
  if (LINES.has(tag)) return writeBlock(el, out, false);
  if (tag === 'TD' || tag === 'TH') return writeCell(el, out);
  walkChildren(el, out);
}

/** Whitespace runs collapse as the browser shows them; a newline in the source stays a line break. */
function writeText(text: string, out: TextOut): void {
  const parts = text.split('\n').map((p) => p.replace(/[ \t\f\r]+/g, ' '));
  parts.forEach((part, i) => {
    if (i > 0) out.endLine();
    if (out.startsLine() && part.trim() === '') return;
    out.text(out.startsLine() ? part.trimStart() : part);
  });
}

function writeBlock(el: Element, out: TextOut, paragraph: boolean): void {
  if (paragraph) out.gap();
  else out.endLine();
  const level = /^H([1-6])$/.exec(el.tagName.toUpperCase())?.[1];
  if (level) out.text(`${'#'.repeat(Number(level))} `);
  walkChildren(el, out);
  if (paragraph) out.gap();
  else out.endLine();
}

function writeListItem(el: Element, out: TextOut): void {
  out.endLine();
  out.prefix = '- ';
  out.listDepth++;
  walkChildren(el, out);
  out.listDepth--;
  out.prefix = '';
  out.endLine();
}

function writeCell(el: Element, out: TextOut): void {
  if (!out.startsLine()) out.text(' | ');
  walkChildren(el, out);
}

/** `<strong>Context:</strong>` → `**Context:**`; spaces inside the tag go outside the marks. */
function writeInline(el: Element, out: TextOut, mark: string): void {
  const inner = new TextOut();
  walkChildren(el, inner);
  const text = inner.finish();
  if (text.trim() === '') return writeText(text, out);
  const lead = text.slice(0, text.length - text.trimStart().length);
  const trail = text.slice(text.trimEnd().length);
  writeText(`${lead}${mark}${text.trim()}${mark}${trail}`, out);
}

/** Enough backticks that the code's own backticks don't end the span. */
function backtickFence(code: string): string {
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(longest + 1);
}

/** A code block: its code lines inside a fence; the header (language, Copy button) is left out. */
function writeCodeBlock(el: Element, out: TextOut): void {
  const lines = codeLines(el);
  const longest = Math.max(0, ...lines.map((l) => /^\s*(`*)/.exec(l)?.[1]?.length ?? 0));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  out.gap();
  out.rawLines([fence, ...lines, fence]);
  out.gap();
}

function codeLines(el: Element): string[] {
  const content = el.querySelector('.cm-content') ?? (el.matches('.cm-content') ? el : null);
  if (content) return codeMirrorLines(content);
  const code = el.querySelector('code') ?? el;
  const lines = textWithBreaks(code).split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** CodeMirror: one `.cm-line` per line, or lines split by `<br>`. */
function codeMirrorLines(content: Element): string[] {
  const cmLines = Array.from(content.querySelectorAll('.cm-line'));
  if (cmLines.length > 0) return cmLines.map((line) => textWithBreaks(line).replace(/\n$/, ''));
  return textWithBreaks(content).split('\n');
}

/** The code's text as written: whitespace kept, `<br>` as a newline, buttons and captions skipped. */
function textWithBreaks(node: Node): string {
  let text = '';
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === child.TEXT_NODE) text += child.textContent ?? '';
    else if (child.nodeType === child.ELEMENT_NODE) {
      const el = child as Element;
      if (el.matches(SKIP)) continue;
      text += el.tagName.toUpperCase() === 'BR' ? '\n' : textWithBreaks(el);
    }
  }
  return text;
}
