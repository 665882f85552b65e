import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Anchor } from '../../lib/model/anchor';
import { summarizeProjects } from '../../lib/library/board';
import {
  DB_NAME,
  DB_VERSION,
  addAnchor,
  addAnchors,
  addReplacingVersion,
  addVersionIfUnchanged,
  bindResumedChat,
  closeAnchorsDb,
  getDraft,
  getLogFolder,
  getReceipt,
  getSettings,
  listAllAnchors,
  listProjectSummaries,
  listResumes,
  openAnchorsDb,
  purgeAnchors,
  rebuildProjectSummaries,
  recordResumeInTab,
  restoreAnchors,
  resumeOfConversation,
  setTags,
  storeFileImport,
  swapTrashed,
  takePendingResume,
  trashAnchors,
  updateAnchor,
  RESUME_CHAT_TTL_MS,
} from '../../lib/storage/db';
import { DEFAULT_SETTINGS } from '../../lib/model/settings';
import { testAnchor } from '../support/anchors';

function anchor(id: string, name: string, createdAt: string, extra: Partial<Anchor> = {}): Anchor {
  return testAnchor({ id, name, createdAt, ...extra });
}

beforeEach(async () => {
  await closeAnchorsDb();
  globalThis.indexedDB = new IDBFactory();
});

// ---------------------------------------------------------------------------------------------
// Each earlier schema, written exactly as that version of lib/storage/db.ts created it

type Seed = {
  anchors: object[];
  settings?: object;
  pendingResume?: object;
  draft?: object;
  receipt?: object;
  logFolder?: object;
  resumes?: object[];
  projects?: object[];
};

function schemaV1(db: IDBDatabase): void {
  db.createObjectStore('anchors', { keyPath: 'id' }).createIndex('createdAt', 'createdAt');
}
function schemaV2(db: IDBDatabase, tx: IDBTransaction): void {
  tx.objectStore('anchors').createIndex('name', 'name');
  db.createObjectStore('settings', { keyPath: 'key' });
  db.createObjectStore('pendingResumes', { keyPath: 'tabId' });
}
function schemaV3(db: IDBDatabase): void {
  db.createObjectStore('drafts', { keyPath: 'anchorId' });
  db.createObjectStore('receipts', { keyPath: 'id' }).createIndex('createdAt', 'createdAt');
}
function schemaV4(db: IDBDatabase): void {
  db.createObjectStore('logFile', { keyPath: 'key' });
}
function schemaV5(db: IDBDatabase): void {
  const resumes = db.createObjectStore('resumes', { keyPath: 'id' });
  resumes.createIndex('anchorId', 'anchorId');
  resumes.createIndex('tabId', 'tabId');
  resumes.createIndex('conversationId', 'conversationId');
  db.createObjectStore('projects', { keyPath: 'project' });
}

async function writeVersion(version: 1 | 2 | 3 | 4 | 5, seed: Seed): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, version);
    request.onupgradeneeded = () => {
      const db = request.result;
      const tx = request.transaction!;
      schemaV1(db);
      if (version >= 2) schemaV2(db, tx);
      if (version >= 3) schemaV3(db);
      if (version >= 4) schemaV4(db);
      if (version >= 5) schemaV5(db);
      for (const record of seed.anchors) tx.objectStore('anchors').add(record);
      if (seed.settings) tx.objectStore('settings').add({ key: 'settings', value: seed.settings });
      if (seed.pendingResume) tx.objectStore('pendingResumes').add(seed.pendingResume);
      if (seed.draft) tx.objectStore('drafts').add(seed.draft);
      if (seed.receipt) tx.objectStore('receipts').add(seed.receipt);
      if (seed.logFolder) tx.objectStore('logFile').add({ key: 'folder', value: seed.logFolder });
      for (const record of seed.resumes ?? []) tx.objectStore('resumes').add(record);
      for (const record of seed.projects ?? []) tx.objectStore('projects').add(record);
    };
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => reject(request.error);
  });
}

