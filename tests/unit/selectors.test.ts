// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { findFirstUsable, isUsable } from '../../lib/chatgpt/selectors';

const STOP = ['button[data-testid="stop-button"]', 'button[aria-label="Stop streaming"]'];

describe('findFirstUsable', () => {
  beforeEach(() => {
    // happy-dom lays nothing out: an element marked data-no-box has no box, the others one each.
    vi.spyOn(Element.prototype, 'checkVisibility').mockImplementation(function (this: Element) {
      return !this.closest('[data-no-box]');
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

describe('isUsable', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    document.body.innerHTML = '';
  });

  it('asks checkVisibility, which needs no layout, and never reads a box where it is there', () => {
    document.body.innerHTML = '<div style="display: none"><button id="gone"></button></div><button id="shown"></button>';
    const boxes = vi.spyOn(Element.prototype, 'getClientRects');
    expect(isUsable(document.getElementById('shown')!)).toBe(true);
    expect(isUsable(document.getElementById('gone')!)).toBe(false);
    expect(boxes).not.toHaveBeenCalled();
  });

  it('reads the boxes in a browser without checkVisibility', () => {
    document.body.innerHTML = '<button id="shown"></button><button id="boxless"></button>';
    const checkVisibility = Object.getOwnPropertyDescriptor(Element.prototype, 'checkVisibility')!;
    Object.defineProperty(Element.prototype, 'checkVisibility', { value: undefined, configurable: true });
    try {
      vi.spyOn(Element.prototype, 'getClientRects').mockImplementation(function (this: Element) {
        const rects = this.id === 'boxless' ? [] : [new DOMRect(0, 0, 10, 10)];
        return Object.assign(rects, { item: (index: number) => rects[index] ?? null }) as unknown as DOMRectList;
      });
      expect(isUsable(document.getElementById('shown')!)).toBe(true);
      expect(isUsable(document.getElementById('boxless')!)).toBe(false);
    } finally {
      Object.defineProperty(Element.prototype, 'checkVisibility', checkVisibility);
    }
  });

  it('is false inside a hidden or inert part of the page', () => {
    document.body.innerHTML = '<div hidden><button id="a"></button></div><div inert><button id="b"></button></div>';
    expect(isUsable(document.getElementById('a')!)).toBe(false);
    expect(isUsable(document.getElementById('b')!)).toBe(false);
  });
});
