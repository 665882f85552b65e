import { describe, expect, it } from 'vitest';
import type { Anchor } from '../../lib/model/anchor';
import type { ResumeRecord } from '../../lib/model/lineage';
import { buildTimeline } from '../../lib/library/timeline';

function anchor(id: string, name: string, createdAt: string, source: Anchor['source'] = {}, extra: Partial<Anchor> = {}): Anchor {
  return { id, name, context: '', milestone: '', nextAction: '', dependencies: [], createdAt, timeKnown: true, source, origin: 'requested', resumeCount: 0, ...extra };
}

const chat1 = { conversationId: 'chat-1', url: 'https://chatgpt.com/c/chat-1', chatTitle: 'Thesis chapter 3' };
const chat2 = { conversationId: 'chat-2', url: 'https://chatgpt.com/c/chat-2', chatTitle: 'Resume Thesis' };
const V1 = anchor('v1', 'Thesis_Ch3', '2026-03-01T10:00:00.000Z', chat1);
const V2 = anchor('v2', 'Thesis_Ch3', '2026-03-03T10:00:00.000Z', chat2);
const R1: ResumeRecord = {
  id: 'r1',
  anchorId: 'v1',
  name: 'Thesis_Ch3',
  resumedAt: '2026-03-02T09:00:00.000Z',
  conversationId: 'chat-2',
  url: 'https://chatgpt.com/c/chat-2',
  chatStartedAt: '2026-03-02T09:01:00.000Z',
};

describe('a project’s lineage', () => {
  it('reads chat → anchor v1 → resumed into chat → anchor v2, each chat once, with its title and link', () => {
    expect(buildTimeline([V2, V1], [R1])).toEqual([
      { kind: 'chat', at: V1.createdAt, chat: { key: 'chat-1', url: 'https://chatgpt.com/c/chat-1', title: 'Thesis chapter 3' } },
      { kind: 'anchor', at: V1.createdAt, timeKnown: true, anchorId: 'v1', name: 'Thesis_Ch3', version: 1, origin: 'requested' },
      {
        kind: 'resume',
        at: R1.resumedAt,
        anchorId: 'v1',
        name: 'Thesis_Ch3',
        version: 1,
        chat: { key: 'chat-2', url: 'https://chatgpt.com/c/chat-2', title: 'Resume Thesis' },
      },
      {
        kind: 'anchor',
        at: V2.createdAt,
        timeKnown: true,
        anchorId: 'v2',
        name: 'Thesis_Ch3',
        version: 2,
        origin: 'requested',
        inChat: { key: 'chat-2', url: 'https://chatgpt.com/c/chat-2', title: 'Resume Thesis' },
      },
    ]);
  });

  it('shows a resume whose chat has not started yet, and one from before chats were kept', () => {
    const waiting: ResumeRecord = { id: 'r2', anchorId: 'v2', name: 'Thesis_Ch3', resumedAt: '2026-03-04T10:00:00.000Z', tabId: 3, handshake: 'asked' };
    const items = buildTimeline([V1, V2], [R1, waiting]);
    expect(items.at(-1)).toEqual({ kind: 'resume', at: waiting.resumedAt, anchorId: 'v2', name: 'Thesis_Ch3', version: 2, handshake: 'asked' });
  });

  it('leaves out other projects’ resumes and the trash; keeps a resume of a version since trashed, without its number', () => {
    const other: ResumeRecord = { ...R1, id: 'r9', anchorId: 'zz', name: 'Bot_MVP' };
    const trashedV1 = { ...V1, deletedAt: '2026-03-05T00:00:00.000Z' };
    const items = buildTimeline([trashedV1, V2], [R1, other]);
    expect(items.map((i) => i.kind)).toEqual(['resume', 'anchor']);
    expect(items[0]).toMatchObject({ kind: 'resume', name: 'Thesis_Ch3' });
    expect(items[0]).not.toHaveProperty('version');
  });

  it('never links anywhere but ChatGPT: an imported source with another address is a chat without a link', () => {
    const odd = anchor('o', 'Thesis_Ch3', '2026-03-01T10:00:00.000Z', { conversationId: 'x y', url: 'javascript:alert(1)' });
    const hostile = anchor('h', 'Thesis_Ch3', '2026-03-02T10:00:00.000Z', { url: 'https://evil.example/c/1' });
    const items = buildTimeline([odd, hostile], []);
    expect(items[0]).toEqual({ kind: 'chat', at: odd.createdAt, chat: { key: 'x y' } });
    expect(items.filter((i) => i.kind === 'chat')).toHaveLength(1); // the other site's address is no chat at all
    const plainId = anchor('p', 'Thesis_Ch3', '2026-03-01T10:00:00.000Z', { conversationId: 'abc-123' });
    expect(buildTimeline([plainId], [])[0]).toEqual({ kind: 'chat', at: plainId.createdAt, chat: { key: 'abc-123', url: 'https://chatgpt.com/c/abc-123' } });
  });
});
