import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Anchor } from '../../lib/model/anchor';
import {
  DB_NAME,
  DB_VERSION,
  EditConflict,
  PENDING_RESUME_TTL_MS,
  StorageError,
  addVersionIfUnchanged,
  deleteDraft,
  getDraft,
  latestDraft,
  putDraft,
  addAnchor,
  addAnchors,
  closeAnchorsDb,
  forgetLogFolder,
  getAnchor,
  getLogFolder,
  getLogWriteState,
  getSettings,
  listAllAnchors,
  openAnchorsDb,
  listAnchors,
  listTrash,
  listVersions,
  purgeAnchors,
  restoreAnchors,
  saveLogFolder,
  saveLogWriteState,
  saveSettings,
  storeFileImport,
  setPendingResume,
  takePendingResume,
  trashAnchors,
  updateAnchor,
  addLimitHit,
  clearLimitHits,
  getChatRecord,
  listLimitHits,
  updateChatRecord,
} from '../../lib/storage/db';
import { KEEP_CHATS } from '../../lib/meter/records';
import { DEFAULT_SETTINGS } from '../../lib/model/settings';
import type { LogFolder } from '../../lib/log-file/records';
import { buildIndex } from '../../lib/library/library-index';
import { testAnchor } from '../support/anchors';

function anchor(id: string, name: string, createdAt: string, extra: Partial<Anchor> = {}): Anchor {
  return testAnchor({ id, name, createdAt, ...extra });
}

beforeEach(async () => {
  await closeAnchorsDb();
  globalThis.indexedDB = new IDBFactory();
});
afterEach(() => vi.restoreAllMocks());

