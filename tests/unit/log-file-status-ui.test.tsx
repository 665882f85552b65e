// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LogFileApi } from '../../components/log-file/api';
import { LogFileStatus } from '../../components/log-file/LogFileStatus';
import type { LogFileView } from '../../lib/log-file/records';

/** The component against a fake of its one API object: no IndexedDB, no browser. */
function fakeApi(overrides: Partial<LogFileApi> = {}): LogFileApi {
  return {
    read: vi.fn(async () => null),
    check: vi.fn(async () => null),
    allowWriting: vi.fn(async () => 'granted' as const),
    resolve: vi.fn(async () => ({ view: null })),
    watch: vi.fn(() => () => {}),
    openSettings: vi.fn(async () => {}),
    ...overrides,
  };
}

const at = new Date().toISOString();
const base: LogFileView = { folder: 'Anchors', perProject: false, files: ['GPT Anchors Log.md'], writtenAt: at };
const offered: LogFileView = {
  ...base,
  problem: { kind: 'changed-elsewhere', at, offer: { files: [{ name: 'GPT Anchors Log.md', hash: 'h' }], added: 3, changed: 1 } },
};

let root: HTMLElement;
afterEach(() => {
  render(null, root);
  root.remove();
});

async function show(api: LogFileApi, view: LogFileView) {
  root = document.createElement('div');
  document.body.append(root);
  const onView = vi.fn();
  await act(() => render(<LogFileStatus api={api} view={view} onView={onView} />, root));
  return onView;
}

const button = (name: string) => [...root.querySelectorAll('button')].find((b) => b.textContent === name);
/** Clicks and lets the handler's promises settle (the fake answers at once). */
const click = (name: string) =>
  act(async () => {
    button(name)!.click();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });

describe('LogFileStatus', () => {
  it('shows where the log is kept and when it was written', async () => {
    await show(fakeApi(), base);
    expect(root.textContent).toContain('Log kept in Anchors/ · written just now');
    expect(root.querySelector('[role="alert"]')).toBeNull();
  });

  it('offers a change made elsewhere with Import / Keep the library’s, and says what came in', async () => {
    const api = fakeApi({ resolve: vi.fn(async () => ({ view: base, imported: { added: 3, changed: 1 } })) });
    const onView = await show(api, offered);
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('3 new, 1 changed in your log file.');
    await click('Import');
    expect(api.resolve).toHaveBeenCalledWith('import');
    expect(onView).toHaveBeenCalledWith(base);
    expect(root.textContent).toContain('Imported 3 new and 1 changed from your log file (the previous text is in the trash); the file was rewritten.');
  });

  it('does not claim the file was rewritten when the write after the answer failed', async () => {
    const failed: LogFileView = { ...base, problem: { kind: 'permission', at } };
    const api = fakeApi({ resolve: vi.fn(async () => ({ view: failed })) });
    await show(api, offered);
    await click("Keep the library's");
    expect(api.resolve).toHaveBeenCalledWith('keepLibrary');
    expect(button("Keep the library's")?.disabled, 'the answer has been handled').toBe(false);
    expect(root.textContent).not.toContain('rewritten');
  });

  it('asks for permission from the click, then checks again; a refusal is said plainly', async () => {
    const view: LogFileView = { ...base, problem: { kind: 'permission', at } };
    const api = fakeApi({ check: vi.fn(async () => base) });
    const onView = await show(api, view);
    await click('Allow writing to Anchors/');
    expect(api.allowWriting).toHaveBeenCalledTimes(1);
    expect(onView).toHaveBeenCalledWith(base);

    const refusing = fakeApi({ allowWriting: vi.fn(async () => 'denied' as const) });
    render(null, root);
    root.remove();
    await show(refusing, view);
    await click('Allow writing to Anchors/');
    expect(refusing.check).not.toHaveBeenCalled();
    expect(root.textContent).toContain('Writing to Anchors/ was not allowed. Your library is safe');
  });

  it('a folder gone sends the person to Settings', async () => {
    const api = fakeApi();
    await show(api, { ...base, problem: { kind: 'folder-gone', at } });
    await click('Open Settings');
    expect(api.openSettings).toHaveBeenCalled();
  });
});
