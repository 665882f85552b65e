import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { AnchorSchema, TagsSchema, describeZodError, projectOf, type Anchor } from '../model/anchor';
import { summarizeProject, summarizeProjects, type ProjectSummary } from '../library/board';
import { announceChange } from './changes';
import { DB_NAME, DB_VERSION } from './db-schema';
import { ResumeRecordSchema, type ResumeRecord } from '../model/lineage';
import {
  LogFolderSchema,
  LogWriteStateSchema,
  type LogFolder,
  type LogWriteState,
} from '../log-file/records';
import {
  ChatRecordSchema,
  KEEP_CHATS,
  LimitHitRecordSchema,
  type ChatRecord,
  type LimitHitRecord,
} from '../meter/records';
import { SettingsSchema, withDefaults, type Settings } from '../model/settings';
import { newestFirst, sortNewestFirst, toUtc } from '../model/order';

/**
 * The owner of the database: the only module that imports idb, creates, upgrades or writes.
 * (lib/storage/db-read.ts only reads, without idb or zod, for the popup's first paint.) One database in
 * the extension's origin; every schema change is a new version with one named upgrade step, so a
 * library written by any earlier version opens without losing a record.
 */
export { DB_NAME, DB_VERSION };

interface AnchorsDb extends DBSchema {
  anchors: {
    key: string;
    value: Anchor;
    indexes: { createdAt: string; name: string };
  };
  settings: { key: string; value: { key: string; value: unknown } };
  /** Resumes asked for from the popup, waiting for their new tab's content script to claim them. */
  pendingResumes: { key: number; value: { tabId: number; anchorId: string; createdAt: string } };
  /** v3: the popup's unsaved edits, one per edited version (lib/drafts.ts). */
  drafts: { key: string; value: EditDraft };
  /** v3: what a ChatGPT tab's save or mask did, so its Undo touches only that (lib/background/receipts.ts). */
  receipts: { key: string; value: SaveReceipt; indexes: { createdAt: string } };
  /** v4: the folder the log file is kept in, and what was last written there (lib/log-file/). */
  logFile: { key: string; value: LogFileRecord };
  /** v5: every resume, and the chat it went into once known (lib/model/lineage.ts). */
  resumes: { key: string; value: ResumeRecord; indexes: { anchorId: string; tabId: number; conversationId: string } };
  /** v5: one summary per project, kept with every write of the anchors (lib/library/board.ts): the library page's board. */
  projects: { key: string; value: ProjectSummary };
  /** v6: each chat's size as the chat length meter last counted it (lib/meter/). */
  chats: { key: string; value: ChatRecord; indexes: { measuredAt: string } };
  /** v6: the chats that reached ChatGPT's maximum length, and their size then: the learned limit. */
  limitHits: { key: string; value: LimitHitRecord };
}

type LogFileRecord = { key: 'folder'; value: LogFolder } | { key: 'writeState'; value: LogWriteState };

/** An edit in progress in the popup, kept until it is saved or discarded. */
export type EditDraft = {
  /** The version being edited. */
  anchorId: string;
  name: string;
  /** The form's text, as typed (dependencies one per line). */
  values: { name: string; context: string; milestone: string; nextAction: string; dependencies: string };
  /** The newest version of the name when the edit began: a newer one at save time means someone else saved meanwhile. */
  latestAtStart: string;
  updatedAt: string;
};

/**
 * What one in-page action stored: `anchorId` is what it made (or, for a save that found the text
 * already stored, what it found: `created` is false). A mask also names the version it replaced.
 */
export type SaveReceipt = {
  id: string;
  tabId: number;
  kind: 'save' | 'mask';
  anchorId: string;
  created: boolean;
  replaced?: string;
  createdAt: string;
};

type UpgradeTx = IDBPTransaction<AnchorsDb, StoreNames<AnchorsDb>[], 'versionchange'>;

