import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInlineMarkdown, plainText, type InlineNode } from '../../lib/library/inline-markdown';

const t = (text: string): InlineNode => ({ kind: 'text', text });
const code = (text: string): InlineNode => ({ kind: 'code', text });
const strong = (...children: InlineNode[]): InlineNode => ({ kind: 'strong', children });
const em = (...children: InlineNode[]): InlineNode => ({ kind: 'em', children });

describe('parseInlineMarkdown', () => {
  it.each<[string, InlineNode[]]>([
    ['plain words', [t('plain words')]],
    ['', []],
    ['**bold** then text', [strong(t('bold')), t(' then text')]],
    ['__bold__ too', [strong(t('bold')), t(' too')]],
    ['an *italic* word', [t('an '), em(t('italic')), t(' word')]],
    ['an _italic_ word', [t('an '), em(t('italic')), t(' word')]],
    ['(_aside_), then', [t('('), em(t('aside')), t('), then')]],
    ['__Next:__ ship', [strong(t('Next:')), t(' ship')]],
    ['***both***', [em(strong(t('both')))]],
    ['**bold with *italic* inside**', [strong(t('bold with '), em(t('italic')), t(' inside'))]],
    ['run `npm test` now', [t('run '), code('npm test'), t(' now')]],
    ['``a ` b``', [code('a ` b')]],
    ['` `` `', [code('``')]],
    ['`**not bold**`', [code('**not bold**')]],
    ['**see** [the *docs*](https://x.y/a_(b)_c) `now`', [strong(t('see')), t(' [the *docs*](https://x.y/a_(b)_c) '), code('now')]],
  ])('%j', (input, nodes) => {
    expect(parseInlineMarkdown(input)).toEqual(nodes);
  });

  it.each([
    'Capstone_Step9_Admin',
    'snake_case_name and MAX_RETRIES',
    'coding_scheme_v2.xlsx',
    '5 * 3 * 2 = 30',
    'a ** b',
    '**unclosed bold',
    'closed** only',
    '`unclosed code',
    '[not a link] (space)',
    '[half a link](no close',
    'path/to/__init__.py',
    'report__v2__final.docx',
    'see /_drafts_/ folder',
    '<img src=x onerror=alert(1)>',
    '<script>alert(1)</script>',
    'see [the docs](https://example.com/a_(b)) first',
    '[**Bold link**](https://x.y "title")',
    '![diagram](img.png)',
    '<https://chatgpt.com/*c*/_1_>',
    '[click me](javascript:window.__pwned=1)',
    'Resume from anchor: [Capstone_Step9_Admin]',
    'file_*.txt',
    '\\*escaped\\* and \\_too\\_',
  ])('leaves %j as text', (input) => {
    const nodes = parseInlineMarkdown(input);
    expect(nodes.every((node) => node.kind === 'text'), JSON.stringify(nodes)).toBe(true);
  });

  it('drops a backslash only before punctuation it escapes', () => {
    expect(parseInlineMarkdown('\\*escaped\\* C:\\Users\\x')).toEqual([t('*escaped* C:\\Users\\x')]);
  });

  it('keeps every line, and no span crosses a line break', () => {
    expect(parseInlineMarkdown('**one\ntwo**\n`a`\n\nend')).toEqual([t('**one\ntwo**\n'), code('a'), t('\n\nend')]);
  });

  it('reads ChatGPT’s way of writing an anchor field', () => {
    expect(parseInlineMarkdown('Write **3.4** (threats to validity) in `methods.md` → _Fri_.')).toEqual([
      t('Write '),
      strong(t('3.4')),
      t(' (threats to validity) in '),
      code('methods.md'),
      t(' → '),
      em(t('Fri')),
      t('.'),
    ]);
  });
});

describe('plainText', () => {
  it('is the text with the marks removed', () => {
    expect(plainText(parseInlineMarkdown('**Bold** and `code` and [a *link*](https://x.y) and *it*'))).toBe(
      'Bold and code and [a *link*](https://x.y) and it',
    );
  });

  it('never adds or loses characters that are not marks', () => {
    const noMarks = fc.string({ unit: fc.constantFrom(...'ab _-.\n(){}<>/:é漢😀'.split('')) }).filter((s) => !/(^|\W)_|_(\W|$)/.test(s));
    fc.assert(
      fc.property(noMarks, (text) => {
        expect(plainText(parseInlineMarkdown(text))).toBe(text);
      }),
    );
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'*_`[]()!<>\\ a\n'.split('')) }), (text) => {
        const nodes = parseInlineMarkdown(text);
        expect(plainText(nodes).length).toBeLessThanOrEqual(text.length);
      }),
    );
  });
});
