import { anchorBar, expect, inPageToast as toast, saveAnchorButton as saveButton, test } from './support/extension';
import { fixtureHtml, serveChatGPT } from './support/chatgpt-fixture';
import { THESIS, anchorReply, seedAnchors, setSettings, storedAnchor, storedAnchors } from './support/library';
import type { FixtureWindow } from '../fixtures/chatgpt/options';

const CHAT = '11111111-1111-4111-8111-111111111111';
const PLAIN = '22222222-2222-4222-8222-222222222222';
const STREAMING = '33333333-3333-4333-8333-333333333333';
const TWO_ANCHORS = '44444444-4444-4444-8444-444444444444';

const conversations = {
  [CHAT]: {
    title: 'Thesis chapter 3',
    turns: [
      { role: 'user' as const, markdown: 'Anchor this as chat [Thesis_Ch3_Methods] with next action + dependencies.' },
      { role: 'assistant' as const, markdown: anchorReply(THESIS) },
    ],
  },
  [PLAIN]: {
    title: 'Capstone Step 9 – Admin',
    turns: [
      { role: 'user' as const, markdown: 'How do I add an admin page?' },
      { role: 'assistant' as const, markdown: 'Start with a **route** guarded by a role check.' },
    ],
  },
  [STREAMING]: {
    title: 'Streaming chat',
    turns: [
      { role: 'user' as const, markdown: 'Anchor please' },
      {
        role: 'assistant' as const,
        markdown: anchorReply({ ...THESIS, name: 'Stream_Anchor', nextAction: 'Finish streaming.' }),
        streaming: true,
      },
    ],
  },
  [TWO_ANCHORS]: {
    title: 'Two anchors',
    turns: [
      { role: 'user' as const, markdown: 'first' },
      { role: 'assistant' as const, markdown: anchorReply({ ...THESIS, name: 'First_Anchor' }) },
      { role: 'user' as const, markdown: 'chatter' },
      { role: 'assistant' as const, markdown: 'Just a normal answer, no anchor here.' },
      { role: 'user' as const, markdown: 'second' },
      { role: 'assistant' as const, markdown: anchorReply({ ...THESIS, name: 'Second_Anchor', nextAction: 'Second next.' }) },
    ],
  },
};


test('saves the latest reply when it is an anchor, and the popup lists it', async ({ context, extensionId, openPopup }) => {
  await serveChatGPT(context, { conversations });
  const page = await context.newPage();
  await page.goto(`https://chatgpt.com/c/${CHAT}`);
  await saveButton(page).click();
  await expect(toast(page)).toContainText('Saved anchor [Thesis_Ch3_Methods]');

  const [stored] = await storedAnchors(context, extensionId);
  expect(stored).toMatchObject({
    name: THESIS.name,
    context: THESIS.context,
    milestone: THESIS.milestone,
    nextAction: THESIS.nextAction,
    dependencies: THESIS.dependencies,
    origin: 'captured',
    source: { conversationId: CHAT, chatTitle: 'Thesis chapter 3' },
  });

  const popup = await openPopup();
  await expect(popup.getByText('Thesis_Ch3_Methods')).toBeVisible();
  await expect(popup.getByText(THESIS.nextAction)).toBeVisible();
});

test('buttons appear on chat.openai.com and on no other host', async ({ context, network }) => {
  await serveChatGPT(context, { conversations });
  // This test's own tab on another host; the no-network guard still refuses anything else there.
  network.allowNavigation(`https://example.com/c/${CHAT}`);
  await context.route('https://example.com/**', (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: fixtureHtml({ conversations }) }),
  );
  const openai = await context.newPage();
  await openai.goto(`https://chat.openai.com/c/${CHAT}`);
  await expect(saveButton(openai)).toBeVisible();
  await expect(anchorBar(openai).getByRole('button', { name: 'Resume anchor' })).toBeVisible();

  const other = await context.newPage();
  await other.goto(`https://example.com/c/${CHAT}`);
  await expect(other.locator('#prompt-textarea')).toBeVisible();
  // Content scripts run at document_idle: once the page's own idle callback has run, ours would have.
  await other.evaluate(() => new Promise((resolve) => requestIdleCallback(() => resolve(null))));
  await expect(other.locator('#gpt-anchors-host')).toHaveCount(0);
  await expect(other.getByRole('button', { name: 'Save anchor' })).toHaveCount(0);
});

