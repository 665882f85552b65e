import type { Page } from '@playwright/test';
import { anchorBar, expect, inPageToast as toast, resumePicker, saveAnchorButton as saveButton, test } from './support/extension';
import { callFixture, conversationUrl, serveChatGPT, type FixtureOptions } from './support/chatgpt-fixture';
import { fixtureState } from './support/generations';
import { contentScriptWorld, watchContentScriptTimers } from './support/content-world';
import { recordTabMessages, tabMessages } from './support/tab-messages';
import { THESIS, anchorReply, seedAnchors, setSettings, storedAnchor, storedAnchors, storedResumes } from './support/library';

/**
 * Lineage, rolling anchors and the handshake as the page drives them (lib/content/lineage.ts,
 * lib/background/lineage.ts): save → resume → the first send in the new chat (the page reports
 * the chat's id once it keeps it: on C only after the reply ends, `/c/WEB:<id>` until then) →
 * Save anchor there sends the rolling request with the previous anchor's fields, and its reply is
 * the anchor's next version; the library page shows both chats and the newest next action.
 */

const FIRST = '1b000000-0000-4000-8000-000000000001';
const conversations: FixtureOptions['conversations'] = {
  [FIRST]: {
    title: 'Thesis chapter 3',
    turns: [
      { role: 'user', markdown: 'Anchor this chat as [Thesis_Ch3_Methods].' },
      { role: 'assistant', markdown: anchorReply(THESIS) },
    ],
  },
};

/** What ChatGPT answers the rolling request: the anchor updated, under a name of its own choosing. */
const UPDATED = {
  ...THESIS,
  name: 'Thesis_Ch3_Methods_Updated',
  milestone: 'Methods sections 3.1–3.4 written ✓',
  nextAction: 'Send chapter 3 to the supervisor and book the review.',
  dependencies: ['✅ Zotero library export', 'Supervisor review slot (Fri) 🗓️'],
};

async function resumeFromPage(page: Page, name: string): Promise<void> {
  await anchorBar(page).getByRole('button', { name: 'Resume anchor' }).click();
  await resumePicker(page).getByRole('option').filter({ hasText: name }).click();
}

/** ChatGPT's own send button, as a person presses it. */
function sendButton(page: Page, generation: 'A' | 'B' | 'C') {
  const name = { A: 'Send prompt', B: 'Send message', C: 'Send' }[generation];
  return page.locator('form').filter({ visible: true }).getByRole('button', { name, exact: true });
}