/** Records as each version wrote them: v1 had no timeKnown, resumeCount, origin or source. */
const V1_RECORDS = [
  { id: 'x1', name: 'Thesis_Ch3', context: 'c1', milestone: 'm1', nextAction: 'Write 3.2', dependencies: ['Zotero'], createdAt: '2026-01-01T09:00:00.000Z' },
  { id: 'x2', name: 'Thesis_Ch3', context: 'c2', milestone: 'm2', nextAction: 'Write 3.3', dependencies: ['✓ Zotero', 'supervisor'], createdAt: '2026-01-02T09:00:00.000Z' },
  { id: 'x3', name: 'Bot', context: 'κ → ✓', milestone: '', nextAction: 'Deploy', dependencies: [], createdAt: '2026-01-03T09:00:00.000Z', deletedAt: '2026-01-04T09:00:00.000Z' },
];
const LATER_RECORDS = [
  anchor('y1', 'Thesis_Ch3', '2026-01-01T09:00:00.000Z', { resumeCount: 2, lastResumedAt: '2026-01-05T08:00:00.000Z' }),
  anchor('y2', 'Thesis_Lit', '2026-01-02T09:00:00.000Z', { source: { conversationId: 'c1', url: 'https://chatgpt.com/c/c1' } }),
  anchor('y3', 'Bot_MVP', '2026-01-03T09:00:00.000Z', { deletedAt: '2026-01-04T09:00:00.000Z', lastResumedAt: '2026-01-03T10:00:00.000Z', resumeCount: 1 }),
];

describe('v5: lineage and project summaries, from every earlier schema', () => {
  it('from v1: the anchors migrate (v2), and the board is built from them', async () => {
    await writeVersion(1, { anchors: V1_RECORDS });
    const db = await openAnchorsDb();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['anchors', 'chats', 'drafts', 'limitHits', 'logFile', 'pendingResumes', 'projects', 'receipts', 'resumes', 'settings']);
    expect((await listAllAnchors()).map((a) => a.id)).toEqual(['x3', 'x2', 'x1']);
    expect(await listProjectSummaries()).toEqual([
      {
        project: 'Thesis',
        latestId: 'x2',
        latestName: 'Thesis_Ch3',
        nextAction: 'Write 3.3',
        dependencies: ['✓ Zotero', 'supervisor'],
        lastSavedAt: '2026-01-02T09:00:00.000Z',
        names: 1,
        versions: 2,
        tags: [],
      },
    ]); // Bot is in the trash: no card
    expect(await listResumes()).toEqual([]); // v1 never counted resumes
  });

  it.each([2, 3, 4] as const)('from v%i: every record kept, each last resume becomes a lineage record, the board built', async (version) => {
    await writeVersion(version, {
      anchors: LATER_RECORDS,
      settings: { ...DEFAULT_SETTINGS, autoSend: true },
      pendingResume: { tabId: 3, anchorId: 'y1', createdAt: new Date().toISOString() },
      ...(version >= 3
        ? {
            draft: { anchorId: 'y1', name: 'Thesis_Ch3', values: { name: 'Thesis_Ch3', context: 'typed', milestone: '', nextAction: '', dependencies: '' }, latestAtStart: 'y1', updatedAt: '2026-01-06T00:00:00.000Z' },
            receipt: { id: 'rc', tabId: 3, kind: 'save', anchorId: 'y2', created: true, createdAt: new Date().toISOString() },
          }
        : {}),
      ...(version >= 4 ? { logFolder: { id: 'f', handle: { kind: 'directory', name: 'Anchors' }, perProject: false, chosenAt: '2026-01-01T00:00:00.000Z' } } : {}),
    });
    expect(await listAllAnchors()).toEqual([...LATER_RECORDS].reverse());
    expect((await getSettings()).autoSend).toBe(true);
    expect(await takePendingResume(3)).toBe('y1');
    if (version >= 3) {
      expect((await getDraft('y1'))?.values.context).toBe('typed');
      expect((await getReceipt('rc'))?.anchorId).toBe('y2');
    }
    if (version >= 4) expect((await getLogFolder())?.id).toBe('f');
    expect((await listResumes()).sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: 'v5-y1', anchorId: 'y1', name: 'Thesis_Ch3', resumedAt: '2026-01-05T08:00:00.000Z' },
      { id: 'v5-y3', anchorId: 'y3', name: 'Bot_MVP', resumedAt: '2026-01-03T10:00:00.000Z' },
    ]);
    const summaries = await listProjectSummaries();
    expect(summaries).toEqual(summarizeProjects(LATER_RECORDS));
    expect(summaries.map((s) => [s.project, s.latestId, s.versions, s.lastResumedAt])).toEqual([['Thesis', 'y2', 2, '2026-01-05T08:00:00.000Z']]);
  });
});