test('with no anchor in the chat, sends the request, waits for the streamed reply and saves it', async ({
  context,
  extensionId,
}) => {
  await serveChatGPT(context, { conversations, streamChunkMs: 20 });
  const page = await context.newPage();
  await page.goto(`https://chatgpt.com/c/${PLAIN}`);
  await saveButton(page).click();
  await expect(anchorBar(page).getByRole('button', { name: 'Cancel saving anchor' })).toBeVisible();
  await expect(toast(page)).toContainText('Saved anchor [Capstone_Step9_Admin]', { timeout: 20_000 });

  const sent = await page.evaluate(() => (window as unknown as FixtureWindow).__chatgpt.sent);
  expect(sent).toHaveLength(1);
  expect(sent[0]).toContain('Anchor this as chat [Capstone_Step9_Admin] with next action + dependencies.');
  expect(sent[0]!.split('\n')).toContain('Resume from anchor: [ANCHOR_NAME]');

  const stored = await storedAnchors(context, extensionId);
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ name: 'Capstone_Step9_Admin', origin: 'requested' });
  expect(stored[0]!.context.length).toBeGreaterThan(0);
  expect(stored[0]!.dependencies.length).toBeGreaterThan(0);
  await expect(saveButton(page)).toBeVisible();
});

test('pressed while ChatGPT is streaming, waits for the reply to finish and saves it', async ({ context, extensionId }) => {
  await serveChatGPT(context, { conversations, streamChunkMs: 60, streamChunkChars: 20 });
  const page = await context.newPage();
  await page.goto(`https://chatgpt.com/c/${STREAMING}`);
  await expect(page.getByRole('button', { name: 'Stop streaming' })).toBeVisible();
  await saveButton(page).click();
  await expect(anchorBar(page).getByRole('button', { name: 'Cancel saving anchor' })).toContainText('Waiting for ChatGPT');
  await expect(toast(page)).toContainText('Saved anchor [Stream_Anchor]', { timeout: 20_000 });
  const stored = await storedAnchors(context, extensionId);
  expect(stored.map((a) => [a.name, a.nextAction, a.dependencies.length])).toEqual([['Stream_Anchor', 'Finish streaming.', 3]]);
  const sent = await page.evaluate(() => (window as unknown as FixtureWindow).__chatgpt.sent);
  expect(sent).toEqual([]);
});

test('a reply that is not an anchor saves nothing and says why', async ({ context, extensionId }) => {
  await serveChatGPT(context, { conversations, replies: ['Sorry, I cannot write an anchor for this chat.'] });
  const page = await context.newPage();
  await page.goto(`https://chatgpt.com/c/${PLAIN}`);
  await saveButton(page).click();
  await expect(toast(page)).toContainText("ChatGPT's reply is not an anchor", { timeout: 20_000 });
  await expect(toast(page)).toContainText('Nothing was saved.');
  expect(await storedAnchors(context, extensionId)).toEqual([]);
});

