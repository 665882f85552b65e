import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { THESIS } from '../e2e/support/library';
import { CHAT, PLAIN, THESIS_LINES, conversations } from './support/conversations';
import type { FixtureWindow } from '../fixtures/chatgpt/options';
import { storedAnchors } from './support/database';
import { expect, test } from './support/test';
import { byRole, clickRole, waitForStatus, waitUntil, waitVisible } from './support/ui';
import type { FirefoxSession } from './support/firefox';

/**
 * The product's main journey in Firefox, on the same ChatGPT fixture as the Chromium suite: the
 * bar, saving an anchor reply, the popup's library, Resume into a new chat, export to a file.
 * Everything here runs through Firefox's MV2 background page and its promise-based `browser.*`.
 */

const fixture = (page: Page) => ({
  paragraphs: () => page.evaluate(() => (window as unknown as FixtureWindow).__chatgpt.editorParagraphs()),
  sent: () => page.evaluate(() => [...(window as unknown as FixtureWindow).__chatgpt.sent]),
  route: () => page.evaluate(() => (window as unknown as FixtureWindow).__chatgpt.route()),
});

async function openChat(firefox: FirefoxSession, url = `https://chatgpt.com/c/${CHAT}`): Promise<Page> {
  const page = await firefox.browser.newPage();
  await page.goto(url, { timeout: 15_000 });
  return page;
}

/** Saves THESIS with the bar's *Save anchor* on its chat, as a person would. */
async function saveThesis(firefox: FirefoxSession): Promise<Page> {
  const page = await openChat(firefox);
  await clickRole(page, 'button', 'Save anchor');
  await waitForStatus(page, 'Saved anchor [Thesis_Ch3_Methods]');
  return page;
}

/** The popup's row for an anchor name (a button whose visible text starts with the name). */
async function anchorRow(popup: Page, name: string) {
  const list = await waitVisible(popup, byRole('list', 'Anchors'), "The popup's list of anchors");
  return waitUntil(
    async () => {
      for (const button of await list.$$('::-p-aria([role="button"])')) {
        if ((await button.evaluate((b) => (b.textContent ?? '').trim())).startsWith(name)) return button;
      }
      return null;
    },
    (row) => row !== null,
    `a row for ${name} in the popup`,
  );
}

test('the bar appears on both ChatGPT hosts, and Save anchor stores the anchor reply', async ({ firefox, serve }) => {
  const server = await serve({ conversations });
  const other = await openChat(firefox, `https://chat.openai.com/c/${CHAT}`);
  await waitVisible(other, byRole('group', 'GPT Anchors'), 'The GPT Anchors bar on chat.openai.com');
  await other.close();

  const page = await openChat(firefox);
  const bar = await waitVisible(page, byRole('group', 'GPT Anchors'), 'The GPT Anchors bar');
  expect(await bar.$(byRole('button', 'Save anchor'))).not.toBeNull();
  expect(await bar.$(byRole('button', 'Resume anchor'))).not.toBeNull();

  await clickRole(page, 'button', 'Save anchor');
  await waitForStatus(page, 'Saved anchor [Thesis_Ch3_Methods]');

  const popup = await firefox.openExtensionPage('popup.html');
  const [stored, ...more] = await storedAnchors(popup);
  expect(more).toEqual([]);
  expect(stored).toMatchObject({
    name: THESIS.name,
    context: THESIS.context,
    milestone: THESIS.milestone,
    nextAction: THESIS.nextAction,
    dependencies: THESIS.dependencies,
    origin: 'captured',
    source: { conversationId: CHAT, chatTitle: 'Thesis chapter 3' },
  });
  expect(server.served).toEqual([`https://chat.openai.com/c/${CHAT}`, `https://chatgpt.com/c/${CHAT}`]);
});

test('with no anchor in the chat, Save anchor asks ChatGPT for one, waits for the reply and saves it', async ({ firefox, serve }) => {
  await serve({ conversations, streamChunkMs: 20 });
  const page = await openChat(firefox, `https://chatgpt.com/c/${PLAIN}`);
  await clickRole(page, 'button', 'Save anchor');
  await waitVisible(page, byRole('button', 'Cancel saving anchor'), 'The bar’s Cancel while it waits for ChatGPT');
  await waitForStatus(page, 'Saved anchor [Capstone_Step9_Admin]', 20_000);

  const sent = await fixture(page).sent();
  expect(sent).toHaveLength(1);
  expect(sent[0]).toContain('Anchor this as chat [Capstone_Step9_Admin] with next action + dependencies.');

  const popup = await firefox.openExtensionPage('popup.html');
  const stored = await storedAnchors(popup);
  expect(stored.map((anchor) => [anchor.name, anchor.origin])).toEqual([['Capstone_Step9_Admin', 'requested']]);
  expect(stored[0]!.dependencies.length).toBeGreaterThan(0);
});

