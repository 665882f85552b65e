import type { PageGeneration } from './generation';

/**
 * Generation B: the "web-mobile" page, served logged out (conversations at `/uc/<id>`) and to
 * some signed-in users since 2026-07-23. Messages are `li[data-message-role]` in an
 * `ol[data-conversation-transcript]`; the composer is a plain textarea; one submit button is send
 * and stop by turns (`data-stop-generating` while a reply streams). `li[data-message-complete]`
 * can flip before the reply ends, so it is not used. No new-chat control is known.
 */
export const GENERATION_B: PageGeneration = {
  id: 'B',
  signature: ['ol[data-conversation-transcript]', 'form[data-mobile-composer]', 'textarea#mobile-composer-prompt'],
  messageIdAttribute: 'id',
  // Logged out, its pickers are for photos (the 2026-10-03 capture's native image pickers): a
  // `.md` file is not known to be taken, so a rescue writes the latest turns as text instead.
  acceptsFiles: false,
  selectors: {
    composer: [/* 2026-07 → now */ 'textarea#mobile-composer-prompt'],
    composerForm: [/* 2026-07 → now */ 'form[data-mobile-composer]'],
    send: [/* 2026-07 → now */ 'button[data-composer-submit]:not([data-stop-generating])'],
    stop: [/* 2026-07 → now */ 'button[data-composer-submit][data-stop-generating]'],
    turn: [/* 2026-07 → now */ 'ol[data-conversation-transcript] > li[data-message-role]'],
    message: [/* 2026-07 → now */ 'li[data-message-role]'],
    assistantMessage: [/* 2026-07 → now */ 'li[data-message-role="assistant"]'],
    replyText: [/* 2026-07 → now */ '[data-assistant-markdown]'],
    userText: [/* 2026-07 → now */ '[data-user-message-copy]'],
    replyDone: [/* 2026-07 → now */ '[data-assistant-message-actions] button[data-copy-message]'],
    newChat: [],
    chatTitle: [],
    // An item of the transcript, by role and sentence (its real markup was never captured). The
    // composer's own `[role=alert]` (mention errors) never carries the sentence.
    maxLengthNotice: [/* 2026-07 → now */ 'ol[data-conversation-transcript] [role="alert"]'],
  },
};
