// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { findFirstUsable } from '../../lib/chatgpt/selectors';

const STOP = ['button[data-testid="stop-button"]', 'button[aria-label="Stop streaming"]'];

describe('findFirstUsable', () => {
  beforeEach(() => {
    // happy-dom lays nothing out: an element marked data-no-box has no box, the others one each.
    vi.spyOn(Element.prototype, 'getClientRects').mockImplementation(function (this: Element) {
      const rects = this.closest('[data-no-box]') ? [] : [new DOMRect(0, 0, 10, 10)];
      return Object.assign(rects, { item: (index: number) => rects[index] ?? null }) as unknown as DOMRectList;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    document.body.innerHTML = '';
  });

  it('finds nothing when no selector matches', () => {
    document.body.innerHTML = '<button data-testid="send-button">Send</button>';
    expect(findFirstUsable(document, STOP)).toBeNull();
  });

  it('keeps the selectors’ order over the page’s: the older shape earlier in the page loses', () => {
    document.body.innerHTML = '<button aria-label="Stop streaming" id="old"></button><button data-testid="stop-button" id="new"></button>';
    expect(findFirstUsable(document, STOP)).toEqual({ element: document.getElementById('new'), selector: STOP[0] });
  });

  it('takes the first match of the first selector when it is usable', () => {
    document.body.innerHTML = '<button data-testid="stop-button" id="a"></button><button aria-label="Stop streaming" id="b"></button>';
    expect(findFirstUsable(document, STOP)?.element.id).toBe('a');
  });

  it('skips hidden, boxless and inert matches for a usable one, whichever selector', () => {
    document.body.innerHTML = `
      <div hidden><button data-testid="stop-button" id="hidden"></button></div>
      <div data-no-box><button data-testid="stop-button" id="boxless"></button></div>
      <div inert><button data-testid="stop-button" id="inert"></button></div>
      <button aria-label="Stop streaming" id="older"></button>`;
    expect(findFirstUsable(document, STOP)).toEqual({ element: document.getElementById('older'), selector: STOP[1] });
    document.getElementById('older')!.remove();
    expect(findFirstUsable(document, STOP)).toBeNull();
  });

  it('looks a list with an id up selector by selector', () => {
    document.body.innerHTML = '<form><div class="ProseMirror" contenteditable="true" id="other"></div></form><div id="prompt-textarea" contenteditable="true"></div>';
    const composer = ['#prompt-textarea[contenteditable="true"]', 'form div.ProseMirror[contenteditable="true"]'];
    expect(findFirstUsable(document, composer)?.element.id).toBe('prompt-textarea');
  });
});
