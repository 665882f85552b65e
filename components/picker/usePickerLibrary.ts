import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Anchor } from '../../lib/model/anchor';
import { buildIndex, prepareSearch, type LibraryIndex } from '../../lib/library/library-index';
import type { PickerApi } from './api';

/** `loading`: only the newest anchors are in so far (`total`: how many there are, when known). */
export type PickerLibrary = { index: LibraryIndex | null; loading: { total: number | null } | null; error: string | null };

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The library, read once the picker's session is claimed (`ready`) and again whenever it
 * changes; every keystroke then searches it in memory (lib/library/library-index.ts, the popup's search).
 */
export function usePickerLibrary(api: PickerApi, ready: boolean): PickerLibrary {
  const [anchors, setAnchors] = useState<Anchor[] | null>(null);
  const [loading, setLoading] = useState<{ total: number | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);

  useEffect(() => {
    if (!ready) return;
    const load = () => {
      const mine = ++generation.current;
      let complete = false;
      const onFirstScreen = ({ anchors: newest, total }: { anchors: Anchor[]; total: number | null }) => {
        if (mine !== generation.current || complete) return;
        setAnchors((shown) => shown ?? newest); // only before anything is shown: a reload keeps the full list until it is replaced
        setLoading((now) => now ?? { total });
      };
      api.load(onFirstScreen).then(
        (read) => {
          complete = true;
          if (mine !== generation.current) return; // a later read won the race
          if (!performance.getEntriesByName('library-read').length) performance.mark('library-read'); // for the bench
          setAnchors(read);
          setLoading(null);
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

  return { index, loading, error };
}
