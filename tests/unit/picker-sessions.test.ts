import { describe, expect, it } from 'vitest';
import {
  CLAIM_WITHIN_MS,
  claimPickerSession,
  endPickerSession,
  openPickerSession,
  pickerLibraryPage,
  requirePickerSession,
} from '../../lib/background/picker-sessions';

/**
 * Only the picker frame the content script opened may resume: the page around it can load the
 * same picker page in frames of its own (it sees our frame's URL), but never gets the token.
 */
describe('picker sessions', () => {
  it('the frame with the token becomes the tab’s picker; it may ask again, others may not', () => {
    const token = openPickerSession(1, 1_000);
    expect(() => claimPickerSession(1, 5, 'guessed', 1_100)).toThrow(/not opened from the Resume anchor button/);
    claimPickerSession(1, 5, token, 1_100);
    claimPickerSession(1, 5, token, 1_200); // the same frame, reloaded
    expect(() => claimPickerSession(1, 6, token, 1_200)).toThrow(/not opened from the Resume anchor button/);
    expect(requirePickerSession(1, 5)).toBe(1);
    expect(() => requirePickerSession(1, 6)).toThrow(/has expired/);
    expect(() => requirePickerSession(2, 5)).toThrow(/has expired/);
  });

  it('a token is for its own tab only, and only for a while', () => {
    const token = openPickerSession(1, 0);
    expect(() => claimPickerSession(2, 5, token, 10)).toThrow();
    expect(() => claimPickerSession(1, 5, token, CLAIM_WITHIN_MS + 1)).toThrow();
    expect(() => claimPickerSession(undefined, 5, token, 10)).toThrow();
    expect(() => claimPickerSession(1, undefined, token, 10)).toThrow();
  });

  it('nothing unclaimed may resume, and a finished session is gone', () => {
    const token = openPickerSession(3, 0);
    expect(() => requirePickerSession(3, 5)).toThrow(/has expired/);
    claimPickerSession(3, 5, token, 10);
    endPickerSession(3);
    expect(() => requirePickerSession(3, 5)).toThrow(/has expired/);
  });

  it('a new opening replaces the old one: its frame is no longer the picker', () => {
    const first = openPickerSession(4, 0);
    claimPickerSession(4, 5, first, 10);
    const second = openPickerSession(4, 20);
    expect(second).not.toBe(first);
    expect(() => requirePickerSession(4, 5)).toThrow(/has expired/);
    claimPickerSession(4, 9, second, 30);
    expect(requirePickerSession(4, 9)).toBe(4);
  });

  it('answers the newest at once, then the library in pages from one read; a new load reads again', async () => {
    const token = openPickerSession(5, 0);
    claimPickerSession(5, 2, token, 1);
    let reads = 0;
    let library = [1, 2, 3, 4, 5];
    const all = async () => ((reads += 1), library);
    const newest = async () => [1];
    expect(await pickerLibraryPage(5, { from: 0, newest: true }, { all, newest }, 2)).toEqual({ anchors: [1], next: 0, total: null });
    library = [9];
    expect(await pickerLibraryPage(5, { from: 0 }, { all, newest }, 2)).toEqual({ anchors: [1, 2], next: 2, total: 5 });
    expect(await pickerLibraryPage(5, { from: 2 }, { all, newest }, 2)).toEqual({ anchors: [3, 4], next: 4, total: 5 });
    expect(await pickerLibraryPage(5, { from: 4 }, { all, newest }, 2)).toEqual({ anchors: [5], next: null, total: 5 });
    expect(reads).toBe(1);
    await pickerLibraryPage(5, { from: 0, newest: true }, { all, newest }, 2);
    expect(await pickerLibraryPage(5, { from: 0 }, { all, newest }, 2)).toEqual({ anchors: [9], next: null, total: 1 });
    expect(reads).toBe(2);
    endPickerSession(5);
    await expect(pickerLibraryPage(5, { from: 0 }, { all, newest }, 2)).rejects.toThrow(/has expired/);
  });
});
