import type { Page } from '@playwright/test';
import { expect, expectNotPwned, test } from './guard';
import { CONTROLS, CONTROLS_ONE_LINE, IMG, JS_ANCHOR, JS_LINK, MD_LINK, ONE_MB, RTL, SCRIPT } from '../../support/payloads';
import { waitForDownload } from '../support/downloads';
import { anchorBar, inPageToast as toast, resumePicker, saveAnchorButton as saveButton } from '../support/extension';
import { serveChatGPT } from '../support/chatgpt-fixture';
import { anchorReply, seedAnchors, storedAnchor, storedAnchors, type AnchorFields, type StoredAnchor } from '../support/library';
import type { FixtureWindow } from '../../fixtures/chatgpt/options';
import { normalizeName } from '../../../lib/model/anchor-check';
import { parseBackup } from '../../../lib/log/backup';
import { parseAnchorLog } from '../../../lib/log/parse';
import { liveMarkup } from '../../support/markdown-viewer';

const CHAT = 'a0000000-0000-4000-8000-000000000001';
const HUGE = 'a0000000-0000-4000-8000-000000000002';

/** An anchor reply whose every field carries a payload. The fixture escapes reply markdown before
 * it renders it (tests/fixtures/chatgpt/markdown.ts), so the payloads reach the DOM as text. */
const FROM_CHAT: AnchorFields = {
  name: `Pwn_${IMG}`,
  context: `${SCRIPT} and ${RTL}`,
  // One `__` per paragraph: two would be bold in ChatGPT's markdown (and the fixture's).
  milestone: JS_LINK,
  nextAction: `Read ${IMG} now`,
  dependencies: [SCRIPT, `${RTL} key`, `bell\u0007 escape\u001b delete\u007f`],
};

/** Stored anchors holding every payload in every field, control characters included. */
const hostileLibrary = (): StoredAnchor[] => [
  storedAnchor(
    {
      name: `Hostile_${IMG}`,
      context: `${SCRIPT}\n${IMG}\n${RTL}`,
      milestone: `${JS_LINK} ${MD_LINK}`,
      nextAction: `Run ${CONTROLS} end`,
      dependencies: [IMG, SCRIPT, JS_LINK, MD_LINK, `c${CONTROLS_ONE_LINE}c`, RTL],
    },
    120,
  ),
  storedAnchor(
    {
      name: `Ctrl_${CONTROLS_ONE_LINE.replace(/^\s+|\s+$/g, '')}_${RTL}`,
      context: `x${CONTROLS}x`,
      milestone: `${RTL} ${SCRIPT}`,
      nextAction: JS_ANCHOR,
      dependencies: [`${JS_ANCHOR} ${RTL}`],
    },
    60,
  ),
];


/** Nothing a payload would have created exists in the page (light DOM or the extension's shadow root). */
async function expectNoLiveMarkup(page: Page) {
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  // No live <script> carries a payload (the fixture's JSON options hold them as data, escaped).
  const liveScripts = await page.evaluate(() => {
    const roots: (Document | ShadowRoot)[] = [document];
    const host = document.getElementById('gpt-anchors-host')?.shadowRoot;
    if (host) roots.push(host);
    return roots.flatMap((root) => [...root.querySelectorAll('script:not([type="application/json"])')])
      .filter((s) => s.textContent?.includes('__pwned')).length;
  });
  expect(liveScripts).toBe(0);
  await expect(page.locator('a[href^="javascript:"]')).toHaveCount(0);
  await expect(page.locator('a[href*="evil.example"]')).toHaveCount(0);
  // The picker is a frame of its own (an extension page): nothing live in it either.
  for (const frame of page.frames().filter((f) => f.url().includes('/picker.html'))) {
    const live = await frame.evaluate(
      () => document.querySelectorAll('img, script:not([src]), a[href^="javascript:"], a[href*="evil.example"]').length,
    );
    expect(live).toBe(0);
  }
  await expectNotPwned(page);
}