for (const generation of ['A', 'C'] as const) {
  test(`generation ${generation}: save → resume → first send → save there: the lineage shows both chats, the rolling request carries the fields, the board the newest next action`, async ({
    context,
    extensionId,
  }) => {
    // Slow enough that C's temporary address lasts a while (the page must not report it).
    await serveChatGPT(context, { generation, conversations, streamChunkMs: 60, streamChunkChars: 8 });
    const page = await context.newPage();
    await page.goto(conversationUrl(FIRST, { generation }));

    // 1. Save the anchor of the first chat.
    await saveButton(page).click();
    await expect(toast(page)).toContainText('Saved anchor [Thesis_Ch3_Methods]');

    // 2. Resume it into a new chat; 3. the person sends it.
    await resumeFromPage(page, THESIS.name);
    await expect(toast(page)).toContainText('Resumed [Thesis_Ch3_Methods]: press send when ready.');
    expect(await fixtureState(page).route()).toBe('/');
    // On C the reply stalls a while after its first words: the temporary address lasts until it ends.
    const stall = generation === 'C' ? { pauseAfterChars: 8, pauseMs: 3_000 } : {};
    await callFixture(page, 'queueReply', 'Welcome back. Section 3.4 next: threats to validity.', stall);
    await sendButton(page, generation).click();
    if (generation === 'C') {
      await expect.poll(() => fixtureState(page).route()).toMatch(/^\/c\/WEB:/);
      // While the address is temporary, nothing is linked (read first, then the address: it was
      // temporary when the record was read).
      const resumes = await storedResumes(context, extensionId);
      expect(await fixtureState(page).route()).toMatch(/^\/c\/WEB:/);
      expect(resumes.map((r) => r.conversationId)).toEqual([undefined]);
    }
    await expect.poll(() => fixtureState(page).route(), { timeout: 15_000 }).toMatch(/^\/c\/[0-9a-f-]{36}$/);
    const second = (await fixtureState(page).route())!.slice('/c/'.length);
    expect(second).not.toBe(FIRST);
    await expect
      .poll(async () => (await storedResumes(context, extensionId)).map((r) => [r.conversationId, r.url, r.tabId]))
      .toEqual([[second, `https://chatgpt.com/c/${second}`, undefined]]);

    // 4. Save anchor in the new chat: the rolling request, with the previous anchor's fields.
    await callFixture(page, 'queueReply', anchorReply(UPDATED));
    await saveButton(page).click();
    await expect(toast(page)).toContainText('Saved anchor [Thesis_Ch3_Methods]', { timeout: 20_000 });
    const sent = (await fixtureState(page).sent())!;
    expect(sent).toHaveLength(2);
    const rolling = sent[1]!.split('\n');
    expect(rolling[0]).toBe(
      'Update anchor [Thesis_Ch3_Methods] for the next chat: keep what still holds, mark what is done, and give the new next action.',
    );
    expect(rolling).toEqual(
      expect.arrayContaining([
        'Resume from anchor: [Thesis_Ch3_Methods]',
        `Context: ${THESIS.context}`,
        `Current milestone: ${THESIS.milestone}`,
        `Next action: ${THESIS.nextAction}`,
        `Dependencies: ${THESIS.dependencies.join('; ')}`,
      ]),
    );

    // The reply is the anchor's next version (under its name, not the one ChatGPT wrote), from the new chat.
    const stored = await storedAnchors(context, extensionId);
    expect(stored.map((a) => [a.name, a.nextAction, a.source.conversationId])).toEqual([
      [THESIS.name, THESIS.nextAction, FIRST],
      [THESIS.name, UPDATED.nextAction, second],
    ]);

    // 5. The library page: the board's newest next action, and the lineage through both chats.
    const library = await context.newPage();
    await library.goto(`chrome-extension://${extensionId}/library.html`);
    const thesis = library.getByRole('list', { name: 'Projects' }).getByRole('article', { name: 'Thesis', exact: true });
    await expect(thesis.getByRole('definition').first()).toHaveText(UPDATED.nextAction);
    await expect(thesis.getByRole('definition').nth(1).getByRole('listitem')).toHaveText(['Supervisor review slot (Fri) 🗓️']);
    await thesis.getByRole('button', { name: 'Lineage and tags' }).click();
    const lineage = thesis.getByRole('list', { name: 'Lineage of Thesis' });
    await expect(lineage.getByRole('listitem')).toHaveText([
      /^💬\s*Started in chat “Thesis chapter 3”/,
      /^⚓\s*\[Thesis_Ch3_Methods\] v1 saved from a reply · /,
      /^↪\s*Resumed \[Thesis_Ch3_Methods\] v1 into chat “Resume from anchor: \[Thesis_Ch3_Methods\]” · /,
      /^⚓\s*\[Thesis_Ch3_Methods\] v2 asked for in that chat · /,
    ]);
    await expect(lineage.getByRole('link')).toHaveCount(2);
    await expect(lineage.getByRole('link').first()).toHaveAttribute('href', `https://chatgpt.com/c/${FIRST}`);
    await expect(lineage.getByRole('link').nth(1)).toHaveAttribute('href', `https://chatgpt.com/c/${second}`);
  });
}

test('a chat opened from the sidebar after a resume is not linked to it; the chat the resume text goes into is', async ({
  context,
  extensionId,
  serviceWorker,
}) => {
  await serveChatGPT(context, { conversations });
  await seedAnchors(context, extensionId, [storedAnchor(THESIS)]);
  const page = await context.newPage();
  await page.goto('https://chatgpt.com/');
  const timers = await watchContentScriptTimers(await contentScriptWorld(context, page));
  await recordTabMessages(serviceWorker);
  await resumeFromPage(page, THESIS.name);
  await expect(toast(page)).toContainText('Resumed [Thesis_Ch3_Methods]: press send when ready.');
  // The person opens another chat instead, and comes back later.
  await page.getByRole('link', { name: 'Thesis chapter 3' }).click();
  await expect.poll(() => fixtureState(page).route()).toBe(`/c/${FIRST}`);
  // The page looks at the address once a second: its next look has been at this chat, and said nothing.
  await timers.idle(1_000);
  expect((await tabMessages(serviceWorker)).map((m) => m.type)).not.toContain('chatStarted');
  expect((await storedResumes(context, extensionId)).map((r) => r.conversationId)).toEqual([undefined]);
});

