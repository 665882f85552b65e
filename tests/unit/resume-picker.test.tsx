// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Anchor } from '../../lib/model/anchor';
import type { FirstScreen, PickerApi } from '../../components/picker/api';
import { PAGE_SIZE, ResumePicker } from '../../components/picker/ResumePicker';

/**
 * The picker page with a fake of what it asks of the extension (components/picker/api.ts): the
 * keyboard, paging past 50, Esc and Tab. Layout (rows in view, contrast) is checked in Chromium by
 * tests/e2e/picker.spec.ts.
 */

const anchor = (i: number, extra: Partial<Anchor> = {}): Anchor => ({
  id: `id-${i}`,
  name: `Project_Step${i}`,
  context: `context ${i}`,
  milestone: '',
  nextAction: `next ${i}`,
  dependencies: [],
  createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
  timeKnown: true,
  source: {},
  origin: 'captured',
  resumeCount: 0,
  ...extra,
});

function fakeApi(anchors: Anchor[], claim: () => Promise<void> = async () => undefined) {
  let onChange: (() => void) | undefined;
  const api = {
    claim: vi.fn(claim),
    load: vi.fn(async (_onFirstScreen?: (first: FirstScreen) => void) => anchors),
    watch: vi.fn((listener: () => void) => {
      onChange = listener;
      return () => undefined;
    }),
    pick: vi.fn(async () => null),
    close: vi.fn(async () => null),
    shortcuts: vi.fn(async () => ({ save: 'Alt+Shift+S', resume: 'Alt+Shift+O' })),
  } satisfies PickerApi;
  return { api, change: (next: Anchor[]) => ((anchors = next), onChange?.()) };
}

let root: HTMLElement;
const settle = async () => {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
};
async function mount(api: PickerApi) {
  root = document.createElement('div');
  document.body.append(root);
  render(<ResumePicker api={api} />, root);
  await settle();
}
const options = () => [...root.querySelectorAll('[role="option"]')];
const active = () => root.querySelector('[role="option"][aria-selected="true"]');
const search = () => root.querySelector<HTMLInputElement>('input[type="search"]')!;
const press = async (key: string, init: KeyboardEventInit = {}, target: Element = document.activeElement ?? document.body) => {
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
  await settle();
};
const typeQuery = async (text: string) => {
  search().value = text;
  search().dispatchEvent(new InputEvent('input', { bubbles: true }));
  await settle();
};

beforeEach(() => vi.spyOn(Element.prototype, 'scrollIntoView').mockImplementation(() => undefined));
afterEach(() => {
  render(null, root);
  root.remove();
  vi.restoreAllMocks();
});