test('payloads in a ChatGPT reply are saved as text, shown as text in the toast, the bar and the picker', async ({
  context,
  extensionId,
}) => {
  await serveChatGPT(context, {
    conversations: {
      [CHAT]: { title: `Chat ${IMG}`, turns: [{ role: 'user', markdown: SCRIPT }, { role: 'assistant', markdown: anchorReply(FROM_CHAT) }] },
    },
  });
  const page = await context.newPage();
  await page.goto(`https://chatgpt.com/c/${CHAT}`);
  await expect(page.getByRole('button', { name: 'Save this anchor' })).toHaveCount(1);
  await expectNoLiveMarkup(page); // the fixture itself rendered the reply as text

  await saveButton(page).click();
  await expect(toast(page)).toContainText(`Saved anchor [${FROM_CHAT.name}]`);
  const [stored] = await storedAnchors(context, extensionId);
  expect(stored).toMatchObject({
    name: FROM_CHAT.name,
    context: FROM_CHAT.context,
    milestone: FROM_CHAT.milestone,
    nextAction: FROM_CHAT.nextAction,
  });
  expect(stored!.dependencies.slice(0, 2)).toEqual(FROM_CHAT.dependencies.slice(0, 2));
  expect(stored!.dependencies[2]).toMatch(/^bell\u0007? escape\u001b? delete\u007f?$/);

  // The per-message button knows it (*Saved*), and its click says so with the name as text.
  await page.getByRole('button', { name: 'Saved', exact: true }).click();
  await expect(toast(page)).toContainText(`Already saved: anchor [${FROM_CHAT.name}]`);

  // The picker lists it as text; choosing it puts the text, not markup, into the composer.
  await anchorBar(page).getByRole('button', { name: 'Resume anchor' }).click();
  const picker = resumePicker(page);
  await expect(picker.getByRole('option')).toHaveCount(1);
  await expect(picker.getByRole('option').first()).toContainText(FROM_CHAT.name);
  await expect(picker.getByRole('option').first()).toContainText(FROM_CHAT.nextAction);
  await expectNoLiveMarkup(page);
  await page.keyboard.press('Enter');
  await expect
    .poll(() => page.evaluate(() => (window as unknown as FixtureWindow).__chatgpt.editorParagraphs()))
    .toContain(`Resume from anchor: [${FROM_CHAT.name}]`);
  const paragraphs = await page.evaluate(() => (window as unknown as FixtureWindow).__chatgpt.editorParagraphs());
  expect(paragraphs).toContain(`Context: ${FROM_CHAT.context}`);
  expect(paragraphs).toContain(`Current milestone: ${FROM_CHAT.milestone}`);
  await expectNoLiveMarkup(page);
});

const HUGE_REPLY = { name: 'Huge_Reply', context: ONE_MB, milestone: 'Done', nextAction: 'Next', dependencies: ['dep'] };
const HUGE_CHAT = { [HUGE]: { title: 'Huge', turns: [{ role: 'user' as const, markdown: 'go' }, { role: 'assistant' as const, markdown: anchorReply(HUGE_REPLY) }] } };

// The reply is an anchor, but far over the limits: it is refused by its length, before parsing
// (nothing that long is parsed on ChatGPT's page), and *Save anchor* says so instead of asking
// ChatGPT for another anchor; the message's own button says the same.
test('a megabyte in one field of a reply: Save anchor says it is too long, and stores nothing', async ({
  context,
  extensionId,
}) => {
  await serveChatGPT(context, { conversations: HUGE_CHAT, replies: [anchorReply({ ...HUGE_REPLY, name: 'Huge', context: 'small' })] });
  const page = await context.newPage();
  await page.goto(`https://chatgpt.com/c/${HUGE}`);
  await saveButton(page).click();
  const tooLong = /This is too long to be an anchor \(\d{7} characters; at most 200000\)\. Nothing was saved\./;
  await expect(toast(page)).toContainText(tooLong, { timeout: 5_000 });
  expect(await page.evaluate(() => (window as unknown as FixtureWindow).__chatgpt.sent)).toEqual([]);

  await toast(page).getByRole('button', { name: 'Dismiss' }).click();
  await expect(toast(page)).toHaveCount(0);
  await page.getByRole('button', { name: 'Save this anchor' }).click();
  await expect(toast(page)).toContainText(tooLong);
  expect(await storedAnchors(context, extensionId)).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as FixtureWindow).__chatgpt.sent)).toEqual([]);
});

