import type { BrowserContext, Page } from '@playwright/test';
import { anchorBar, expect, inPageToast as toast, resumePicker, saveAnchorButton as saveButton, test } from './support/extension';
import { callFixture, conversationUrl, serveChatGPT, type FixtureOptions } from './support/chatgpt-fixture';
import { GENERATION_CASES, THESIS_LINES, composerOf, fixtureState, stopButtonOf } from './support/generations';
import { THESIS, anchorReply, seedAnchors, storedAnchor, storedAnchors } from './support/library';
import { contentScriptWorld, watchContentScriptTimers } from './support/content-world';

/**
 * Every flow on every page generation ChatGPT serves (lib/chatgpt/generation-*.ts): saving the
 * latest reply, a reply still streaming, one message of several and the reply to a request;
 * resuming from the page and from the popup; and, on a page whose shape is not recognised, the
 * drift report. Each page also holds hidden copies of the composer and its buttons.
 */

const ANCHORED = '1a000000-0000-4000-8000-000000000001';
const STREAMING = '1a000000-0000-4000-8000-000000000002';
const TWO_ANCHORS = '1a000000-0000-4000-8000-000000000003';
const PLAIN = '1a000000-0000-4000-8000-000000000004';

const conversations: FixtureOptions['conversations'] = {
  [ANCHORED]: {
    title: 'Thesis chapter 3',
    turns: [
      { role: 'user', markdown: 'Anchor this as chat [Thesis_Ch3_Methods] with next action + dependencies.' },
      { role: 'assistant', markdown: anchorReply(THESIS) },
    ],
  },
  [STREAMING]: {
    title: 'Streaming chat',
    turns: [
      { role: 'user', markdown: 'Anchor please' },
      { role: 'assistant', markdown: anchorReply({ ...THESIS, name: 'Stream_Anchor', nextAction: 'Finish streaming.' }), streaming: true },
    ],
  },
  [TWO_ANCHORS]: {
    title: 'Two anchors',
    turns: [
      { role: 'user', markdown: 'first' },
      { role: 'assistant', markdown: anchorReply({ ...THESIS, name: 'First_Anchor' }) },
      { role: 'user', markdown: 'chatter' },
      { role: 'assistant', markdown: 'Just a normal answer, no anchor here.' },
      { role: 'user', markdown: 'second' },
      { role: 'assistant', markdown: anchorReply({ ...THESIS, name: 'Second_Anchor', nextAction: 'Second next.' }) },
    ],
  },
  [PLAIN]: {
    title: 'Capstone Step 9 – Admin',
    turns: [
      { role: 'user', markdown: 'How do I add an admin page?' },
      { role: 'assistant', markdown: 'Start with a **route** guarded by a role check.' },
    ],
  },
};


/** Resume anchor → the picker → the anchor named `name`. */
async function resumeFromPage(page: Page, name: string): Promise<void> {
  await anchorBar(page).getByRole('button', { name: 'Resume anchor' }).click();
  await resumePicker(page).getByRole('option').filter({ hasText: name }).click();
}

async function resumeFromPopup(context: BrowserContext, popup: Page, name: string): Promise<Page> {
  await popup.getByRole('list', { name: 'Anchors' }).getByRole('button', { name: new RegExp(`^${name}\\b`) }).click();
  const opened = context.waitForEvent('page');
  await popup.getByRole('region', { name: `${name}, details` }).getByRole('button', { name: 'Resume', exact: true }).click();
  return opened;
}