describe('the anchors store', () => {
  it('adds, gets and lists newest first', async () => {
    await addAnchor(anchor('old', 'A_one', '2026-01-01T10:00:00.000Z'));
    await addAnchor(anchor('new', 'B_two', '2026-03-01T10:00:00.000Z'));
    await addAnchor(anchor('mid', 'A_one', '2026-02-01T10:00:00.000Z'));
    expect((await listAnchors()).map((a) => a.id)).toEqual(['new', 'mid', 'old']);
    expect((await getAnchor('mid'))?.context).toBe('context of mid');
    expect((await listVersions('A_one')).map((a) => a.id)).toEqual(['mid', 'old']);
  });

  it('stores every time in UTC, so a time with an offset sorts by the instant everywhere', async () => {
    // 10:00+05:00 is 05:00Z: older than 06:00Z, though it sorts after it as text.
    await addAnchors([
      anchor('east', 'A_one', '2026-03-14T10:00:00+05:00', { lastResumedAt: '2026-03-15T10:00:00+05:00' }),
      anchor('utc', 'A_one', '2026-03-14T06:00:00Z'),
    ]);
    expect((await getAnchor('east'))?.createdAt).toBe('2026-03-14T05:00:00.000Z');
    expect((await getAnchor('east'))?.lastResumedAt).toBe('2026-03-15T05:00:00.000Z');
    expect((await listVersions('A_one')).map((a) => a.id)).toEqual(['utc', 'east']);
    expect((await listAllAnchors()).map((a) => a.id)).toEqual(['utc', 'east']);
    const byIndex = (await (await openAnchorsDb()).getAllFromIndex('anchors', 'createdAt')).reverse();
    expect(byIndex.map((a) => a.id)).toEqual(['utc', 'east']);
    expect(buildIndex(await listAllAnchors()).groups[0]!.versions.map((a) => a.id)).toEqual(['utc', 'east']);
  });

  it('lists everything in the createdAt index’s order, reversed, ties by id', async () => {
    const times = ['2026-01-01T10:00:00.000Z', '2026-05-01T10:00:00.000Z', '2026-01-01T10:00:00.000Z', '2025-12-31T23:59:59.999Z'];
    const ids = ['c', 'a', 'b', 'd'];
    for (const [i, id] of ids.entries()) await addAnchor(anchor(id, `N_${id}`, times[i]!, i === 1 ? { deletedAt: times[1] } : {}));
    const byIndex = (await (await openAnchorsDb()).getAllFromIndex('anchors', 'createdAt')).reverse();
    expect((await listAllAnchors()).map((a) => a.id)).toEqual(byIndex.map((a) => a.id));
    expect((await listAllAnchors()).map((a) => a.id)).toEqual(['a', 'c', 'b', 'd']);
  });

  it('refuses an invalid anchor and stores nothing', async () => {
    await expect(addAnchor(anchor('bad', '', '2026-01-01T10:00:00.000Z'))).rejects.toThrow(/name: The name is empty/);
    expect(await listAllAnchors()).toEqual([]);
  });

  it('updates one anchor and refuses an unknown id', async () => {
    await addAnchor(anchor('a', 'A', '2026-01-01T10:00:00.000Z'));
    const renamed = await updateAnchor('a', (a) => ({ ...a, name: 'A_renamed' }));
    expect(renamed.name).toBe('A_renamed');
    expect((await getAnchor('a'))?.name).toBe('A_renamed');
    await expect(updateAnchor('nope', (a) => a)).rejects.toThrow('No anchor with id nope.');
  });

  it('trashes, restores and purges', async () => {
    await addAnchors([anchor('a', 'A', '2026-01-01T10:00:00.000Z'), anchor('b', 'B', '2026-01-02T10:00:00.000Z')]);
    await trashAnchors(['a'], '2026-05-01T00:00:00.000Z');
    expect((await listAnchors()).map((a) => a.id)).toEqual(['b']);
    expect((await listTrash()).map((a) => [a.id, a.deletedAt])).toEqual([['a', '2026-05-01T00:00:00.000Z']]);
    await restoreAnchors(['a']);
    expect((await listAnchors()).map((a) => a.id)).toEqual(['b', 'a']);
    expect((await getAnchor('a'))?.deletedAt).toBeUndefined();
    await purgeAnchors(['a']);
    expect(await getAnchor('a')).toBeUndefined();
  });

  it('adds many in one transaction: a clash stores none of them', async () => {
    await addAnchor(anchor('taken', 'A', '2026-01-01T10:00:00.000Z'));
    await expect(
      addAnchors([anchor('fresh', 'B', '2026-01-02T10:00:00.000Z'), anchor('taken', 'C', '2026-01-03T10:00:00.000Z')]),
    ).rejects.toBeInstanceOf(StorageError);
    expect((await listAllAnchors()).map((a) => a.id)).toEqual(['taken']);
  });

  it('says plainly when the browser refuses to store more, and keeps what was stored', async () => {
    await addAnchor(anchor('kept', 'A', '2026-01-01T10:00:00.000Z'));
    const quota = new DOMException('Quota exceeded', 'QuotaExceededError');
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(() => {
      throw quota;
    });
    await expect(addAnchor(anchor('more', 'B', '2026-01-02T10:00:00.000Z'))).rejects.toThrow(
      'The browser refused to store more data (storage is full). Nothing was changed.',
    );
    vi.restoreAllMocks();
    expect((await listAllAnchors()).map((a) => a.id)).toEqual(['kept']);
  });
});