/** v1 (first release): the anchors, newest-first index. */
function createAnchorStoreV1(db: IDBPDatabase<AnchorsDb>): void {
  const store = db.createObjectStore('anchors', { keyPath: 'id' });
  store.createIndex('createdAt', 'createdAt');
}

/**
 * v2: versions are grouped by name (index), settings and pending resumes move into the database,
 * and v1 records get the fields v1 did not have (time known, resume count, origin, source).
 */
async function addNamesSettingsAndResumesV2(db: IDBPDatabase<AnchorsDb>, tx: UpgradeTx): Promise<void> {
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

/** v3: unsaved edits survive the popup closing; in-page saves leave a receipt for their Undo. */
function addDraftsAndReceiptsV3(db: IDBPDatabase<AnchorsDb>): void {
  db.createObjectStore('drafts', { keyPath: 'anchorId' });
  db.createObjectStore('receipts', { keyPath: 'id' }).createIndex('createdAt', 'createdAt');
}

/** v4: a store for the log file's folder handle and its write state; nothing else changes. */
function addLogFileStoreV4(db: IDBPDatabase<AnchorsDb>): void {
  db.createObjectStore('logFile', { keyPath: 'key' });
}

/**
 * v5: lineage and the board. A `resumes` store (which anchor was resumed, and later the chat it
 * went into), seeded with each anchor's last resume as far as earlier versions knew it (the time,
 * not the chat); and a `projects` store with each project's summary, built from the anchors here
 * and kept current by every write below.
 */
async function addLineageAndProjectsV5(db: IDBPDatabase<AnchorsDb>, tx: UpgradeTx): Promise<void> {
  const resumes = db.createObjectStore('resumes', { keyPath: 'id' });
  resumes.createIndex('anchorId', 'anchorId');
  resumes.createIndex('tabId', 'tabId');
  resumes.createIndex('conversationId', 'conversationId');
  const projects = db.createObjectStore('projects', { keyPath: 'project' });
  const anchors = await tx.objectStore('anchors').getAll();
  for (const anchor of anchors) {
    if (!anchor.lastResumedAt) continue;
    await resumes.add({ id: `v5-${anchor.id}`, anchorId: anchor.id, name: anchor.name, resumedAt: anchor.lastResumedAt });
  }
  for (const summary of summarizeProjects(anchors)) await projects.put(summary);
}

/**
 * v6: the chat length meter's stores, chats' sizes (oldest measured
 * pruned first) and the chats that hit ChatGPT's maximum length. Nothing else changes.
 */
function addChatMeterStoresV6(db: IDBPDatabase<AnchorsDb>): void {
  db.createObjectStore('chats', { keyPath: 'id' }).createIndex('measuredAt', 'measuredAt');
  db.createObjectStore('limitHits', { keyPath: 'id' });
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

let opening: Promise<IDBPDatabase<AnchorsDb>> | undefined;

export function openAnchorsDb(): Promise<IDBPDatabase<AnchorsDb>> {
  opening ??= openDB<AnchorsDb>(DB_NAME, DB_VERSION, {
    async upgrade(db, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) createAnchorStoreV1(db);
      if (oldVersion < 2) await addNamesSettingsAndResumesV2(db, tx);
      if (oldVersion < 3) addDraftsAndReceiptsV3(db);
      if (oldVersion < 4) addLogFileStoreV4(db);
      if (oldVersion < 5) await addLineageAndProjectsV5(db, tx);
      if (oldVersion < 6) addChatMeterStoresV6(db);
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

/** Checked with zod, its times in UTC (the `createdAt` index orders text: it must agree with time). */
function validated(anchor: Anchor): Anchor {
  const parsed = AnchorSchema.safeParse(anchor);
  if (!parsed.success) throw new StorageError(`Invalid anchor: ${describeZodError(parsed.error)}`);
  const { createdAt, deletedAt, lastResumedAt } = parsed.data;
  return {
    ...parsed.data,
    createdAt: toUtc(createdAt),
    ...(deletedAt === undefined ? {} : { deletedAt: toUtc(deletedAt) }),
    ...(lastResumedAt === undefined ? {} : { lastResumedAt: toUtc(lastResumedAt) }),
  };
}

async function write<T>(run: (db: IDBPDatabase<AnchorsDb>) => Promise<T>): Promise<T> {
  const db = await openAnchorsDb();
  try {
    const result = await run(db);
    announceChange('anchors');
    return result;
  } catch (error) {
    throw error instanceof EditConflict ? error : storageError(error);
  }
}

// ---------------------------------------------------------------------------------------------
// The board's project summaries, kept in the same transaction as every write of the anchors

/** A read-write transaction over the anchors and the project summaries (and `more`). */
type LibraryTx = IDBPTransaction<AnchorsDb, StoreNames<AnchorsDb>[], 'readwrite' | 'versionchange'>;

function libraryTx(db: IDBPDatabase<AnchorsDb>, ...more: StoreNames<AnchorsDb>[]): LibraryTx {
  return db.transaction(['anchors', 'projects', ...more], 'readwrite') as unknown as LibraryTx;
}

/**
 * Runs `work` in one transaction over the anchors and the summaries: all of it is stored, or
 * (on any error, ours or the browser's) none of it.
 */
async function inLibraryTx<T>(
  db: IDBPDatabase<AnchorsDb>,
  more: StoreNames<AnchorsDb>[],
  work: (tx: LibraryTx) => Promise<T>,
): Promise<T> {
  const tx = libraryTx(db, ...more);
  const done = tx.done;
  try {
    const result = await work(tx);
    await done;
    return result;
  } catch (error) {
    done.catch(() => undefined); // the abort below (or the browser's) is this error, already thrown
    try {
      tx.abort();
    } catch {
      // already aborted by the failed request
    }
    throw error;
  }
}

/** Past this many projects a write (an import, say) rebuilds every summary from one read. */
const PROJECTS_ONE_BY_ONE = 32;

/** The anchors whose name's project is `project`: the name itself, or names starting `project_`. */
async function anchorsOfProject(tx: LibraryTx, project: string): Promise<Anchor[]> {
  const byName = tx.objectStore('anchors').index('name');
  const exact = await byName.getAll(project);
  // A project never holds `_` (it is what comes before the first one), unless the whole name
  // starts with `_`: then the name is its own project. '`' is the character after '_'.
  const prefixed = project.includes('_') ? [] : await byName.getAll(IDBKeyRange.bound(`${project}_`, `${project}\``, false, true));
  return [...exact, ...prefixed].filter((anchor) => projectOf(anchor.name) === project);
}

/** Brings the summaries of the projects of `names` up to date with the anchors in this transaction. */
async function refreshProjects(tx: LibraryTx, names: Iterable<string>): Promise<void> {
  const projects = new Set([...names].map(projectOf));
  const store = tx.objectStore('projects');
  if (projects.size > PROJECTS_ONE_BY_ONE) {
    const summaries = summarizeProjects(await tx.objectStore('anchors').getAll());
    await store.clear();
    for (const summary of summaries) await store.put(summary);
    return;
  }
  for (const project of projects) {
    const summary = summarizeProject(project, await anchorsOfProject(tx, project));
    if (summary) await store.put(summary);
    else await store.delete(project);
  }
}

/** Every project's summary (the library page reads them itself, zod-free, through lib/storage/db-read.ts). */
export async function listProjectSummaries(): Promise<ProjectSummary[]> {
  return (await openAnchorsDb()).getAll('projects');
}

/**
 * Rewrites every summary from the anchors. The library page asks for it when the stored board
 * and the library disagree (anchors written past lib/storage/db.ts, as the tests' seeding does).
 */
export async function rebuildProjectSummaries(): Promise<ProjectSummary[]> {
  const db = await openAnchorsDb();
  return inLibraryTx(db, [], async (tx) => {
    const summaries = summarizeProjects(await tx.objectStore('anchors').getAll());
    await tx.objectStore('projects').clear();
    for (const summary of summaries) await tx.objectStore('projects').put(summary);
    return summaries;
  });
}

export async function addAnchor(anchor: Anchor): Promise<Anchor> {
  const value = validated(anchor);
  await write((db) =>
    inLibraryTx(db, [], async (tx) => {
      await tx.objectStore('anchors').add(value);
      await refreshProjects(tx, [value.name]);
    }),
  );
  return value;
}

/** Adds all of them in one transaction: either every anchor is stored or none is. */
export async function addAnchors(anchors: Anchor[], resumes: ResumeRecord[] = []): Promise<void> {
  const values = anchors.map(validated);
  const records = resumes.map(validatedResume);
  await write((db) =>
    inLibraryTx(db, ['resumes'], async (tx) => {
      await Promise.all([
        ...values.map((value) => tx.objectStore('anchors').add(value)),
        ...records.map((record) => tx.objectStore('resumes').add(record)),
      ]);
      await refreshProjects(tx, values.map((a) => a.name));
    }),
  );
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
  return sortNewestFirst(all);
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
    .sort(newestFirst);
}

/** Applies `change` to each anchor in one transaction; an unknown id is an error and nothing is written. */
async function updateMany(ids: string[], change: (anchor: Anchor) => Anchor): Promise<Anchor[]> {
  return write((db) =>
    inLibraryTx(db, [], async (tx) => {
      const anchors = tx.objectStore('anchors');
      const current = await Promise.all(ids.map((id) => anchors.get(id)));
      const missing = ids.find((_id, i) => !current[i]);
      if (missing !== undefined) throw new StorageError(`No anchor with id ${missing}.`);
      const updated = current.map((anchor) => validated(change(anchor as Anchor)));
      await Promise.all(updated.map((anchor) => anchors.put(anchor)));
      // A rename moves the anchor out of its old project too.
      await refreshProjects(tx, [...current.map((a) => (a as Anchor).name), ...updated.map((a) => a.name)]);
      return updated;
    }),
  );
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

/** Deletes for good, with the anchors' resume records. */
export async function purgeAnchors(ids: string[]): Promise<void> {
  await write((db) =>
    inLibraryTx(db, ['resumes'], async (tx) => {
      const anchors = tx.objectStore('anchors');
      const gone = await Promise.all(ids.map((id) => anchors.get(id)));
      const resumes = tx.objectStore('resumes');
      const records = (await Promise.all(ids.map((id) => resumes.index('anchorId').getAllKeys(id)))).flat();
      await Promise.all([...ids.map((id) => anchors.delete(id)), ...records.map((key) => resumes.delete(key))]);
      await refreshProjects(tx, gone.flatMap((anchor) => (anchor ? [anchor.name] : [])));
    }),
  );
}

/**
 * Sets the tags of an anchor name: every live version gets them (a version saved later starts
 * with its latest version's, see lib/storage/library.ts). An empty list removes them.
 */
export async function setTags(name: string, tags: string[]): Promise<Anchor[]> {
  const parsed = TagsSchema.safeParse(tags);
  if (!parsed.success) throw new StorageError(`Invalid tags: ${describeZodError(parsed.error)}`);
  return write((db) =>
    inLibraryTx(db, [], async (tx) => {
      const anchors = tx.objectStore('anchors');
      const versions = (await anchors.index('name').getAll(name)).filter((a) => !a.deletedAt);
      if (versions.length === 0) throw new StorageError(`No anchor named [${name}] is in the library.`);
      const updated = versions.map(({ tags: _old, ...anchor }) => validated(parsed.data.length > 0 ? { ...anchor, tags: parsed.data } : anchor));
      await Promise.all(updated.map((anchor) => anchors.put(anchor)));
      await refreshProjects(tx, [name]);
      return updated;
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Lineage: resumes and the chats they went into (lib/model/lineage.ts)

/** How long a resume waits for its chat's first message; the page reports it once sent. */
export const RESUME_CHAT_TTL_MS = 12 * 60 * 60_000;

function validatedResume(record: ResumeRecord): ResumeRecord {
  const parsed = ResumeRecordSchema.safeParse(record);
  if (!parsed.success) throw new StorageError(`Invalid resume record: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

const newestResume = (records: ResumeRecord[]) =>
  records.reduce<ResumeRecord | undefined>((best, r) => (!best || r.resumedAt > best.resumedAt ? r : best), undefined);

/**
 * A ChatGPT tab resumed `anchorId`: counts it on the anchor and starts its resume record, keyed to
 * the tab until the new chat's id is known, in one transaction. An older record of the same tab
 * still waiting for its chat stops waiting: that tab has moved on to this resume.
 */
export async function recordResumeInTab(
  anchorId: string,
  tabId: number,
  options: { now?: Date; handshake?: boolean } = {},
): Promise<ResumeRecord> {
  const when = (options.now ?? new Date()).toISOString();
  return write((db) =>
    inLibraryTx(db, ['resumes'], async (tx) => {
      const anchors = tx.objectStore('anchors');
      const anchor = await anchors.get(anchorId);
      if (!anchor || anchor.deletedAt) throw new StorageError('That anchor is no longer in the library.');
      await anchors.put(validated({ ...anchor, lastResumedAt: when, resumeCount: anchor.resumeCount + 1 }));
      const resumes = tx.objectStore('resumes');
      for (const { tabId: _waiting, ...older } of await resumes.index('tabId').getAll(tabId)) await resumes.put(older);
      const record = validatedResume({
        id: crypto.randomUUID(),
        anchorId,
        name: anchor.name,
        resumedAt: when,
        tabId,
        ...(options.handshake ? { handshake: 'asked' as const } : {}),
      });
      await resumes.add(record);
      await refreshProjects(tx, [anchor.name]);
      return record;
    }),
  );
}

/**
 * The page reports that the chat its resume went into has started (its first message was sent):
 * the tab's waiting record learns the chat and forgets the tab. Undefined when the tab has no
 * resume waiting (none made, or older than RESUME_CHAT_TTL_MS), or when the chat is already
 * linked to a resume (an older resumed chat opened in this tab did not start from this one).
 */
export async function bindResumedChat(
  tabId: number,
  chat: { conversationId: string; url: string },
  now = new Date(),
): Promise<ResumeRecord | undefined> {
  const db = await openAnchorsDb();
  const tx = db.transaction('resumes', 'readwrite');
  const waiting = newestResume(await tx.store.index('tabId').getAll(tabId));
  // A chat already linked (an earlier resume's, opened again in this tab) did not start from this resume.
  const linked = (await tx.store.index('conversationId').count(chat.conversationId)) > 0;
  let bound: ResumeRecord | undefined;
  if (waiting && !linked) {
    const { tabId: _tab, ...rest } = waiting;
    const expired = now.getTime() - Date.parse(waiting.resumedAt) > RESUME_CHAT_TTL_MS;
    bound = expired ? undefined : validatedResume({ ...rest, ...chat, chatStartedAt: now.toISOString() });
    await tx.store.put(bound ?? rest);
  }
  await tx.done;
  if (bound) announceChange('lineage');
  return bound;
}

/** The resume that started this chat (the newest, should it somehow have been reported twice). */
export async function resumeOfConversation(conversationId: string): Promise<ResumeRecord | undefined> {
  return newestResume(await (await openAnchorsDb()).getAllFromIndex('resumes', 'conversationId', conversationId));
}

export async function updateResume(id: string, change: (record: ResumeRecord) => ResumeRecord): Promise<ResumeRecord> {
  const db = await openAnchorsDb();
  const tx = db.transaction('resumes', 'readwrite');
  const record = await tx.store.get(id);
  if (!record) {
    await tx.done;
    throw new StorageError(`No resume record with id ${id}.`);
  }
  const updated = validatedResume(change(record));
  await Promise.all([tx.store.put(updated), tx.done]);
  announceChange('lineage');
  return updated;
}

export async function listResumes(): Promise<ResumeRecord[]> {
  return (await openAnchorsDb()).getAll('resumes');
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

/**
 * How long a resume asked for from the popup waits for its tab. The new tab claims it within
 * seconds; tab ids start again after a browser restart, so an old one must never be claimed by
 * whatever tab gets the same id later.
 */
export const PENDING_RESUME_TTL_MS = 2 * 60_000;

const isExpired = (createdAt: string, now: Date, ttlMs: number) => !(now.getTime() - Date.parse(createdAt) <= ttlMs);

export async function setPendingResume(tabId: number, anchorId: string, now = new Date()): Promise<void> {
  const db = await openAnchorsDb();
  const tx = db.transaction('pendingResumes', 'readwrite');
  let cursor = await tx.store.openCursor();
  while (cursor) {
    if (isExpired(cursor.value.createdAt, now, PENDING_RESUME_TTL_MS)) await cursor.delete();
    cursor = await cursor.continue();
  }
  await tx.store.put({ tabId, anchorId, createdAt: now.toISOString() });
  await tx.done;
}

/** Returns and forgets the resume waiting for this tab, if any and not expired. */
export async function takePendingResume(tabId: number, now = new Date()): Promise<string | undefined> {
  const db = await openAnchorsDb();
  const tx = db.transaction('pendingResumes', 'readwrite');
  const pending = await tx.store.get(tabId);
  if (pending) await tx.store.delete(tabId);
  await tx.done;
  if (!pending || isExpired(pending.createdAt, now, PENDING_RESUME_TTL_MS)) return undefined;
  return pending.anchorId;
}

/** How long an in-page action can still be undone, renamed or masked from its toast. */
export const RECEIPT_TTL_MS = 24 * 60 * 60_000;

/** Keeps a receipt; forgets the expired ones on the way. */
export async function putReceipt(receipt: SaveReceipt): Promise<void> {
  const db = await openAnchorsDb();
  const tx = db.transaction('receipts', 'readwrite');
  const oldest = new Date(Date.parse(receipt.createdAt) - RECEIPT_TTL_MS).toISOString();
  let cursor = await tx.store.index('createdAt').openCursor(IDBKeyRange.upperBound(oldest, true));
  while (cursor) {
    await cursor.delete();
    cursor = await cursor.continue();
  }
  await tx.store.put(receipt);
  await tx.done;
}

/** The receipt, unless it is unknown or expired. */
export async function getReceipt(id: string, now = new Date()): Promise<SaveReceipt | undefined> {
  const receipt = await (await openAnchorsDb()).get('receipts', id);
  return receipt && !isExpired(receipt.createdAt, now, RECEIPT_TTL_MS) ? receipt : undefined;
}

/** In one transaction: `trashId` goes to the trash and `restoreId` comes back from it. */
export async function swapTrashed(trashId: string, restoreId: string, when = new Date().toISOString()): Promise<Anchor[]> {
  return updateMany([trashId, restoreId], ({ deletedAt: _gone, ...anchor }) =>
    anchor.id === trashId ? { ...anchor, deletedAt: when } : anchor,
  );
}

/** In one transaction: `added` is stored and `trashId` moves to the trash (a version replaced). */
export async function addReplacingVersion(added: Anchor, trashId: string, when = new Date().toISOString()): Promise<Anchor> {
  const value = validated(added);
  await write((db) =>
    inLibraryTx(db, [], async (tx) => {
      const anchors = tx.objectStore('anchors');
      const old = await anchors.get(trashId);
      if (!old) throw new StorageError(`No anchor with id ${trashId}.`);
      await Promise.all([anchors.add(value), anchors.put({ ...old, deletedAt: when })]);
      await refreshProjects(tx, [value.name, old.name]);
    }),
  );
  return value;
}

/** Someone saved a version of the anchor after this edit began. */
export class EditConflict extends Error {
  override name = 'EditConflict';
  constructor(readonly newer: Anchor | undefined) {
    super(
      newer
        ? `[${newer.name}] changed while you were editing: a newer version was saved meanwhile.`
        : 'This anchor changed while you were editing: it was renamed or deleted meanwhile.',
    );
  }
}

/**
 * Stores `anchor` as a new version unless the newest live version of `name` is no longer
 * `latestId` (someone else saved meanwhile): then nothing is written and EditConflict says so.
 * Read and write share one transaction, so two editors cannot both pass the check.
 */
export async function addVersionIfUnchanged(anchor: Anchor, name: string, latestId: string): Promise<Anchor> {
  const value = validated(anchor);
  await write((db) =>
    inLibraryTx(db, [], async (tx) => {
      const anchors = tx.objectStore('anchors');
      const versions = (await anchors.index('name').getAll(name)).filter((a) => !a.deletedAt).sort(newestFirst);
      if (versions[0]?.id !== latestId) throw new EditConflict(versions[0]); // nothing written: the transaction ends empty
      await anchors.add(value);
      await refreshProjects(tx, [value.name]);
    }),
  );
  return value;
}

export async function getDraft(anchorId: string): Promise<EditDraft | undefined> {
  return (await openAnchorsDb()).get('drafts', anchorId);
}

/** The most recently touched draft, if any. */
export async function latestDraft(): Promise<EditDraft | undefined> {
  const drafts = await (await openAnchorsDb()).getAll('drafts');
  return drafts.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1))[0];
}

export async function putDraft(draft: EditDraft): Promise<void> {
  const db = await openAnchorsDb();
  try {
    await db.put('drafts', draft);
  } catch (error) {
    throw storageError(error);
  }
}

export async function deleteDraft(anchorId: string): Promise<void> {
  await (await openAnchorsDb()).delete('drafts', anchorId);
}

/**
 * Stores a log file's import in one transaction: `add` (new anchors, and the previous text of
 * edited ones, in the trash) and `replace` (edited anchors, by their id). All or nothing.
 */
export async function storeFileImport({ add, replace }: { add: Anchor[]; replace: Anchor[] }): Promise<void> {
  const adding = add.map(validated);
  const replacing = replace.map(validated);
  await write((db) =>
    inLibraryTx(db, [], async (tx) => {
      const anchors = tx.objectStore('anchors');
      const current = await Promise.all(replacing.map((anchor) => anchors.get(anchor.id)));
      const missing = replacing.find((_anchor, i) => !current[i]);
      if (missing) throw new StorageError(`No anchor with id ${missing.id}.`);
      await Promise.all([...adding.map((a) => anchors.add(a)), ...replacing.map((a) => anchors.put(a))]);
      const names = [...adding, ...replacing, ...current].flatMap((a) => (a ? [a.name] : []));
      await refreshProjects(tx, names);
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// The log file (lib/log-file/): the chosen folder and what was written there

/** The folder the log is kept in, if one was chosen (a record that no longer checks out counts as none). */
export async function getLogFolder(): Promise<LogFolder | undefined> {
  const record = await (await openAnchorsDb()).get('logFile', 'folder');
  const parsed = LogFolderSchema.safeParse(record?.value);
  return parsed.success ? parsed.data : undefined;
}

/** Keeps the log in `folder`; a different folder than before starts with nothing written. */
export async function saveLogFolder(folder: LogFolder): Promise<void> {
  const value = LogFolderSchema.parse(folder);
  const db = await openAnchorsDb();
  try {
    const tx = db.transaction('logFile', 'readwrite');
    const state = await tx.store.get('writeState');
    if (state?.key === 'writeState' && state.value.folderId !== value.id) await tx.store.delete('writeState');
    await Promise.all([tx.store.put({ key: 'folder', value }), tx.done]);
  } catch (error) {
    throw storageError(error);
  }
  announceChange('logFolder');
}

/** Stops keeping the log in a folder (the files stay where they are). */
export async function forgetLogFolder(): Promise<void> {
  const db = await openAnchorsDb();
  const tx = db.transaction('logFile', 'readwrite');
  await Promise.all([tx.store.delete('folder'), tx.store.delete('writeState'), tx.done]);
  announceChange('logFolder');
}

export async function getLogWriteState(): Promise<LogWriteState | undefined> {
  const record = await (await openAnchorsDb()).get('logFile', 'writeState');
  const parsed = LogWriteStateSchema.safeParse(record?.value);
  return parsed.success ? parsed.data : undefined;
}

/** Written by the background only, after each write to the folder (or failed attempt). */
export async function saveLogWriteState(state: LogWriteState): Promise<void> {
  const value = LogWriteStateSchema.parse(state);
  const db = await openAnchorsDb();
  const tx = db.transaction('logFile', 'readwrite');
  // Only for the folder still chosen: a write that finishes after the person picked another folder is dropped.
  const folder = await tx.store.get('folder');
  if (folder?.key === 'folder' && folder.value.id === value.folderId) await tx.store.put({ key: 'writeState', value });
  await tx.done;
  announceChange('logStatus');
}

// ---------------------------------------------------------------------------------------------
// The chat length meter (lib/meter/): chats' sizes and the limits they hit

/** What is kept about one chat (a record that no longer checks out counts as none). */
export async function getChatRecord(id: string): Promise<ChatRecord | undefined> {
  const parsed = ChatRecordSchema.safeParse(await (await openAnchorsDb()).get('chats', id));
  return parsed.success ? parsed.data : undefined;
}

/**
 * Changes what is kept about one chat in one transaction (`change` gets the stored record, or
 * undefined). Past KEEP_CHATS chats, the ones measured longest ago are forgotten.
 */
export async function updateChatRecord(id: string, change: (old: ChatRecord | undefined) => ChatRecord): Promise<ChatRecord> {
  const db = await openAnchorsDb();
  try {
    const tx = db.transaction('chats', 'readwrite');
    const stored = ChatRecordSchema.safeParse(await tx.store.get(id));
    const value = ChatRecordSchema.parse(change(stored.success ? stored.data : undefined));
    await tx.store.put(value);
    let extra = (await tx.store.count()) - KEEP_CHATS;
    let cursor = extra > 0 ? await tx.store.index('measuredAt').openCursor() : null;
    while (cursor && extra > 0) {
      if (cursor.value.id !== id) {
        await cursor.delete();
        extra -= 1;
      }
      cursor = await cursor.continue();
    }
    await tx.done;
    return value;
  } catch (error) {
    throw storageError(error);
  }
}

/** Every chat that reached ChatGPT's maximum length, newest first. */
export async function listLimitHits(): Promise<LimitHitRecord[]> {
  const all = await (await openAnchorsDb()).getAll('limitHits');
  return all
    .flatMap((record) => {
      const parsed = LimitHitRecordSchema.safeParse(record);
      return parsed.success ? [parsed.data] : [];
    })
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

/** Keeps a chat's first hit of the limit; a later notice in the same chat changes nothing. Answers whether it was new. */
export async function addLimitHit(hit: LimitHitRecord): Promise<boolean> {
  const value = LimitHitRecordSchema.parse(hit);
  const db = await openAnchorsDb();
  try {
    const tx = db.transaction('limitHits', 'readwrite');
    const known = (await tx.store.get(value.id)) !== undefined;
    if (!known) await tx.store.put(value);
    await tx.done;
    if (!known) announceChange('limitHits');
    return !known;
  } catch (error) {
    throw storageError(error);
  }
}

/** Forgets every hit: the limit is the setting's again until a chat hits it. */
export async function clearLimitHits(): Promise<void> {
  await (await openAnchorsDb()).clear('limitHits');
  announceChange('limitHits');
}
