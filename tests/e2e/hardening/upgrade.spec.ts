import { expect, test } from './guard';
import { storedAnchors } from '../support/library';
import { DB_VERSION } from '../../../lib/db-schema';

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
