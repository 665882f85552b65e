import type { BrowserContext, Page } from '@playwright/test';
import {
  readAnchors,
  readResumes,
  seedAnchor,
  seedAnchors as seedInto,
  seedResumes as seedResumesInto,
  waitForDatabase,
  type SeedAnchor,
  type SeedResume,
} from './seed';

/** What the tests read back from the extension's database. */
export type StoredAnchor = SeedAnchor;

/** An extension page to read and write the database from (the options page opens it). */
async function extensionPage(context: BrowserContext, extensionId: string): Promise<Page> {
  const existing = context.pages().find((p) => p.url().startsWith(`chrome-extension://${extensionId}/options.html`));
  if (existing) return existing;
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await waitForDatabase(page);
  return page;
}

/** Every stored anchor (trash included), oldest first, read straight from IndexedDB. */
export async function storedAnchors(context: BrowserContext, extensionId: string): Promise<StoredAnchor[]> {
  const anchors = await readAnchors(await extensionPage(context, extensionId));
  return anchors.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Every resume record (the lineage), read straight from IndexedDB. */
export async function storedResumes(context: BrowserContext, extensionId: string): Promise<SeedResume[]> {
  return readResumes(await extensionPage(context, extensionId));
}

/** Writes resume records straight into the lineage store (with the change broadcast). */
export async function seedResumes(context: BrowserContext, extensionId: string, records: SeedResume[]) {
  await seedResumesInto(await extensionPage(context, extensionId), records);
}

/** Writes anchors straight into the extension's database, as a real write would (with the change broadcast). */
export async function seedAnchors(context: BrowserContext, extensionId: string, anchors: StoredAnchor[]) {
  await seedInto(await extensionPage(context, extensionId), anchors);
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

/** A complete stored anchor for seeding, `minutesAgo` old. */
export function storedAnchor(fields: AnchorFields, minutesAgo = 60): StoredAnchor {
  return seedAnchor({ ...fields, origin: 'manual' }, minutesAgo);
}