describe('settings and pending resumes', () => {
  it('returns defaults, then what was saved; refuses a template without the placeholder', async () => {
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
    await saveSettings({ ...DEFAULT_SETTINGS, autoSend: true });
    expect((await getSettings()).autoSend).toBe(true);
    await expect(saveSettings({ ...DEFAULT_SETTINGS, template: 'no placeholder' })).rejects.toThrow(/\[ANCHOR_NAME\]/);
    expect((await getSettings()).template).toBe(DEFAULT_SETTINGS.template);
  });

  it('hands a pending resume to its tab once', async () => {
    await setPendingResume(7, 'anchor-1');
    expect(await takePendingResume(8)).toBeUndefined();
    expect(await takePendingResume(7)).toBe('anchor-1');
    expect(await takePendingResume(7)).toBeUndefined();
  });

  it('lets a pending resume expire: a tab that gets the same id after a browser restart does not claim it', async () => {
    const asked = new Date('2026-03-01T10:00:00.000Z');
    vi.useFakeTimers({ toFake: ['Date'], now: asked });
    await setPendingResume(7, 'anchor-1');
    vi.setSystemTime(asked.getTime() + PENDING_RESUME_TTL_MS + 1_000);
    expect(await takePendingResume(7)).toBeUndefined();
    vi.setSystemTime(asked.getTime() + 2 * 60 * 60_000);
    await setPendingResume(8, 'anchor-2');
    expect(await takePendingResume(8)).toBe('anchor-2'); // a fresh one still works
    vi.useRealTimers();
  });

  it('forgets expired pending resumes when a new one is stored', async () => {
    await setPendingResume(7, 'old', new Date(Date.now() - PENDING_RESUME_TTL_MS - 1_000));
    await setPendingResume(8, 'new');
    const left = await (await openAnchorsDb()).getAll('pendingResumes');
    expect(left.map((p) => p.anchorId)).toEqual(['new']);
  });
});

describe('edits: drafts and two editors', () => {
  const values = { name: 'A_one', context: 'typed', milestone: '', nextAction: '', dependencies: 'x\ny' };

  it('keeps one draft per edited version, and the latest one first', async () => {
    await putDraft({ anchorId: 'a', name: 'A_one', values, latestAtStart: 'a', updatedAt: '2026-01-01T10:00:00.000Z' });
    await putDraft({ anchorId: 'b', name: 'B_two', values, latestAtStart: 'b', updatedAt: '2026-01-02T10:00:00.000Z' });
    await putDraft({ anchorId: 'a', name: 'A_one', values: { ...values, context: 'more' }, latestAtStart: 'a', updatedAt: '2026-01-03T10:00:00.000Z' });
    expect((await getDraft('a'))?.values.context).toBe('more');
    expect((await latestDraft())?.anchorId).toBe('a');
    await deleteDraft('a');
    expect(await getDraft('a')).toBeUndefined();
    expect((await latestDraft())?.anchorId).toBe('b');
  });

  it('refuses a second editor’s save when a newer version was saved meanwhile, and writes nothing', async () => {
    await addAnchor(anchor('v1', 'A_one', '2026-01-01T10:00:00.000Z'));
    await addVersionIfUnchanged(anchor('first', 'A_one', '2026-01-02T10:00:00.000Z'), 'A_one', 'v1');
    const second = addVersionIfUnchanged(anchor('second', 'A_one', '2026-01-02T11:00:00.000Z'), 'A_one', 'v1');
    await expect(second).rejects.toBeInstanceOf(EditConflict);
    await expect(second).rejects.toThrow('[A_one] changed while you were editing: a newer version was saved meanwhile.');
    expect((await listAllAnchors()).map((a) => a.id)).toEqual(['first', 'v1']);
  });
});

describe('upgrading a database written by version 2', () => {
  it('adds the drafts and receipts stores and keeps every record, setting and pending resume', async () => {
    const record = anchor('v2-a', 'Thesis_Ch3', '2026-02-01T09:00:00.000Z', { resumeCount: 2, origin: 'manual' });
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, 2);
      request.onupgradeneeded = () => {
        const db = request.result;
        const store = db.createObjectStore('anchors', { keyPath: 'id' });
        store.createIndex('createdAt', 'createdAt');
        store.createIndex('name', 'name');
        db.createObjectStore('settings', { keyPath: 'key' }).add({ key: 'settings', value: { ...DEFAULT_SETTINGS, autoSend: true } });
        db.createObjectStore('pendingResumes', { keyPath: 'tabId' }).add({ tabId: 3, anchorId: 'v2-a', createdAt: new Date().toISOString() });
        store.add(record);
      };
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
      request.onerror = () => reject(request.error);
    });
    const db = await openAnchorsDb();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['anchors', 'chats', 'drafts', 'limitHits', 'logFile', 'pendingResumes', 'projects', 'receipts', 'resumes', 'settings']);
    expect(await listAllAnchors()).toEqual([record]);
    expect((await getSettings()).autoSend).toBe(true);
    expect(await takePendingResume(3)).toBe('v2-a');
    expect(await getDraft('v2-a')).toBeUndefined();
  });
});

