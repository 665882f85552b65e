import type { Anchor } from '../model/anchor';
import type { ProjectSummary } from '../library/board';
import { DB_NAME, DB_VERSION } from './db-schema';
import type { ResumeRecord } from '../model/lineage';

/**
 * The popup's and the library page's reads, straight from IndexedDB without idb or zod. lib/storage/db.ts stays the owner of
 * the database (schema, upgrades, every write); going through it would load zod (~30 KB
 * gzipped) before the list could paint. These reads never create or upgrade anything: when the
 * database is missing or at another version they answer `null`, and the caller falls back to
 * lib/storage/db.ts, which migrates. Records were validated by lib/storage/db.ts when they were written.
 */

let connection: Promise<IDBDatabase | null> | undefined;

/** Opens only a database that already exists at DB_VERSION (asking first, so nothing is ever created). */
async function openExisting(): Promise<IDBDatabase | null> {
  const listed = await indexedDB.databases?.().catch(() => []);
  if (listed && !listed.some((db) => db.name === DB_NAME && db.version === DB_VERSION)) return null;
  return new Promise((resolve) => {
    const open = indexedDB.open(DB_NAME, DB_VERSION);
    // Only when the database vanished or is older since we asked: leave creating and migrating to lib/storage/db.ts.
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onerror = () => resolve(null); // also a newer version (VersionError)
    open.onblocked = () => resolve(null);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('anchors')) {
        db.close();
        resolve(null);
        return;
      }
      // Never stand in the way of an upgrade by a newer version of the extension.
      db.onversionchange = () => {
        db.close();
        connection = undefined;
      };
      resolve(db);
    };
  });
}

function openForRead(): Promise<IDBDatabase | null> {
  const opening = (connection ??= openExisting());
  void opening.then((db) => db === null && connection === opening && (connection = undefined));
  return opening;
}

function request<T>(make: (store: IDBObjectStore) => IDBRequest<T>, storeName = 'anchors'): Promise<T | null> {
  return openForRead().then(
    (db) =>
      db &&
      new Promise<T | null>((resolve) => {
        const req = make(db.transaction(storeName).objectStore(storeName));
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => resolve(null);
      }),
  );
}

/** Every stored anchor, trash included. */
export function readAllAnchors(): Promise<Anchor[] | null> {
  return request((store) => store.getAll() as IDBRequest<Anchor[]>);
}

/** The board's project summaries (database v5, kept by lib/storage/db.ts with every write). */
export function readProjectSummaries(): Promise<ProjectSummary[] | null> {
  return request((store) => store.getAll() as IDBRequest<ProjectSummary[]>, 'projects');
}

/** Every resume record (the lineage). */
export function readResumes(): Promise<ResumeRecord[] | null> {
  return request((store) => store.getAll() as IDBRequest<ResumeRecord[]>, 'resumes');
}

/** The stored settings as they are, unchecked (lib/model/settings.ts `withDefaults`, or a zod-free check of one key). */
export function readStoredSettings(): Promise<Record<string, unknown> | null> {
  return request((store) => store.get('settings') as IDBRequest<{ value?: Record<string, unknown> } | undefined>, 'settings').then(
    (record) => record?.value ?? null,
  );
}

/**
 * The newest `limit` live anchors, newest first: enough for the first screen long before the
 * whole library (10,000 anchors take a few hundred ms to read) has arrived.
 */
export function readNewestAnchors(limit: number): Promise<Anchor[] | null> {
  return openForRead().then((db) => db && (readNewestInOneGo(db, limit) ?? readNewestByCursor(db, limit)));
}

/** IDBIndex.getAllRecords (Chrome 141+): newest first in one request instead of one per record. */
type RecordsIndex = IDBIndex & {
  getAllRecords?: (options: { direction: 'prev'; count: number }) => IDBRequest<{ value: Anchor }[]>;
};

function readNewestInOneGo(db: IDBDatabase, limit: number): Promise<Anchor[] | null> | null {
  const index = db.transaction('anchors').objectStore('anchors').index('createdAt') as RecordsIndex;
  if (typeof index.getAllRecords !== 'function') return null;
  // Twice the limit: a few trashed anchors at the top still leave `limit` live ones in one request.
  const req = index.getAllRecords({ direction: 'prev', count: limit * 2 });
  return new Promise((resolve) => {
    req.onerror = () => resolve(null);
    req.onsuccess = () => {
      const live = req.result.map((record) => record.value).filter((anchor) => !anchor.deletedAt).slice(0, limit);
      // Mostly trash at the top, with more below: let the cursor find enough live ones.
      resolve(live.length === limit || req.result.length < limit * 2 ? live : readNewestByCursor(db, limit));
    };
  });
}

function readNewestByCursor(db: IDBDatabase, limit: number): Promise<Anchor[] | null> {
  return new Promise<Anchor[] | null>((resolve) => {
    const found: Anchor[] = [];
    const cursor = db.transaction('anchors').objectStore('anchors').index('createdAt').openCursor(null, 'prev');
    cursor.onerror = () => resolve(null);
    cursor.onsuccess = () => {
      const at = cursor.result;
      if (!at || found.length >= limit) return resolve(found);
      const anchor = at.value as Anchor;
      if (!anchor.deletedAt) found.push(anchor);
      at.continue();
    };
  });
}
