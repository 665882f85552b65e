import type { Page } from 'puppeteer-core';
import type { SeedAnchor } from '../../e2e/support/seed';

/**
 * Every stored anchor (trash included), read with raw IndexedDB from one of the add-on's pages.
 * It opens the database at whatever version the add-on made (no version given), and only once
 * `indexedDB.databases()` lists it, so it never creates or upgrades it.
 */
export async function storedAnchors(extensionPage: Page): Promise<SeedAnchor[]> {
  return extensionPage.evaluate(
    () =>
      new Promise<SeedAnchor[]>((resolve, reject) => {
        void indexedDB.databases().then((databases) => {
          if (!databases.some((db) => db.name === 'gpt-anchors')) {
            resolve([]);
            return;
          }
          const open = indexedDB.open('gpt-anchors');
          open.onerror = () => reject(open.error ?? new Error('gpt-anchors did not open'));
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains('anchors')) {
              db.close();
              resolve([]);
              return;
            }
            const request = db.transaction('anchors').objectStore('anchors').getAll();
            request.onsuccess = () => {
              db.close();
              resolve(request.result as SeedAnchor[]);
            };
            request.onerror = () => reject(request.error);
          };
        }, reject);
      }),
  );
}
