import type { PageGeneration } from './generation';

/**
 * Generation A: the signed-in page of 2024 → 2026, turns in `[data-testid^="conversation-turn-"]`
 * (`<article>` in 2025, `<section>` since 2026-04; the tag is not matched) and a ProseMirror
 * composer `#prompt-textarea`. Many signed-in users still get it.
 */
export const GENERATION_A: PageGeneration = {
  id: 'A',
  signature: ['[data-testid^="conversation-turn-"]', '#prompt-textarea', 'form[data-type="unified-composer"]'],
  messageIdAttribute: 'data-message-id',
  // Signed in: files pasted or dropped into the composer are uploaded and sent with the message.
  acceptsFiles: true,
  selectors: {
    composer: [
      /* 2024-09 → now: ProseMirror div */ '#prompt-textarea[contenteditable="true"]',
      /* 2025-06 A/B test: id moved */ 'form div.ProseMirror[contenteditable="true"]',
    ],
    composerForm: [/* 2025 → now */ 'form[data-type="unified-composer"]'],
    send: [
      /* 2024 → now */ 'button[data-testid="send-button"]',
      /* 2025-11 */ 'button[aria-label="Send prompt"]',
    ],
    stop: [
      /* 2024 → now */ 'button[data-testid="stop-button"]',
      /* 2025 */ 'button[aria-label="Stop streaming"]',
    ],
    turn: [/* 2024 → now */ '[data-testid^="conversation-turn-"]'],
    message: [/* 2023 → now */ '[data-message-author-role]'],
    assistantMessage: [/* 2023 → now */ '[data-message-author-role="assistant"]'],
    replyText: [/* 2023 → now */ '.markdown'],
    // The user's message holds its text alone.
    userText: [],
    replyDone: [
      /* 2025 → now */ 'button[data-testid="copy-turn-action-button"]',
      /* 2024 */ 'button[aria-label="Copy"]',
    ],
    newChat: [
      /* 2024 → now */ 'a[data-testid="create-new-chat-button"]',
      /* 2023 */ 'nav a[href="/"]',
    ],
    chatTitle: [/* 2024 → 2026 */ '#history a[data-active]'],
    // Shown in the thread in place of a reply, announced to screen readers; its markup was never
    // captured, so it is found by role and sentence (MAX_LENGTH_TEXT), never by class.
    maxLengthNotice: [/* 2024 → now */ '[data-testid^="conversation-turn-"] [role="alert"]'],
  },
};
