import type { Anchor } from '../../lib/anchor';

/**
 * The popup's first-paint read: every stored anchor, straight from IndexedDB without idb or zod.
 * lib/db.ts stays the owner of the database (schema, upgrades, every write); going through it
 * here would load zod (~90 KB gzipped) before the list could paint. This read never creates or
 * upgrades anything: when the database is missing or at another version it answers `null`, and
 * the caller falls back to lib/db.ts, which migrates. Records were validated by lib/db.ts on write.
 */
const DB_NAME = 'gpt-anchors';
/** lib/db.ts DB_VERSION this read understands (a unit test keeps them equal). */
export const READ_VERSION = 2;

export function readAllAnchors(): Promise<Anchor[] | null> {
  return new Promise((resolve) => {
    const open = indexedDB.open(DB_NAME);
    // Only fires for a database that does not exist yet: don't create it at the wrong version.
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onerror = () => resolve(null);
    open.onblocked = () => resolve(null);
    open.onsuccess = () => {
      const db = open.result;
      if (db.version !== READ_VERSION || !db.objectStoreNames.contains('anchors')) {
        db.close();
        resolve(null);
        return;
      }
      const request = db.transaction('anchors').objectStore('anchors').getAll();
      request.onsuccess = () => {
        db.close();
        resolve(request.result as Anchor[]);
      };
      request.onerror = () => {
        db.close();
        resolve(null);
      };
    };
  });
}
