import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutralizeMarkdown, restoreMarkdown } from '../../lib/log/markdown-escape';
import { liveMarkup } from '../support/markdown-viewer';

const markupish = fc.string({ unit: fc.constantFrom('<', '[', '(', ']', '!', '\\', 'a', 'B', '/', '?', ' ', ':', '`'), maxLength: 40 });

describe('neutralizeMarkdown', () => {
  it.each([
    ['<img src=x>', '\\<img src=x>'],
    ['</p>', '\\</p>'],
    ['<!-- c -->', '\\<!-- c -->'],
    ['<https://x.example>', '\\<https://x.example>'],
    ['![a](b)', '!\\[a]\\(b)'],
    ['[a](javascript:x)', '\\[a]\\(javascript:x)'],
    ['x [a](b)', 'x [a]\\(b)'],
    ['[id]: javascript:x', '\\[id]: javascript:x'],
    ['\\<b>', '\\\\\\<b>'], // one backslash before: three (a backslash, then an escaped <)
    ['a < b > c, (x) [y]', 'a < b > c, (x) [y]'],
    ['C:\\Users\\me', 'C:\\Users\\me'],
  ])('%j → %j', (text, written) => {
    expect(neutralizeMarkdown(text)).toBe(written);
    expect(restoreMarkdown(written)).toBe(text);
  });

  it('is undone exactly by restoreMarkdown, for any text', () => {
    fc.assert(
      fc.property(fc.oneof(markupish, fc.string({ maxLength: 60, unit: 'grapheme' })), (text) => {
        expect(restoreMarkdown(neutralizeMarkdown(text))).toBe(text);
      }),
      { numRuns: 2_000 },
    );
  });

  it('leaves nothing a viewer would act on, as a paragraph or a list item', () => {
    fc.assert(
      fc.property(markupish, (text) => {
        expect(liveMarkup(neutralizeMarkdown(text))).toEqual([]);
        expect(liveMarkup(`- ${neutralizeMarkdown(text)}`)).toEqual([]);
      }),
      { numRuns: 2_000 },
    );
  });

  it('is linear: a long run of backslashes costs no more than its length', () => {
    const text = `${'\\'.repeat(200_000)}<b>`;
    expect(restoreMarkdown(neutralizeMarkdown(text))).toBe(text);
  });
});

describe('restoreMarkdown on a hand-kept log', () => {
  it('reads a markdown escape the way a viewer shows it, and leaves other backslashes alone', () => {
    expect(restoreMarkdown('!\\[not an image]')).toBe('![not an image]');
    expect(restoreMarkdown('\\\\<b>')).toBe('\\\\<b>'); // an even run was not written by us
    expect(restoreMarkdown('\\d+ and C:\\temp')).toBe('\\d+ and C:\\temp');
  });
});
