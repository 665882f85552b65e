import type { AnchorDraft } from '../model/anchor';
import { fillTemplate, formatResumeText } from './format';

/**
 * Rolling anchors: *Save anchor* in a chat that was resumed from anchor X asks ChatGPT to update
 * X rather than write a new anchor from scratch, so the reply becomes X's next version and the
 * popup's diff shows what moved between the two sessions. And the resume handshake: the resume
 * text asks ChatGPT to restate the next action, so a misread anchor shows at once. Pure.
 */

/** The rolling request: X's fields, as the resume text writes them, under the instruction. */
export function formatRollingRequest(previous: AnchorDraft): string {
  return [
    `Update anchor [${previous.name}] for the next chat: keep what still holds, mark what is done, and give the new next action.`,
    'Reply with the updated anchor only, under the same name, in this shape:',
    formatResumeText(previous),
  ].join('\n');
}

/** What *Save anchor* sends when the chat's latest reply is not an anchor: rolling in a resumed chat, else the template. */
export function anchorRequestText(options: { template: string; suggestedName: string; rollingFrom: AnchorDraft | null }): string {
  return options.rollingFrom ? formatRollingRequest(options.rollingFrom) : fillTemplate(options.template, options.suggestedName);
}

/** The handshake's line, after the resume text. */
export const HANDSHAKE_REQUEST =
  'Before you go on, restate the next action in one line, starting with “Next action:”.';

export function withHandshake(resumeText: string): string {
  return `${resumeText}\n${HANDSHAKE_REQUEST}`;
}

// ---------------------------------------------------------------------------------------------
// The handshake's answer

export type HandshakeVerdict = { verdict: 'matched' | 'differed' | 'unclear'; restated: string };

export { MAX_HANDSHAKE_REPLY } from '../model/reply-text';

/** The line of a reply that restates the next action: the one labelled so, else the first non-empty line. */
export function restatedNextAction(reply: string): string {
  const lines = reply.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  const labelled = lines.find((line) => /next\s+action\s*[:：]/i.test(stripMarks(line)));
  const line = labelled ? stripMarks(labelled).replace(/^.*?next\s+action\s*[:：]\s*/i, '') : stripMarks(lines[0] ?? '');
  return line.trim();
}

function stripMarks(text: string): string {
  return text.replace(/[*_`#>]+/g, '').replace(/^\s*(?:[-•]|\d+[.)])\s+/, '');
}

const STOP_WORDS = new Set('a an and the to of in on for with then by at is be it this that my our your from into as or'.split(' '));

function words(text: string): Set<string> {
  return new Set(
    text
      .toLocaleLowerCase()
      .normalize('NFKC')
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 0 && !STOP_WORDS.has(w)),
  );
}

/**
 * Whether ChatGPT's restated next action says what the anchor says: the two share at least half
 * their words (Dice's coefficient over distinct words, stop words aside, ≥ 0.5), so a rewording
 * matches and another task does not. A reply with no usable line is unclear.
 */
export function compareNextAction(expected: string, reply: string): HandshakeVerdict {
  const restated = restatedNextAction(reply).slice(0, 500);
  const want = words(expected);
  const got = words(restated);
  if (want.size === 0 || got.size === 0) return { verdict: 'unclear', restated };
  let shared = 0;
  for (const word of want) if (got.has(word)) shared += 1;
  const dice = (2 * shared) / (want.size + got.size);
  return { verdict: dice >= 0.5 ? 'matched' : 'differed', restated };
}

/** What the toast says of a handshake's verdict (shown as text; quotes end the sentence). */
export function handshakeSentence({ verdict, restated, expected, name }: { verdict: HandshakeVerdict['verdict']; restated: string; expected: string; name: string }): string {
  if (verdict === 'matched') return `Handshake OK: ChatGPT restated the next action of [${name}] as the anchor has it: “${restated}”`;
  if (verdict === 'differed') return `Handshake mismatch for [${name}]: ChatGPT says the next action is “${restated}”, but the anchor says “${expected}”`;
  return `Handshake unclear for [${name}]: ChatGPT did not restate the next action in one line. The anchor says “${expected}”`;
}
