import type { Page } from '@playwright/test';
import { anchorBar, expect, inPageToast as toast, saveAnchorButton, test } from './support/extension';
import { CHATGPT_URL, callFixture, conversationUrl, readFixture, serveChatGPT, type FixtureOptions } from './support/chatgpt-fixture';
import { GENERATION_CASES, composerOf, stopButtonOf } from './support/generations';
import { setSettings, storedAnchors } from './support/library';
import { expectAccessible, inBothThemes } from './support/axe';
import { contentScriptWorld, countContentScriptWakeups, watchContentScriptTimers } from './support/content-world';
import { recordTabMessages, tabMessages } from './support/tab-messages';

/**
 * The chat length meter on every page generation: the gauge after a reply, rising with the chat;
 * the nudge at the threshold, once per chat; the limit learned from ChatGPT's maximum-length
 * notice; the rescue of a full chat into a new one; and no message to the background while a
 * reply streams.
 */

const FULL = '16000000-0000-4000-8000-000000000001';
const NUDGE = 'Anchor now, while the chat still remembers.';
/** About 10 o200k tokens a sentence. */
const SENTENCE = 'The quick brown fox jumps over the lazy dog near the river bank. ';
const LONG_REPLY = SENTENCE.repeat(40).trim();

const fullChat: FixtureOptions['conversations'] = {
  [FULL]: {
    title: 'Thesis chapter 3',
    turns: [
      { role: 'user', markdown: 'Plan chapter 3 with me: the methods, the sample and the coding scheme.' },
      { role: 'assistant', markdown: `Here is the plan. ${SENTENCE.repeat(6)}` },
      { role: 'user', markdown: 'And the interviews?' },
      { role: 'assistant', markdown: 'Twelve interviews, coded with scheme v2, reviewed on Friday.' },
    ],
  },
};

test.afterEach(({ consoleErrors }) => {
  expect(consoleErrors, 'no errors logged by the page or the extension').toEqual([]);
});

const gauge = (page: Page) => anchorBar(page).getByRole('meter');
const percentOf = async (page: Page) => Number(await gauge(page).getAttribute('aria-valuenow'));