describe('v6: the chat length meter’s stores, from v5', () => {
  it('keeps the anchors, the lineage and the board, and adds empty chats and limit-hit stores', async () => {
    const resume = { id: 'r1', anchorId: 'y1', name: 'Thesis_Ch3', resumedAt: '2026-01-05T08:00:00.000Z', conversationId: 'c9', url: 'https://chatgpt.com/c/c9' };
    const projects = summarizeProjects(LATER_RECORDS);
    await writeVersion(5, { anchors: LATER_RECORDS, settings: { ...DEFAULT_SETTINGS, autoSend: true }, resumes: [resume], projects });
    const db = await openAnchorsDb();
    expect(db.version).toBe(DB_VERSION);
    expect(await listAllAnchors()).toEqual([...LATER_RECORDS].reverse());
    expect((await getSettings()).autoSend).toBe(true);
    expect(await listResumes()).toEqual([resume]);
    expect(await listProjectSummaries()).toEqual(projects);
    expect(await db.count('chats')).toBe(0);
    expect(await db.count('limitHits')).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------
// The summaries follow every write

async function expectBoardTrue(): Promise<void> {
  const stored = await listProjectSummaries();
  const fromAnchors = summarizeProjects(await listAllAnchors());
  expect(stored.sort((a, b) => a.project.localeCompare(b.project))).toEqual(fromAnchors.sort((a, b) => a.project.localeCompare(b.project)));
}

describe('the project summaries after each kind of write', () => {
  it('follow adds, edits, renames, trash, restore, masks, purges, tags and file imports', async () => {
    await addAnchor(anchor('a1', 'Capstone_Step9', '2026-03-01T10:00:00.000Z'));
    await expectBoardTrue();
    await addAnchors([anchor('a2', 'Capstone_Step10', '2026-03-02T10:00:00.000Z'), anchor('b1', 'Bot_MVP', '2026-03-02T11:00:00.000Z')]);
    await expectBoardTrue();
    expect((await listProjectSummaries()).find((s) => s.project === 'Capstone')).toMatchObject({ latestId: 'a2', names: 2, versions: 2 });
    await addVersionIfUnchanged(anchor('a3', 'Capstone_Step10', '2026-03-03T10:00:00.000Z', { nextAction: 'Ship it' }), 'Capstone_Step10', 'a2');
    expect((await listProjectSummaries()).find((s) => s.project === 'Capstone')?.nextAction).toBe('Ship it');
    await updateAnchor('b1', (a) => ({ ...a, name: 'Capstone_Bot' })); // renamed into another project
    await expectBoardTrue();
    expect((await listProjectSummaries()).map((s) => s.project)).toEqual(['Capstone']);
    await trashAnchors(['a3']);
    expect((await listProjectSummaries())[0]?.latestId).toBe('b1'); // the renamed one is now Capstone's newest
    await restoreAnchors(['a3']);
    await addReplacingVersion(anchor('a4', 'Capstone_Step10', '2026-03-04T10:00:00.000Z'), 'a3');
    await swapTrashed('a4', 'a3');
    await expectBoardTrue();
    await setTags('Capstone_Step10', ['client', 'Urgent']);
    expect((await listProjectSummaries())[0]?.tags).toEqual(['client', 'Urgent']);
    await storeFileImport({ add: [anchor('t1', 'Thesis', '2026-03-05T10:00:00.000Z')], replace: [{ ...anchor('a1', 'Capstone_Step9', '2026-03-01T10:00:00.000Z'), nextAction: 'edited' }] });
    await expectBoardTrue();
    await purgeAnchors(['t1']);
    await expectBoardTrue();
    expect((await listProjectSummaries()).map((s) => s.project)).toEqual(['Capstone']);
  });

  it('a project is the name itself or names starting with it and `_`, nothing that merely starts the same', async () => {
    await addAnchors([
      anchor('1', 'Cap', '2026-03-01T10:00:00.000Z'),
      anchor('2', 'Cap_one', '2026-03-02T10:00:00.000Z'),
      anchor('3', 'Capstone_x', '2026-03-03T10:00:00.000Z'),
      anchor('4', '_hidden_x', '2026-03-04T10:00:00.000Z'),
    ]);
    await updateAnchor('2', (a) => ({ ...a, nextAction: 'changed' }));
    const summaries = await listProjectSummaries();
    expect(summaries.map((s) => [s.project, s.versions]).sort()).toEqual([['Cap', 2], ['Capstone', 1], ['_hidden_x', 1]]);
    await expectBoardTrue();
  });

  it('an import of many projects rebuilds the board in the same transaction', async () => {
    const many = Array.from({ length: 100 }, (_, i) => anchor(`m${i}`, `P${i}_step`, new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString()));
    await addAnchors(many);
    expect(await listProjectSummaries()).toHaveLength(100);
    await expectBoardTrue();
  });

  it('a failed write changes neither the anchors nor the board', async () => {
    await addAnchor(anchor('a1', 'Capstone_Step9', '2026-03-01T10:00:00.000Z'));
    await expect(addAnchors([anchor('n1', 'New_one', '2026-03-02T10:00:00.000Z'), anchor('a1', 'Capstone_Step9', '2026-03-03T10:00:00.000Z')])).rejects.toThrow();
    expect((await listProjectSummaries()).map((s) => s.project)).toEqual(['Capstone']);
    await expect(setTags('Nobody', ['x'])).rejects.toThrow('No anchor named [Nobody] is in the library.');
    await expect(setTags('Capstone_Step9', ['x', 'X'])).rejects.toThrow('Invalid tags: The same tag is given twice.');
    await expectBoardTrue();
  });

  it('rebuilds a board that anchors written past lib/storage/db.ts left behind', async () => {
    await addAnchor(anchor('a1', 'Capstone_Step9', '2026-03-01T10:00:00.000Z'));
    const db = await openAnchorsDb();
    await db.put('anchors', anchor('raw', 'Raw_one', '2026-03-05T10:00:00.000Z')); // as the tests' seeding does
    expect((await listProjectSummaries()).map((s) => s.project)).toEqual(['Capstone']);
    expect((await rebuildProjectSummaries()).map((s) => s.project).sort()).toEqual(['Capstone', 'Raw']);
    await expectBoardTrue();
  });
});

describe('tags', () => {
  it('go on every live version of the name, and come off with an empty list', async () => {
    await addAnchors([
      anchor('v1', 'Thesis_Ch3', '2026-03-01T10:00:00.000Z'),
      anchor('v2', 'Thesis_Ch3', '2026-03-02T10:00:00.000Z'),
      anchor('gone', 'Thesis_Ch3', '2026-03-03T10:00:00.000Z', { deletedAt: '2026-03-04T10:00:00.000Z' }),
      anchor('other', 'Thesis_Ch4', '2026-03-02T10:00:00.000Z'),
    ]);
    expect((await setTags('Thesis_Ch3', ['thesis'])).map((a) => a.id).sort()).toEqual(['v1', 'v2']);
    const byId = new Map((await listAllAnchors()).map((a) => [a.id, a]));
    expect([byId.get('v1')?.tags, byId.get('v2')?.tags, byId.get('gone')?.tags, byId.get('other')?.tags]).toEqual([['thesis'], ['thesis'], undefined, undefined]);
    await setTags('Thesis_Ch3', []);
    expect((await listAllAnchors()).some((a) => 'tags' in a)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Lineage records

describe('resume records', () => {
  const NOW = new Date('2026-03-10T10:00:00.000Z');

  it('a tab’s resume counts on the anchor, waits for its chat, and learns it when the page reports it', async () => {
    await addAnchor(anchor('x', 'Thesis_Ch3', '2026-03-01T10:00:00.000Z'));
    const record = await recordResumeInTab('x', 7, { now: NOW, handshake: true });
    expect(record).toMatchObject({ anchorId: 'x', name: 'Thesis_Ch3', tabId: 7, resumedAt: NOW.toISOString(), handshake: 'asked' });
    const resumed = (await listAllAnchors())[0]!;
    expect([resumed.resumeCount, resumed.lastResumedAt]).toEqual([1, NOW.toISOString()]);
    expect((await listProjectSummaries())[0]?.lastResumedAt).toBe(NOW.toISOString());

    expect(await bindResumedChat(8, { conversationId: 'c2', url: 'https://chatgpt.com/c/c2' }, NOW)).toBeUndefined(); // another tab
    const later = new Date(NOW.getTime() + 60_000);
    const bound = await bindResumedChat(7, { conversationId: 'c2', url: 'https://chatgpt.com/c/c2' }, later);
    expect(bound).toEqual({
      id: record.id,
      anchorId: 'x',
      name: 'Thesis_Ch3',
      resumedAt: NOW.toISOString(),
      conversationId: 'c2',
      url: 'https://chatgpt.com/c/c2',
      chatStartedAt: later.toISOString(),
      handshake: 'asked',
    });
    expect(await resumeOfConversation('c2')).toEqual(bound);
    expect(await bindResumedChat(7, { conversationId: 'c3', url: 'https://chatgpt.com/c/c3' }, later)).toBeUndefined(); // once
  });

  it('a newer resume in the same tab replaces the one waiting; an old one never binds', async () => {
    await addAnchors([anchor('x', 'A_one', '2026-03-01T10:00:00.000Z'), anchor('y', 'B_two', '2026-03-01T10:00:00.000Z')]);
    await recordResumeInTab('x', 7, { now: NOW });
    await recordResumeInTab('y', 7, { now: new Date(NOW.getTime() + 1_000) });
    const bound = await bindResumedChat(7, { conversationId: 'c9', url: 'https://chatgpt.com/c/c9' }, new Date(NOW.getTime() + 2_000));
    expect(bound?.anchorId).toBe('y');
    expect((await listResumes()).filter((r) => r.tabId !== undefined)).toEqual([]);

    await recordResumeInTab('x', 5, { now: NOW });
    expect(await bindResumedChat(5, { conversationId: 'late', url: 'https://chatgpt.com/c/late' }, new Date(NOW.getTime() + RESUME_CHAT_TTL_MS + 1))).toBeUndefined();
    expect(await resumeOfConversation('late')).toBeUndefined();
  });

  it('refuses to resume an anchor in the trash, and writes nothing', async () => {
    await addAnchor(anchor('x', 'A_one', '2026-03-01T10:00:00.000Z', { deletedAt: '2026-03-02T10:00:00.000Z' }));
    await expect(recordResumeInTab('x', 7, { now: NOW })).rejects.toThrow('That anchor is no longer in the library.');
    expect(await listResumes()).toEqual([]);
  });

  it('go with their anchor when it is deleted for good', async () => {
    await addAnchors([anchor('x', 'A_one', '2026-03-01T10:00:00.000Z'), anchor('y', 'A_one', '2026-03-02T10:00:00.000Z')]);
    await recordResumeInTab('x', 7, { now: NOW });
    await recordResumeInTab('y', 8, { now: NOW });
    await purgeAnchors(['x']);
    expect((await listResumes()).map((r) => r.anchorId)).toEqual(['y']);
  });
});
