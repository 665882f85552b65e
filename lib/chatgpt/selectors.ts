/**
 * Looking things up on ChatGPT's page through dated selector lists (primary first, then the older
 * shapes), keeping only what a person can use: ChatGPT keeps hidden duplicates in the page (a
 * hidden home composer, inline-edit editors with the composer's markup, hidden stop buttons).
 */

/**
 * Rendered (it has a box) and not inside a hidden or inert part of the page. `checkVisibility()`
 * answers from the page's styles; `getClientRects()` (where it is missing) makes the browser lay
 * out whatever ChatGPT changed since the last frame first: on a long chat that read was a third of
 * GPT Anchors' time in the long-chat bench (2026-12-01).
 */
export function isUsable(element: Element): boolean {
  if (element.closest('[hidden],[inert]') !== null) return false;
  return typeof element.checkVisibility === 'function' ? element.checkVisibility() : element.getClientRects().length > 0;
}

/**
 * The first usable element, trying each selector in turn, and the selector that found it. Mostly
 * none matches (no stop control while no reply streams) or the first match is the answer: one
 * `querySelector` per selector says so. Selectors are never joined into one list: Chromium walks a
 * list without its one-selector fast paths, about ten times slower over a long chat's page.
 */
export function findFirstUsable<T extends Element = HTMLElement>(
  root: ParentNode,
  selectors: readonly string[],
): { element: T; selector: string } | null {
  for (const selector of selectors) {
    const first = root.querySelector<T & Element>(selector);
    if (!first) continue;
    if (isUsable(first)) return { element: first, selector };
    for (const element of root.querySelectorAll<T & Element>(selector)) {
      if (element !== first && isUsable(element)) return { element, selector };
    }
  }
  return null;
}

export function querySelectorFirst<T extends Element = HTMLElement>(
  root: ParentNode,
  selectors: readonly string[],
): T | null {
  for (const selector of selectors) {
    const found = root.querySelector<T & Element>(selector);
    if (found) return found;
  }
  return null;
}

/** Every match of the first selector that matches anything (lists are not filtered: too costly on a long chat). */
export function querySelectorAllFirst<T extends Element = HTMLElement>(
  root: ParentNode,
  selectors: readonly string[],
): T[] {
  for (const selector of selectors) {
    const found = root.querySelectorAll<T & Element>(selector);
    if (found.length > 0) return toArray(found);
  }
  return [];
}

/**
 * A NodeList's elements in an array, read by index: spreading it (its iterator) took three times
 * as long as the query itself for a long chat's 500 messages (0.64 against 0.19 ms, 2026-12-02).
 */
function toArray<T extends Element>(list: NodeListOf<T>): T[] {
  const elements = new Array<T>(list.length);
  for (let i = 0; i < list.length; i += 1) elements[i] = list[i]!;
  return elements;
}