test('a reply that never finishes times out cleanly, and the button can cancel', async ({ context, extensionId }) => {
  await serveChatGPT(context, { conversations });
  await setSettings(context, extensionId, { replyTimeoutSeconds: 3 });
  const page = await context.newPage();
  await page.goto(`https://chatgpt.com/c/${PLAIN}`);
  await page.evaluate(() =>
    (window as unknown as FixtureWindow).__chatgpt.queueReply('Thinking about it…', { neverFinish: true }),
  );
  await saveButton(page).click();
  await expect(toast(page)).toContainText("Timed out waiting for ChatGPT's reply. Nothing was saved.", { timeout: 15_000 });
  expect(await storedAnchors(context, extensionId)).toEqual([]);

  // Cancelling: press the busy button while it waits.
  await page.getByRole('button', { name: 'Stop streaming' }).click();
  await page.evaluate(() => (window as unknown as FixtureWindow).__chatgpt.queueReply('Still thinking…', { neverFinish: true }));
  await saveButton(page).click();
  await anchorBar(page).getByRole('button', { name: 'Cancel saving anchor' }).click();
  await expect(toast(page)).toContainText('Cancelled. Nothing was saved.');
  await expect(saveButton(page)).toBeVisible();
  expect(await storedAnchors(context, extensionId)).toEqual([]);
});

test('Cancel while waiting for a reply the person asked for leaves that reply alone', async ({ context, extensionId }) => {
  // About 4 s of streaming: time to cancel early, and for a stop (within 3 s) to cut the reply short.
  await serveChatGPT(context, { conversations, streamChunkMs: 100, streamChunkChars: 10 });
  const page = await context.newPage();
  await page.goto(`https://chatgpt.com/c/${STREAMING}`);
  await expect(page.getByRole('button', { name: 'Stop streaming' })).toBeVisible();
  await saveButton(page).click();
  const cancel = anchorBar(page).getByRole('button', { name: 'Cancel saving anchor' });
  await expect(cancel).toContainText('Waiting for ChatGPT');
  await cancel.click();
  await expect(toast(page)).toContainText('Cancelled. Nothing was saved.');
  // Not GPT Anchors' request: the reply streams to its end, whole (a stop would have cut it short).
  await expect.poll(() => page.evaluate(() => (window as unknown as FixtureWindow).__chatgpt.isStreaming()), { timeout: 20_000 }).toBe(false);
  const turns = await page.evaluate(() => (window as unknown as FixtureWindow).__chatgpt.turns());
  expect(turns.at(-1)?.text).toContain(THESIS.dependencies.at(-1));
  expect(await storedAnchors(context, extensionId)).toEqual([]);
});

test('Save this anchor saves exactly that message; saving it twice makes no duplicate', async ({ context, extensionId }) => {
  await serveChatGPT(context, { conversations });
  const page = await context.newPage();
  await page.goto(`https://chatgpt.com/c/${TWO_ANCHORS}`);
  const perMessage = page.getByRole('button', { name: 'Save this anchor' });
  await expect(perMessage).toHaveCount(2);
  await perMessage.first().click();
  await expect(toast(page)).toContainText('Saved anchor [First_Anchor]');
  // That message's button now says so; the other one still offers to save.
  const saved = page.getByRole('button', { name: 'Saved', exact: true });
  await expect(saved).toHaveCount(1);
  await expect(perMessage).toHaveCount(1);
  await saved.click();
  await expect(toast(page)).toContainText('Already saved: anchor [First_Anchor]');
  const stored = await storedAnchors(context, extensionId);
  expect(stored.map((a) => a.name)).toEqual(['First_Anchor']);
  expect(stored[0]!.source.messageId).toBeTruthy();
});

