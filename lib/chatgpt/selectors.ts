/**
 * Every selector for ChatGPT's page, primary first, then the older shapes it has had. Dated so a
 * fallback can be dropped once the shape is long gone. Sources: ../shared/chatgpt-dom.md.
 */
export const SELECTORS = {
  composer: [
    /* 2024-09 → now: ProseMirror div */ '#prompt-textarea[contenteditable="true"]',
    /* 2025-06 A/B: id moved */ 'form div.ProseMirror[contenteditable="true"]',
  ],
  composerForm: [
    /* 2025 → now */ 'form[data-type="unified-composer"]',
    /* 2024 */ 'main form[class*="composer"]',
  ],
  sendButton: [
    /* 2024 → now */ 'button[data-testid="send-button"]',
    /* 2025 */ 'button#composer-submit-button',
    /* 2025-11 */ 'button[aria-label="Send prompt"]',
  ],
  stopButton: [
    /* 2024 → now */ 'button[data-testid="stop-button"]',
    /* 2025 */ 'button[aria-label="Stop streaming"]',
  ],
  turn: [/* 2024 → now; article until 2026-04, section since */ '[data-testid^="conversation-turn-"]'],
  message: [/* 2023 → now */ '[data-message-author-role]'],
  assistantMessage: [/* 2023 → now */ '[data-message-author-role="assistant"]'],
  assistantText: [/* 2023 → now */ '.markdown.prose', /* 2025 */ '.markdown'],
  copyButton: [
    /* 2025 → now */ 'button[data-testid="copy-turn-action-button"]',
    /* 2024 */ 'button[aria-label="Copy"]',
  ],
  newChat: [
    /* 2024 → now */ 'a[data-testid="create-new-chat-button"]',
    /* 2023 */ 'nav a[href="/"]',
  ],
  activeChatTitle: [/* 2024 → now */ '#history a[data-active]'],
} as const satisfies Record<string, readonly string[]>;

export type PagePart = keyof typeof SELECTORS;

export function querySelectorFirst<T extends Element = HTMLElement>(
  root: ParentNode,
  selectors: readonly string[],
): T | null {
  for (const selector of selectors) {
    const found = root.querySelector<T & Element>(selector);
    if (found) return found;
  }
  return null;
}

export function querySelectorAllFirst<T extends Element = HTMLElement>(
  root: ParentNode,
  selectors: readonly string[],
): T[] {
  for (const selector of selectors) {
    const found = root.querySelectorAll<T & Element>(selector);
    if (found.length > 0) return [...found];
  }
  return [];
}
