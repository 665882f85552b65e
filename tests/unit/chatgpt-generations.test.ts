// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearComposer, composerText, fillComposer } from '../../lib/chatgpt/composer';
import type { GenerationId, PagePart } from '../../lib/chatgpt/generation';
import { GENERATIONS } from '../../lib/chatgpt/generations';
import { pageTheme } from '../../lib/chatgpt/mount';
import {
  assistantMessages,
  chatHasMessages,
  chatTitle,
  findComposer,
  findComposerForm,
  findNewChatControl,
  findSendButton,
  findStopButton,
  isStopControl,
  isStreaming,
  messageSource,
  missingParts,
  pageGeneration,
  replyIsComplete,
} from '../../lib/chatgpt/page';
import { checkPage } from '../../lib/chatgpt/page-check';
import { newChatUrl, pageKind } from '../../lib/chatgpt/urls';
import { waitForQuiet } from '../../lib/chatgpt/wait';
import { readReply } from '../../lib/content/capture';
import { parseAnchorText } from '../../lib/log/parse';
import { loadPage, setUrl } from './support/chatgpt-pages';

/** What the background makes of a reply the page read (the page sends the text, the background parses it). */
const readAnchorFromMessage = (message: Element) => parseAnchorText(readReply(message));

/**
 * Every page generation against its own dated fixture pages: which entry of each selector list
 * found each part (null: not on that page), and what the page's state reads as. Together the
 * pages give every entry of every list its evidence (the last test).
 */

type Expected = Record<PagePart, number | null>;
type Page = { file: string; url: string; generation: GenerationId; matched: Expected };

const A_SECTION: Expected = {
  composer: 0, composerForm: 0, send: null, stop: 0, turn: 0, message: 0,
  assistantMessage: 0, replyText: 0, userText: null, replyDone: 0, newChat: 0, chatTitle: 0, maxLengthNotice: null,
};
const B_PAGE: Expected = {
  composer: 0, composerForm: 0, send: 0, stop: null, turn: 0, message: 0,
  assistantMessage: 0, replyText: 0, userText: 0, replyDone: 0, newChat: null, chatTitle: null, maxLengthNotice: null,
};
const C_PAGE: Expected = {
  composer: 0, composerForm: 0, send: 0, stop: null, turn: 0, message: 0,
  assistantMessage: 0, replyText: 0, userText: 0, replyDone: 0, newChat: 0, chatTitle: null, maxLengthNotice: null,
};

const PAGES: Page[] = [
  {
    file: 'chatgpt-2025-article.html',
    url: 'https://chat.openai.com/c/abc-123',
    generation: 'A',
    // No #prompt-textarea, no form marker (its form is the composer's), the older send label,
    // the 2024 Copy button and the plain `nav a[href="/"]`.
    matched: { ...A_SECTION, composer: 1, composerForm: null, send: 1, stop: null, replyDone: 1, newChat: 1 },
  },
  {
    file: 'chatgpt-2025-11-article-streaming.html',
    url: 'https://chatgpt.com/c/6a1f0000-0000-4000-8000-00000000000a',
    generation: 'A',
    // The stop button by its label; the code block's Copy button does not finish the reply.
    matched: { ...A_SECTION, stop: 1, replyDone: null, chatTitle: null },
  },
  { file: 'chatgpt-2026-04-section.html', url: 'https://chatgpt.com/c/6a1f0000-0000-4000-8000-000000000001', generation: 'A', matched: A_SECTION },
  {
    file: 'chatgpt-2026-06-section-citations.html',
    url: 'https://chatgpt.com/c/6a1f0000-0000-4000-8000-000000000002',
    generation: 'A',
    // The hidden home composer's stop button is not a stop button.
    matched: { ...A_SECTION, send: 0, stop: null },
  },
  {
    file: 'chatgpt-2026-10-web-mobile.html',
    url: 'https://chatgpt.com/uc/6ac003a8-d54c-83ea-bb04-28d7229e9e47',
    generation: 'B',
    matched: B_PAGE,
  },
  {
    file: 'chatgpt-2026-10-web-mobile-streaming.html',
    url: 'https://chatgpt.com/uc/6ac003a8-d54c-83ea-bb04-28d7229e9e48',
    generation: 'B',
    matched: { ...B_PAGE, send: null, stop: 0 },
  },
  {
    file: 'chatgpt-2026-09-app-shell.html',
    url: 'https://chatgpt.com/c/6b000000-0000-4000-8000-000000000003',
    generation: 'C',
    matched: C_PAGE,
  },
  {
    file: 'chatgpt-2026-10-app-shell-streaming.html',
    url: 'https://chatgpt.com/c/6b000000-0000-4000-8000-000000000004',
    generation: 'C',
    matched: { ...C_PAGE, send: null, stop: 0 },
  },
  {
    file: 'chatgpt-2026-11-section-max-length.html',
    url: 'https://chatgpt.com/c/6a1f0000-0000-4000-8000-0000000000f1',
    generation: 'A',
    // Send shown: the page sits idle after the refusal.
    matched: { ...A_SECTION, send: 0, stop: null, chatTitle: null, maxLengthNotice: 0 },
  },
  {
    file: 'chatgpt-2026-11-web-mobile-max-length.html',
    url: 'https://chatgpt.com/uc/6ac003a8-d54c-83ea-bb04-28d7229e9ef1',
    generation: 'B',
    matched: { ...B_PAGE, maxLengthNotice: 0 },
  },
  {
    file: 'chatgpt-2026-11-app-shell-max-length.html',
    url: 'https://chatgpt.com/c/6b000000-0000-4000-8000-0000000000f1',
    generation: 'C',
    matched: { ...C_PAGE, newChat: 0, maxLengthNotice: 0 },
  },
];