for (const { name, options: generation } of GENERATION_CASES) {
  test.describe(`generation ${name}`, () => {
    const options: FixtureOptions = { ...generation, conversations, hiddenDuplicates: true };
    const urlOf = (id: string) => conversationUrl(id, generation);

    test('saves the latest reply, one message of several, a reply still streaming and the reply to its request', async ({
      context,
      extensionId,
    }) => {
      // The streaming chat's reply takes about 3 s, long enough to press Save while it streams.
      await serveChatGPT(context, { ...options, streamChunkMs: 80, streamChunkChars: 15 });
      const page = await context.newPage();

      await page.goto(urlOf(ANCHORED));
      await saveButton(page).click();
      await expect(toast(page)).toContainText('Saved anchor [Thesis_Ch3_Methods]');

      await page.goto(urlOf(TWO_ANCHORS));
      const perMessage = page.getByRole('button', { name: 'Save this anchor' });
      await expect(perMessage).toHaveCount(2);
      await perMessage.last().click();
      await expect(toast(page)).toContainText('Saved anchor [Second_Anchor]');

      await page.goto(urlOf(STREAMING));
      await expect(stopButtonOf(page, generation)).toBeVisible();
      await saveButton(page).click();
      await expect(anchorBar(page).getByRole('button', { name: 'Cancel saving anchor' })).toContainText('Waiting for ChatGPT');
      await expect(toast(page)).toContainText('Saved anchor [Stream_Anchor]', { timeout: 20_000 });
      await expect(stopButtonOf(page, generation)).toHaveCount(0);

      // The requested reply starts with a finished code block (its own Copy button), then stalls.
      await page.goto(urlOf(PLAIN));
      await expect(saveButton(page)).toBeVisible();
      const reply = `\`\`\`ts\nconst plan = 1;\n\`\`\`\n\n${anchorReply({ ...THESIS, name: 'Requested_Anchor' })}`;
      await callFixture(page, 'queueReply', reply, { chunkMs: 40, chunkChars: 30, pauseAfterChars: 30, pauseMs: 1_500 });
      await saveButton(page).click();
      await expect(toast(page)).toContainText('Saved anchor [Requested_Anchor]', { timeout: 20_000 });
      const sent = (await fixtureState(page).sent()) ?? [];
      expect(sent).toHaveLength(1);
      // B's document title is the site's tagline, not the chat's: the name falls back to the date.
      expect(sent[0]).toMatch(
        generation.generation === 'B' ? /Anchor this as chat \[Chat_\d{4}-\d\d-\d\d\]/ : /Anchor this as chat \[Capstone_Step9_Admin\]/,
      );

      const stored = await storedAnchors(context, extensionId);
      expect(stored.map((a) => [a.name, a.origin, a.nextAction])).toEqual([
        ['Thesis_Ch3_Methods', 'captured', THESIS.nextAction],
        ['Second_Anchor', 'captured', 'Second next.'],
        ['Stream_Anchor', 'captured', 'Finish streaming.'],
        ['Requested_Anchor', 'requested', THESIS.nextAction],
      ]);
      expect(stored[3]!.dependencies).toEqual(THESIS.dependencies);
      const title = generation.generation === 'B' ? undefined : 'Thesis chapter 3';
      expect(stored[0]!.source).toMatchObject({ conversationId: ANCHORED, messageId: expect.any(String) });
      expect(stored[0]!.source.chatTitle).toBe(title);
    });

    test('resumes from a chat with messages into a new chat, never into that chat; and from the popup', async ({
      context,
      extensionId,
      openPopup,
    }) => {
      await serveChatGPT(context, options);
      await seedAnchors(context, extensionId, [storedAnchor(THESIS)]);
      const page = await context.newPage();
      await page.goto(urlOf(ANCHORED));
      await expect(saveButton(page)).toBeVisible();
      const before = await callFixture(page, 'turns');
      await resumeFromPage(page, THESIS.name);

      await expect.poll(() => fixtureState(page).paragraphs(), { timeout: 15_000 }).toEqual(THESIS_LINES);
      expect(await fixtureState(page).route()).toBe('/');
      expect(await callFixture(page, 'turns')).toEqual([]);
      // B has no new-chat control: the new chat was loaded, and filled once it had loaded.
      expect(await fixtureState(page).loads()).toBe(generation.generation === 'B' ? 2 : 1);
      expect(await fixtureState(page).sent()).toEqual([]);
      await expect(toast(page)).toContainText('Resumed [Thesis_Ch3_Methods]');
      await expect(composerOf(page, generation)).toBeVisible();

      // The chat the person was in is as it was.
      await page.goBack();
      await expect.poll(() => callFixture(page, 'turns').catch(() => undefined)).toEqual(before);
      expect(await fixtureState(page).paragraphs()).toEqual(['']);

      const popup = await openPopup();
      const tab = await resumeFromPopup(context, popup, THESIS.name);
      await tab.waitForURL('https://chatgpt.com/');
      await expect.poll(() => fixtureState(tab).paragraphs(), { timeout: 15_000 }).toEqual(THESIS_LINES);
      expect(await fixtureState(tab).sent()).toEqual([]);
      await expect(toast(tab)).toContainText('Resumed [Thesis_Ch3_Methods]');
      const [stored] = await storedAnchors(context, extensionId);
      expect(stored!.resumeCount).toBe(2);
    });

    test('Cancel while waiting for the requested anchor stops ChatGPT’s reply with the page’s own stop control', async ({
      context,
      extensionId,
    }) => {
      // ChatGPT's stop control shows a moment after the send, as on the real page.
      await serveChatGPT(context, { ...options, stopButtonDelayMs: 700 });
      const page = await context.newPage();
      await page.goto(urlOf(PLAIN));
      await expect(saveButton(page)).toBeVisible();
      await callFixture(page, 'queueReply', 'Let me think about the anchor for this chat…', { neverFinish: true });
      await saveButton(page).click();
      const cancel = anchorBar(page).getByRole('button', { name: 'Cancel saving anchor' });
      await expect(cancel).toContainText('Waiting for ChatGPT'); // the request has been sent
      await cancel.click();
      await expect(toast(page)).toContainText('Cancelled. Nothing was saved.');
      await expect.poll(() => callFixture(page, 'isStreaming'), { timeout: 10_000 }).toBe(false);
      await expect(stopButtonOf(page, generation)).toHaveCount(0);
      expect(await fixtureState(page).sent()).toHaveLength(1);
      expect(await storedAnchors(context, extensionId)).toEqual([]);
      await expect(saveButton(page)).toBeEnabled();
    });

    test('where the messages cannot be found, the bar says so; Save and Resume change nothing; the page check shows it', async ({
      context,
      extensionId,
    }) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      await serveChatGPT(context, { ...options, brokenSelectors: ['messages'] });
      await seedAnchors(context, extensionId, [storedAnchor(THESIS)]);
      const page = await context.newPage();
      await page.goto(urlOf(PLAIN));
      await expect(page.getByRole('alert').filter({ hasText: 'GPT Anchors' })).toContainText("cannot find ChatGPT's messages");

      await saveButton(page).click();
      await expect(toast(page)).toContainText('cannot find the messages. Nothing was saved.');
      await anchorBar(page).getByRole('button', { name: 'Resume anchor' }).click();
      await expect(toast(page)).toContainText('cannot find the messages. Nothing can be resumed here.');
      await expect(page.locator('iframe[title="Resume anchor"]')).toHaveCount(0);
      expect(await fixtureState(page).sent()).toEqual([]);
      expect(await fixtureState(page).paragraphs()).toEqual(['']);
      expect(await fixtureState(page).route()).toBe(new URL(urlOf(PLAIN)).pathname);
      expect(await storedAnchors(context, extensionId)).toHaveLength(1);

      // The notice links to the options page's page check, which names what was and was not found.
      const opened = context.waitForEvent('page');
      await page.getByRole('button', { name: 'Check this page' }).click();
      const check = await opened;
      await check.waitForURL(/options\.html#page-check$/);
      const report = check.getByRole('article', { name: /^Page check: / });
      await expect(report).toContainText(`Page generation: ${generation.generation}:`);
      await expect(report).toContainText('Not found: messages');
      await expect(report.getByRole('row', { name: /^Composer \(message box\)/ })).not.toContainText('not found');
      await expect(report.getByRole('row', { name: /^Messages/ })).toContainText('not found');
      await report.getByRole('button', { name: 'Copy page report' }).click();
      await expect(report.getByRole('status')).toContainText('Copied');
      const text = await check.evaluate(() => navigator.clipboard.readText());
      expect(text).toContain(`Generation: ${generation.generation}:`);
      expect(text).toContain('Missing: messages');
      expect(text).toMatch(/^ {2}body/m);
      for (const secret of [PLAIN, 'Capstone', 'admin page', 'role check']) expect(text).not.toContain(secret);
    });
  });
}

