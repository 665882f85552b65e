import { THESIS, anchorReply } from '../../e2e/support/library';

/** One chat whose latest reply is the THESIS anchor, as the Chromium suite's capture tests serve it. */
export const CHAT = '11111111-1111-4111-8111-111111111111';

export const conversations = {
  [CHAT]: {
    title: 'Thesis chapter 3',
    turns: [
      { role: 'user' as const, markdown: 'Anchor this as chat [Thesis_Ch3_Methods] with next action + dependencies.' },
      { role: 'assistant' as const, markdown: anchorReply(THESIS) },
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