describe('upgrading a database written by version 1', () => {
  /** Writes the v1 schema and records exactly as the first release did. */
  async function writeVersion1(records: object[]): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = () => {
        const store = request.result.createObjectStore('anchors', { keyPath: 'id' });
        store.createIndex('createdAt', 'createdAt');
        for (const record of records) store.add(record);
      };
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
      request.onerror = () => reject(request.error);
    });
  }

  it('keeps every record and fills in the fields v1 did not have', async () => {
    const v1Records = [
      { id: 'x1', name: 'Thesis_Ch3', context: 'c1', milestone: 'm1', nextAction: 'n1', dependencies: ['d1'], createdAt: '2026-01-01T09:00:00.000Z' },
      { id: 'x2', name: 'Thesis_Ch3', context: 'c2', milestone: 'm2', nextAction: 'n2', dependencies: [], createdAt: '2026-01-02T09:00:00.000Z', origin: 'manual' },
      { id: 'x3', name: 'Bot_MVP', context: 'κ → ✓', milestone: '', nextAction: 'n3', dependencies: ['a', 'b'], createdAt: '2026-01-03T09:00:00.000Z', deletedAt: '2026-01-04T09:00:00.000Z' },
    ];
    await writeVersion1(v1Records);

    const all = await listAllAnchors();
    expect(all.map((a) => a.id)).toEqual(['x3', 'x2', 'x1']);
    for (const record of v1Records) {
      const upgraded = all.find((a) => a.id === record.id);
      expect(upgraded).toMatchObject(record);
      expect(upgraded).toMatchObject({ timeKnown: true, resumeCount: 0, source: {} });
    }
    expect(all.find((a) => a.id === 'x1')?.origin).toBe('captured');
    expect(all.find((a) => a.id === 'x2')?.origin).toBe('manual');
    expect((await listVersions('Thesis_Ch3')).map((a) => a.id)).toEqual(['x2', 'x1']);
    expect((await listTrash()).map((a) => a.id)).toEqual(['x3']);
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
  });
});

describe('upgrading a database written by version 2 (v4: the log file store)', () => {
  /** The v2 schema as lib/storage/db.ts created it, with a record in each store. */
  async function writeVersion2(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, 2);
      request.onupgradeneeded = () => {
        const db = request.result;
        const anchors = db.createObjectStore('anchors', { keyPath: 'id' });
        anchors.createIndex('createdAt', 'createdAt');
        anchors.createIndex('name', 'name');
        db.createObjectStore('settings', { keyPath: 'key' }).add({ key: 'settings', value: { ...DEFAULT_SETTINGS, autoSend: true } });
        // Just asked for: pending resumes older than a few minutes expire (v3).
        db.createObjectStore('pendingResumes', { keyPath: 'tabId' }).add({ tabId: 3, anchorId: 'v2', createdAt: new Date().toISOString() });
        anchors.add(anchor('v2', 'Thesis_Ch3', '2026-01-01T09:00:00.000Z'));
      };
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
      request.onerror = () => reject(request.error);
    });
  }

  it('keeps the anchors, settings and pending resumes, and adds an empty log file store', async () => {
    await writeVersion2();
    expect((await listAllAnchors()).map((a) => a.id)).toEqual(['v2']);
    expect((await getSettings()).autoSend).toBe(true);
    expect(await takePendingResume(3)).toBe('v2');
    const db = await openAnchorsDb();
    expect([...db.objectStoreNames].sort()).toEqual(['anchors', 'chats', 'drafts', 'limitHits', 'logFile', 'pendingResumes', 'projects', 'receipts', 'resumes', 'settings']);
    expect(await getLogFolder()).toBeUndefined();
    expect(await getLogWriteState()).toBeUndefined();
  });
});

