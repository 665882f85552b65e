// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Anchor } from '../../lib/model/anchor';
import type { MaskedToast, SavedToast } from '../../lib/content/controller';
import { AnchorBar } from '../../components/AnchorBar';
import { SaveToast, type ToastActions } from '../../components/SaveToast';

/**
 * The in-page UI sits in open shadow roots, so ChatGPT's page (or an XSS there) can find our
 * buttons and dispatch events on them. Those events are untrusted: none of them may save, open
 * the picker, undo, mask, delete or rename. (A person's click is trusted; the e2e tests click.)
 */

const anchor: Anchor = {
  id: 'a1',
  name: 'Bot_Deploy',
  context: 'c',
  milestone: 'm',
  nextAction: 'n',
  dependencies: ['OPENAI_API_KEY=sk-proj-abcDEF1234567890abcdef1234'],
  createdAt: '2026-01-01T10:00:00.000Z',
  timeKnown: true,
  source: {},
  origin: 'captured',
  resumeCount: 0,
};
const saved: SavedToast = { kind: 'saved', anchor, duplicate: false, secrets: ['OpenAI key'], receipt: 'r1' };
const masked: MaskedToast = { kind: 'masked', anchor: { ...anchor, id: 'a2' }, receipt: 'r2', unmaskedDeleted: false, previous: saved };

let root: HTMLElement;
function mount(node: preact.ComponentChild): HTMLElement {
  root = document.createElement('div');
  document.body.append(root);
  render(node, root);
  return root;
}
afterEach(() => {
  render(null, root);
  root.remove();
});

const button = (name: string) => {
  const found = [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
  if (!found) throw new Error(`no button ${name}`);
  return found;
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** What a person's click looks like to a handler (a test cannot make a really trusted event). */
function trustedClick(target: Element): void {
  const event = new MouseEvent('click', { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'isTrusted', { value: true });
  target.dispatchEvent(event);
}

describe('untrusted events do nothing', () => {
  it('on the bar: Save anchor, Cancel and Resume anchor, and Cancel of a resume', async () => {
    const onSave = vi.fn();
    const onResume = vi.fn();
    mount(<AnchorBar saving={null} resuming={false} missing={[]} keys={null} onSave={onSave} onResume={onResume} onCheckPage={vi.fn()} />);
    button('Save anchor').click();
    button('Resume anchor').dispatchEvent(new MouseEvent('click', { bubbles: true }));
    button('Resume anchor').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    render(<AnchorBar saving="waiting" resuming={false} missing={[]} keys={null} onSave={onSave} onResume={onResume} onCheckPage={vi.fn()} />, root);
    root.querySelector<HTMLButtonElement>('button.busy')!.click();
    await settle();
    expect(onSave).not.toHaveBeenCalled();
    expect(onResume).not.toHaveBeenCalled();
    // The same buttons do act on a person's click.
    trustedClick(root.querySelector('button.busy')!);
    expect(onSave).toHaveBeenCalledTimes(1);

    render(<AnchorBar saving={null} resuming={true} missing={[]} keys={null} onSave={onSave} onResume={onResume} onCheckPage={vi.fn()} />, root);
    const cancelResume = root.querySelector<HTMLButtonElement>('button[aria-label="Cancel resuming anchor"]')!;
    cancelResume.click();
    await settle();
    expect(onResume).not.toHaveBeenCalled();
    trustedClick(cancelResume);
    expect(onResume).toHaveBeenCalledTimes(1);
    expect(button('Save anchor').disabled).toBe(true);
  });

  it('on the toast: Undo, Mask, Delete the unmasked version, Rename', async () => {
    const actions = toastActions();
    mount(<SaveToast toast={saved} rename={null} actions={actions} />);
    button('Undo').click();
    button('Mask').click();
    button('Rename').click();
    button('Rename').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    render(<SaveToast toast={masked} rename={null} actions={actions} />, root);
    button('Undo').click();
    button('Delete the unmasked version').click();
    await settle();
    expect(actions.undo).not.toHaveBeenCalled();
    expect(actions.mask).not.toHaveBeenCalled();
    expect(actions.deleteUnmasked).not.toHaveBeenCalled();
    expect(actions.startRename).not.toHaveBeenCalled(); // the rename form does not open either
    trustedClick(button('Undo'));
    trustedClick(button('Delete the unmasked version'));
    trustedClick(button('Rename'));
    expect(actions.undo).toHaveBeenCalledWith(masked);
    expect(actions.deleteUnmasked).toHaveBeenCalledWith(masked);
    expect(actions.startRename).toHaveBeenCalledTimes(1);
  });

  it('on the rename form: neither requestSubmit() nor a scripted click renames', async () => {
    const actions = toastActions();
    mount(<SaveToast toast={saved} rename={{ error: null }} actions={actions} />);
    const form = root.querySelector<HTMLFormElement>('form.rename')!;
    const field = root.querySelector<HTMLInputElement>('form.rename input')!;
    expect(field.value).toBe(saved.anchor.name);
    field.value = 'Planted_Name';
    form.requestSubmit();
    button('Save name').click();
    await settle();
    expect(actions.rename).not.toHaveBeenCalled();
    trustedClick(button('Save name'));
    await settle();
    expect(actions.rename).toHaveBeenCalledWith(saved, 'Planted_Name');
  });

  it('shows the rule a name broke next to the field', () => {
    mount(<SaveToast toast={saved} rename={{ error: 'The name is empty.' }} actions={toastActions()} />);
    expect(root.querySelector('[role="alert"]')?.textContent).toBe('The name is empty.');
    expect(root.querySelector('input')?.getAttribute('aria-invalid')).toBe('true');
  });
});

/** The controller's toast actions, as mocks. */
function toastActions(): { [K in keyof ToastActions]: ReturnType<typeof vi.fn> } & ToastActions {
  return {
    undo: vi.fn(),
    startRename: vi.fn(),
    rename: vi.fn(async () => undefined),
    cancelRename: vi.fn(),
    mask: vi.fn(),
    deleteUnmasked: vi.fn(),
    dismissToast: vi.fn(),
    holdToast: vi.fn(),
  } as never;
}
