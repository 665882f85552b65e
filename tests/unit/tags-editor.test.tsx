// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TagsEditor } from '../../components/TagsEditor';

let root: HTMLElement;
afterEach(() => {
  render(null, root);
  root.remove();
});

async function show(tags: string[] | undefined, onSave: (tags: string[]) => Promise<void>) {
  root = document.createElement('div');
  document.body.append(root);
  await act(() => render(<TagsEditor name="Thesis_Ch3" tags={tags} onSave={onSave} heading="h2" />, root));
}

const button = (name: string) => [...root.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent) === name)!;
const field = () => root.querySelector('input')!;

async function type(value: string) {
  await act(() => {
    field().value = value;
    field().dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('TagsEditor', () => {
  it('shows the tags, and saves what is typed, normalised', async () => {
    const onSave = vi.fn(async () => {});
    await show(['thesis'], onSave);
    expect([...root.querySelectorAll('.tag')].map((t) => t.textContent)).toEqual(['thesis']);
    await act(() => button('Change tags of Thesis_Ch3').click());
    expect(field().value).toBe('thesis');
    expect(document.activeElement).toBe(field());
    await type('thesis, #Writing ,, THESIS');
    await act(async () => button('Save tags').click());
    await act(async () => {});
    expect(onSave).toHaveBeenCalledWith(['thesis', 'Writing']);
    expect(root.querySelector('input')).toBeNull(); // closed
    expect(document.activeElement).toBe(button('Change tags of Thesis_Ch3')); // focus back where it was
  });

  it('refuses a tag over the limit with the rule, saving nothing, and keeps the edit open', async () => {
    const onSave = vi.fn(async () => {});
    await show(undefined, onSave);
    expect(root.textContent).toContain('No tags');
    await act(() => button('Change tags of Thesis_Ch3').click());
    await type('x'.repeat(41));
    await act(() => button('Save tags').click());
    expect(onSave).not.toHaveBeenCalled();
    expect(root.querySelector('[role="alert"]')?.textContent).toMatch(/is longer than 40 characters/);
    expect(field().getAttribute('aria-invalid')).toBe('true');
  });

  it('shows a failed save next to the field and keeps what was typed', async () => {
    await show(['a'], async () => {
      throw new Error('The browser refused to store more data (storage is full). Nothing was changed.');
    });
    await act(() => button('Change tags of Thesis_Ch3').click());
    await type('a, b');
    await act(async () => button('Save tags').click());
    await act(async () => {});
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('storage is full');
    expect(field().value).toBe('a, b');
  });

  it('Escape cancels without saving', async () => {
    const onSave = vi.fn(async () => {});
    await show(['a'], onSave);
    await act(() => button('Change tags of Thesis_Ch3').click());
    await type('b');
    await act(() => {
      field().dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(onSave).not.toHaveBeenCalled();
    expect([...root.querySelectorAll('.tag')].map((t) => t.textContent)).toEqual(['a']);
  });
});