test('Save this anchor says Saved on a reply already in the library, and its click changes nothing', async ({ context, extensionId }) => {
  await serveChatGPT(context, { conversations });
  // First_Anchor's very text is in the library already (saved from elsewhere, say another tab).
  const earlier = storedAnchor({ ...THESIS, name: 'First_Anchor' });
  await seedAnchors(context, extensionId, [earlier]);
  const page = await context.newPage();
  await page.goto(`https://chatgpt.com/c/${TWO_ANCHORS}`);
  const saved = page.getByRole('button', { name: 'Saved', exact: true });
  await expect(saved).toHaveCount(1);
  await expect(saved).toHaveAttribute('title', 'Already in your GPT Anchors library');
  await expect(page.getByRole('button', { name: 'Save this anchor' })).toHaveCount(1); // Second_Anchor
  await saved.click();
  await expect(toast(page)).toContainText('Already saved: anchor [First_Anchor]');
  await expect(toast(page).getByRole('button', { name: 'Undo' })).toHaveCount(0);
  expect(await storedAnchors(context, extensionId)).toEqual([earlier]);

  // Saved from its own button and renamed from the toast: the same message, still Saved.
  await page.getByRole('button', { name: 'Save this anchor' }).click();
  await expect(toast(page)).toContainText('Saved anchor [Second_Anchor]');
  await expect(saved).toHaveCount(2);
  await toast(page).getByRole('button', { name: 'Rename' }).click();
  await page.getByRole('textbox', { name: 'New name' }).fill('Second_Renamed');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(toast(page)).toContainText('Saved anchor [Second_Renamed]');
  await saved.last().click();
  await expect(toast(page)).toContainText('Already saved: anchor [Second_Renamed]');
  expect((await storedAnchors(context, extensionId)).map((a) => a.name)).toEqual(['First_Anchor', 'Second_Renamed']);
});

test('Save this anchor offers to save again once Undo has moved the anchor to the trash', async ({ context, extensionId }) => {
  await serveChatGPT(context, { conversations });
  const page = await context.newPage();
  await page.goto(`https://chatgpt.com/c/${CHAT}`);
  await page.getByRole('button', { name: 'Save this anchor' }).click();
  await expect(toast(page)).toContainText('Saved anchor [Thesis_Ch3_Methods]');
  await expect(page.getByRole('button', { name: 'Saved', exact: true })).toBeVisible();
  await toast(page).getByRole('button', { name: 'Undo' }).click();
  await expect(toast(page)).toContainText('Moved anchor [Thesis_Ch3_Methods] to the trash.');
  await expect(page.getByRole('button', { name: 'Save this anchor' })).toBeVisible();
  expect((await storedAnchors(context, extensionId)).map((a) => Boolean(a.deletedAt))).toEqual([true]);
});

test('Save anchor on an empty chat says so and sends nothing', async ({ context, extensionId }) => {
  await serveChatGPT(context, { conversations });
  const page = await context.newPage();
  // A new chat: no conversation in the URL, no message on the page.
  await page.goto('https://chatgpt.com/');
  await saveButton(page).click();
  await expect(toast(page)).toContainText('This chat is empty: nothing to anchor yet');
  // A GPT's new chat too.
  await page.goto('https://chatgpt.com/g/g-abc123-helper');
  await saveButton(page).click();
  await expect(toast(page)).toContainText('This chat is empty: nothing to anchor yet');
  expect(await page.evaluate(() => (window as unknown as FixtureWindow).__chatgpt.sent)).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as FixtureWindow).__chatgpt.editorText())).toBe('');
  expect(await storedAnchors(context, extensionId)).toEqual([]);
});

test('Undo moves the saved anchor to the trash; Rename validates and renames it', async ({ context, extensionId }) => {
  await serveChatGPT(context, { conversations });
  const page = await context.newPage();
  await page.goto(`https://chatgpt.com/c/${CHAT}`);
  await saveButton(page).click();
  await expect(toast(page)).toContainText('Saved anchor [Thesis_Ch3_Methods]');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(toast(page)).toContainText('Moved anchor [Thesis_Ch3_Methods] to the trash.');
  const [trashed] = await storedAnchors(context, extensionId);
  expect(trashed).toMatchObject({ name: 'Thesis_Ch3_Methods', deletedAt: expect.any(String) });

  await saveButton(page).click();
  await expect(toast(page)).toContainText('Saved anchor [Thesis_Ch3_Methods]');
  await page.getByRole('button', { name: 'Rename' }).click();
  const field = page.getByRole('textbox', { name: 'New name' });
  await field.fill('   ');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByRole('alert')).toContainText('The name is empty.');
  await field.fill('Thesis_Ch3_Methods_v2');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(toast(page)).toContainText('Saved anchor [Thesis_Ch3_Methods_v2]');
  const stored = await storedAnchors(context, extensionId);
  expect(stored.filter((a) => !a.deletedAt).map((a) => a.name)).toEqual(['Thesis_Ch3_Methods_v2']);
});

