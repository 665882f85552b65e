import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATE, formatResumeText } from '../../lib/log/format';
import { parseAnchorText } from '../../lib/log/parse';
import {
  HANDSHAKE_REQUEST,
  anchorRequestText,
  compareNextAction,
  formatRollingRequest,
  handshakeSentence,
  restatedNextAction,
  withHandshake,
} from '../../lib/log/rolling';

const X = {
  name: 'Thesis_Ch3_Methods',
  context: 'Survey of 41 papers done.\nCoding scheme v2 agreed.',
  milestone: 'Sections 3.1–3.3 written.',
  nextAction: 'Write 3.4 (threats to validity) and send it to the supervisor.',
  dependencies: ['Zotero export', 'supervisor slot (Fri)'],
};

describe('the rolling request', () => {
  it('asks to update the anchor under its name and carries every field as the resume text writes it', () => {
    const text = formatRollingRequest(X);
    expect(text.startsWith('Update anchor [Thesis_Ch3_Methods] for the next chat: keep what still holds, mark what is done, and give the new next action.\n')).toBe(true);
    expect(text.endsWith(`\n${formatResumeText(X)}`)).toBe(true);
  });

  it('is read back as the same anchor (so a reply in the same shape is one)', () => {
    const parsed = parseAnchorText(formatRollingRequest(X));
    expect(parsed).toMatchObject({ ok: true, draft: X });
  });

  it('is sent instead of the template only when the chat was resumed from an anchor', () => {
    expect(anchorRequestText({ template: DEFAULT_TEMPLATE, suggestedName: 'My_Chat', rollingFrom: null })).toBe(DEFAULT_TEMPLATE.replace('[ANCHOR_NAME]', '[My_Chat]'));
    expect(anchorRequestText({ template: DEFAULT_TEMPLATE, suggestedName: 'My_Chat', rollingFrom: X })).toBe(formatRollingRequest(X));
  });
});

describe('the resume handshake', () => {
  it('adds one line asking for the next action', () => {
    expect(withHandshake('Resume from anchor: [A]')).toBe(`Resume from anchor: [A]\n${HANDSHAKE_REQUEST}`);
  });

  it.each([
    ['Next action: Write 3.4.', 'Write 3.4.'],
    ['Sure!\n\n**Next action:** Write 3.4 and send it.', 'Write 3.4 and send it.'],
    ['- *Next Action*: send the draft', 'send the draft'],
    ['Write 3.4 now.', 'Write 3.4 now.'],
    ['', ''],
  ])('finds the restated line in %j', (reply, line) => {
    expect(restatedNextAction(reply)).toBe(line);
  });

  it.each([
    ['Next action: Write section 3.4 on threats to validity, then send it to the supervisor.', 'matched'],
    ['**Next action:** write 3.4 (threats to validity), send to supervisor', 'matched'],
    ['Next action: Write 3.4.', 'matched'],
    ['Next action: Start the literature review for chapter 2.', 'differed'],
    ['Next action: Send the survey to the participants.', 'differed'],
    ['👍', 'unclear'],
  ])('%j → %s', (reply, verdict) => {
    expect(compareNextAction(X.nextAction, reply).verdict).toBe(verdict);
  });

  it('is unclear when the anchor has no next action', () => {
    expect(compareNextAction('', 'Next action: anything').verdict).toBe('unclear');
  });
});

describe('the handshake’s sentence in the toast', () => {
  const base = { restated: 'Write 3.4 and send it.', expected: X.nextAction, name: X.name };
  it('says match, mismatch (with both next actions) or unclear', () => {
    expect(handshakeSentence({ ...base, verdict: 'matched' })).toBe(
      'Handshake OK: ChatGPT restated the next action of [Thesis_Ch3_Methods] as the anchor has it: “Write 3.4 and send it.”',
    );
    expect(handshakeSentence({ ...base, restated: 'Start chapter 2.', verdict: 'differed' })).toBe(
      `Handshake mismatch for [Thesis_Ch3_Methods]: ChatGPT says the next action is “Start chapter 2.”, but the anchor says “${X.nextAction}”`,
    );
    expect(handshakeSentence({ ...base, restated: '', verdict: 'unclear' })).toBe(
      `Handshake unclear for [Thesis_Ch3_Methods]: ChatGPT did not restate the next action in one line. The anchor says “${X.nextAction}”`,
    );
  });
});
