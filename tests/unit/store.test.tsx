// @vitest-environment happy-dom
import { render } from 'preact';
import { expect, it } from 'vitest';
import { createStore, useStore } from '../../lib/content/store';

function Shown({ store }: { store: ReturnType<typeof createStore<{ text: string }>> }) {
  return <p>{useStore(store).text}</p>;
}

it('a component shows a change made after its first render but before its effects ran', async () => {
  // The in-page UI mounts once the page has settled; a command may have changed the state meanwhile.
  const store = createStore({ text: 'first' });
  const root = document.createElement('div');
  render(<Shown store={store} />, root);
  store.set({ text: 'changed before the effect' });
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(root.textContent).toBe('changed before the effect');
  store.set({ text: 'and after' });
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(root.textContent).toBe('and after');
});
