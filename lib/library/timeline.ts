import type { Anchor, Origin } from '../model/anchor';
import { isChatGptUrl } from '../chatgpt/hosts';
import type { Handshake, ResumeRecord } from '../model/lineage';
import { oldestFirst } from '../model/order';

/**
 * A project's lineage as a timeline, oldest first: chat → anchor v1 → resumed into chat →
 * anchor v2 → … Built from the project's anchors (each knows the chat it was saved in) and its
 * resume records (each knows the chat it went into, once that chat has started). Pure.
 */

/** A chat, as far as it is known: a link only to a ChatGPT address. */
export type ChatRef = { key: string; url?: string; title?: string };

export type TimelineItem =
  | { kind: 'chat'; at: string; chat: ChatRef }
  | {
      kind: 'anchor';
      at: string;
      timeKnown: boolean;
      anchorId: string;
      name: string;
      /** 1 for a name's oldest live version. */
      version: number;
      origin: Origin;
      /** Saved in the chat the step before went into. */
      inChat?: ChatRef;
    }
  | {
      kind: 'resume';
      at: string;
      anchorId: string;
      name: string;
      /** Undefined when that version is no longer in the library. */
      version?: number;
      /** Undefined until the new chat's first message was sent (or for resumes made before v5 kept chats). */
      chat?: ChatRef;
      handshake?: Handshake;
    };

/** A chat's address from its id alone (an anchor saved before its address was kept, say): plain ids only. */
function conversationUrl(id: string): string | undefined {
  return /^[A-Za-z0-9-]{1,200}$/.test(id) ? `https://chatgpt.com/c/${id}` : undefined;
}

/** The chat an anchor was saved in, if it says. */
function sourceChat(anchor: Anchor, titles: Map<string, string>): ChatRef | undefined {
  const { conversationId, url, chatTitle } = anchor.source;
  const key = conversationId ?? (url && isChatGptUrl(url) ? url : undefined);
  if (!key) return undefined;
  const link = url && isChatGptUrl(url) ? url : conversationId ? conversationUrl(conversationId) : undefined;
  return withTitle(link ? { key, url: link } : { key }, chatTitle ?? titles.get(key));
}

function resumedChat(record: ResumeRecord, titles: Map<string, string>): ChatRef | undefined {
  const { conversationId, url } = record;
  if (!conversationId) return undefined;
  const link = url && isChatGptUrl(url) ? url : conversationUrl(conversationId);
  return withTitle(link ? { key: conversationId, url: link } : { key: conversationId }, titles.get(conversationId));
}

function withTitle(chat: ChatRef, title: string | undefined): ChatRef {
  return title ? { ...chat, title } : chat;
}

/** Version numbers per name, oldest live version 1 (as the popup's history counts them). */
function versionNumbers(anchors: Anchor[]): Map<string, number> {
  const byName = new Map<string, Anchor[]>();
  for (const anchor of anchors) byName.set(anchor.name, [...(byName.get(anchor.name) ?? []), anchor]);
  const numbers = new Map<string, number>();
  for (const versions of byName.values()) {
    versions
      .sort(oldestFirst)
      .forEach((anchor, i) => numbers.set(anchor.id, i + 1));
  }
  return numbers;
}

/**
 * The timeline of one project: `anchors` are its anchors (the trash is left out here), `resumes`
 * any resume records (those of other anchors are ignored). A chat is shown once: where it first
 * appears (the chat an anchor was saved in, or the chat a resume went into).
 */
export function buildTimeline(anchors: readonly Anchor[], resumes: readonly ResumeRecord[]): TimelineItem[] {
  const live = anchors.filter((a) => !a.deletedAt);
  const ids = new Set(live.map((a) => a.id));
  const names = new Set(live.map((a) => a.name));
  const versions = versionNumbers(live);
  // A resumed chat's title is only known from an anchor saved in it.
  const titles = new Map<string, string>();
  for (const anchor of live) {
    const key = anchor.source.conversationId ?? anchor.source.url;
    if (key && anchor.source.chatTitle && !titles.has(key)) titles.set(key, anchor.source.chatTitle);
  }
  type Event = { at: string; order: number; make: () => TimelineItem[] };
  const shown = new Set<string>();
  let lastChat: string | undefined;
  const events: Event[] = [];
  for (const anchor of live) {
    events.push({
      at: anchor.createdAt,
      order: 1,
      make: () => {
        const chat = sourceChat(anchor, titles);
        const before: TimelineItem[] = [];
        if (chat && !shown.has(chat.key)) {
          shown.add(chat.key);
          before.push({ kind: 'chat', at: anchor.createdAt, chat });
        }
        const item: TimelineItem = {
          kind: 'anchor',
          at: anchor.createdAt,
          timeKnown: anchor.timeKnown,
          anchorId: anchor.id,
          name: anchor.name,
          version: versions.get(anchor.id) ?? 1,
          origin: anchor.origin,
        };
        if (chat && before.length === 0 && chat.key === lastChat) item.inChat = chat;
        if (chat) lastChat = chat.key;
        return [...before, item];
      },
    });
  }
  for (const record of resumes) {
    if (!ids.has(record.anchorId) && !names.has(record.name)) continue;
    events.push({
      at: record.resumedAt,
      order: 0,
      make: () => {
        const chat = resumedChat(record, titles);
        if (chat) {
          shown.add(chat.key);
          lastChat = chat.key;
        }
        const item: TimelineItem = { kind: 'resume', at: record.resumedAt, anchorId: record.anchorId, name: record.name };
        const version = versions.get(record.anchorId);
        if (version !== undefined) item.version = version;
        if (chat) item.chat = chat;
        if (record.handshake) item.handshake = record.handshake;
        return [item];
      },
    });
  }
  // Oldest first; at the same moment a resume comes before an anchor saved in its chat.
  events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.order - b.order));
  return events.flatMap((event) => event.make());
}