test('the popup lists the saved anchor, and Resume fills a new chat with it', async ({ firefox, serve }) => {
  await serve({ conversations });
  await saveThesis(firefox);

  const popup = await firefox.openExtensionPage('popup.html');
  const row = await anchorRow(popup, THESIS.name);
  expect(await row!.evaluate((b) => b.textContent)).toContain(THESIS.nextAction);
  await row!.click();
  const chat = await firefox.newTab('https://chatgpt.com/', 'the new chat Resume opens', () => clickRole(popup, 'button', 'Resume'));
  // The composer fills one paragraph at a time: wait for the status that ends the write, then read it.
  await waitForStatus(chat, 'Resumed [Thesis_Ch3_Methods]: press send when ready.');
  expect(await fixture(chat).paragraphs()).toEqual(THESIS_LINES);
  expect(await fixture(chat).route()).toBe('/');
  expect(await fixture(chat).sent()).toEqual([]); // auto-send is off by default

  const [stored] = await storedAnchors(popup);
  expect(stored?.resumeCount).toBe(1);
});

test('Export writes the markdown log and the JSON backup to the downloads folder', async ({ firefox, serve }) => {
  await serve({ conversations });
  await saveThesis(firefox);
  const popup = await firefox.openExtensionPage('popup.html');
  await anchorRow(popup, THESIS.name);

  await clickRole(popup, 'button', 'Export');
  await clickRole(popup, 'menuitem', 'Markdown log');
  const logStatus = await waitForStatus(popup, 'Exported 1 anchor to ');
  const logName = /gpt-anchors-log-\d{4}-\d{2}-\d{2}\.md/.exec(logStatus)?.[0];
  expect(logName, `a log file name in "${logStatus}"`).toBeTruthy();
  const log = await waitForDownload(firefox.downloadsDir, logName!);
  expect(log).toContain('[Thesis_Ch3_Methods]');
  expect(log).toContain(THESIS.nextAction);
  for (const dependency of THESIS.dependencies) expect(log).toContain(dependency);

  await clickRole(popup, 'button', 'Export');
  await clickRole(popup, 'menuitem', 'JSON backup');
  const backupStatus = await waitForStatus(popup, '.json');
  const backupName = /gpt-anchors-backup-\d{4}-\d{2}-\d{2}\.json/.exec(backupStatus)?.[0];
  expect(backupName, `a backup file name in "${backupStatus}"`).toBeTruthy();
  const backup = JSON.parse(await waitForDownload(firefox.downloadsDir, backupName!)) as { anchors?: { name: string }[] };
  expect(backup.anchors?.map((a) => a.name)).toEqual([THESIS.name]);
});

test('the options page checks an open ChatGPT tab: the check is loaded into the page when asked', async ({ firefox, serve }) => {
  await serve({ conversations });
  const page = await openChat(firefox);
  await waitVisible(page, byRole('group', 'GPT Anchors'), 'The GPT Anchors bar');
  const options = await firefox.openExtensionPage('options.html#page-check');
  const report = await waitUntil(
    () => options.evaluate(() => document.querySelector('article.tab-check')?.textContent ?? ''),
    (text) => text.includes('Page generation:'),
    "the page check's report for the ChatGPT tab",
  );
  expect(report).toContain('Page generation: A: conversation turns');
  expect(report).toContain('Everything GPT Anchors needs was found.');
  expect(report).not.toContain('not running in this tab');
});

/** A finished download's text: Firefox writes `<name>.part` first and renames it when done. */
async function waitForDownload(dir: string, name: string): Promise<string> {
  const file = path.join(dir, name);
  await waitUntil(
    async () => {
      const names = readdirSync(dir);
      return names.includes(name) && !names.some((n) => n.endsWith('.part'));
    },
    (done) => done,
    `${name} in ${dir}`,
    15_000,
  );
  return readFileSync(file, 'utf8');
}
