import { describe, expect, it } from 'vitest';
import type { PageCheck } from '../../lib/chatgpt/page-check';
import { PageCheckSchema, formatPageReport, partStatus } from '../../lib/chatgpt/page-report';

const CHECK: PageCheck = {
  generation: 'C',
  kind: 'conversation',
  path: '/c/<id>',
  theme: 'dark',
  parts: [
    { part: 'composer', selector: 'form[data-chatgpt-composer] div.ProseMirror', count: 1 },
    { part: 'send', selector: null, count: 0 },
    { part: 'stop', selector: null, count: 0 },
    { part: 'assistantMessage', selector: null, count: 0 },
    { part: 'turn', selector: 'div[data-turn-key]', count: 12 },
    { part: 'newChat', selector: null, count: 0 },
  ],
  missing: ['messages'],
  outline: ['html[data-theme]', '  body', '    div[data-app-shell]'],
};

const ABOUT = { host: 'chatgpt.com', version: '0.2.0', browser: 'Chromium', now: new Date('2026-11-30T10:00:00Z') };

describe('the page report', () => {
  it('says the generation, the page, what was found by which selector and what is missing', () => {
    const report = formatPageReport(CHECK, ABOUT);
    expect(report.split('\n')).toEqual([
      'GPT Anchors page report (structure only: no chat text, no ids)',
      'GPT Anchors 0.2.0 · Chromium · 2026-11-30T10:00:00.000Z',
      'Page: chatgpt.com/c/<id> (a conversation)',
      'Generation: C: app shell, form[data-chatgpt-composer]',
      'Theme: dark',
      'Missing: messages',
      '',
      'Parts:',
      '  composer: form[data-chatgpt-composer] div.ProseMirror',
      '  send: not shown now (ChatGPT shows it once the composer holds text)',
      '  stop: not shown now (only while ChatGPT replies)',
      '  assistantMessage: not found',
      '  turn: div[data-turn-key] (12)',
      '  newChat: none: Resume opens a new chat by loading chatgpt.com instead',
      '',
      'Page outline (tags, roles, data-* attribute names; ×N: N siblings alike):',
      'html[data-theme]',
      '  body',
      '    div[data-app-shell]',
    ]);
  });

  it('calls a part missing when the page check reported it so', () => {
    expect(partStatus({ ...CHECK, missing: ['send button'] }, { part: 'send', selector: null, count: 0 })).toBe('not found');
  });

  it('takes from a tab only a page check of the expected shape', () => {
    expect(PageCheckSchema.safeParse(CHECK).success).toBe(true);
    for (const bad of [
      { ...CHECK, path: '/c/6b000000-0000-4000-8000-000000000003' },
      { ...CHECK, generation: 'D' },
      { ...CHECK, missing: ['the chat text'] },
      { ...CHECK, parts: [{ part: 'everything', selector: null, count: 0 }] },
      { ...CHECK, outline: ['x'.repeat(2_001)] },
    ]) {
      expect(PageCheckSchema.safeParse(bad).success).toBe(false);
    }
  });
});
