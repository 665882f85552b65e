import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Anchor } from '../../lib/anchor';
import {
  DB_NAME,
  StorageError,
  addAnchor,
  addAnchors,
  closeAnchorsDb,
  getAnchor,
  getSettings,
  listAllAnchors,
  openAnchorsDb,
  listAnchors,
  listTrash,
  listVersions,
  purgeAnchors,
  restoreAnchors,
  saveSettings,
  setPendingResume,
  takePendingResume,
  trashAnchors,
  updateAnchor,
} from '../../lib/db';
import { DEFAULT_SETTINGS } from '../../lib/settings';

function anchor(id: string, name: string, createdAt: string, extra: Partial<Anchor> = {}): Anchor {
  return {
    id,
    name,
    context: `context of ${id}`,
    milestone: `milestone of ${id}`,
    nextAction: `next of ${id}`,
    dependencies: [`dep of ${id}`],
    createdAt,
    timeKnown: true,
    source: {},
    origin: 'captured',
    resumeCount: 0,
    ...extra,
  };
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

  it('forgets a pending resume its tab never loaded ChatGPT for', async () => {
    await setPendingResume(7, 'anchor-1');
    expect(await takePendingResume(7, Date.now() + 3 * 60_000)).toBeUndefined();
    expect(await takePendingResume(7)).toBeUndefined();
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
