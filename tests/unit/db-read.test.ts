import { IDBFactory, IDBIndex } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Anchor } from '../../lib/model/anchor';
import { DB_NAME, DB_VERSION } from '../../lib/storage/db-schema';
import { testAnchor } from '../support/anchors';

// lib/storage/db-read.ts: the popup's reads without idb or zod. They read a database lib/storage/db.ts made, and
// never create, upgrade or block one.

type DbModule = typeof import('../../lib/storage/db');
type ReadModule = typeof import('../../lib/storage/db-read');
let db: DbModule;
let read: ReadModule;

function anchor(id: string, createdAt: string, extra: Partial<Anchor> = {}): Anchor {
  return testAnchor({ id, createdAt, context: 'c', milestone: 'm', nextAction: 'n', dependencies: [], ...extra });
}

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  vi.resetModules(); // each test gets fresh modules, so no connection is cached across databases
  db = await import('../../lib/storage/db');
  read = await import('../../lib/storage/db-read');
});

afterEach(async () => {
  await db.closeAnchorsDb();
});

describe('reading without creating', () => {
  it('answers null when there is no database, and creates none', async () => {
    expect(await read.readAllAnchors()).toBeNull();
    expect(await read.readNewestAnchors(10)).toBeNull();
    expect(await indexedDB.databases()).toEqual([]);
  });

  it('answers null for a database at an older version, and leaves it at that version', async () => {
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open(DB_NAME, 1);
      open.onupgradeneeded = () => open.result.createObjectStore('anchors', { keyPath: 'id' });
      open.onsuccess = () => {
        open.result.close();
        resolve();
      };
      open.onerror = () => reject(open.error);
    });
    expect(await read.readAllAnchors()).toBeNull();
    expect(await indexedDB.databases()).toEqual([{ name: DB_NAME, version: 1 }]);
  });
});

describe('reading what lib/storage/db.ts wrote', () => {
  beforeEach(async () => {
    await db.addAnchors([
      anchor('a', '2026-01-01T10:00:00.000Z'),
      anchor('b', '2026-03-01T10:00:00.000Z'),
      anchor('c', '2026-02-01T10:00:00.000Z'),
      anchor('t', '2026-04-01T10:00:00.000Z', { deletedAt: '2026-04-02T10:00:00.000Z' }),
    ]);
  });

  it('reads every anchor, trash included', async () => {
    expect((await read.readAllAnchors())?.map((a) => a.id).sort()).toEqual(['a', 'b', 'c', 't']);
  });

  it('reads the newest live anchors first, skipping the trash, up to the limit', async () => {
    expect((await read.readNewestAnchors(2))?.map((a) => a.id)).toEqual(['b', 'c']);
    expect((await read.readNewestAnchors(10))?.map((a) => a.id)).toEqual(['b', 'c', 'a']);
  });

  it('finds enough live anchors under a top of trash, in one request or by the cursor (browsers without getAllRecords)', async () => {
    const trash = Array.from({ length: 6 }, (_, i) => anchor(`t${i}`, `2026-05-0${i + 1}T10:00:00.000Z`, { deletedAt: '2026-06-01T00:00:00.000Z' }));
    await db.addAnchors(trash);
    expect((await read.readNewestAnchors(2))?.map((a) => a.id)).toEqual(['b', 'c']);
    const proto = IDBIndex.prototype as { getAllRecords?: unknown };
    const getAllRecords = proto.getAllRecords;
    expect(typeof getAllRecords).toBe('function'); // so the first read above took the one-request path
    delete proto.getAllRecords;
    try {
      expect((await read.readNewestAnchors(2))?.map((a) => a.id)).toEqual(['b', 'c']);
    } finally {
      proto.getAllRecords = getAllRecords;
    }
  });

  it('reads the stored settings as they are, and null before any were saved', async () => {
    expect(await read.readStoredSettings()).toBeNull();
    await db.saveSettings({ ...(await db.getSettings()), autoSend: true });
    expect(await read.readStoredSettings()).toMatchObject({ autoSend: true });
  });

  it('never stands in the way of an upgrade by a newer version', async () => {
    await read.readAllAnchors(); // holds a connection open
    await db.closeAnchorsDb();
    const upgraded = await new Promise<number>((resolve, reject) => {
      const open = indexedDB.open(DB_NAME, DB_VERSION + 1);
      open.onblocked = () => reject(new Error('blocked by the reader'));
      open.onsuccess = () => {
        const version = open.result.version;
        open.result.close();
        resolve(version);
      };
      open.onerror = () => reject(open.error);
    });
    expect(upgraded).toBe(DB_VERSION + 1);
    expect(await read.readAllAnchors()).toBeNull(); // now at a version it does not know
  });
});