async function send(page: Page, options: FixtureOptions, text: string): Promise<void> {
  await composerOf(page, options).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** Sends and waits for the reply to end (its stop button gone). */
async function sendAndWait(page: Page, options: FixtureOptions, text: string): Promise<void> {
  const before = await readFixture(page, 'sent');
  await send(page, options, text);
  await expect.poll(async () => (await readFixture(page, 'sent')).length).toBe(before.length + 1);
  await expect(stopButtonOf(page, options)).toHaveCount(0);
}


for (const { name, options } of GENERATION_CASES) {
  test.describe(`generation ${name}`, () => {
    test('the meter appears after a reply, rises with the chat, and nudges once at the threshold', async ({ context, extensionId }) => {
      // A limit of 1,000 tokens, a nudge at half: a few long replies reach it.
      await setSettings(context, extensionId, { chatLimitTokens: 1_000, nudgePercent: 50 });
      await serveChatGPT(context, { ...options, replies: ['A short answer.', LONG_REPLY, 'Another short answer.'] });
      const page = await context.newPage();
      await page.goto(CHATGPT_URL);
      await expect(anchorBar(page)).toBeVisible();
      await expect(gauge(page)).toHaveCount(0); // a new chat: nothing to measure

      await sendAndWait(page, options, 'Hello there');
      await expect(gauge(page)).toHaveAttribute('aria-label', /^≈ \d+ tokens · \d+ % of your limit$/);
      await expect(gauge(page)).toHaveAttribute('title', /^≈ \d+ tokens · \d+ % of your limit$/);
      const first = await percentOf(page);
      expect(first).toBeLessThan(50);
      await expect(page.getByText(NUDGE)).toHaveCount(0);

      // The long reply takes it past half the limit: the gauge rises, Save anchor is nudged.
      await sendAndWait(page, options, 'Tell me everything');
      await expect.poll(() => percentOf(page)).toBeGreaterThanOrEqual(50);
      expect(await percentOf(page)).toBeGreaterThan(first);
      await expect(page.getByText(NUDGE)).toBeVisible();
      await expect(saveAnchorButton(page)).toHaveClass(/nudged/);
      // Never blocking: the composer still takes text while the nudge shows.
      await expect(composerOf(page, options)).toBeEditable();

      // Dismissed, it stays away: another reply does not bring it back (the chat was nudged once).
      await page.getByRole('button', { name: 'Dismiss the reminder' }).click();
      await expect(page.getByText(NUDGE)).toHaveCount(0);
      await expect(saveAnchorButton(page)).not.toHaveClass(/nudged/);
      const afterDismiss = await percentOf(page);
      await sendAndWait(page, options, 'One more thing');
      await expect.poll(() => percentOf(page)).toBeGreaterThan(afterDismiss);
      await expect(page.getByText(NUDGE)).toHaveCount(0);
    });
  });
}

for (const { name, options } of GENERATION_CASES.filter((c) => c.name !== 'A (2025 article turns)')) {
  test(`generation ${name}: the limit is learned from ChatGPT's maximum-length notice, and the options page lists it`, async ({
    context,
    extensionId,
  }) => {
    // ChatGPT refuses any send once the chat passes this many characters (it holds 557).
    await serveChatGPT(context, { ...options, conversations: fullChat, maxLengthChars: 560 });
    const page = await context.newPage();
    await page.goto(conversationUrl(FULL, options));
    await expect(gauge(page)).toHaveAttribute('aria-label', /% of your limit$/);
    const before = await gauge(page).getAttribute('aria-label');
    const tokensBefore = Number(/≈ ([\d,]+) tokens/.exec(before ?? '')![1]!.replace(/,/g, ''));
    expect(await percentOf(page)).toBeLessThan(5); // of the default 128,000

    await send(page, options, 'Still there?');
    await expect(page.getByRole('alert').filter({ hasText: 'maximum length for this conversation' })).toBeVisible();
    // The chat's size when ChatGPT stopped it is now the limit: full, and the rescue is offered.
    await expect(gauge(page)).toHaveAttribute('aria-label', /· 100 % of your learned limit$/);
    await expect(gauge(page)).toHaveClass(/full/);
    await expect(page.getByRole('button', { name: 'Rescue into a new chat' })).toBeVisible();

    const options_ = await context.newPage();
    await options_.goto(`chrome-extension://${extensionId}/options.html`);
    const history = options_.getByRole('region', { name: 'Where your chats reached the limit' });
    // The chat, by its link (B's logged-out page shows no title).
    await expect(history.getByRole('row').filter({ has: options_.locator(`a[href="${conversationUrl(FULL, options)}"]`) })).toBeVisible();
    await expect(history).toContainText('The meter uses');
    const learned = Number(/The meter uses ([\d,]+) tokens/.exec((await history.textContent()) ?? '')![1]!.replace(/,/g, ''));
    expect(learned).toBeGreaterThan(tokensBefore); // the refused prompt is part of the chat
  });
}

for (const { name, options } of GENERATION_CASES.filter((c) => c.name !== 'A (2025 article turns)')) {
  test(`generation ${name}: Rescue into a new chat saves an anchor from a new chat, origin rescued, linked to the full chat`, async ({
    context,
    extensionId,
  }) => {
    await serveChatGPT(context, { ...options, conversations: fullChat });
    const page = await context.newPage();
    await page.goto(conversationUrl(FULL, options));
    await expect(gauge(page)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Rescue into a new chat' })).toHaveCount(0);
    await callFixture(page, 'showMaxLengthNotice');
    const rescue = page.getByRole('button', { name: 'Rescue into a new chat' });
    await expect(rescue).toBeVisible();
    // Nothing is sent until the click.
    expect(await readFixture(page, 'sent')).toEqual([]);

    await rescue.click();
    await expect(toast(page)).toContainText('Saved anchor [', { timeout: 20_000 });
    const sent = await readFixture(page, 'sent');
    const files = await readFixture(page, 'sentFiles');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain('Anchor this as chat [');
    if (options.generation === 'B') {
      // B's composer takes no file: the latest messages go in as text, before the request.
      expect(files).toEqual([[]]);
      expect(sent[0]).toContain('The latest messages of a chat that reached its maximum length:');
      expect(sent[0]).toContain('Twelve interviews, coded with scheme v2, reviewed on Friday.');
    } else {
      expect(files[0]).toHaveLength(1);
      expect(files[0]![0]).toMatchObject({ name: 'Thesis chapter 3 - transcript.md', type: 'text/markdown' });
      expect(files[0]![0]!.text).toContain('## You\n\nAnd the interviews?');
      expect(files[0]![0]!.text).toContain('## ChatGPT\n\nTwelve interviews, coded with scheme v2, reviewed on Friday.');
      expect(sent[0]).toContain('The attached file is the transcript of a chat that reached its maximum length.');
      expect(sent[0]).not.toContain('Twelve interviews');
    }
    // A new chat: not the full one. B has no new-chat control: a page load opened it, and what
    // waited for it in the tab's sessionStorage is gone.
    expect(new URL(page.url()).pathname).not.toContain(FULL);
    expect(await readFixture(page, 'loads')).toBe(options.generation === 'B' ? 2 : 1);
    expect(await page.evaluate(() => sessionStorage.getItem('gpt-anchors-rescue'))).toBeNull();

    const anchors = await storedAnchors(context, extensionId);
    expect(anchors).toHaveLength(1);
    expect(anchors[0]).toMatchObject({
      origin: 'rescued',
      rescuedFrom: { conversationId: FULL, url: conversationUrl(FULL, options) },
    });
    expect(anchors[0]!.source.conversationId).toBeTruthy();
    expect(anchors[0]!.source.conversationId).not.toContain(FULL);
  });
}

for (const { name, options } of GENERATION_CASES.filter((c) => c.name !== 'A (2025 article turns)')) {
  test(`generation ${name}: while a reply streams the content script is not woken and sends the background nothing; once it ends, one measure`, async ({
    context,
    serviceWorker,
  }) => {
    await serveChatGPT(context, { ...options, conversations: fullChat });
    const page = await context.newPage();
    await page.goto(conversationUrl(FULL, options));
    await expect(gauge(page)).toBeVisible();
    const world = await contentScriptWorld(context, page);
    const timers = await watchContentScriptTimers(world);
    const wakeups = await countContentScriptWakeups(world);
    await recordTabMessages(serviceWorker);
    // About 260 chunks over several seconds; then it keeps streaming until stopped.
    await callFixture(page, 'queueReply', LONG_REPLY, { chunkMs: 20, chunkChars: 10, neverFinish: true });
    await send(page, options, 'Stream a long one');
    await expect(stopButtonOf(page, options)).toBeVisible();
    // The tick that finds the stop control has run: from here on the content script waits for it
    // to go. (The wait's own message to the background comes before this.)
    await timers.idle(1_000);
    const started = await serviceWorker.evaluate(() => Date.now());
    await wakeups.mark();
    await expect
      .poll(async () => (await callFixture(page, 'turns')).at(-1)?.text.length ?? 0, { timeout: 30_000 })
      .toBeGreaterThanOrEqual(LONG_REPLY.length - 10);
    await expect(stopButtonOf(page, options)).toBeVisible();
    const streamed = await wakeups.since();
    expect(streamed.ms, 'long enough that a look every second would show').toBeGreaterThan(2_000);
    expect(streamed.wakeups, `woken ${streamed.wakeups} times in ${Math.round(streamed.ms)} ms of streaming`).toBe(0);
    expect(
      (await tabMessages(serviceWorker)).filter((m) => m.at >= started),
      'no message while the reply streamed, for any of its chunks',
    ).toEqual([]);

    // The reply ends (stopped here): one measure, with the reply counted.
    const tokensBefore = await gauge(page).getAttribute('aria-label');
    await stopButtonOf(page, options).click();
    await expect.poll(async () => (await tabMessages(serviceWorker)).filter((m) => m.type === 'measureChat').length).toBe(1);
    await expect(gauge(page)).not.toHaveAttribute('aria-label', tokensBefore ?? '');
    // Whatever the page's last changes scheduled (a tick: at most 200 ms apart, then a frame) has run.
    await timers.idle(1_000);
    expect((await tabMessages(serviceWorker)).filter((m) => m.type === 'measureChat')).toHaveLength(1);
  });
}

test('the gauge, the nudge and the rescue have no axe violations, light and dark', async ({ context, extensionId }) => {
  const LONG = '16000000-0000-4000-8000-000000000002';
  await setSettings(context, extensionId, { chatLimitTokens: 1_000, nudgePercent: 50 });
  await serveChatGPT(context, {
    conversations: { [LONG]: { title: 'Long answer', turns: [{ role: 'user', markdown: 'Tell me' }, { role: 'assistant', markdown: LONG_REPLY }] } },
  });
  const page = await context.newPage();
  await page.goto(conversationUrl(LONG));
  // Past half the limit on the first measure, never nudged before: the nudge.
  await expect(page.getByText(NUDGE)).toBeVisible();
  const ours = { include: '#gpt-anchors-host' };
  const apply = async (theme: 'light' | 'dark') => {
    await callFixture(page, 'setTheme', theme);
    await expect(page.locator('#gpt-anchors-host')).toHaveAttribute('data-theme', theme);
  };
  await inBothThemes(page, (theme) => expectAccessible(page, `the gauge and the nudge, ${theme}`, ours), apply);
  await callFixture(page, 'showMaxLengthNotice');
  await expect(page.getByRole('button', { name: 'Rescue into a new chat' })).toBeVisible();
  await inBothThemes(page, (theme) => expectAccessible(page, `a full chat's rescue, ${theme}`, ours), apply);
});