test.describe('safe when unsure', () => {
  test('before React has hydrated the page nothing is added to it (no error #418)', async ({ context }) => {
    // The page keeps changing for 1.5 s, then hydrates and checks its tree for foreign nodes.
    await serveChatGPT(context, { conversations, hydrateAfterMs: 1_500 });
    const page = await context.newPage();
    await page.goto(conversationUrl(ANCHORED));
    await expect(page.locator('[data-hydration-pending]')).toHaveCount(0, { timeout: 5_000 });
    await expect(saveButton(page)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save this anchor' })).toHaveCount(1);
    // The context fixture fails the test if the page logged any error, React #418 included.
  });

  test('a page of a shape no generation matches: every missing part is named and nothing changes', async ({
    context,
    extensionId,
  }) => {
    await serveChatGPT(context, { generation: 'C', conversations, brokenSelectors: ['composer', 'send', 'messages', 'turns'] });
    await seedAnchors(context, extensionId, [storedAnchor(THESIS)]);
    const page = await context.newPage();
    await page.goto(conversationUrl(ANCHORED));
    await expect(page.getByRole('alert').filter({ hasText: 'GPT Anchors' })).toContainText(
      "cannot find ChatGPT's composer, messages or send button",
    );
    await saveButton(page).click();
    await expect(toast(page)).toContainText('cannot find the composer, the messages and the send button. Nothing was saved.');
    await anchorBar(page).getByRole('button', { name: 'Resume anchor' }).click();
    await expect(toast(page)).toContainText('Nothing can be resumed here.');
    expect(await fixtureState(page).sent()).toEqual([]);
    expect(await fixtureState(page).paragraphs()).toEqual(['']);
    expect(await storedAnchors(context, extensionId)).toHaveLength(1);
  });

  test('on a ChatGPT page that is not a chat, the bar waits in a corner; Resume loads a new chat and fills it', async ({
    context,
    extensionId,
  }) => {
    await serveChatGPT(context, { generation: 'C', conversations });
    await seedAnchors(context, extensionId, [storedAnchor(THESIS)]);
    const page = await context.newPage();
    await page.goto('https://chatgpt.com/gpts');
    const timers = await watchContentScriptTimers(await contentScriptWorld(context, page));
    // The fixture serves its page everywhere; here the GPT store has no composer.
    await page.evaluate(() => document.querySelector('form[data-chatgpt-composer]')?.parentElement?.remove());
    const host = page.locator('#gpt-anchors-host');
    await expect(host).toHaveAttribute('data-floating', '');
    await expect(saveButton(page)).toBeVisible();
    // A part still missing after a grace of 2 s would be reported: whatever was scheduled by then has run.
    await timers.idle(2_500);
    await expect(page.getByRole('alert')).toHaveCount(0);
    expect(await host.evaluate((node) => getComputedStyle(node).position)).toBe('fixed');
    const box = (await host.boundingBox())!;
    const viewport = page.viewportSize()!;
    expect(box.x + box.width).toBeGreaterThan(viewport.width - 40);
    expect(box.y + box.height).toBeGreaterThan(viewport.height - 40);

    await saveButton(page).click();
    await expect(toast(page)).toContainText('not a chat');
    await resumeFromPage(page, THESIS.name);
    await page.waitForURL('https://chatgpt.com/');
    await expect.poll(() => fixtureState(page).paragraphs(), { timeout: 15_000 }).toEqual(THESIS_LINES);
    await expect(toast(page)).toContainText('Resumed [Thesis_Ch3_Methods]');
  });

  test('on C, Resume from a chat with messages opens a new chat: the chat the person is in is never written into', async ({
    context,
    extensionId,
  }) => {
    // Before GPT Anchors knew C, it found C's composer by an old fallback, took the chat for an
    // empty one (no message it knew), wrote the resume text into it and reported success.
    await serveChatGPT(context, { generation: 'C', conversations });
    await seedAnchors(context, extensionId, [storedAnchor(THESIS)]);
    const page = await context.newPage();
    await page.goto(conversationUrl(PLAIN));
    await resumeFromPage(page, THESIS.name);
    await expect(toast(page)).toContainText('Resumed [Thesis_Ch3_Methods]');
    expect(await fixtureState(page).route()).toBe('/');
    expect(await fixtureState(page).paragraphs()).toEqual(THESIS_LINES);
    await page.goBack();
    await expect.poll(() => fixtureState(page).route()).toBe(`/c/${PLAIN}`);
    expect(await fixtureState(page).paragraphs()).toEqual(['']);
    expect(await fixtureState(page).sent()).toEqual([]);
  });

  test('right after a first send (/c/WEB:<id>), Resume opens a new chat rather than write into this one', async ({
    context,
    extensionId,
  }) => {
    await serveChatGPT(context, { generation: 'C', streamChunkMs: 200, streamChunkChars: 5 });
    await seedAnchors(context, extensionId, [storedAnchor(THESIS)]);
    const page = await context.newPage();
    await page.goto('https://chatgpt.com/');
    await composerOf(page, { generation: 'C' }).click();
    await page.keyboard.type('Hello there');
    await page.keyboard.press('Enter');
    await expect.poll(() => fixtureState(page).route()).toMatch(/^\/c\/WEB:/);
    await resumeFromPage(page, THESIS.name);
    await expect.poll(() => fixtureState(page).paragraphs(), { timeout: 15_000 }).toEqual(THESIS_LINES);
    expect(await fixtureState(page).route()).toBe('/');
    expect(await fixtureState(page).sent()).toEqual(['Hello there']);
  });
});

test('web-search citation pills in a reply are left out of the saved fields', async ({ context, extensionId }) => {
  const cited = { ...THESIS, name: 'Cited_Anchor', context: 'Bedroom is 12 m² [[cite:US EPA|+1]]', nextAction: 'Buy the quiet one. [[cite:WIRED|]]' };
  await serveChatGPT(context, {
    conversations: { [ANCHORED]: { title: 'Purifiers', turns: [{ role: 'user', markdown: 'Anchor it' }, { role: 'assistant', markdown: anchorReply(cited) }] } },
  });
  const page = await context.newPage();
  await page.goto(conversationUrl(ANCHORED));
  await expect(page.getByTestId('webpage-citation-pill')).toHaveCount(2);
  await saveButton(page).click();
  await expect(toast(page)).toContainText('Saved anchor [Cited_Anchor]');
  const [stored] = await storedAnchors(context, extensionId);
  expect([stored!.context, stored!.nextAction]).toEqual(['Bedroom is 12 m²', 'Buy the quiet one.']);
});

test.describe('themes', () => {
  test("the bar follows C's data-theme, and B's system setting", async ({ context }) => {
    await serveChatGPT(context, { generation: 'C', conversations, theme: 'dark' });
    const page = await context.newPage();
    await page.goto(conversationUrl(ANCHORED));
    const host = page.locator('#gpt-anchors-host');
    await expect(host).toHaveAttribute('data-theme', 'dark');
    await callFixture(page, 'setTheme', 'light');
    await expect(host).toHaveAttribute('data-theme', 'light');

    await context.unrouteAll();
    await serveChatGPT(context, { generation: 'B', conversations });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(conversationUrl(ANCHORED, { generation: 'B' }));
    await expect(host).toHaveAttribute('data-theme', 'dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(host).toHaveAttribute('data-theme', 'light');
  });
});
