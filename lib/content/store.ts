/**
 * A value to watch. The in-page UI's state lives here, not in components: they are functions of
 * it, drawn again on every change (entrypoints/chatgpt.content/run.tsx), and carry no hooks.
 */
export type Store<T> = {
  get(): T;
  set(change: Partial<T>): void;
  subscribe(listener: (value: T) => void): () => void;
};

export function createStore<T extends object>(initial: T): Store<T> {
  let value = initial;
  const listeners = new Set<(value: T) => void>();
  return {
    get: () => value,
    set(change) {
      value = { ...value, ...change };
      for (const listener of listeners) listener(value);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
