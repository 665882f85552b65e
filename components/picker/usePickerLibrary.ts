import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Anchor } from '../../lib/anchor';
import { buildIndex, prepareSearch, type LibraryIndex } from '../../lib/library-index';
import type { PickerApi } from './api';

export type PickerLibrary = { index: LibraryIndex | null; error: string | null };

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The library, read once the picker's session is claimed (`ready`) and again whenever it
 * changes; every keystroke then searches it in memory (lib/library-index.ts, the popup's search).
 */
export function usePickerLibrary(api: PickerApi, ready: boolean): PickerLibrary {
  const [anchors, setAnchors] = useState<Anchor[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);

  useEffect(() => {
    if (!ready) return;
    const load = () => {
      const mine = ++generation.current;
      api.load().then(
        (read) => {
          if (mine !== generation.current) return; // a later read won the race
          setAnchors(read);
          setError(null);
        },
        (failure: unknown) => setError(`The library could not be read: ${errorText(failure)}`),
      );
    };
    load();
    return api.watch(load);
  }, [api, ready]);

  const index = useMemo(() => (anchors ? buildIndex(anchors) : null), [anchors]);
  // The search text is built while the person looks at the list, not on the first keystroke.
  useEffect(() => {
    if (!index) return;
    const idle = globalThis.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 0));
    idle(() => prepareSearch(index));
  }, [index]);

  return { index, error };
}
