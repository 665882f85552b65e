import type { BrowserContext, Page } from '@playwright/test';

/** What the tests read back from the extension's database. */
export type StoredAnchor = {
  id: string;
  name: string;
  context: string;
  milestone: string;
  nextAction: string;
  dependencies: string[];
  origin: string;
  createdAt: string;
  timeKnown: boolean;
  deletedAt?: string;
  resumeCount: number;
  lastResumedAt?: string;
  source: { url?: string; messageId?: string; chatTitle?: string; conversationId?: string };
};

async function extensionPage(context: BrowserContext, extensionId: string): Promise<Page> {
  const existing = context.pages().find((p) => p.url().startsWith(`chrome-extension://${extensionId}/options.html`));
  if (existing) return existing;
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  // The options page opens (and so creates or upgrades) the database; read it only after that,
  // since opening it here without a version would create an empty one.
  await page.waitForFunction(async () =>
    (await indexedDB.databases()).some((db) => db.name === 'gpt-anchors' && (db.version ?? 0) >= 2),
  );
  return page;
}

/** Every stored anchor (trash included), oldest first, read straight from IndexedDB. */
export async function storedAnchors(context: BrowserContext, extensionId: string): Promise<StoredAnchor[]> {
  const page = await extensionPage(context, extensionId);
  return page.evaluate(
    () =>
      new Promise<StoredAnchor[]>((resolve, reject) => {
        const open = indexedDB.open('gpt-anchors');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('anchors')) {
            db.close();
            resolve([]);
            return;
          }
          const request = db.transaction('anchors').objectStore('anchors').index('createdAt').getAll();
          request.onsuccess = () => {
            db.close();
            resolve(request.result as StoredAnchor[]);
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
}

/** Writes settings the way the options page does (merged over what is stored). */
export async function setSettings(context: BrowserContext, extensionId: string, patch: Record<string, unknown>) {
  const page = await extensionPage(context, extensionId);
  await page.evaluate(
    (change) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('gpt-anchors');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const store = db.transaction('settings', 'readwrite').objectStore('settings');
          const read = store.get('settings');
          read.onsuccess = () => {
            const current = (read.result as { value?: object } | undefined)?.value ?? {};
            store.put({ key: 'settings', value: { ...current, ...change } });
            store.transaction.oncomplete = () => {
              db.close();
              resolve();
            };
          };
        };
      }),
    patch,
  );
}

export type AnchorFields = {
  name: string;
  context: string;
  milestone: string;
  nextAction: string;
  dependencies: string[];
};

/** An anchor as ChatGPT writes it in a reply: bold labels, dependencies as bullets. */
export function anchorReply(anchor: AnchorFields, intro = 'Here is your anchor:'): string {
  return [
    intro,
    '',
    `**Resume from anchor:** [${anchor.name}]`,
    '',
    `**Context:** ${anchor.context}`,
    '',
    `**Current milestone:** ${anchor.milestone}`,
    '',
    `**Next action:** ${anchor.nextAction}`,
    '',
    '**Dependencies:**',
    '',
    ...anchor.dependencies.map((d) => `- ${d}`),
  ].join('\n');
}

export const THESIS: AnchorFields = {
  name: 'Thesis_Ch3_Methods',
  context: 'Survey of 41 papers done; coding scheme v2 agreed with supervisor (κ = 0.81).',
  milestone: 'Methods draft sections 3.1–3.3 written ✓',
  nextAction: 'Write 3.4 (threats to validity) and send to supervisor → Fri.',
  dependencies: ['Zotero library export', 'coding_scheme_v2.xlsx', 'Supervisor review slot (Fri) 🗓️'],
};

let seeded = 0;

/** A complete stored anchor for seeding, `minutesAgo` old. */
export function storedAnchor(fields: AnchorFields, minutesAgo = 60): StoredAnchor {
  seeded += 1;
  return {
    ...fields,
    id: `seed-${seeded}-${fields.name}`,
    origin: 'manual',
    createdAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
    timeKnown: true,
    resumeCount: 0,
    source: {},
  };
}

/** Writes anchors straight into the extension's database (after it has been created). */
export async function seedAnchors(context: BrowserContext, extensionId: string, anchors: StoredAnchor[]) {
  await storedAnchors(context, extensionId); // opens an extension page, creating the database
  const page = await extensionPage(context, extensionId);
  await page.evaluate(
    (records) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('gpt-anchors');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('anchors', 'readwrite');
          for (const record of records) tx.objectStore('anchors').put(record);
          tx.oncomplete = () => {
            db.close();
            new BroadcastChannel('gpt-anchors:changes').postMessage('anchors');
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    anchors,
  );
}
