// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { runInPage } from '../../entrypoints/chatgpt.content/run';
import type { Anchor } from '../../lib/model/anchor';
import { createController, type SavedToast } from '../../lib/content/controller';
import { loadPage } from './support/chatgpt-pages';

/**
 * The in-page UI holds no state of its own: the controller has it all (the toast, its timing and
 * its Rename form, the keys for the bar's titles), and the components are drawn from it.
 */

const anchor: Anchor = {
  id: 'a1',
  name: 'Bot_Deploy',
  context: 'c',
  milestone: 'm',
  nextAction: 'n',
  dependencies: [],
  createdAt: '2026-01-01T10:00:00.000Z',
  timeKnown: true,
  source: {},
  origin: 'captured',
  resumeCount: 0,
};
const saved: SavedToast = { kind: 'saved', anchor, duplicate: false, secrets: [], receipt: 'r1' };

let answers: Record<string, (payload: Record<string, unknown>) => unknown>;
beforeEach(() => {
  fakeBrowser.reset();
  answers = {};
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (message: { type: string; payload: Record<string, unknown> }) => {
    try {
      return { ok: true, value: (await answers[message.type]?.(message.payload)) ?? null };
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
  }) as never);
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** A saved toast, as after Save anchor. */
async function savedToast(controller: ReturnType<typeof createController>, secrets: string[] = []) {
  answers.saveText = () => ({ ...saved, secrets });
  loadPage('chatgpt-2026-04-section.html', 'https://chatgpt.com/c/6a1f0000-0000-4000-8000-000000000001');
  await controller.saveMessage(document.querySelector('[data-message-author-role="assistant"]')!);
}

describe('the toast', () => {
  it('goes after a while: a saved anchor 12 s, a message 6 s, an error 15 s', async () => {
    const controller = createController();
    await savedToast(controller);
    await vi.advanceTimersByTimeAsync(11_900);
    expect(controller.store.get().toast).toMatchObject({ kind: 'saved' });
    await vi.advanceTimersByTimeAsync(200);
    expect(controller.store.get().toast).toBeNull();

    void controller.saveSelection(''); // nothing selected: an error
    await vi.advanceTimersByTimeAsync(14_900);
    expect(controller.store.get().toast).toMatchObject({ tone: 'error', text: 'Select some text in the chat first.' });
    await vi.advanceTimersByTimeAsync(200);
    expect(controller.store.get().toast).toBeNull();
  });

  it('stays while pointed at or worked in, and while a secret waits to be masked', async () => {
    const controller = createController();
    await savedToast(controller);
    controller.holdToast(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(controller.store.get().toast).not.toBeNull();
    controller.holdToast(false);
    await vi.advanceTimersByTimeAsync(12_100);
    expect(controller.store.get().toast).toBeNull();

    await savedToast(controller, ['OpenAI key']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(controller.store.get().toast).toMatchObject({ secrets: ['OpenAI key'] });
  });

  it('dismissed under the pointer, the next toast still goes by itself', async () => {
    const controller = createController();
    await savedToast(controller);
    controller.holdToast(true); // the pointer entered, then the toast was closed under it
    controller.dismissToast();
    await savedToast(controller);
    await vi.advanceTimersByTimeAsync(12_100);
    expect(controller.store.get().toast).toBeNull();
  });

  it('Rename: a name that breaks a rule keeps the form open with the rule; a good one renames and closes it', async () => {
    const controller = createController();
    await savedToast(controller);
    controller.startRename();
    expect(controller.store.get().rename).toEqual({ error: null });
    answers.renameAnchor = ({ name }) => {
      if (String(name).trim() === '') throw new Error('The name is empty.');
      return { ...anchor, name };
    };
    const toast = controller.store.get().toast as SavedToast;
    await controller.rename(toast, '   ');
    expect(controller.store.get().rename).toEqual({ error: 'The name is empty.' });
    await controller.rename(toast, 'Bot_Live');
    expect(controller.store.get()).toMatchObject({ rename: null, toast: { anchor: { name: 'Bot_Live' } } });
    controller.startRename();
    controller.cancelRename();
    expect(controller.store.get().rename).toBeNull();
  });
});

describe('the in-page UI', () => {
  it('shows what a command did before the bar was mounted, and the keys in force in its titles', async () => {
    answers.getShortcuts = () => ({ save: 'Alt+Shift+S', resume: '' });
    loadPage('chatgpt-2026-04-section.html', 'https://chatgpt.com/c/6a1f0000-0000-4000-8000-000000000001');
    const life = new AbortController();
    const running = runInPage(life.signal);
    // "Save selection as anchor" with nothing selected, before the page has settled.
    await fakeBrowser.runtime.onMessage.trigger({ type: 'runCommand', payload: { command: 'saveSelection', selectionText: '' } }, { id: browser.runtime.id });
    await vi.advanceTimersByTimeAsync(1_000);
    await running;
    const root = document.querySelector('#gpt-anchors-host')!.shadowRoot!;
    expect(root.querySelector('.toast')?.textContent).toContain('Select some text in the chat first.');
    const title = (name: string) => [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === name)?.title;
    expect(title('Save anchor')).toBe('Save anchor (Alt+Shift+S)');
    expect(title('Resume anchor')).toMatch(/^Resume anchor \(no shortcut set: add one /);
    life.abort();
  });
});