describe('the log file’s folder and write state', () => {
  /** A directory handle as IndexedDB gives it back; a plain object stands in (fake-indexeddb clones no methods). */
  const folder = (id: string, extra: Partial<LogFolder> = {}): LogFolder => ({
    id,
    handle: { kind: 'directory', name: 'Anchors' } as unknown as FileSystemDirectoryHandle,
    perProject: false,
    chosenAt: '2026-03-01T10:00:00.000Z',
    ...extra,
  });
  const state = (folderId: string) => ({ folderId, written: { 'GPT Anchors Log.md': 'abc' }, writtenAt: '2026-03-01T10:00:01.000Z' });

  it('keeps the chosen folder and what was written there, and forgets both when stopped', async () => {
    await saveLogFolder(folder('one'));
    await saveLogWriteState(state('one'));
    expect((await getLogFolder())?.handle.name).toBe('Anchors');
    expect(await getLogWriteState()).toEqual(state('one'));
    await forgetLogFolder();
    expect(await getLogFolder()).toBeUndefined();
    expect(await getLogWriteState()).toBeUndefined();
  });

  it('starts a different folder with nothing written, keeps the state when only the per-project choice changes', async () => {
    await saveLogFolder(folder('one'));
    await saveLogWriteState(state('one'));
    await saveLogFolder(folder('one', { perProject: true }));
    expect(await getLogWriteState()).toEqual(state('one'));
    await saveLogFolder(folder('two'));
    expect(await getLogWriteState()).toBeUndefined();
  });

  it('drops a write state that belongs to a folder no longer chosen (a write that finished late)', async () => {
    await saveLogFolder(folder('two'));
    await saveLogWriteState(state('one'));
    expect(await getLogWriteState()).toBeUndefined();
  });

  it('refuses a folder record that is not a directory handle', async () => {
    await expect(saveLogFolder({ ...folder('x'), handle: { kind: 'file', name: 'a.md' } as unknown as FileSystemDirectoryHandle })).rejects.toThrow(
      /Not a folder handle/,
    );
    expect(await getLogFolder()).toBeUndefined();
  });
});

describe('storing a log file’s import', () => {
  it('adds and replaces in one transaction', async () => {
    await addAnchor(anchor('a', 'A', '2026-01-01T10:00:00.000Z'));
    const edited = { ...anchor('a', 'A', '2026-01-01T10:00:00.000Z'), nextAction: 'edited', origin: 'manual' as const };
    const previous = { ...anchor('a', 'A', '2026-01-01T10:00:00.000Z'), id: 'a-before', deletedAt: '2026-03-01T00:00:00.000Z' };
    await storeFileImport({ add: [anchor('b', 'B', '2026-01-02T10:00:00.000Z'), previous], replace: [edited] });
    expect((await listAnchors()).map((a) => [a.id, a.nextAction])).toEqual([
      ['b', 'next of b'],
      ['a', 'edited'],
    ]);
    expect((await listTrash()).map((a) => [a.id, a.nextAction])).toEqual([['a-before', 'next of a']]);
  });

  it('stores nothing when an edited anchor is gone or an added one clashes', async () => {
    await addAnchor(anchor('a', 'A', '2026-01-01T10:00:00.000Z'));
    await expect(storeFileImport({ add: [anchor('b', 'B', '2026-01-02T10:00:00.000Z')], replace: [anchor('gone', 'G', '2026-01-01T10:00:00.000Z')] })).rejects.toThrow(
      'No anchor with id gone.',
    );
    await expect(
      storeFileImport({ add: [anchor('c', 'C', '2026-01-02T10:00:00.000Z'), anchor('a', 'A', '2026-01-01T10:00:00.000Z')], replace: [] }),
    ).rejects.toBeInstanceOf(StorageError);
    expect((await listAllAnchors()).map((a) => a.id)).toEqual(['a']);
  });
});

