import { chromium, expect, test as base, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { CHATGPT_URL, callFixture, fixtureHtml, readFixture, serveChatGPT, type FixtureOptions } from './support/chatgpt-fixture';
import { CHROMIUM_ARGS, findChromium } from './support/paths';

/**
 * Tests of the ChatGPT fixture page itself, without the extension: if the imitation drifts from
 * what docs/chatgpt-page.md describes, the extension's end-to-end tests would prove nothing.
 */

type Open = (options?: FixtureOptions, url?: string) => Promise<Page>;

const test = base.extend<{ open: Open; pageErrors: string[] }, { fixtureBrowser: Browser }>({
  fixtureBrowser: [
    async ({}, use) => {
      const browser = await chromium.launch({
        executablePath: findChromium(),
        headless: true,
        args: CHROMIUM_ARGS,
      });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  pageErrors: async ({}, use) => {
    const errors: string[] = [];
    await use(errors);
    // The extension's tests fail on any console error, so the fixture itself must log none.
    expect(errors, 'errors logged by the fixture page').toEqual([]);
  },
  open: async ({ fixtureBrowser, pageErrors }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (options = {}, url = CHATGPT_URL) => {
      const context = await fixtureBrowser.newContext({ viewport: { width: 1100, height: 800 } });
      contexts.push(context);
      await serveChatGPT(context, options);
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') pageErrors.push(message.text());
      });
      await page.goto(url);
      return page;
    });
    await Promise.all(contexts.map((context) => context.close()));
  },
});

const CHAT_ID = '11111111-1111-4111-8111-111111111111';
const conversations: FixtureOptions['conversations'] = {
  [CHAT_ID]: {
    title: 'Capstone Step 9 – Admin ✓',
    turns: [
      { role: 'user', markdown: 'How do I add an admin page?' },
      { role: 'assistant', markdown: 'Start with a **route** guarded by a role check.' },
    ],
  },
};

const editor = (page: Page) => page.locator('#prompt-textarea');
const turns = (page: Page) => page.locator('[data-testid^="conversation-turn-"]');
const lastAssistant = (page: Page) => page.locator('[data-turn="assistant"]').last();
const trailingButtons = (page: Page) => page.locator('form[data-type="unified-composer"] [grid-area="trailing"] button');

async function typeInComposer(page: Page, text: string): Promise<void> {
  await editor(page).click();
  await page.keyboard.type(text);
}

test('Enter sends exactly one user turn, clears the editor and moves to /c/<uuid> without a reload', async ({ open }) => {
  const page = await open();
  await expect(editor(page)).toHaveAttribute('contenteditable', 'true');
  await expect(editor(page)).toHaveClass(/ProseMirror/);
  await expect(editor(page).locator('p.placeholder[data-placeholder="Ask anything"] > br.ProseMirror-trailingBreak')).toHaveCount(1);
  await expect(page.locator('textarea[name="prompt-textarea"]')).toBeHidden();
  await expect(page).toHaveTitle('ChatGPT');

  await typeInComposer(page, 'Hello there');
  await expect(editor(page).locator('p.placeholder')).toHaveCount(0);
  await page.keyboard.press('Enter');

  await expect(page.locator('[data-turn="user"] [data-message-author-role="user"] .whitespace-pre-wrap')).toHaveText('Hello there');
  await expect(lastAssistant(page).getByRole('button', { name: 'Copy' })).toBeVisible();
  expect(await readFixture(page, 'sent')).toEqual(['Hello there']);
  await expect(page.locator('[data-turn="user"]')).toHaveCount(1);
  expect(await callFixture(page, 'editorParagraphs')).toEqual(['']);
  await expect(editor(page).locator('p.placeholder')).toHaveCount(1);
  expect(await callFixture(page, 'route')).toMatch(/^\/c\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(await readFixture(page, 'loads')).toBe(1);
  // Named after the first message once the reply is done, and listed as the active chat.
  await expect(page).toHaveTitle('Hello there');
  await expect(page.locator('#history a[data-active]')).toHaveText('Hello there');
});

test('the trailing button cycles voice → send → stop → voice', async ({ open }) => {
  const page = await open();
  const speech = page.locator('button[data-testid="composer-speech-button"][aria-label="Start voice mode"]');
  const send = page.locator('button#composer-submit-button[data-testid="send-button"][aria-label="Send prompt"]');
  const stop = page.locator('button[data-testid="stop-button"][aria-label="Stop streaming"]');
  await expect(speech).toBeVisible();
  await expect(send).toHaveCount(0);

  await typeInComposer(page, 'Hi');
  await expect(send).toBeEnabled();
  await expect(speech).toHaveCount(0);
  await expect(trailingButtons(page)).toHaveCount(1);

  await callFixture(page, 'queueReply', 'one two three four five six seven eight nine ten', { chunkMs: 40, chunkChars: 5 });
  await send.click();
  await expect(stop).toBeVisible();
  await expect(trailingButtons(page)).toHaveCount(1);
  expect(await callFixture(page, 'isStreaming')).toBe(true);

  await expect(stop).toHaveCount(0);
  await expect(speech).toBeVisible();
  expect(await callFixture(page, 'isStreaming')).toBe(false);
  await expect(lastAssistant(page).locator('[role="group"] button[data-testid="copy-turn-action-button"]')).toBeVisible();
  await expect(lastAssistant(page).locator('.markdown.prose')).toHaveText('one two three four five six seven eight nine ten');
});

test('stopButtonDelayMs shows a disabled send button before the stop button', async ({ open }) => {
  const page = await open({ stopButtonDelayMs: 400, streamChunkMs: 50, streamChunkChars: 2 });
  await typeInComposer(page, 'Hi');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('send-button')).toBeDisabled();
  await expect(page.getByTestId('stop-button')).toBeVisible();
});

