import type { Page } from '@playwright/test';
import { DB_VERSION } from '../../../lib/storage/db-schema';

/**
 * Seeds the extension's IndexedDB from an extension page (popup.html) with raw IndexedDB inside
 * page.evaluate: nothing from lib/ is imported, so tests and the bench see the database exactly
 * as the extension wrote it. The database itself is created by the extension (lib/storage/db.ts); these
 * helpers wait for it rather than guess its schema.
 */

export type SeedAnchor = {
  id: string;
  name: string;
  context: string;
  milestone: string;
  nextAction: string;
  dependencies: string[];
  createdAt: string;
  timeKnown: boolean;
  source: { url?: string; conversationId?: string; chatTitle?: string; messageId?: string };
  origin: 'captured' | 'requested' | 'selection' | 'manual' | 'imported';
  deletedAt?: string;
  lastResumedAt?: string;
  resumeCount: number;
  tags?: string[];
};

/** A resume record (lib/model/lineage.ts): which anchor was resumed, and the chat it went into. */
export type SeedResume = {
  id: string;
  anchorId: string;
  name: string;
  resumedAt: string;
  tabId?: number;
  conversationId?: string;
  url?: string;
  chatStartedAt?: string;
  handshake?: 'asked' | 'matched' | 'differed' | 'unclear';
  rollingAskedAt?: string;
};

let counter = 0;

/** A complete stored anchor, `minutesAgo` old. */
export function seedAnchor(fields: Partial<SeedAnchor> & { name: string }, minutesAgo = 60): SeedAnchor {
  counter += 1;
  return {
    id: `seed-${counter}-${fields.name}`,
    context: '',
    milestone: '',
    nextAction: '',
    dependencies: [],
    createdAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
    timeKnown: true,
    source: {},
    origin: 'captured',
    resumeCount: 0,
    ...fields,
  };
}

/**
 * Waits until the extension has created its database (the popup does on first open). It only
 * opens a database that `indexedDB.databases()` already lists, so a test never creates it (an
 * open without a version would make an empty v1 that lib/storage/db.ts cannot migrate). Polled from
 * Node: page.waitForFunction takes a returned Promise for a truthy value and would not wait.
 */
export async function waitForDatabase(page: Page, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate(databaseReady, DB_VERSION))) {
    if (Date.now() > deadline) throw new Error(`The extension did not create its database gpt-anchors (v${DB_VERSION}).`);
    await page.waitForTimeout(50);
  }
}

async function databaseReady(version: number): Promise<boolean> {
  const dbs = await indexedDB.databases();
  if (!dbs.some((db) => db.name === 'gpt-anchors' && db.version === version)) return false;
  return new Promise<boolean>((resolve) => {
    const open = indexedDB.open('gpt-anchors', version);
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onerror = () => resolve(false);
    open.onsuccess = () => {
      const ready = open.result.objectStoreNames.contains('anchors');
      open.result.close();
      resolve(ready);
    };
  });
}

/** Writes anchors into the store and tells open extension pages, as a real write would. */
export async function seedAnchors(page: Page, anchors: SeedAnchor[], announce = true): Promise<void> {
  await waitForDatabase(page);
  await page.evaluate(
    ({ records, announce, version }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('gpt-anchors', version);
        open.onupgradeneeded = () => open.transaction?.abort(); // never create it here
        open.onerror = () => reject(open.error ?? new Error('gpt-anchors is not there'));
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('anchors')) {
            reject(new Error(`gpt-anchors v${db.version} has no anchors store: [${[...db.objectStoreNames].join(', ')}]`));
            return;
          }
          const tx = db.transaction('anchors', 'readwrite');
          for (const record of records) tx.objectStore('anchors').put(record);
          tx.oncomplete = () => {
            db.close();
            if (announce) new BroadcastChannel('gpt-anchors:changes').postMessage('anchors');
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { records: anchors, announce, version: DB_VERSION },
  );
}

/**
 * `count` realistic anchors generated inside the page (no 5 MB trip through the protocol):
 * `projects` projects (40 unless said), names with 1–4 versions, a few hundred characters per anchor.
 */
export async function seedGenerated(page: Page, count: number, projects = 40): Promise<void> {
  await waitForDatabase(page);
  await page.evaluate(
    ({ total, version, projects }) =>
      new Promise<void>((resolve, reject) => {
        const words = 'survey schema draft review deploy admin migrate auth table index report chapter supervisor budget api test'.split(' ');
        const pick = (i: number, n: number) => Array.from({ length: n }, (_, k) => words[(i * 7 + k * 13) % words.length]).join(' ');
        const open = indexedDB.open('gpt-anchors', version);
        open.onupgradeneeded = () => open.transaction?.abort(); // never create it here
        open.onerror = () => reject(open.error ?? new Error('gpt-anchors is not there'));
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('anchors', 'readwrite');
          const store = tx.objectStore('anchors');
          const now = Date.now();
          for (let i = 0; i < total; i += 1) {
            const nameIndex = Math.floor(i / 2.5);
            store.put({
              id: `bench-${i}`,
              name: `Project${nameIndex % projects}_Step${nameIndex}_${words[nameIndex % words.length]}`,
              context: `${pick(i, 12)}.\nSprint ${i % 30}: ${pick(i + 1, 20)}.\n${pick(i + 2, 10)} (#${i}).`,
              milestone: `${pick(i + 3, 14)} done.`,
              nextAction: `Next: ${pick(i + 4, 9)} for step ${nameIndex}.`,
              dependencies: [`${pick(i + 5, 2)} key`, `env ${i % 17}`, `${pick(i + 6, 3)}`],
              createdAt: new Date(now - i * 60_000).toISOString(),
              timeKnown: true,
              source: { conversationId: `conv-${nameIndex}` },
              origin: 'captured',
              resumeCount: i % 5,
              ...(i % 5 ? { lastResumedAt: new Date(now - i * 30_000).toISOString() } : {}),
            });
          }
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { total: count, version: DB_VERSION, projects },
  );
}

/** Every stored anchor (trash included), read back with raw IndexedDB. */
export async function readAnchors(page: Page): Promise<SeedAnchor[]> {
  return readStore<SeedAnchor>(page, 'anchors');
}

/** Every resume record (the lineage), read back with raw IndexedDB. */
export async function readResumes(page: Page): Promise<SeedResume[]> {
  return readStore<SeedResume>(page, 'resumes');
}

async function readStore<T>(page: Page, storeName: string): Promise<T[]> {
  return page.evaluate(
    ({ version, storeName }) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('gpt-anchors', version);
        open.onupgradeneeded = () => open.transaction?.abort(); // never create it here
        open.onerror = () => reject(open.error ?? new Error('gpt-anchors is not there'));
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction(storeName).objectStore(storeName).getAll();
          request.onsuccess = () => {
            db.close();
            resolve(request.result as T[]);
          };
          request.onerror = () => reject(request.error);
        };
      }),
    { version: DB_VERSION, storeName },
  );
}

/** Writes resume records into the lineage store and tells open extension pages. */
export async function seedResumes(page: Page, records: SeedResume[]): Promise<void> {
  await waitForDatabase(page);
  await page.evaluate(
    ({ records, version }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('gpt-anchors', version);
        open.onupgradeneeded = () => open.transaction?.abort(); // never create it here
        open.onerror = () => reject(open.error ?? new Error('gpt-anchors is not there'));
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('resumes', 'readwrite');
          for (const record of records) tx.objectStore('resumes').put(record);
          tx.oncomplete = () => {
            db.close();
            new BroadcastChannel('gpt-anchors:changes').postMessage('lineage');
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { records, version: DB_VERSION },
  );
}
