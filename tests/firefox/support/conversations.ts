import { THESIS, anchorReply } from '../../e2e/support/library';

/** One chat whose latest reply is the THESIS anchor, as the Chromium suite's capture tests serve it. */
export const CHAT = '11111111-1111-4111-8111-111111111111';

/** A chat whose latest reply is no anchor: *Save anchor* asks ChatGPT for one. */
export const PLAIN = '22222222-2222-4222-8222-222222222222';

export const conversations = {
  [CHAT]: {
    title: 'Thesis chapter 3',
    turns: [
      { role: 'user' as const, markdown: 'Anchor this as chat [Thesis_Ch3_Methods] with next action + dependencies.' },
      { role: 'assistant' as const, markdown: anchorReply(THESIS) },
    ],
  },
  [PLAIN]: {
    title: 'Capstone Step 9 – Admin',
    turns: [
      { role: 'user' as const, markdown: 'How do I add an admin page?' },
      { role: 'assistant' as const, markdown: 'Start with a **route** guarded by a role check.' },
    ],
  },
};

/** The resume text of THESIS, one composer paragraph per line. */
export const THESIS_LINES = [
  'Resume from anchor: [Thesis_Ch3_Methods]',
  `Context: ${THESIS.context}`,
  `Current milestone: ${THESIS.milestone}`,
  `Next action: ${THESIS.nextAction}`,
  `Dependencies: ${THESIS.dependencies.join('; ')}`,
];
