import { useEffect, useState } from 'preact/hooks';

/** A value that components can watch; the in-page UI's state lives here, not in components. */
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

export function useStore<T extends object>(store: Store<T>): T {
  const [value, setValue] = useState(store.get());
  useEffect(() => {
    const unsubscribe = store.subscribe(setValue);
    // A change between the first render and this effect (effects run after paint) is not lost.
    setValue(store.get());
    return unsubscribe;
  }, [store]);
  return value;
}