test('a reply streams in as re-rendered HTML, then the copy button appears', async ({ open }) => {
  const page = await open();
  const reply = 'Here is the plan:\n\n- **first** step\n- second step\n\n```ts\nconst x = 1;\n```\n\nDone with *care*.';
  await callFixture(page, 'queueReply', reply, { chunkMs: 60, chunkChars: 12 });
  await typeInComposer(page, 'plan?');
  await page.keyboard.press('Enter');

  // Mid-stream: some text, no action row yet.
  await page.waitForFunction(
    () => {
      const turns = document.querySelectorAll('[data-turn="assistant"]');
      const last = turns[turns.length - 1];
      const text = last?.querySelector('.markdown.prose')?.textContent ?? '';
      return text.length > 0 && !last?.querySelector('[data-testid="copy-turn-action-button"]');
    },
    undefined,
    { polling: 'raf' },
  );
  const assistant = lastAssistant(page);
  // The code block has a Copy button of its own; the reply's is in its action row.
  await expect(assistant.getByRole('group', { name: 'Response actions' }).getByRole('button', { name: 'Copy' })).toBeVisible();
  await expect(assistant.locator('pre').getByRole('button', { name: 'Copy' })).toBeVisible();
  await expect(assistant.locator('h4.sr-only')).toHaveText('ChatGPT said:');
  await expect(assistant.locator('[data-message-author-role="assistant"][data-message-id]')).toHaveCount(1);
  const markdown = assistant.locator('.markdown.prose');
  await expect(markdown.locator('ul > li')).toHaveText(['first step', 'second step']);
  await expect(markdown.locator('li strong')).toHaveText('first');
  await expect(markdown.locator('pre > code.language-ts')).toHaveText('const x = 1;');
  await expect(markdown.locator('p em')).toHaveText('care');
  expect(await callFixture(page, 'turns')).toEqual([
    { role: 'user', text: 'plan?' },
    { role: 'assistant', text: expect.stringContaining('Done with care.') },
  ]);
});

test('a conversation streaming on load can be stopped, keeping the partial text', async ({ open }) => {
  const long = Array.from({ length: 40 }, (_, i) => `Sentence ${i + 1} of a long reply.`).join(' ');
  const page = await open(
    {
      streamChunkMs: 40,
      streamChunkChars: 10,
      conversations: { [CHAT_ID]: { title: 'Streaming', turns: [{ role: 'user', markdown: 'go' }, { role: 'assistant', markdown: long, streaming: true }] } },
    },
    `${CHATGPT_URL}c/${CHAT_ID}`,
  );
  const stop = page.getByTestId('stop-button');
  await expect(stop).toBeVisible();
  await expect.poll(() => lastAssistant(page).locator('.markdown').textContent()).not.toBe('');
  await stop.click();
  await expect(stop).toHaveCount(0);
  await expect(lastAssistant(page).getByTestId('copy-turn-action-button')).toBeVisible();
  const partial = await lastAssistant(page).locator('.markdown').textContent();
  expect(partial?.length).toBeGreaterThan(0);
  expect(partial?.length).toBeLessThan(long.length);
  // No chunk is due any more: nothing can change the reply's text after the stop.
  expect(await callFixture(page, 'chunksScheduled')).toBe(0);
  await expect(lastAssistant(page).locator('.markdown')).toHaveText(partial ?? '');
  expect(await callFixture(page, 'isStreaming')).toBe(false);
});

