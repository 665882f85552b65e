import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { AnchorSchema, describeZodError, type Anchor } from './anchor';
import { announceChange } from './changes';
import { DB_NAME, DB_VERSION } from './db-schema';
import { SettingsSchema, withDefaults, type Settings } from './settings';

/**
 * The owner of the database: the only module that imports idb, creates, upgrades or writes.
 * (lib/db-read.ts only reads, without idb or zod, for the popup's first paint.) One database in
 * the extension's origin; every schema change is a new version with one named upgrade step, so a
 * library written by any earlier version opens without losing a record.
 */
export { DB_NAME, DB_VERSION };

interface AnchorsDbV2 extends DBSchema {
  anchors: {
    key: string;
    value: Anchor;
    indexes: { createdAt: string; name: string };
  };
  settings: { key: string; value: { key: string; value: unknown } };
  /** Resumes asked for from the popup, waiting for their new tab's content script to claim them. */
  pendingResumes: { key: number; value: { tabId: number; anchorId: string; createdAt: string } };
}

type UpgradeTx = IDBPTransaction<AnchorsDbV2, StoreNames<AnchorsDbV2>[], 'versionchange'>;

/** v1 (first release): the anchors, newest-first index. */
function createAnchorStoreV1(db: IDBPDatabase<AnchorsDbV2>): void {
  const store = db.createObjectStore('anchors', { keyPath: 'id' });
  store.createIndex('createdAt', 'createdAt');
}

/**
 * v2: versions are grouped by name (index), settings and pending resumes move into the database,
 * and v1 records get the fields v1 did not have (time known, resume count, origin, source).
 */
async function addNamesSettingsAndResumesV2(db: IDBPDatabase<AnchorsDbV2>, tx: UpgradeTx): Promise<void> {
  const store = tx.objectStore('anchors');
  store.createIndex('name', 'name');
  db.createObjectStore('settings', { keyPath: 'key' });
  db.createObjectStore('pendingResumes', { keyPath: 'tabId' });
  let cursor = await store.openCursor();
  while (cursor) {
    const old = cursor.value as Partial<Anchor> & { id: string };
    await cursor.update({
      ...old,
      timeKnown: old.timeKnown ?? true,
      resumeCount: old.resumeCount ?? 0,
      origin: old.origin ?? 'captured',
      source: old.source ?? {},
    } as Anchor);
    cursor = await cursor.continue();
  }
}

/** A write the browser refused (quota, private mode): said plainly, nothing half-written. */
export class StorageError extends Error {
  override name = 'StorageError';
}

function storageError(error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'QuotaExceededError') {
    return new StorageError('The browser refused to store more data (storage is full). Nothing was changed.');
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new StorageError(`The library could not be written: ${detail}. Nothing was changed.`);
}

let opening: Promise<IDBPDatabase<AnchorsDbV2>> | undefined;

export function openAnchorsDb(): Promise<IDBPDatabase<AnchorsDbV2>> {
  opening ??= openDB<AnchorsDbV2>(DB_NAME, DB_VERSION, {
    async upgrade(db, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) createAnchorStoreV1(db);
      if (oldVersion < 2) await addNamesSettingsAndResumesV2(db, tx);
    },
    blocking() {
      // A newer version of the extension wants to upgrade: let it.
      void opening?.then((db) => db.close());
      opening = undefined;
    },
  }).catch((error: unknown) => {
    opening = undefined;
    throw error;
  });
  return opening;
}

/** For tests: forget the cached connection (after deleting the database). */
export async function closeAnchorsDb(): Promise<void> {
  const db = await opening?.catch(() => undefined);
  db?.close();
  opening = undefined;
}