test('saving a name again with new text keeps the earlier version', async ({ context, extensionId }) => {
  await serveChatGPT(context, { conversations, replies: [anchorReply({ ...THESIS, nextAction: 'Send 3.4 to supervisor.' })] });
  const page = await context.newPage();
  await page.goto(`https://chatgpt.com/c/${CHAT}`);
  await saveButton(page).click();
  await expect(toast(page)).toContainText('Saved anchor [Thesis_Ch3_Methods]');
  // A new reply with the same name and a new next action.
  await page.locator('#prompt-textarea').click();
  await page.keyboard.type('What next?');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Copy' })).toHaveCount(2, { timeout: 15_000 });
  await saveButton(page).click();
  await expect(toast(page)).toContainText('Saved anchor [Thesis_Ch3_Methods]');
  await expect.poll(async () => (await storedAnchors(context, extensionId)).map((a) => a.nextAction)).toEqual([
    THESIS.nextAction,
    'Send 3.4 to supervisor.',
  ]);
});

test('a secret in an anchor is flagged; Mask saves a masked version, and the unmasked one can be deleted for good', async ({
  context,
  extensionId,
}) => {
  const withKey = { ...THESIS, name: 'Bot_Deploy', dependencies: ['OPENAI_API_KEY=sk-proj-abcDEF1234567890abcdef1234', 'certbot'] };
  await serveChatGPT(context, {
    conversations: { [CHAT]: { title: 'Bot', turns: [{ role: 'user', markdown: 'x' }, { role: 'assistant', markdown: anchorReply(withKey) }] } },
  });
  const page = await context.newPage();
  await page.goto(`https://chatgpt.com/c/${CHAT}`);
  await saveButton(page).click();
  // The warning shows where and what, with the key masked.
  await expect(toast(page)).toContainText('seems to hold a secret (OpenAI key in Dependencies: “OPENAI_API_KEY=••••1234”)');
  await expect(toast(page)).not.toContainText('abcDEF');
  await page.getByRole('button', { name: 'Mask' }).click();
  await expect(toast(page)).toContainText('Masked [Bot_Deploy]: saved as a new version. The unmasked version is in the trash.');
  await expect(toast(page)).not.toContainText('secret');
  const [unmasked, masked] = await storedAnchors(context, extensionId);
  expect(masked).toMatchObject({ name: 'Bot_Deploy', dependencies: ['OPENAI_API_KEY=••••1234', 'certbot'] });
  expect(masked!.deletedAt).toBeUndefined();
  expect(unmasked).toMatchObject({ dependencies: withKey.dependencies, deletedAt: expect.any(String) });

  await toast(page).getByRole('button', { name: 'Delete the unmasked version' }).click();
  await expect(toast(page)).toContainText('The unmasked version is deleted for good.');
  await expect(toast(page).getByRole('button', { name: 'Undo' })).toHaveCount(0);
  expect(await storedAnchors(context, extensionId)).toEqual([masked]);
});

test('the buttons come back after a composer re-render and a route change, never twice', async ({ context }) => {
  await serveChatGPT(context, { conversations });
  const page = await context.newPage();
  await page.goto(`https://chatgpt.com/c/${CHAT}`);
  await expect(saveButton(page)).toBeVisible();
  for (let i = 0; i < 3; i += 1) {
    await page.evaluate(() => (window as unknown as FixtureWindow).__chatgpt.rerenderComposer());
    await expect(saveButton(page)).toBeVisible();
    await expect(page.locator('#gpt-anchors-host')).toHaveCount(1);
  }
  await page.getByRole('link', { name: 'New chat' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as FixtureWindow).__chatgpt.route())).toBe('/');
  await expect(saveButton(page)).toBeVisible();
  await expect(page.locator('#gpt-anchors-host')).toHaveCount(1);
  expect(await page.evaluate(() => (window as unknown as FixtureWindow).__chatgpt.loads)).toBe(1);
});

