import type { BrowserContext } from '@playwright/test';
import { seedGenerated } from '../tests/e2e/support/seed';

/**
 * The library page's board at 10,000 anchors across 200 projects. Numbers come from marks the page
 * records (components/library/LibraryPage.tsx, useBoard.ts), read back with page.evaluate:
 * - `board-painted`: the frame after the board first rendered (the first screen of cards: the rest
 *   follow in the next frame), in ms since the page's navigation start;
 * - `board-complete`: the frame after every card is in the page;
 * - `board-checked`: when the whole library had been read and the cards checked against it.
 */

export const BOARD_TARGETS = { paintMs: 150 } as const;

const libraryUrl = (extensionId: string) => `chrome-extension://${extensionId}/library.html`;

/**
 * Seeds `count` anchors across `projects` projects. The seeding writes the anchors straight into
 * IndexedDB, past lib/storage/db.ts, so the project summaries are not kept; the first page open notices
 * and rebuilds them (as it would after any such write), and the runs after it are what a person
 * sees every day: lib/storage/db.ts keeps the summaries with every save.
 */
export async function seedBoard(context: BrowserContext, extensionId: string, count: number, projects: number): Promise<void> {
  const page = await context.newPage();
  await page.goto(libraryUrl(extensionId));
  await seedGenerated(page, count, projects);
  await page.reload();
  await page.waitForFunction(
    (expected) =>
      new Promise<boolean>((resolve) => {
        const open = indexedDB.open('gpt-anchors');
        open.onsuccess = () => {
          const count = open.result.transaction('projects').objectStore('projects').count();
          count.onsuccess = () => {
            open.result.close();
            resolve(count.result === expected);
          };
        };
        open.onerror = () => resolve(false);
      }),
    projects,
    { timeout: 60_000, polling: 250 },
  );
  await page.close();
}

/** Opens the library page `runs` times (a fresh page each time) and reads when the board painted. */
export async function benchBoardPaint(context: BrowserContext, extensionId: string, runs: number, expectedCards: number) {
  const painted: number[] = [];
  const complete: number[] = [];
  const checked: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const page = await context.newPage();
    await page.goto(libraryUrl(extensionId));
    await page.waitForFunction(() => performance.getEntriesByName('board-painted').length > 0);
    await page.waitForFunction(() => performance.getEntriesByName('board-checked').length > 0, undefined, { timeout: 60_000 });
    await page.waitForFunction(() => performance.getEntriesByName('board-complete').length > 0);
    const marks = await page.evaluate(() => ({
      painted: performance.getEntriesByName('board-painted')[0]!.startTime,
      checked: performance.getEntriesByName('board-checked')[0]!.startTime,
      complete: performance.getEntriesByName('board-complete')[0]!.startTime,
      cards: document.querySelectorAll('ul.board > li').length,
      all: performance.getEntriesByType('mark').map((m) => `${m.name} ${Math.round(m.startTime)}`).join(', '),
    }));
    if (process.env.BENCH_VERBOSE) console.log(marks.all);
    if (marks.cards !== expectedCards) throw new Error(`The board showed ${marks.cards} cards, expected ${expectedCards}.`);
    painted.push(marks.painted);
    checked.push(marks.checked);
    complete.push(marks.complete);
    await page.close();
  }
  return { painted, complete, checked };
}
