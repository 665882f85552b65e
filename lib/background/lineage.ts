import type { Browser } from 'wxt/browser';
import type { Anchor, AnchorDraft, Origin } from '../model/anchor';
import { isChatGptUrl } from '../chatgpt/hosts';
import { conversationIdFromPath, isTemporaryConversationId } from '../chatgpt/urls';
import { bindResumedChat, getAnchor, listVersions, recordResumeInTab, resumeOfConversation, updateResume } from '../storage/db';
import type { ResumeRecord } from '../model/lineage';
import type { AnchorRequest, ChatStarted, HandshakeResult } from '../messaging/messages';
import { anchorRequestText, compareNextAction, handshakeSentence } from '../log/rolling';
import type { Settings } from '../model/settings';

/**
 * Lineage in the background: a ChatGPT tab's resume is recorded against the tab; the page reports
 * the chat's id once its first message is sent; from then on that chat is known to come from the
 * anchor, so *Save anchor* there asks ChatGPT to update it (a rolling request) and the reply
 * becomes its next version, and a handshake asked for in the resume text is checked. Which chat a
 * message comes from is read from the sender's address as the browser reports it.
 */

/** How long after a rolling request its reply may still be saved as the anchor's next version (Save anchor waits 15 min at most). */
export const ROLLING_REPLY_MS = 20 * 60_000;

type Chat = { conversationId: string; url: string };

/**
 * The chat a ChatGPT tab's message comes from: its conversation id (not a temporary one) and
 * address. The tab's address, as the browser has it now: ChatGPT moves to a chat's address with
 * history.pushState, which the tab's address follows but the sender's `url` (the address the page
 * was loaded at, in Chromium) does not. The host permission lets the background read it.
 */
export function senderChat(sender: Browser.runtime.MessageSender): Chat | null {
  const address = sender.tab?.url ?? sender.url;
  if (!address || !isChatGptUrl(address)) return null;
  const url = new URL(address);
  const conversationId = conversationIdFromPath(url.pathname);
  if (!conversationId || isTemporaryConversationId(conversationId)) return null;
  return { conversationId, url: `${url.origin}${url.pathname}` };
}

function tabOf(sender: Browser.runtime.MessageSender): number {
  const tabId = sender.tab?.id;
  if (tabId === undefined) throw new Error('This request needs a ChatGPT tab.');
  return tabId;
}

/** A resume from a ChatGPT tab: counted on the anchor, and its record waits for the chat. */
export function recordTabResume(anchor: Anchor, sender: Browser.runtime.MessageSender, settings: Settings, now = new Date()) {
  return recordResumeInTab(anchor.id, tabOf(sender), { now, handshake: handshakeAsked(anchor, settings) });
}

/** The resume text asks for a handshake when the setting is on and there is a next action to restate. */
export function handshakeAsked(anchor: AnchorDraft, settings: Settings): boolean {
  return settings.resumeHandshake && anchor.nextAction.trim() !== '';
}

/** The page's report that its resumed chat started: the record learns the chat. */
export async function chatStarted(conversationId: string, sender: Browser.runtime.MessageSender, now = new Date()): Promise<ChatStarted | null> {
  const chat = senderChat(sender);
  if (!chat || chat.conversationId !== conversationId) {
    throw new Error('This tab is not showing that chat: its first message must be sent before it can be linked.');
  }
  const record = await bindResumedChat(tabOf(sender), chat, now);
  return record ? { name: record.name, handshake: record.handshake === 'asked' } : null;
}

/** The anchor this chat was resumed from, as it is now: the version resumed, else the newest of its name. */
async function resumedFrom(sender: Browser.runtime.MessageSender): Promise<{ record: ResumeRecord; anchor: Anchor } | null> {
  const chat = senderChat(sender);
  const record = chat && (await resumeOfConversation(chat.conversationId));
  if (!record) return null;
  const resumed = await getAnchor(record.anchorId);
  if (resumed && !resumed.deletedAt) return { record, anchor: resumed };
  const [latest] = await listVersions(record.name);
  return latest ? { record, anchor: latest } : null;
}

/**
 * What *Save anchor* sends when the latest reply is not an anchor: in a chat resumed from anchor
 * X (with rolling anchors on), the request to update X, carrying X's fields; else the template
 * with the suggested name.
 */
export async function anchorRequest(
  suggestedName: string,
  sender: Browser.runtime.MessageSender,
  settings: Settings,
  now = new Date(),
): Promise<Omit<AnchorRequest, 'replyTimeoutMs'>> {
  const from = settings.rollingAnchors ? await resumedFrom(sender) : null;
  if (from) await updateResume(from.record.id, (record) => ({ ...record, rollingAskedAt: now.toISOString() }));
  const text = anchorRequestText({ template: settings.template, suggestedName, rollingFrom: from?.anchor ?? null });
  return { text, rolling: from ? { name: from.anchor.name } : null };
}

/**
 * The name a save from this chat is stored under: a reply to a rolling request (asked for in the
 * last ROLLING_REPLY_MS) becomes the next version of the anchor it updates, whatever name ChatGPT
 * wrote; anything else keeps its own.
 */
export async function rollingSaveName(
  origin: Origin,
  sender: Browser.runtime.MessageSender,
  now = new Date(),
): Promise<string | null> {
  if (origin !== 'requested') return null;
  const from = await resumedFrom(sender);
  const asked = from?.record.rollingAskedAt;
  if (!from || !asked || now.getTime() - Date.parse(asked) > ROLLING_REPLY_MS) return null;
  await updateResume(from.record.id, ({ rollingAskedAt: _done, ...record }) => record);
  return from.anchor.name;
}

/** ChatGPT's reply to a resume that asked for a handshake, compared with the anchor's next action. */
export async function checkHandshake(reply: string, sender: Browser.runtime.MessageSender): Promise<HandshakeResult> {
  const from = await resumedFrom(sender);
  if (!from || from.record.handshake !== 'asked') throw new Error('This chat was not resumed with a handshake.');
  const { verdict, restated } = compareNextAction(from.anchor.nextAction, reply);
  await updateResume(from.record.id, (record) => ({ ...record, handshake: verdict }));
  const result = { verdict, restated, expected: from.anchor.nextAction, name: from.anchor.name };
  return { ...result, text: handshakeSentence(result) };
}