test('generation B (logged out): the chat a resume went into is linked under its /uc/ address, and Save anchor there is the rolling request', async ({
  context,
  extensionId,
}) => {
  await serveChatGPT(context, { generation: 'B' });
  await seedAnchors(context, extensionId, [storedAnchor(THESIS)]);
  const page = await context.newPage();
  await page.goto('https://chatgpt.com/');
  await resumeFromPage(page, THESIS.name);
  await expect(toast(page)).toContainText('Resumed [Thesis_Ch3_Methods]: press send when ready.');
  await callFixture(page, 'queueReply', 'Welcome back.');
  await sendButton(page, 'B').click();
  await expect.poll(() => fixtureState(page).route(), { timeout: 15_000 }).toMatch(/^\/uc\/[0-9a-f-]{36}$/);
  const chat = (await fixtureState(page).route())!.slice('/uc/'.length);
  await expect
    .poll(async () => (await storedResumes(context, extensionId)).map((r) => [r.conversationId, r.url]))
    .toEqual([[chat, `https://chatgpt.com/uc/${chat}`]]);

  await callFixture(page, 'queueReply', anchorReply(UPDATED));
  await saveButton(page).click();
  await expect(toast(page)).toContainText('Saved anchor [Thesis_Ch3_Methods]', { timeout: 20_000 });
  expect((await fixtureState(page).sent())![1]).toContain('Update anchor [Thesis_Ch3_Methods]');
  const stored = await storedAnchors(context, extensionId);
  expect(stored.map((a) => [a.name, a.nextAction])).toEqual([
    [THESIS.name, THESIS.nextAction],
    [THESIS.name, UPDATED.nextAction],
  ]);
});

const HANDSHAKE_LINE = 'Before you go on, restate the next action in one line, starting with “Next action:”.';

for (const generation of ['A', 'C'] as const) {
  test(`generation ${generation}: the resume handshake says when ChatGPT's next action matches the anchor's, and when it does not`, async ({
    context,
    extensionId,
  }) => {
    await serveChatGPT(context, { generation, conversations });
    await seedAnchors(context, extensionId, [storedAnchor(THESIS)]);
    await setSettings(context, extensionId, { resumeHandshake: true, autoSend: true });
    const page = await context.newPage();
    await page.goto('https://chatgpt.com/');

    await callFixture(page, 'queueReply', 'Got it.\n\n**Next action:** Write section 3.4 (threats to validity) and send it to the supervisor by Friday.');
    await resumeFromPage(page, THESIS.name);
    await expect(toast(page)).toContainText('Handshake OK: ChatGPT restated the next action of [Thesis_Ch3_Methods]', { timeout: 20_000 });
    const [first] = (await fixtureState(page).sent())!;
    expect(first!.split('\n').at(-1)).toBe(HANDSHAKE_LINE);
    await expect.poll(async () => (await storedResumes(context, extensionId)).map((r) => r.handshake)).toEqual(['matched']);

    // Resumed again (into a new chat), ChatGPT gets it wrong: the toast flags it.
    await callFixture(page, 'queueReply', 'Next action: Start the literature review for chapter 2.');
    await resumeFromPage(page, THESIS.name);
    await expect(toast(page)).toContainText(
      `Handshake mismatch for [Thesis_Ch3_Methods]: ChatGPT says the next action is “Start the literature review for chapter 2.”, but the anchor says “${THESIS.nextAction}”`,
      { timeout: 20_000 },
    );
    await expect
      .poll(async () => (await storedResumes(context, extensionId)).map((r) => r.handshake).sort())
      .toEqual(['differed', 'matched']);
  });
}
