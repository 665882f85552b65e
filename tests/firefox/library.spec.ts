import type { Page } from 'puppeteer-core';
import { THESIS } from '../e2e/support/library';
import type { FixtureWindow } from '../fixtures/chatgpt/options';
import { CHAT, THESIS_LINES, conversations } from './support/conversations';
import { expect, test } from './support/test';
import { byRole, clickRole, waitForStatus, waitUntil, waitVisible } from './support/ui';
import type { FirefoxSession } from './support/firefox';

/**
 * The library page in Firefox: the board paints from the project summaries the MV2 background
 * page keeps with each save, Resume on a card fills a new chat, and the card's lineage shows the
 * chat the anchor came from and, once the resume text is sent, the chat it went into.
 */

const paragraphs = (page: Page) => page.evaluate(() => (window as unknown as FixtureWindow).__chatgpt.editorParagraphs());

async function saveThesis(firefox: FirefoxSession): Promise<void> {
  const page = await firefox.browser.newPage();
  await page.goto(`https://chatgpt.com/c/${CHAT}`, { timeout: 15_000 });
  await clickRole(page, 'button', 'Save anchor');
  await waitForStatus(page, 'Saved anchor [Thesis_Ch3_Methods]');
}

const text = (page: Page, selector: string) => page.$eval(selector, (element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim());

test('the library page shows the project saved in a chat, resumes it and shows its lineage', async ({ firefox, serve }) => {
  await serve({ conversations });
  await saveThesis(firefox);

  const library = await firefox.openExtensionPage('library.html');
  const card = await waitVisible(library, byRole('article', 'Thesis'), 'The Thesis card on the board');
  const cardText = await card.evaluate((element) => (element.textContent ?? '').replace(/\s+/g, ' '));
  expect(cardText).toContain(THESIS.nextAction);
  expect(cardText).toContain('Active today');
  expect(cardText).toContain('never resumed');

  const chat = await firefox.newTab('https://chatgpt.com/', 'the new chat Resume opens', () => clickRole(library, 'button', 'Resume Thesis_Ch3_Methods'));
  expect(await waitUntil(() => paragraphs(chat), (lines) => lines.length >= THESIS_LINES.length, 'the new chat’s composer to fill')).toEqual(THESIS_LINES);
  await waitForStatus(chat, 'Resumed [Thesis_Ch3_Methods]: press send when ready.');

  await library.bringToFront();
  await waitUntil(() => text(library, 'article'), (t) => t.includes('resumed just now'), 'the card to show the resume');
  await clickRole(library, 'button', 'Lineage and tags');
  const lineage = await waitVisible(library, byRole('list', 'Lineage of Thesis'), 'The lineage of Thesis');
  const items = await lineage.$$eval('li', (lis) => lis.map((li) => (li.textContent ?? '').replace(/\s+/g, ' ').trim()));
  expect(items[0]).toMatch(/^💬\s*Started in chat “Thesis chapter 3”$/);
  expect(items[1]).toMatch(/^⚓\s*\[Thesis_Ch3_Methods\] v1 saved from a reply · /);
  expect(items[2]).toMatch(/^↪\s*Resumed \[Thesis_Ch3_Methods\] v1 into a new chat/);
  expect(await lineage.$eval('a', (a) => a.getAttribute('href'))).toBe(`https://chatgpt.com/c/${CHAT}`);
  await lineage.dispose();

  // The person sends the resume text: the page reports the chat's id (the background reads it
  // from the tab's address), and the lineage links the new chat.
  await chat.bringToFront();
  await clickRole(chat, 'button', 'Send prompt');
  const route = () => chat.evaluate(() => (window as unknown as FixtureWindow).__chatgpt.route());
  const path = await waitUntil(route, (r) => /^\/c\/[0-9a-f-]{36}$/.test(r), 'the new chat’s address');
  await library.bringToFront();
  const links = () => library.$$eval('ol.timeline a', (as) => as.map((a) => a.getAttribute('href')));
  expect(await waitUntil(links, (hrefs) => hrefs.length === 2, 'the lineage to link the new chat', 15_000)).toEqual([
    `https://chatgpt.com/c/${CHAT}`,
    `https://chatgpt.com${path}`,
  ]);
});