test('stored payloads in every field stay text in the popup and the picker, and export unchanged', async ({
  context,
  extensionId,
  openPopup,
  downloadsDir,
}) => {
  const library = hostileLibrary();
  await seedAnchors(context, extensionId, library);
  const popup = await openPopup();
  const list = popup.getByRole('list', { name: 'Anchors' });
  // The rows are the list's disclosure buttons (a row's own Resume is a button too).
  const rows = list.getByRole('button').and(popup.locator('[aria-expanded]'));
  await expect(rows).toHaveCount(2);
  const hostile = rows.filter({ hasText: `Hostile_${IMG}` });
  await expect(hostile).toBeVisible();
  await hostile.click();
  const details = popup.getByRole('region', { name: /^Hostile_.*, details$/ });
  await expect(details).toContainText(SCRIPT);
  await expect(details).toContainText(JS_LINK);
  await expect(details).toContainText(MD_LINK);
  await expect(details).toContainText(RTL);
  await rows.filter({ hasText: 'Ctrl_' }).click();
  await expect(popup.getByRole('region', { name: /^Ctrl_.*, details$/ })).toContainText(JS_ANCHOR);
  // No payload became a link: the popup's one link is its own Open library.
  await expect(popup.getByRole('link')).toHaveCount(1);
  expect(await popup.getByRole('link').evaluateAll((links) => links.map((link) => link.getAttribute('href')))).toEqual(['/library.html']);
  await expectNoLiveMarkup(popup);

  // The popup's search runs over the payloads as plain text.
  await popup.getByRole('searchbox', { name: 'Search anchors' }).fill('onerror="window');
  await expect(rows).toHaveCount(1);
  await popup.getByRole('searchbox', { name: 'Search anchors' }).fill('');

  // Export: the JSON backup gives back every byte, except the invisible characters in a name (the
  // RTL override), which a name does not keep on the way in; the markdown log reads back to the
  // same anchors.
  await popup.getByRole('button', { name: 'Export' }).click();
  await popup.getByRole('menuitem', { name: 'JSON backup' }).click();
  const backup = parseBackup(await waitForDownload(downloadsDir, /^gpt-anchors-backup-.*\.json$/));
  expect(backup.ok).toBe(true);
  if (backup.ok) {
    const byId = new Map(backup.anchors.map((a) => [a.id, a]));
    for (const anchor of library) expect(byId.get(anchor.id)).toMatchObject({ ...anchor, name: normalizeName(anchor.name) });
  }
  await popup.getByRole('button', { name: 'Export' }).click();
  await popup.getByRole('menuitem', { name: 'Markdown log' }).click();
  const log = await waitForDownload(downloadsDir, /^gpt-anchors-log-.*\.md$/);
  // Opened in a markdown viewer, the log shows the payloads as text: no image, link or script.
  expect(liveMarkup(log)).toEqual([]);
  const back = parseAnchorLog(log).entries.map((e) => e.draft);
  expect(back.map((d) => d.name).sort()).toEqual(library.map((a) => a.name).sort());
  const hostileBack = back.find((d) => d.name.startsWith('Hostile_'));
  expect(hostileBack).toMatchObject({ context: library[0]!.context, milestone: library[0]!.milestone });
  expect(hostileBack?.dependencies.slice(0, 4)).toEqual(library[0]!.dependencies.slice(0, 4));
  await expectNoLiveMarkup(popup);

  // The picker on a ChatGPT page shows both names as text.
  await serveChatGPT(context, {});
  const page = await context.newPage();
  await page.goto('https://chatgpt.com/');
  await anchorBar(page).getByRole('button', { name: 'Resume anchor' }).click();
  const options = resumePicker(page).getByRole('option');
  await expect(options).toHaveCount(2);
  await expect(options.filter({ hasText: `Hostile_${IMG}` })).toHaveCount(1);
  await expect(options.filter({ hasText: JS_ANCHOR })).toHaveCount(1);
  await expectNoLiveMarkup(page);
});

test('an import with payloads comes in as text; one with a megabyte field is refused whole', async ({
  context,
  extensionId,
  openPopup,
}) => {
  const popup = await openPopup();
  const input = popup.getByLabel('Import');
  const log = [
    '# GPT Anchors Log',
    '',
    '**09:12 03/14/2026**',
    '',
    `Resume from anchor: **[Imported_${IMG}]**`,
    '',
    `Context: ${SCRIPT} ${RTL}`,
    '',
    `Current milestone: ${JS_LINK}`,
    '',
    `Next action: ${JS_ANCHOR}`,
    '',
    `Dependencies: ${MD_LINK}`,
    '',
  ].join('\n');
  await input.setInputFiles({ name: `log ${RTL}.md`, mimeType: 'text/markdown', buffer: Buffer.from(log) });
  await expect(popup.getByRole('status')).toContainText('added 1 anchor');
  await expect(popup.getByRole('list', { name: 'Anchors' }).getByRole('button')).toContainText([`Imported_${IMG}`]);
  const [stored] = await storedAnchors(context, extensionId);
  expect(stored).toMatchObject({ name: `Imported_${IMG}`, context: `${SCRIPT} ${RTL}`, milestone: JS_LINK, nextAction: JS_ANCHOR });
  await expectNoLiveMarkup(popup);

  const oversize = JSON.stringify({
    format: 'gpt-anchors-backup',
    version: 1,
    exportedAt: new Date().toISOString(),
    anchors: [storedAnchor({ name: 'Fine_One', context: 'ok', milestone: '', nextAction: '', dependencies: [] }), storedAnchor({ name: 'Huge_One', context: ONE_MB, milestone: '', nextAction: '', dependencies: [] })],
  });
  await input.setInputFiles({ name: 'huge.json', mimeType: 'application/json', buffer: Buffer.from(oversize) });
  await expect(popup.getByRole('alert')).toContainText('Import failed, nothing was added');
  await expect(popup.getByRole('alert')).toContainText('Context is too long');
  await expect(popup.getByRole('alert')).toContainText('20000');
  expect((await storedAnchors(context, extensionId)).map((a) => a.name)).toEqual([`Imported_${IMG}`]);
  await expectNotPwned(popup);
});