/** Which entry of the generation's list found each part, as the options page's page check reports it. */
function matchedEntries(generation: GenerationId): Expected {
  const lists = GENERATIONS.find((g) => g.id === generation)!.selectors;
  return Object.fromEntries(
    checkPage().parts.map(({ part, selector }) => [part, selector === null ? null : lists[part].indexOf(selector)]),
  ) as Expected;
}

describe.each(PAGES)('$file (generation $generation)', ({ file, url, generation, matched }) => {
  it('is recognised, and each part is found by the expected entry of its selector list', () => {
    loadPage(file, url);
    expect(pageGeneration()?.id).toBe(generation);
    expect(matchedEntries(generation)).toEqual(matched);
    expect(missingParts()).toEqual([]);
    expect(chatHasMessages()).toBe(true);
  });
});

describe('generation A', () => {
  it('skips a hidden composer and a hidden stop button, and leaves citation pills out of the fields', () => {
    loadPage('chatgpt-2026-06-section-citations.html', 'https://chatgpt.com/c/6a1f0000-0000-4000-8000-000000000002');
    expect(composerText(findComposer()!)).toBe('Which one is quietest?');
    expect(findComposerForm()?.contains(findComposer())).toBe(true);
    expect(isStreaming()).toBe(false);
    const parsed = readAnchorFromMessage(assistantMessages().at(-1)!);
    expect(parsed).toMatchObject({
      ok: true,
      draft: { name: 'Bedroom_Purifier', context: 'Comparing purifiers by CADR and noise.', milestone: 'Shortlist of three models.' },
    });
  });

  it("does not take a code block's Copy button for the end of a reply", () => {
    loadPage('chatgpt-2025-11-article-streaming.html', 'https://chatgpt.com/c/6a1f0000-0000-4000-8000-00000000000a');
    expect(isStreaming()).toBe(true);
    expect(replyIsComplete(assistantMessages()[0]!)).toBe(false);
    expect(chatTitle()).toBe('Cache layer');
  });
});

describe('generation B (logged out)', () => {
  it('reads the conversation id from /uc/, the message id from the item, and ignores the site tagline as a title', () => {
    loadPage('chatgpt-2026-10-web-mobile.html', 'https://chatgpt.com/uc/6ac003a8-d54c-83ea-bb04-28d7229e9e47');
    expect(chatTitle()).toBe('');
    expect(messageSource(assistantMessages()[0]!)).toEqual({
      url: 'https://chatgpt.com/uc/6ac003a8-d54c-83ea-bb04-28d7229e9e47',
      conversationId: '6ac003a8-d54c-83ea-bb04-28d7229e9e47',
      messageId: 'b-a-1',
    });
    expect(findNewChatControl()).toBeNull();
    // The composer in the closed dialog comes first in the page; the rendered one is the real one.
    expect(findComposer()?.closest('[data-composer-dock]')).not.toBeNull();
    expect(findSendButton()?.getAttribute('aria-disabled')).toBe('true');
  });

  it('knows a reply still streams although it already says data-message-complete', () => {
    loadPage('chatgpt-2026-10-web-mobile-streaming.html', 'https://chatgpt.com/uc/6ac003a8-d54c-83ea-bb04-28d7229e9e48');
    const [finished, streaming] = assistantMessages();
    expect(streaming!.hasAttribute('data-message-complete')).toBe(true);
    expect(replyIsComplete(streaming!)).toBe(false);
    expect(replyIsComplete(finished!)).toBe(true);
    expect(readAnchorFromMessage(finished!)).toMatchObject({ ok: true, draft: { name: 'Trip_Plan', dependencies: ['passports', 'budget sheet'] } });
    // One submit button, send and stop by turns: once it drops data-stop-generating it is no stop control.
    const stop = findStopButton()!;
    expect(isStopControl(stop)).toBe(true);
    stop.removeAttribute('data-stop-generating');
    expect(isStopControl(stop)).toBe(false);
    expect(isStreaming()).toBe(false);
    expect(findSendButton()).toBe(stop);
  });

  it('writes into the textarea with the native setter and an input event, replacing what was there', async () => {
    loadPage('chatgpt-2026-10-web-mobile.html', 'https://chatgpt.com/uc/6ac003a8-d54c-83ea-bb04-28d7229e9e47');
    const textarea = findComposer() as HTMLTextAreaElement;
    const seen: string[] = [];
    textarea.addEventListener('input', () => seen.push(textarea.value));
    textarea.value = 'an old draft';
    expect(await fillComposer('Resume from anchor: [Trip_Plan]\nNext action: Book the flights.')).toBe('filled');
    expect(textarea.value).toBe('Resume from anchor: [Trip_Plan]\nNext action: Book the flights.');
    expect(seen).toEqual(['Resume from anchor: [Trip_Plan]\nNext action: Book the flights.']);
    await clearComposer();
    expect(textarea.value).toBe('');
    expect(seen.at(-1)).toBe('');
  });
});