test('Shift+Enter starts a new paragraph; Enter sends the paragraphs joined by \\n', async ({ open }) => {
  const page = await open();
  await typeInComposer(page, 'line one');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type('line two');
  expect(await callFixture(page, 'editorParagraphs')).toEqual(['line one', 'line two']);
  await expect(editor(page).locator('> p')).toHaveCount(2);
  expect(await readFixture(page, 'sent')).toEqual([]);

  await page.keyboard.press('Enter');
  expect(await readFixture(page, 'sent')).toEqual(['line one\nline two']);
  await expect(page.locator('[data-turn="user"] .whitespace-pre-wrap')).toHaveText('line one\nline two', { useInnerText: true });
});

test('the new-chat link and Back change the route without a reload', async ({ open }) => {
  const page = await open({ conversations }, `${CHATGPT_URL}c/${CHAT_ID}`);
  await expect(turns(page)).toHaveCount(2);
  await expect(page).toHaveTitle('Capstone Step 9 – Admin ✓');
  await expect(page.locator('#history a[data-active]')).toHaveText('Capstone Step 9 – Admin ✓');
  await typeInComposer(page, 'a draft');
  const oldEditor = await editor(page).elementHandle();

  await page.locator('nav a[data-testid="create-new-chat-button"][href="/"]').click();
  expect(await callFixture(page, 'route')).toBe('/');
  await expect(turns(page)).toHaveCount(0);
  await expect(page).toHaveTitle('ChatGPT');
  await expect(page.locator('#history a[data-active]')).toHaveCount(0);
  expect(await oldEditor?.evaluate((node) => node.isConnected)).toBe(false);
  expect(await callFixture(page, 'editorText')).toBe('');

  await page.goBack();
  await expect(turns(page)).toHaveCount(2);
  expect(await callFixture(page, 'route')).toBe(`/c/${CHAT_ID}`);
  expect(await readFixture(page, 'loads')).toBe(1);
});

test('a GPT chat keeps its /g/ prefix on send; chat.openai.com is served too', async ({ open, pageErrors }) => {
  const page = await open({}, 'https://chat.openai.com/g/g-abc123-writer');
  await typeInComposer(page, 'hello');
  await page.keyboard.press('Enter');
  expect(await callFixture(page, 'route')).toMatch(/^\/g\/g-abc123-writer\/c\/[0-9a-f-]{36}$/);
  // Anything but a page under the ChatGPT hosts is an empty 404.
  const api = await page.evaluate(async () => {
    const response = await fetch('/backend-api/me');
    return { status: response.status, body: await response.text() };
  });
  expect(api).toEqual({ status: 404, body: '' });
  // Chromium logs that 404 as a console error; this test asked for it, so it is not the fixture's.
  expect(pageErrors).toEqual([expect.stringContaining('404')]);
  pageErrors.length = 0;
});

test('a composer re-render replaces its nodes, drops foreign ones and keeps the draft', async ({ open }) => {
  const page = await open();
  await typeInComposer(page, 'draft');
  const oldForm = await page.locator('form[data-type="unified-composer"]').elementHandle();
  await page.evaluate(() => {
    const foreign = (id: string) => Object.assign(document.createElement('div'), { id });
    document.querySelector('form[data-type="unified-composer"]')?.append(foreign('in-form'));
    document.querySelector('.composer-parent-wrapper')?.append(foreign('in-wrapper'));
  });
  await callFixture(page, 'rerenderComposer');

  await expect(page.locator('#in-form, #in-wrapper')).toHaveCount(0);
  expect(await oldForm?.evaluate((node) => node.isConnected)).toBe(false);
  await expect(page.locator('#thread-bottom-container > #thread-bottom > div.composer-parent-wrapper > form[data-type="unified-composer"] #prompt-textarea')).toHaveCount(1);
  expect(await callFixture(page, 'editorParagraphs')).toEqual(['draft']);
  // Focus and caret survive, so typing goes on where it was.
  await page.keyboard.type(' more');
  await page.keyboard.press('Enter');
  expect(await readFixture(page, 'sent')).toEqual(['draft more']);
});

