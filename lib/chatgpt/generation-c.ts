import type { PageGeneration } from './generation';

/**
 * Generation C: the signed-in "app shell", rolling out since about 2026-09-24. One
 * `div[data-turn-key]` holds a prompt and its answer; the composer is a ProseMirror editor in
 * `form[data-chatgpt-composer]` (no `#prompt-textarea`); `.markdown` and almost every
 * `data-testid` are gone, and the sidebar has no links.
 */
export const GENERATION_C: PageGeneration = {
  id: 'C',
  signature: ['form[data-chatgpt-composer]', 'div[data-turn-key]'],
  messageIdAttribute: 'data-chatgpt-selection-message-id',
  // Signed in, "Add photos and files": pasted and dropped files are uploaded with the message.
  acceptsFiles: true,
  selectors: {
    composer: [/* 2026-09 → now */ 'form[data-chatgpt-composer] div.ProseMirror[contenteditable="true"][role="textbox"]'],
    composerForm: [/* 2026-09 → now */ 'form[data-chatgpt-composer]'],
    send: [/* 2026-09 → now */ 'form[data-chatgpt-composer] button[type="submit"][aria-label="Send"]'],
    stop: [/* 2026-09 → now */ 'button[aria-label="Stop"]'],
    turn: [/* 2026-09 → now */ 'div[data-turn-key]'],
    message: [/* 2026-09 → now */ '[data-chatgpt-selection-message-id]'],
    assistantMessage: [/* 2026-09 → now */ 'h4[data-conversation-role="assistant"] + [data-chatgpt-selection-message-id]'],
    replyText: [/* 2026-09 → now */ '[data-markdown-text-style="assistant-message"]'],
    userText: [/* 2026-09 → now */ '[data-markdown-text-style="user-message"]'],
    replyDone: [/* 2026-09 → now */ '.turn-action-controls button[aria-label="Copy"]'],
    newChat: [/* 2026-09 → now */ 'nav[data-app-navigation-rail] [data-sidebar-destination="builtin:home"]'],
    chatTitle: [],
    // In the turn of the prompt that was refused, by role and sentence (markup never captured).
    maxLengthNotice: [/* 2026-09 → now */ 'div[data-turn-key] [role="alert"]'],
  },
};