describe('generation C (app shell)', () => {
  it('reads the theme from data-theme, the editor inside the form, the message id, the home control', () => {
    loadPage('chatgpt-2026-09-app-shell.html', 'https://chatgpt.com/c/6b000000-0000-4000-8000-000000000003');
    expect(pageTheme()).toBe('dark');
    expect(composerText(findComposer()!)).toBe('Thanks!\nOne more thing');
    expect(isStreaming()).toBe(false); // the inert home composer's stop button does not count
    expect(findNewChatControl()?.getAttribute('data-sidebar-destination')).toBe('builtin:home');
    const [reply] = assistantMessages();
    expect(messageSource(reply!)).toMatchObject({ chatTitle: 'Thesis chapter 3', messageId: 'c-a-1' });
    expect(readAnchorFromMessage(reply!)).toMatchObject({
      ok: true,
      draft: { name: 'Thesis_Ch3_Methods', nextAction: 'Write 3.4 (threats to validity).', dependencies: ['Supervisor feedback', 'NVivo licence'] },
    });
  });

  it("does not take the prompt's action row or a code block's Copy button for the end of the answer", () => {
    loadPage('chatgpt-2026-10-app-shell-streaming.html', 'https://chatgpt.com/c/6b000000-0000-4000-8000-000000000004');
    const [first, second] = assistantMessages();
    expect(replyIsComplete(first!)).toBe(true);
    expect(replyIsComplete(second!)).toBe(false);
    expect(isStreaming()).toBe(true);
  });
});

describe('the page check', () => {
  it('reports structure only: no chat text, no conversation or message id', () => {
    loadPage('chatgpt-2026-09-app-shell.html', 'https://chatgpt.com/c/6b000000-0000-4000-8000-000000000003');
    const check = checkPage();
    expect(check).toMatchObject({ generation: 'C', kind: 'conversation', path: '/c/<id>', theme: 'dark', missing: [] });
    const text = JSON.stringify(check);
    for (const secret of ['Thesis', 'Supervisor', 'Thanks', 'One more thing', '6b000000', 'c-a-1', 'k-1', 'Ask ChatGPT']) {
      expect(text).not.toContain(secret);
    }
    expect(check.outline).toContain('        div[data-turn-key]');
    expect(check.outline.some((line) => line.includes('form[data-chatgpt-composer]'))).toBe(true);
  });

  it('shows siblings alike once, with their count', () => {
    loadPage('chatgpt-2026-10-web-mobile-streaming.html', 'https://chatgpt.com/uc/6ac003a8-d54c-83ea-bb04-28d7229e9e48');
    const check = checkPage();
    expect(check.path).toBe('/uc/<id>');
    expect(check.outline.filter((line) => line.includes('li[data-message-role]'))).toEqual([
      '          li[data-message-role] ×2',
      '          li[data-message-role][data-assistant-content-started][data-message-complete] ×2',
    ]);
  });
});