test('rerenderComposerEveryMs rebuilds the form while typing goes on undisturbed', async ({ open }) => {
  const page = await open({ rerenderComposerEveryMs: 150 });
  const firstForm = await page.locator('form[data-type="unified-composer"]').elementHandle();
  await editor(page).click();
  await page.keyboard.type('typed across re-renders', { delay: 30 });
  expect(await firstForm?.evaluate((node) => node.isConnected)).toBe(false);
  expect(await callFixture(page, 'editorText')).toBe('typed across re-renders');
});

test('non-ASCII text survives typing, sending, replies and titles', async ({ open }) => {
  const page = await open({ conversations }, `${CHATGPT_URL}c/${CHAT_ID}`);
  await expect(page).toHaveTitle('Capstone Step 9 – Admin ✓');
  const text = 'Résumé – ✓ → 🚀 κ naïve';
  await typeInComposer(page, text);
  expect(await callFixture(page, 'editorText')).toBe(text);
  await page.keyboard.press('Enter');
  expect(await readFixture(page, 'sent')).toEqual([text]);
  await expect(page.locator('[data-turn="user"] .whitespace-pre-wrap').last()).toHaveText(text);
  await expect(lastAssistant(page).getByTestId('copy-turn-action-button')).toBeVisible();

  await typeInComposer(page, 'Anchor this as chat [Thesis_κ_✓] with next action + dependencies.');
  await page.keyboard.press('Enter');
  const reply = lastAssistant(page).locator('.markdown.prose');
  await expect(lastAssistant(page).getByTestId('copy-turn-action-button')).toBeVisible();
  await expect(reply.locator('p').first()).toHaveText('Resume from anchor: [Thesis_κ_✓]');
  await expect(reply.locator('strong')).toHaveText(['Resume from anchor:', 'Context:', 'Current milestone:', 'Next action:', 'Dependencies:']);
  await expect(reply.locator('li')).toHaveCount(3);
  await expect(reply).toContainText('Sprint 4 – parser');
  await expect(reply).toContainText('works end to end ✓');
});

test('long-chat mode renders hundreds of turns quickly', async ({ open }) => {
  const started = Date.now();
  const page = await open({ longChat: { turns: 500 } }, `${CHATGPT_URL}c/${CHAT_ID}`);
  const elapsed = Date.now() - started;
  await expect(turns(page)).toHaveCount(500);
  await expect(page.locator('[data-message-author-role="user"]')).toHaveCount(250);
  await expect(page.locator('[data-testid="copy-turn-action-button"]')).toHaveCount(250);
  await expect(page).toHaveTitle('Long chat (500 turns)');
  expect(elapsed, 'page load with 500 turns, ms').toBeLessThan(3000);
});

test('turnTag "article" serves the 2025 turn shape', async ({ open }) => {
  const page = await open({ conversations, turnTag: 'article' }, `${CHATGPT_URL}c/${CHAT_ID}`);
  await expect(page.locator('article[data-testid^="conversation-turn-"][data-turn]')).toHaveCount(2);
  await expect(page.locator('section[data-testid^="conversation-turn-"]')).toHaveCount(0);
});

test('themes: dark from options, switchable at runtime', async ({ open }) => {
  const page = await open({ theme: 'dark' });
  const html = page.locator('html');
  await expect(html).toHaveClass('dark');
  await expect(html).toHaveAttribute('style', /color-scheme: dark/);
  await callFixture(page, 'setTheme', 'light');
  await expect(html).toHaveClass('light');
  await expect(html).toHaveAttribute('style', /color-scheme: light/);
});

test('brokenSelectors serve a changed layout that still works for a person', async ({ open }) => {
  const page = await open({ conversations, brokenSelectors: ['composer', 'send', 'messages'] }, `${CHATGPT_URL}c/${CHAT_ID}`);
  await expect(page.locator('#prompt-textarea')).toHaveCount(0);
  await expect(page.locator('form[data-type="unified-composer"], main form[class*="composer"], form div.ProseMirror')).toHaveCount(0);
  await expect(page.locator('[data-message-author-role]')).toHaveCount(0);
  await expect(turns(page)).toHaveCount(2);

  await page.locator('.ProseMirror[contenteditable="true"]').click();
  await page.keyboard.type('still works');
  await expect(page.locator('[data-testid="send-button"], #composer-submit-button, button[aria-label="Send prompt"]')).toHaveCount(0);
  await page.getByRole('button', { name: 'Submit message' }).click();
  expect(await readFixture(page, 'sent')).toEqual(['still works']);
});