describe('the picker page', () => {
  it('lists the newest first and resumes the highlighted one with Enter', async () => {
    const { api } = fakeApi([anchor(1), anchor(2), anchor(3)]);
    await mount(api);
    expect(options().map((o) => o.querySelector('.option-name')?.textContent)).toEqual(['Project_Step3', 'Project_Step2', 'Project_Step1']);
    expect(document.activeElement).toBe(search());
    await press('ArrowDown');
    await press('Enter');
    expect(api.pick).toHaveBeenCalledWith('id-2');
  });

  it('past 50 results says how many more, and Show more and the arrow keys reach them', async () => {
    const { api } = fakeApi(Array.from({ length: 120 }, (_, i) => anchor(i)));
    await mount(api);
    expect(options()).toHaveLength(PAGE_SIZE);
    expect(root.querySelector('.more')?.textContent).toContain('70 more anchors match.');
    [...root.querySelectorAll('button')].find((b) => b.textContent === 'Show 50 more')!.click();
    await settle();
    expect(options()).toHaveLength(100);
    expect(root.querySelector('.more')?.textContent).toContain('20 more anchors match.');
    search().focus();
    for (let i = 0; i < 100; i += 1) await press('ArrowDown', {}, search());
    expect(options()).toHaveLength(120); // the arrow went past the 100th row and brought the rest
    expect(active()?.id).toBe('picker-option-100');
    expect(root.querySelector('.more')).toBeNull();
  });

  it('keeps the highlighted row in view as the arrows move it', async () => {
    const { api } = fakeApi(Array.from({ length: 30 }, (_, i) => anchor(i)));
    await mount(api);
    const scrolled = vi.mocked(Element.prototype.scrollIntoView);
    scrolled.mockClear();
    await press('ArrowDown', {}, search());
    await press('ArrowDown', {}, search());
    const last = scrolled.mock.contexts.at(-1) as Element;
    expect(last).toBe(active());
    expect(scrolled).toHaveBeenLastCalledWith({ block: 'nearest' });
  });

  it('Esc closes from anywhere in it', async () => {
    const { api } = fakeApi([anchor(1)]);
    await mount(api);
    await press('Escape', {}, search());
    (document.activeElement as HTMLElement | null)?.blur();
    await press('Escape', {}, document.body);
    expect(api.close).toHaveBeenCalledTimes(2);
  });

  it('Tab and Shift+Tab go round inside the dialog', async () => {
    const { api } = fakeApi(Array.from({ length: 60 }, (_, i) => anchor(i)));
    await mount(api);
    const names = () => (document.activeElement === search() ? 'search' : document.activeElement?.textContent);
    const seen: (string | null | undefined)[] = [];
    for (let i = 0; i < 4; i += 1) {
      await press('Tab');
      seen.push(names());
    }
    expect(seen).toEqual(['×', 'Show 10 more', 'search', '×']);
    await press('Tab', { shiftKey: true });
    await press('Tab', { shiftKey: true });
    expect(names()).toBe('Show 10 more');
  });

  it('follows the library as it changes, without asking on every keystroke', async () => {
    const { api, change } = fakeApi([anchor(1), anchor(2)]);
    await mount(api);
    await typeQuery('step');
    await typeQuery('step2');
    expect(options()).toHaveLength(1);
    expect(api.load).toHaveBeenCalledTimes(1);
    change([anchor(1), anchor(2), anchor(22)]);
    await settle();
    expect(options().map((o) => o.querySelector('.option-name')?.textContent)).toEqual(['Project_Step22', 'Project_Step2']);
    expect(api.load).toHaveBeenCalledTimes(2);
  });

  it('lists the newest at once on a slow read, and the whole library when it is in', async () => {
    const all = Array.from({ length: 5 }, (_, i) => anchor(i));
    let finish: (anchors: Anchor[]) => void = () => undefined;
    const { api } = fakeApi(all);
    api.load.mockImplementation((onFirstScreen) => {
      onFirstScreen?.({ anchors: [all[4]!, all[3]!], total: 5 });
      return new Promise<Anchor[]>((resolve) => (finish = resolve));
    });
    await mount(api);
    expect(options()).toHaveLength(2);
    expect(root.textContent).toContain('Loading the rest of the library (5 anchors)…');
    finish(all);
    await settle();
    expect(options()).toHaveLength(5);
    expect(root.textContent).not.toContain('Loading the rest');
  });

  it('a frame the content script did not open lists nothing', async () => {
    const { api } = fakeApi([anchor(1)], () => Promise.reject(new Error('This list was not opened from the Resume anchor button.')));
    await mount(api);
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('not opened from the Resume anchor button');
    expect(options()).toHaveLength(0);
    expect(api.load).not.toHaveBeenCalled();
  });

  it('asks before resuming a very long anchor', async () => {
    const { api } = fakeApi([anchor(1, { context: 'x'.repeat(13_000) })]);
    await mount(api);
    await press('Enter', {}, search());
    expect(root.querySelector('.long-warning')?.textContent).toContain('more than ChatGPT comfortably takes in one message');
    expect(api.pick).not.toHaveBeenCalled();
    [...root.querySelectorAll('button')].find((b) => b.textContent === 'Insert anyway')!.click();
    await settle();
    expect(api.pick).toHaveBeenCalledWith('id-1');
  });
  it('Enter pressed while the picker is still opening resumes the newest once the list is in', async () => {
    // A keyboard user opens the picker and presses Enter at once: the claim and the library are not through yet.
    let claimed: () => void = () => undefined;
    let finish: (anchors: Anchor[]) => void = () => undefined;
    const { api } = fakeApi([anchor(1), anchor(2)], () => new Promise<void>((resolve) => (claimed = resolve)));
    api.load.mockImplementation(() => new Promise<Anchor[]>((resolve) => (finish = resolve)));
    await mount(api);
    await press('Enter', {}, search());
    expect(api.pick).not.toHaveBeenCalled();
    claimed();
    await settle();
    expect(api.pick, 'nothing is chosen before the list is shown').not.toHaveBeenCalled();
    finish([anchor(1), anchor(2)]);
    await settle();
    expect(api.pick).toHaveBeenCalledTimes(1);
    expect(api.pick).toHaveBeenCalledWith('id-2');
  });

  it('typing after an early Enter drops it: the person is choosing', async () => {
    let finish: (anchors: Anchor[]) => void = () => undefined;
    const { api } = fakeApi([anchor(1), anchor(2)]);
    api.load.mockImplementation(() => new Promise<Anchor[]>((resolve) => (finish = resolve)));
    await mount(api);
    await press('Enter', {}, search());
    await typeQuery('Step1');
    finish([anchor(1), anchor(2)]);
    await settle();
    expect(api.pick).not.toHaveBeenCalled();
    expect(active()?.textContent).toContain('Project_Step1');
  });
});
