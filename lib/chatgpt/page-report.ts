import { z } from 'zod/mini';
import type { PageCheck } from './page-check';

/**
 * The options page's side of the page check: what a ChatGPT tab answered (checked with zod, like
 * every message an extension page takes in), and the report a person can paste into a bug report.
 * The report holds only what the tab sent, which is structure (lib/chatgpt/page-check.ts): no
 * text of the chat, no conversation or message id.
 */

const PARTS = ['composer', 'composerForm', 'send', 'stop', 'turn', 'message', 'assistantMessage', 'replyText', 'userText', 'replyDone', 'newChat', 'chatTitle', 'maxLengthNotice'] as const;
const line = z.string().check(z.maxLength(2_000));

export const PageCheckSchema = z.object({
  generation: z.nullable(z.enum(['A', 'B', 'C'])),
  kind: z.enum(['new', 'conversation', 'shared', 'other']),
  path: z.string().check(z.maxLength(500), z.regex(/^\/[a-z<>/]*$/, 'a path made of words and <id>')),
  theme: z.enum(['light', 'dark']),
  parts: z.array(
    z.object({ part: z.enum(PARTS), selector: z.nullable(line), count: z.number().check(z.int(), z.minimum(0)) }),
  ),
  missing: z.array(z.enum(['composer', 'messages', 'send button'])),
  outline: z.array(line).check(z.maxLength(1_000)),
});

export const PART_LABELS: Record<(typeof PARTS)[number], string> = {
  composer: 'Composer (message box)',
  composerForm: 'Composer form',
  send: 'Send button',
  stop: 'Stop button',
  turn: 'Turns',
  message: 'Messages',
  assistantMessage: "ChatGPT's replies",
  replyText: 'Reply text',
  userText: 'Your messages’ text',
  replyDone: "A reply's Copy button (reply finished)",
  newChat: 'New chat control',
  chatTitle: 'Chat title in the sidebar',
  maxLengthNotice: "ChatGPT's maximum-length notice",
};

/** Why a part that was not found may be fine. */
const NOT_FOUND: Partial<Record<(typeof PARTS)[number], string>> = {
  send: 'not shown now (ChatGPT shows it once the composer holds text)',
  stop: 'not shown now (only while ChatGPT replies)',
  newChat: 'none: Resume opens a new chat by loading chatgpt.com instead',
  chatTitle: 'none: the tab title is used',
  replyDone: 'not shown now (after a finished reply)',
  userText: 'none: the whole message is read',
  maxLengthNotice: 'not shown (only once a chat is full)',
};

/** The names `missing` uses for the parts. */
const MISSING_NAMES: Partial<Record<(typeof PARTS)[number], PageCheck['missing'][number]>> = {
  composer: 'composer',
  send: 'send button',
  message: 'messages',
  assistantMessage: 'messages',
};

export const GENERATION_LABELS = {
  A: 'A: conversation turns (article/section), #prompt-textarea',
  B: 'B: web-mobile (logged out), textarea#mobile-composer-prompt',
  C: 'C: app shell, form[data-chatgpt-composer]',
} as const;

export const KIND_LABELS: Record<PageCheck['kind'], string> = {
  new: 'a new chat',
  conversation: 'a conversation',
  shared: 'a shared chat',
  other: 'not a chat (nothing to check here)',
};

export function partStatus(check: PageCheck, part: PageCheck['parts'][number]): string {
  if (part.selector) return part.count > 1 ? `${part.selector} (${part.count})` : part.selector;
  const reported = MISSING_NAMES[part.part];
  const missing = reported !== undefined && check.missing.includes(reported);
  return missing || !NOT_FOUND[part.part] ? 'not found' : NOT_FOUND[part.part]!;
}

export function formatPageReport(check: PageCheck, about: { host: string; version: string; browser: string; now: Date }): string {
  return [
    'GPT Anchors page report (structure only: no chat text, no ids)',
    `GPT Anchors ${about.version} · ${about.browser} · ${about.now.toISOString()}`,
    `Page: ${about.host}${check.path} (${KIND_LABELS[check.kind]})`,
    `Generation: ${check.generation ? GENERATION_LABELS[check.generation] : 'not recognised'}`,
    `Theme: ${check.theme}`,
    `Missing: ${check.missing.length > 0 ? check.missing.join(', ') : 'nothing'}`,
    '',
    'Parts:',
    ...check.parts.map((part) => `  ${part.part}: ${partStatus(check, part)}`),
    '',
    'Page outline (tags, roles, data-* attribute names; ×N: N siblings alike):',
    ...check.outline,
  ].join('\n');
}