test('fixtureHtml serves the same page at any other URL', async ({ open }) => {
  const page = await open();
  await page.context().route('https://example.test/**', (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: fixtureHtml() }),
  );
  await page.goto('https://example.test/c/abc');
  await expect(editor(page)).toBeVisible();
  expect(await callFixture(page, 'route')).toBe('/c/abc');
});

test.describe('generation B (logged out, web-mobile)', () => {
  const B: FixtureOptions = { generation: 'B', conversations };
  const textarea = (page: Page) => page.locator('textarea#mobile-composer-prompt');
  const submit = (page: Page) => page.locator('form[data-mobile-composer] button[data-composer-submit]');

  test('a textarea React owns: typing and the native setter reach its state, a plain assignment does not', async ({ open }) => {
    const page = await open(B);
    await expect(page).toHaveTitle('ChatGPT: Chat, Work, Create & Code with AI');
    await expect(page.locator('html')).not.toHaveAttribute('class', /./);
    await expect(submit(page)).toHaveAttribute('aria-disabled', 'true');
    await textarea(page).click();
    await page.keyboard.type('typed');
    expect(await callFixture(page, 'editorText')).toBe('typed');
    await expect(submit(page)).not.toHaveAttribute('aria-disabled', 'true');

    // What React's value tracker does with a page script's `value =`: it shows, but is not taken.
    await textarea(page).evaluate((node: HTMLTextAreaElement) => {
      node.value = 'assigned';
      node.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await expect(textarea(page)).toHaveValue('assigned');
    expect(await callFixture(page, 'editorText')).toBe('typed');

    await textarea(page).evaluate((node: HTMLTextAreaElement) => {
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(node, 'line one\nline two');
      node.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(await callFixture(page, 'editorParagraphs')).toEqual(['line one', 'line two']);
    await callFixture(page, 'rerenderComposer');
    await expect(textarea(page)).toHaveValue('line one\nline two');
  });

  test('one submit button sends and stops; the reply is marked complete early, its action row comes last', async ({ open }) => {
    const page = await open(B);
    // 63 characters; a pause once 56 are shown (past the 70 % where the page marks it complete).
    await callFixture(page, 'queueReply', 'one two three four five six seven eight nine ten eleven twelve', { chunkMs: 40, chunkChars: 4, pauseAfterChars: 56, pauseMs: 1_500 });
    await textarea(page).click();
    await page.keyboard.type('Hi');
    await page.keyboard.press('Enter');
    expect(await readFixture(page, 'sent')).toEqual(['Hi']);
    expect(await callFixture(page, 'route')).toMatch(/^\/uc\/[0-9a-f-]{36}$/);
    await expect(submit(page)).toHaveAttribute('data-stop-generating', '');
    await expect(submit(page)).toHaveAttribute('aria-label', 'Stop generating');
    const reply = page.locator('ol[data-conversation-transcript] > li[data-message-role="assistant"]');
    await expect(reply).toHaveAttribute('data-message-complete', '');
    // Marked complete, yet still streaming: no action row, the stop button still there.
    expect(await callFixture(page, 'isStreaming')).toBe(true);
    await expect(reply.locator('[data-assistant-message-actions] button[data-copy-message]')).toHaveCount(0);
    await expect(reply.locator('[data-assistant-message-actions] button[data-copy-message]')).toHaveCount(1);
    await expect(submit(page)).not.toHaveAttribute('data-stop-generating', '');
    await expect(reply.locator('[data-assistant-markdown]')).toHaveText('one two three four five six seven eight nine ten eleven twelve');
    expect(await callFixture(page, 'turns')).toEqual([
      { role: 'user', text: 'Hi' },
      { role: 'assistant', text: 'one two three four five six seven eight nine ten eleven twelve' },
    ]);
  });

  test('conversations live at /uc/<id>; the page follows the system colour scheme', async ({ open }) => {
    const page = await open(B, `${CHATGPT_URL}uc/${CHAT_ID}`);
    await expect(page.locator('li[data-message-role]')).toHaveCount(2);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(33, 33, 33)');
  });
});

test.describe('generation C (app shell)', () => {
  const C: FixtureOptions = { generation: 'C', conversations, theme: 'dark' };
  const editorC = (page: Page) => page.locator('form[data-chatgpt-composer] div.ProseMirror[contenteditable="true"][role="textbox"][data-composer-markdown]');

  test('a first send lives at /c/WEB:<id> until the reply ends; one turn holds prompt and answer', async ({ open }) => {
    const page = await open(C);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(page.locator('html')).not.toHaveClass(/dark/);
    await expect(page.locator('#prompt-textarea')).toHaveCount(0);
    await expect(page.locator('form[data-chatgpt-composer] button[type="submit"][aria-label="Send"]')).toBeDisabled();
    await callFixture(page, 'queueReply', 'Sure.\n\n```js\nlet a = 1;\n```\n\nDone.', { chunkMs: 60, chunkChars: 6 });
    await editorC(page).click();
    await page.keyboard.type('Hello');
    await page.keyboard.press('Enter');
    expect(await callFixture(page, 'route')).toMatch(/^\/c\/WEB:[0-9a-f-]{36}$/);
    await expect(page.getByRole('button', { name: 'Stop', exact: true })).toBeVisible();
    const turn = page.locator('div[data-turn-key]');
    await expect(turn).toHaveCount(1);
    await expect(turn.locator('h4[data-conversation-role="assistant"] + [data-chatgpt-selection-message-id] [data-markdown-text-style="assistant-message"]')).toHaveText(/Sure/);
    await expect(turn.locator('.turn-action-controls button[aria-label="Copy"]')).toHaveCount(1);
    expect(await callFixture(page, 'route')).toMatch(/^\/c\/[0-9a-f-]{36}$/);
    await expect(turn.locator('[data-conversation-role]')).toHaveText(['You said:', 'ChatGPT said:']);
    await expect(turn.locator('[data-chatgpt-search-unit-key$=":assistant"]')).toHaveCount(1);
    await expect(page.locator('.markdown')).toHaveCount(0);
  });

  test('the navigation rail has no links; its home control opens a new chat without a reload', async ({ open }) => {
    const page = await open(C, `${CHATGPT_URL}c/${CHAT_ID}`);
    await expect(page.locator('div[data-turn-key]')).toHaveCount(1);
    await expect(page.locator('nav a[href]')).toHaveCount(0);
    await page.locator('nav[data-app-navigation-rail] [data-sidebar-destination="builtin:home"]').click();
    expect(await callFixture(page, 'route')).toBe('/');
    await expect(page.locator('div[data-turn-key]')).toHaveCount(0);
    await page.goBack();
    await expect(page.locator('div[data-turn-key]')).toHaveCount(1);
    expect(await readFixture(page, 'loads')).toBe(1);
  });
});

test('hidden duplicates: a hidden composer, send and stop buttons come before the real ones', async ({ open }) => {
  for (const generation of ['A', 'B', 'C'] as const) {
    const page = await open({ generation, hiddenDuplicates: true });
    const hidden = page.locator('[hidden], [style*="display: none"], [inert]');
    await expect(hidden.first()).toBeAttached();
    const firstComposer = page.locator('#prompt-textarea, #mobile-composer-prompt, form[data-chatgpt-composer] [contenteditable]').first();
    await expect(firstComposer).toBeHidden();
    await page.close();
  }
});

test('hydration: a node the page did not render makes it log React error #418 and render again; none, no error', async ({
  open,
  pageErrors,
}) => {
  const quiet = await open({ hydrateAfterMs: 400 });
  // Hydration logs its error in the task that removes the marker, and the page's events reach the
  // test in order: the mismatch below is seen at this point, so no error here means none.
  await expect(quiet.locator('[data-hydration-pending]')).toHaveCount(0);
  expect(pageErrors).toEqual([]);

  const page = await open({ hydrateAfterMs: 1_000 });
  await page.evaluate(() => document.querySelector('form[data-type="unified-composer"]')!.after(document.createElement('gpt-foreign')));
  await expect(page.locator('[data-hydration-pending]')).toHaveCount(0);
  await expect(page.locator('gpt-foreign')).toHaveCount(0);
  expect(pageErrors).toEqual([expect.stringContaining('Minified React error #418')]);
  pageErrors.length = 0;
});

test('citation pills render inside the paragraph they cite for', async ({ open }) => {
  const page = await open();
  await callFixture(page, 'queueReply', 'Use HEPA. [[cite:US EPA|+1]]', { chunkMs: 10, chunkChars: 100 });
  await editor(page).click();
  await page.keyboard.type('?');
  await page.keyboard.press('Enter');
  await expect(lastAssistant(page).locator('.markdown p [data-testid="webpage-citation-pill"]')).toHaveText('US EPA+1');
});

test.describe('a chat at its maximum length, and files in the composer', () => {
  const SENTENCE = "You've reached the maximum length for this conversation, but you can keep talking by starting a new chat.";
  const COMPOSER = { A: '#prompt-textarea', B: 'textarea#mobile-composer-prompt', C: 'form[data-chatgpt-composer] [role="textbox"]' } as const;
  const PATH = { A: 'c', B: 'uc', C: 'c' } as const;

  /** Pastes a file into the composer as a script can; answers whether the page took it (cancelled the event). */
  const pasteFile = (page: Page, selector: string, name: string, text: string) =>
    page.locator(selector).evaluate(
      (editor, [fileName, content]) => {
        const data = new DataTransfer();
        data.items.add(new File([content], fileName, { type: 'text/markdown' }));
        const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
        return !editor.dispatchEvent(event);
      },
      [name, text] as const,
    );

  for (const generation of ['A', 'B', 'C'] as const) {
    test(`generation ${generation}: a send past maxLengthChars gets ChatGPT's notice (role alert) instead of a reply, every time`, async ({ open }) => {
      const page = await open({ generation, conversations, maxLengthChars: 60 }, `${CHATGPT_URL}${PATH[generation]}/${CHAT_ID}`);
      await page.locator(COMPOSER[generation]).click();
      await page.keyboard.type('Still there?');
      await page.keyboard.press('Enter');
      const notice = page.getByRole('alert').filter({ hasText: 'maximum length for this conversation' });
      await expect(notice).toHaveText(SENTENCE);
      expect(await readFixture(page, 'sent')).toEqual(['Still there?']);
      expect(await readFixture(page, 'noticesShown')).toBe(1);
      // No reply: the user's turn is the last message.
      expect((await callFixture(page, 'turns')).at(-1)).toEqual({ role: 'user', text: 'Still there?' });
      await expect.poll(() => callFixture(page, 'isStreaming')).toBe(false);
      await page.keyboard.type('Hello?');
      await page.keyboard.press('Enter');
      await expect(notice).toHaveCount(2);
      // A chat under the limit still gets its reply.
      await page.goto(CHATGPT_URL);
      await page.locator(COMPOSER[generation]).click();
      await page.keyboard.type('Hi');
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await callFixture(page, 'turns')).length).toBe(2);
      await expect(notice).toHaveCount(0);
    });
  }

  for (const generation of ['A', 'C'] as const) {
    test(`generation ${generation}: a pasted .md file is taken, uploads, and goes with the message`, async ({ open }) => {
      const page = await open({ generation });
      expect(await pasteFile(page, COMPOSER[generation], 'transcript.md', '# Transcript\n\nYou: hi')).toBe(true);
      await expect(page.getByRole('list', { name: 'Attached files' }).getByRole('listitem')).toHaveText('\u{1F4CE} transcript.md');
      expect(await callFixture(page, 'editorText')).toBe(''); // the editor did not insert it as well
      expect(await callFixture(page, 'attachedFiles')).toEqual([{ name: 'transcript.md', type: 'text/markdown', text: '# Transcript\n\nYou: hi' }]);
      await page.locator(COMPOSER[generation]).click();
      await page.keyboard.type('Read the file.');
      await page.keyboard.press('Enter');
      expect(await readFixture(page, 'sent')).toEqual(['Read the file.']);
      expect(await readFixture(page, 'sentFiles')).toEqual([[{ name: 'transcript.md', type: 'text/markdown', text: '# Transcript\n\nYou: hi' }]]);
      await expect(page.getByRole('list', { name: 'Attached files' })).toBeHidden();
    });
  }

  test('generation B (logged out): a pasted file is not taken', async ({ open }) => {
    const page = await open({ generation: 'B' });
    expect(await pasteFile(page, COMPOSER.B, 'transcript.md', 'text')).toBe(false);
    expect(await callFixture(page, 'attachedFiles')).toEqual([]);
  });
});