describe('a page no generation recognises', () => {
  it('names every part it needs and cannot find; pages that are not chats need nothing', () => {
    document.documentElement.innerHTML = '<head><title>Chat</title></head><body><main><div contenteditable="true"></div></main></body>';
    setUrl('https://chatgpt.com/c/6b000000-0000-4000-8000-000000000005');
    expect(pageGeneration()).toBeNull();
    expect(missingParts()).toEqual(['composer', 'messages', 'send button']);
    // The URL says this chat has messages, whatever the page shows.
    expect(chatHasMessages()).toBe(true);
    setUrl('https://chatgpt.com/');
    expect(missingParts()).toEqual(['composer', 'send button']);
    expect(chatHasMessages()).toBe(false);
    for (const other of ['https://chatgpt.com/gpts', 'https://chatgpt.com/library', 'https://chatgpt.com/codex/tasks', 'https://chatgpt.com/c/6b00#settings/General']) {
      setUrl(other);
      expect(missingParts(), other).toEqual([]);
    }
  });

  it('still recognises a chat with messages by any generation’s shape', () => {
    document.documentElement.innerHTML = '<body><div data-turn-key="k"></div></body>';
    setUrl('https://chatgpt.com/');
    expect(chatHasMessages()).toBe(true);
  });
});

describe('what the URL says', () => {
  it.each([
    ['/c/6b000000-0000-4000-8000-000000000005', 'conversation'],
    ['/c/WEB:6b000000-0000-4000-8000-000000000005', 'conversation'],
    ['/c/local-7c2e1f', 'conversation'],
    ['/uc/6ac003a8-d54c-83ea', 'conversation'],
    ['/g/g-abc123-writer/c/6b000000', 'conversation'],
    ['/g/g-p-0f1e-thesis/c/6b000000', 'conversation'],
    ['/share/6ac0-1', 'shared'],
    ['/', 'new'],
    ['/g/g-abc123-writer', 'new'],
    ['/g/g-p-0f1e-thesis/project', 'new'],
    ['/gpts', 'other'],
    ['/library', 'other'],
  ] as const)('%s is %s', (pathname, kind) => {
    expect(pageKind(pathname)).toBe(kind);
    // With nothing on the page, only the URL can say the chat has messages.
    document.documentElement.innerHTML = '<body></body>';
    setUrl(`https://chatgpt.com${pathname}`);
    expect(chatHasMessages()).toBe(kind === 'conversation' || kind === 'shared');
  });

  it.each([
    ['https://chatgpt.com/c/6b00', 'https://chatgpt.com/'],
    ['https://chatgpt.com/uc/6b00', 'https://chatgpt.com/'],
    ['https://chatgpt.com/g/g-abc123-writer/c/6b00', 'https://chatgpt.com/g/g-abc123-writer'],
    ['https://chatgpt.com/g/g-p-0f1e-thesis/c/6b00', 'https://chatgpt.com/g/g-p-0f1e-thesis/project'],
    ['https://chat.openai.com/c/6b00?model=x', 'https://chat.openai.com/'],
  ])('a new chat from %s opens at %s', (from, to) => {
    expect(newChatUrl(from)).toBe(to);
  });
});

describe('every selector has its evidence', () => {
  it('each entry of each list is the one that matched on at least one fixture page', () => {
    const used = new Set<string>();
    for (const { file, url, generation, matched } of PAGES) {
      loadPage(file, url);
      for (const [part, index] of Object.entries(matched)) if (index !== null) used.add(`${generation}.${part}.${index}`);
    }
    const unused = GENERATIONS.flatMap((g) =>
      Object.entries(g.selectors).flatMap(([part, list]) => list.map((selector, i) => [`${g.id}.${part}.${i}`, selector] as const)),
    ).filter(([key]) => !used.has(key));
    expect(unused).toEqual([]);
  });
});

describe('waiting for the page to settle before the first mount', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    document.body.innerHTML = '<main></main>';
  });
  afterEach(() => vi.useRealTimers());

  const tick = async (ms: number) => {
    await vi.advanceTimersByTimeAsync(ms);
  };

  it('waits for quiet, restarting on every change that counts', async () => {
    let done = false;
    void waitForQuiet({ quietMs: 400, maxMs: 4_000 }).then(() => (done = true));
    for (let i = 0; i < 5; i += 1) {
      await tick(300);
      document.querySelector('main')!.append(document.createElement('p'));
    }
    await tick(300);
    expect(done).toBe(false);
    await tick(150);
    expect(done).toBe(true);
  });

  it('gives up waiting after maxMs, and ignores changes that do not count', async () => {
    let done = false;
    const main = document.querySelector('main')!;
    const ignored = document.createElement('div');
    main.append(ignored);
    void waitForQuiet({ quietMs: 400, maxMs: 2_000, counts: (records) => records.some((r) => r.target !== ignored) }).then(
      () => (done = true),
    );
    await tick(200);
    ignored.append('streaming text');
    await tick(250);
    expect(done).toBe(true);

    done = false;
    void waitForQuiet({ quietMs: 400, maxMs: 2_000 }).then(() => (done = true));
    const busy = setInterval(() => main.append(document.createElement('p')), 100);
    await tick(1_900);
    expect(done).toBe(false);
    await tick(200);
    expect(done).toBe(true);
    clearInterval(busy);
  });
});
