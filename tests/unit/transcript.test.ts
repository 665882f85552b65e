import { describe, expect, it } from 'vitest';
import { latestThatFit, transcriptFileName, transcriptMarkdown, type TranscriptMessage } from '../../lib/content/transcript';

const chat: TranscriptMessage[] = [
  { role: 'user', text: 'Plan the admin panel' },
  { role: 'assistant', text: 'Start with **the user table**.\n\n- roles\n- audit\n' },
  { role: 'user', text: 'And the audit log?' },
];

describe('the rescue transcript', () => {
  it('is the whole chat as markdown, each message under who said it', () => {
    const text = transcriptMarkdown(chat, { title: 'Capstone Step 9', url: 'https://chatgpt.com/c/x', at: new Date('2026-11-30T10:00:00Z') });
    expect(text).toBe(
      [
        '# Capstone Step 9',
        '',
        'Transcript of https://chatgpt.com/c/x, taken 2026-11-30: 3 messages.',
        '',
        '## You',
        '',
        'Plan the admin panel',
        '',
        '## ChatGPT',
        '',
        'Start with **the user table**.',
        '',
        '- roles',
        '- audit',
        '',
        '## You',
        '',
        'And the audit log?',
        '',
      ].join('\n'),
    );
  });

  it('names its file after the chat, in safe characters', () => {
    expect(transcriptFileName('Capstone: Step 9 / Admin ✓')).toBe('Capstone Step 9 Admin - transcript.md');
    expect(transcriptFileName('Thèse – chapitre 3')).toBe('Thèse chapitre 3 - transcript.md');
    expect(transcriptFileName('')).toBe('chat - transcript.md');
  });

  it('keeps the latest messages that fit, oldest first', () => {
    expect(latestThatFit(chat, 1_000)).toEqual({ text: expect.stringMatching(/^## You\n\nPlan/), kept: 3 });
    const two = latestThatFit(chat, 90);
    expect(two.kept).toBe(2);
    expect(two.text.startsWith('## ChatGPT')).toBe(true);
    expect(two.text.endsWith('And the audit log?')).toBe(true);
    expect(two.text.length).toBeLessThanOrEqual(90);
  });

  it('cuts a latest message longer than the budget rather than give nothing', () => {
    const long = [{ role: 'assistant' as const, text: 'x'.repeat(5_000) }];
    const { text, kept } = latestThatFit(long, 1_000);
    expect(kept).toBe(1);
    expect(text.length).toBeLessThanOrEqual(1_000);
  });
});