function validated(anchor: Anchor): Anchor {
  const parsed = AnchorSchema.safeParse(anchor);
  if (!parsed.success) throw new StorageError(`Invalid anchor: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

async function write<T>(run: (db: IDBPDatabase<AnchorsDbV2>) => Promise<T>): Promise<T> {
  const db = await openAnchorsDb();
  try {
    const result = await run(db);
    announceChange('anchors');
    return result;
  } catch (error) {
    throw storageError(error);
  }
}

export async function addAnchor(anchor: Anchor): Promise<Anchor> {
  const value = validated(anchor);
  await write((db) => db.add('anchors', value));
  return value;
}

/** Adds all of them in one transaction: either every anchor is stored or none is. */
export async function addAnchors(anchors: Anchor[]): Promise<void> {
  const values = anchors.map(validated);
  await write(async (db) => {
    const tx = db.transaction('anchors', 'readwrite');
    await Promise.all([...values.map((value) => tx.store.add(value)), tx.done]);
  });
}

export async function getAnchor(id: string): Promise<Anchor | undefined> {
  return (await openAnchorsDb()).get('anchors', id);
}

/** Every anchor, trash included, newest first. */
export async function listAllAnchors(): Promise<Anchor[]> {
  // One getAll over the store and a sort here: reading through the createdAt index fetches every
  // record on its own, about four times slower at 10,000 anchors. The order is the index's,
  // reversed: createdAt as text, then id.
  const all = await (await openAnchorsDb()).getAll('anchors');
  return all.sort(newestFirst);
}

function newestFirst(a: Anchor, b: Anchor): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** The library (not the trash), newest first. */
export async function listAnchors(): Promise<Anchor[]> {
  return (await listAllAnchors()).filter((anchor) => !anchor.deletedAt);
}

export async function listTrash(): Promise<Anchor[]> {
  return (await listAllAnchors()).filter((anchor) => anchor.deletedAt);
}

/** The newest `limit` anchors, trash included, newest first, without reading the whole library. */
export async function listNewest(limit: number): Promise<Anchor[]> {
  const db = await openAnchorsDb();
  const newest: Anchor[] = [];
  let cursor = await db.transaction('anchors').store.index('createdAt').openCursor(null, 'prev');
  while (cursor && newest.length < limit) {
    newest.push(cursor.value);
    cursor = await cursor.continue();
  }
  return newest;
}

/** Every version of one name, newest first (trashed ones left out). */
export async function listVersions(name: string): Promise<Anchor[]> {
  const versions = await (await openAnchorsDb()).getAllFromIndex('anchors', 'name', name);
  return versions
    .filter((anchor) => !anchor.deletedAt)
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

/** Applies `change` to each anchor in one transaction; an unknown id is an error and nothing is written. */
async function updateMany(ids: string[], change: (anchor: Anchor) => Anchor): Promise<Anchor[]> {
  return write(async (db) => {
    const tx = db.transaction('anchors', 'readwrite');
    const current = await Promise.all(ids.map((id) => tx.store.get(id)));
    const missing = ids.find((_id, i) => !current[i]);
    if (missing !== undefined) throw new StorageError(`No anchor with id ${missing}.`);
    const updated = current.map((anchor) => validated(change(anchor as Anchor)));
    await Promise.all([...updated.map((anchor) => tx.store.put(anchor)), tx.done]);
    return updated;
  });
}

export async function updateAnchor(id: string, change: (anchor: Anchor) => Anchor): Promise<Anchor> {
  const [updated] = await updateMany([id], change);
  if (!updated) throw new StorageError(`No anchor with id ${id}.`);
  return updated;
}

export function trashAnchors(ids: string[], when = new Date().toISOString()): Promise<Anchor[]> {
  return updateMany(ids, (anchor) => ({ ...anchor, deletedAt: when }));
}

export function restoreAnchors(ids: string[]): Promise<Anchor[]> {
  return updateMany(ids, ({ deletedAt: _gone, ...anchor }) => anchor);
}

/** Deletes for good. */
export async function purgeAnchors(ids: string[]): Promise<void> {
  await write(async (db) => {
    const tx = db.transaction('anchors', 'readwrite');
    await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
  });
}

const SETTINGS_KEY = 'settings';

export async function getSettings(): Promise<Settings> {
  const record = await (await openAnchorsDb()).get('settings', SETTINGS_KEY);
  return withDefaults(record?.value);
}

export async function saveSettings(settings: Settings): Promise<Settings> {
  const value = SettingsSchema.parse(settings);
  const db = await openAnchorsDb();
  try {
    await db.put('settings', { key: SETTINGS_KEY, value });
  } catch (error) {
    throw storageError(error);
  }
  announceChange('settings');
  return value;
}

export async function setPendingResume(tabId: number, anchorId: string): Promise<void> {
  const db = await openAnchorsDb();
  await db.put('pendingResumes', { tabId, anchorId, createdAt: new Date().toISOString() });
}

/**
 * A resume waits this long for its tab to load ChatGPT. Older, the load never came (the person
 * stayed on the page or went elsewhere): a ChatGPT page opened later in that tab must not fill.
 */
export const PENDING_RESUME_MAX_AGE_MS = 2 * 60_000;

/** Returns and forgets the resume waiting for this tab, if any and still fresh. */
export async function takePendingResume(tabId: number, now = Date.now()): Promise<string | undefined> {
  const db = await openAnchorsDb();
  const tx = db.transaction('pendingResumes', 'readwrite');
  const pending = await tx.store.get(tabId);
  if (pending) await tx.store.delete(tabId);
  await tx.done;
  const age = pending ? now - Date.parse(pending.createdAt) : Infinity;
  return age <= PENDING_RESUME_MAX_AGE_MS ? pending?.anchorId : undefined;
}
