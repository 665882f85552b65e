import { expect, test } from './guard';
import { storedAnchors } from '../support/library';
import { DB_VERSION } from '../../../lib/storage/db-schema';

/**
 * A library written by the first release (schema v1: one `anchors` store, a `createdAt` index,
 * records without timeKnown/resumeCount/origin/source) opens in the current build with every
 * record intact. The v1 database is written from the service worker before anything of the
 * extension has opened it (the background opens it on its first message; no page is open yet),
 * so the extension's own upgrade runs on it, in a real Chromium.
 */

const V1_RECORDS = [
  { id: 'v1-a', name: 'Thesis_Ch3_Methods', context: 'Survey done', milestone: '3.1 written', nextAction: 'Write 3.2', dependencies: ['Zotero'], createdAt: '2026-01-01T09:00:00.000Z' },
  { id: 'v1-b', name: 'Thesis_Ch3_Methods', context: 'Survey done', milestone: '3.2 written', nextAction: 'Write 3.3', dependencies: [], createdAt: '2026-01-02T09:00:00.000Z', origin: 'manual' },
  { id: 'v1-c', name: 'Weekend_Bot_Deploy', context: 'κ → ✓ webhook', milestone: '', nextAction: 'Switch to webhook', dependencies: ['BOT_TOKEN', 'TLS'], createdAt: '2026-01-03T09:00:00.000Z' },
];

test('a v1 database opens in the current version: every record listed and migrated', async ({
  context,
  serviceWorker,
  extensionId,
  openPopup,
}) => {
  const created = await serviceWorker.evaluate(
    (records) =>
      new Promise<string>((resolve, reject) => {
        const request = indexedDB.open('gpt-anchors', 1);
        request.onupgradeneeded = () => {
          const store = request.result.createObjectStore('anchors', { keyPath: 'id' });
          store.createIndex('createdAt', 'createdAt');
          for (const record of records) store.add(record);
        };
        request.onsuccess = () => {
          const db = request.result;
          const shape = `v${db.version}:${[...db.objectStoreNames].join(',')}`;
          db.close();
          resolve(shape);
        };
        request.onerror = () => reject(request.error);
      }),
    V1_RECORDS,
  );
  expect(created, 'the test wrote a fresh v1 database (the extension had not opened one)').toBe('v1:anchors');

  const popup = await openPopup();
  const rows = popup.getByRole('list', { name: 'Anchors' }).getByRole('button');
  await expect(rows).toHaveText([/^Weekend_Bot_Deploy/, /^Thesis_Ch3_Methods/]);
  await expect(rows.nth(1)).toContainText('2 versions');
  await expect(rows.nth(1)).toContainText('Write 3.3');

  const stored = await storedAnchors(context, extensionId);
  expect(stored.map((a) => a.id)).toEqual(['v1-a', 'v1-b', 'v1-c']);
  for (const record of V1_RECORDS) {
    const upgraded = stored.find((a) => a.id === record.id);
    expect(upgraded).toMatchObject(record);
    expect(upgraded).toMatchObject({ timeKnown: true, resumeCount: 0, source: {}, origin: record.origin ?? 'captured' });
  }
  const version = await popup.evaluate(async () => (await indexedDB.databases()).find((d) => d.name === 'gpt-anchors')?.version);
  expect(version).toBe(DB_VERSION);
});

test('a v4 database opens in the current version: the board is built from it and each last resume starts the lineage', async ({
  serviceWorker,
  context,
  extensionId,
}) => {
  const resumedAt = '2026-01-04T09:00:00.000Z';
  const records = [
    { ...V1_RECORDS[0], timeKnown: true, resumeCount: 3, lastResumedAt: resumedAt, origin: 'captured', source: { conversationId: 'c-1', url: 'https://chatgpt.com/c/c-1', chatTitle: 'Thesis' } },
    { ...V1_RECORDS[2], timeKnown: true, resumeCount: 0, origin: 'captured', source: {} },
  ];
  await serviceWorker.evaluate(
    (records) =>
      new Promise<void>((resolve, reject) => {
        // v4 exactly as lib/storage/db.ts made it: anchors (createdAt, name), settings, pending resumes, drafts, receipts, log file.
        const request = indexedDB.open('gpt-anchors', 4);
        request.onupgradeneeded = () => {
          const db = request.result;
          const anchors = db.createObjectStore('anchors', { keyPath: 'id' });
          anchors.createIndex('createdAt', 'createdAt');
          anchors.createIndex('name', 'name');
          db.createObjectStore('settings', { keyPath: 'key' });
          db.createObjectStore('pendingResumes', { keyPath: 'tabId' });
          db.createObjectStore('drafts', { keyPath: 'anchorId' });
          db.createObjectStore('receipts', { keyPath: 'id' }).createIndex('createdAt', 'createdAt');
          db.createObjectStore('logFile', { keyPath: 'key' });
          for (const record of records) anchors.add(record);
        };
        request.onsuccess = () => {
          request.result.close();
          resolve();
        };
        request.onerror = () => reject(request.error);
      }),
    records,
  );

  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/library.html`);
  const board = page.getByRole('list', { name: 'Projects' });
  await expect(board.getByRole('heading', { level: 2 })).toHaveText(['Thesis', 'Weekend']); // Thesis was resumed after Weekend was saved
  const thesis = page.getByRole('article', { name: 'Thesis' });
  await expect(thesis).toContainText('Write 3.2');
  await thesis.getByRole('button', { name: 'Lineage and tags' }).click();
  await expect(thesis.getByRole('list', { name: 'Lineage of Thesis' }).getByRole('listitem')).toHaveText([
    /Started in chat “Thesis”/,
    /\[Thesis_Ch3_Methods\] v1 saved from a reply/,
    /Resumed \[Thesis_Ch3_Methods\] v1 into a new chat/,
  ]);
  const version = await page.evaluate(async () => (await indexedDB.databases()).find((d) => d.name === 'gpt-anchors')?.version);
  expect(version).toBe(DB_VERSION);
});
