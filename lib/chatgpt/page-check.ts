import { MAX_LENGTH_TEXT, type GenerationId, type PagePart } from './generation';
import { GENERATIONS, recogniseGeneration } from './generations';
import { HOST_ID, MESSAGE_HOST_ATTR, pageTheme, type PageTheme } from './mount';
import { assistantMessages, missingParts, replyDoneBy, type MissingPart } from './page';
import { findFirstUsable } from './selectors';
import { pageKind, type PageKind } from './urls';

/**
 * The page check the options page shows for each open ChatGPT tab: the generation recognised and,
 * for each part, the selector that found it. Also the page's outline for a bug report, built from
 * structure only: tag names, `data-*` attribute names (never their values), roles, word-only ids
 * and counts. No text of the page and no id of a conversation or message goes into it.
 */

export type PartCheck = { part: PagePart; selector: string | null; count: number };

export type PageCheck = {
  generation: GenerationId | null;
  kind: PageKind;
  /** The URL's path with every id replaced: `/g/<id>/c/<id>`. */
  path: string;
  theme: PageTheme;
  parts: PartCheck[];
  missing: MissingPart[];
  outline: string[];
};

/** Controls count only when usable (pages hold hidden duplicates); lists as found. */
const CONTROLS = new Set<PagePart>(['composer', 'composerForm', 'send', 'stop', 'newChat']);
const PARTS = Object.keys(GENERATIONS[0]!.selectors) as PagePart[];

function checkPart(part: PagePart, selectors: readonly string[]): PartCheck {
  if (part === 'replyDone') {
    // Only an action row that ends a reply counts (not a code block's Copy button): the latest one.
    const done = assistantMessages().map(replyDoneBy).filter((selector) => selector !== null);
    return { part, selector: done.at(-1) ?? null, count: done.length };
  }
  if (part === 'maxLengthNotice') {
    // Only the notice with ChatGPT's sentence in it counts, not any other alert.
    const notices = selectors.flatMap((selector) => [...document.querySelectorAll(selector)].map((el) => ({ selector, el })));
    const found = notices.filter(({ el }) => MAX_LENGTH_TEXT.test(el.textContent ?? ''));
    return { part, selector: found[0]?.selector ?? null, count: found.length };
  }
  if (CONTROLS.has(part)) {
    const found = findFirstUsable(document, selectors);
    return { part, selector: found?.selector ?? null, count: found ? 1 : 0 };
  }
  for (const selector of selectors) {
    const count = document.querySelectorAll(selector).length;
    if (count > 0) return { part, selector, count };
  }
  return { part, selector: null, count: 0 };
}

export function checkPage(): PageCheck {
  const generation = recogniseGeneration();
  // On a page no generation recognises, every known selector is tried: what still matches helps.
  const lists = (part: PagePart) => (generation ? [generation] : GENERATIONS).flatMap((g) => g.selectors[part]);
  return {
    generation: generation?.id ?? null,
    kind: pageKind(location.pathname),
    path: location.pathname.replace(/[^/]+/g, (segment) => (/^[a-z]{1,12}$/.test(segment) ? segment : '<id>')),
    theme: pageTheme(),
    parts: PARTS.map((part) => checkPart(part, lists(part))),
    missing: missingParts(),
    outline: outline(document.documentElement),
  };
}

const LEAVES = 'script, style, noscript, template, svg, link, meta';
/** Below these is content (a message's paragraphs, the composer's), not the page's structure. */
const CONTENT = 'p, li, pre, table, blockquote, h1, h2, h3, h4, h5, h6, [contenteditable]';
const MAX_LINES = 600;

function signature(element: Element): string {
  let text = element.tagName.toLowerCase();
  if (/^[a-z]+(?:-[a-z]+)*$/i.test(element.id)) text += `#${element.id}`;
  const role = element.getAttribute('role');
  if (role && /^[a-z]+$/.test(role)) text += `[role=${role}]`;
  for (const { name } of element.attributes) if (name.startsWith('data-')) text += `[${name}]`;
  return text;
}

/** One line per element, indented by depth; siblings alike are one line (`×3`), the first of them shown inside. */
function outline(root: Element): string[] {
  const lines: string[] = [];
  const visit = (element: Element, depth: number, count: number) => {
    lines.push(`${'  '.repeat(depth)}${signature(element)}${count > 1 ? ` ×${count}` : ''}`);
    if (element.matches(CONTENT)) return;
    const alike = new Map<string, { first: Element; count: number }>();
    for (const child of element.children) {
      if (child.matches(LEAVES) || child.id === HOST_ID || child.hasAttribute(MESSAGE_HOST_ATTR)) continue;
      const key = signature(child);
      const group = alike.get(key);
      if (group) group.count += 1;
      else alike.set(key, { first: child, count: 1 });
    }
    for (const group of alike.values()) if (lines.length < MAX_LINES) visit(group.first, depth + 1, group.count);
  };
  visit(root, 0, 1);
  return lines.slice(0, MAX_LINES);
}