test('while a reply streams, a re-rendered composer gets its bar back; the finished anchor gets its button', async ({
  context,
}) => {
  // The page observer is off while a reply streams (lib/chatgpt/mount.ts): the watch on the stop
  // control and the composer around it keeps the bar.
  await serveChatGPT(context, { conversations, streamChunkMs: 150, streamChunkChars: 10 });
  const page = await context.newPage();
  await page.goto(`https://chatgpt.com/c/${STREAMING}`);
  const streaming = () => page.evaluate(() => (window as unknown as FixtureWindow).__chatgpt.isStreaming());
  await expect(saveButton(page)).toBeVisible();
  await page.evaluate(() => (window as unknown as FixtureWindow).__chatgpt.rerenderComposer());
  await expect(saveButton(page)).toBeVisible();
  await expect(page.locator('#gpt-anchors-host')).toHaveCount(1);
  expect(await streaming(), 'the bar came back while the reply was still streaming').toBe(true);
  await expect(page.getByRole('button', { name: 'Save this anchor' })).toBeVisible({ timeout: 30_000 });
  expect(await streaming()).toBe(false);
  await expect(page.locator('#gpt-anchors-host')).toHaveCount(1);
});

test('a composer that re-renders on its own keeps one bar', async ({ context }) => {
  await serveChatGPT(context, { conversations, rerenderComposerEveryMs: 300 });
  const page = await context.newPage();
  await page.goto(`https://chatgpt.com/c/${CHAT}`);
  await expect(saveButton(page)).toBeVisible();
  // Count the page's re-renders of the composer's form, and the most bars ever in the page at once.
  type Watch = { rerenders: number; most: number };
  const watched = () => page.evaluate(() => (window as unknown as { __watch: Watch }).__watch);
  await page.evaluate(() => {
    const watch: Watch = { rerenders: 0, most: 0 };
    (window as unknown as { __watch: Watch }).__watch = watch;
    const formNow = () => document.querySelector('#prompt-textarea')?.closest('form') ?? null;
    let form = formNow();
    new MutationObserver(() => {
      const now = formNow();
      if (now && now !== form) watch.rerenders += 1;
      form = now;
      watch.most = Math.max(watch.most, document.querySelectorAll('#gpt-anchors-host').length);
    }).observe(document.body, { childList: true, subtree: true });
  });
  await expect.poll(async () => (await watched()).rerenders).toBeGreaterThanOrEqual(4);
  await expect(saveButton(page)).toBeVisible();
  await expect(page.locator('#gpt-anchors-host')).toHaveCount(1);
  expect((await watched()).most).toBe(1);
});

test('when the page layout changes, the bar says which part is missing', async ({ context, extensionId }) => {
  await serveChatGPT(context, { conversations, brokenSelectors: ['composer'] });
  const page = await context.newPage();
  await page.goto(`https://chatgpt.com/c/${PLAIN}`);
  await expect(page.getByRole('alert')).toContainText("GPT Anchors cannot find ChatGPT's composer");
  await saveButton(page).click();
  await expect(toast(page)).toContainText("cannot find the composer. Nothing was saved.");
  expect(await storedAnchors(context, extensionId)).toEqual([]);
});

test('when the send button cannot be found, the request is not left in the composer', async ({ context, extensionId }) => {
  await serveChatGPT(context, { conversations, brokenSelectors: ['send'] });
  const page = await context.newPage();
  await page.goto(`https://chatgpt.com/c/${PLAIN}`);
  await saveButton(page).click();
  await expect(toast(page)).toContainText('cannot find the send button. Nothing was saved.', { timeout: 15_000 });
  expect(await page.evaluate(() => (window as unknown as FixtureWindow).__chatgpt.editorText())).toBe('');
  expect(await storedAnchors(context, extensionId)).toEqual([]);
});