describe('upgrading a database written by version 4 (v6: the chat length meter’s stores)', () => {
  /** The v4 schema as lib/storage/db.ts created it, with a record in the stores that hold data. */
  async function writeVersion4(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, 4);
      request.onupgradeneeded = () => {
        const db = request.result;
        const anchors = db.createObjectStore('anchors', { keyPath: 'id' });
        anchors.createIndex('createdAt', 'createdAt');
        anchors.createIndex('name', 'name');
        db.createObjectStore('settings', { keyPath: 'key' }).add({ key: 'settings', value: { ...DEFAULT_SETTINGS, autoSend: true } });
        db.createObjectStore('pendingResumes', { keyPath: 'tabId' });
        db.createObjectStore('drafts', { keyPath: 'anchorId' });
        db.createObjectStore('receipts', { keyPath: 'id' }).createIndex('createdAt', 'createdAt');
        db.createObjectStore('logFile', { keyPath: 'key' });
        anchors.add(anchor('v4', 'Thesis_Ch3', '2026-01-01T09:00:00.000Z'));
      };
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
      request.onerror = () => reject(request.error);
    });
  }

  it('keeps the anchors and settings, and adds empty chats and limit-hit stores (addChatMeterStoresV6)', async () => {
    await writeVersion4();
    expect((await listAllAnchors()).map((a) => a.id)).toEqual(['v4']);
    expect((await getSettings()).autoSend).toBe(true);
    const db = await openAnchorsDb();
    expect(db.version).toBe(6);
    expect([...db.objectStoreNames].sort()).toEqual(['anchors', 'chats', 'drafts', 'limitHits', 'logFile', 'pendingResumes', 'projects', 'receipts', 'resumes', 'settings']);
    expect([...db.transaction('chats').store.indexNames]).toEqual(['measuredAt']);
    expect(await getChatRecord('any')).toBeUndefined();
    expect(await listLimitHits()).toEqual([]);
  });
});

describe('the chat length meter’s records', () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 10, minute)).toISOString();

  it('keeps a chat’s size, changed in one transaction', async () => {
    await updateChatRecord('c1', (old) => ({ id: 'c1', tokens: 10, measuredAt: at(1), ...(old ?? {}) }));
    const updated = await updateChatRecord('c1', (old) => ({ ...old!, tokens: 25, measuredAt: at(2), nudgedAt: at(2) }));
    expect(updated).toEqual({ id: 'c1', tokens: 25, measuredAt: at(2), nudgedAt: at(2) });
    expect(await getChatRecord('c1')).toEqual(updated);
  });

  it('refuses a record that does not check out, and writes nothing', async () => {
    await expect(updateChatRecord('c1', () => ({ id: 'c1', tokens: -1, measuredAt: at(1) }))).rejects.toThrow();
    expect(await getChatRecord('c1')).toBeUndefined();
  });

  it(`forgets the chats measured longest ago past ${KEEP_CHATS}`, async () => {
    const db = await openAnchorsDb();
    const tx = db.transaction('chats', 'readwrite');
    for (let i = 0; i < KEEP_CHATS; i += 1) void tx.store.put({ id: `old-${i}`, tokens: i, measuredAt: at(i % 50) });
    await tx.done;
    await updateChatRecord('new', () => ({ id: 'new', tokens: 1, measuredAt: at(59) }));
    expect(await db.count('chats')).toBe(KEEP_CHATS);
    expect(await getChatRecord('new')).toBeDefined();
    expect(await getChatRecord('old-0')).toBeUndefined(); // measured at minute 0, among the oldest
    expect(await getChatRecord('old-49')).toBeDefined();
  });

  it('keeps each chat’s first hit of the limit, newest first, until reset', async () => {
    expect(await addLimitHit({ id: 'c1', tokens: 90_000, at: at(1), title: 'One' })).toBe(true);
    expect(await addLimitHit({ id: 'c2', tokens: 120_000, at: at(2) })).toBe(true);
    expect(await addLimitHit({ id: 'c1', tokens: 95_000, at: at(3) })).toBe(false);
    expect(await listLimitHits()).toEqual([
      { id: 'c2', tokens: 120_000, at: at(2) },
      { id: 'c1', tokens: 90_000, at: at(1), title: 'One' },
    ]);
    await clearLimitHits();
    expect(await listLimitHits()).toEqual([]);
  });
});
