/**
 * Looking things up on ChatGPT's page through dated selector lists (primary first, then the older
 * shapes), keeping only what a person can use: ChatGPT keeps hidden duplicates in the page (a
 * hidden home composer, inline-edit editors with the composer's markup, hidden stop buttons).
 */

/** Rendered (it has a box) and not inside a hidden or inert part of the page. */
export function isUsable(element: Element): boolean {
  return element.closest('[hidden],[inert]') === null && element.getClientRects().length > 0;
}

/** The first usable element, trying each selector in turn, and the selector that found it. */
export function findFirstUsable<T extends Element = HTMLElement>(
  root: ParentNode,
  selectors: readonly string[],
): { element: T; selector: string } | null {
  // Mostly none matches (no stop control while no reply streams), or the first match is the answer:
  // one walk over the page says so instead of one per selector. Not with an id in the list: alone,
  // an id selector is looked up directly, and in a list it would cost a walk.
  if (selectors.length > 1 && !selectors.some((selector) => selector.includes('#'))) {
    const first = root.querySelector<T & Element>(selectors.join(', '));
    if (!first) return null;
    if (first.matches(selectors[0]!) && isUsable(first)) return { element: first, selector: selectors[0]! };
  }
  for (const selector of selectors) {
    for (const element of root.querySelectorAll<T & Element>(selector)) {
      if (isUsable(element)) return { element, selector };
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
    if (found.length > 0) return [...found];
  }
  return [];
}
