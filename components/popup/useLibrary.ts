import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Anchor } from '../../lib/anchor';
import { watchChanges } from '../../lib/changes';
import { buildIndex, prepareSearch, type LibraryIndex } from '../../lib/library-index';
import { readAllAnchors } from '../../entrypoints/popup/read-library';
import { errorText } from './context';
import { loadActions } from './lazy';

export type Library = { index: LibraryIndex | null; trash: Anchor[]; error: string | null };

/**
 * Every stored anchor, kept current: read at once (without zod, see read-library.ts), read
 * again whenever any extension page, the background included, announces a change.
 */
export function useLibrary(): Library {
  const [anchors, setAnchors] = useState<Anchor[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);

  useEffect(() => {
    const load = async () => {
      const mine = ++generation.current;
      try {
        const all = (await readAllAnchors()) ?? (await (await loadActions()).listAllAnchors());
        if (mine === generation.current) setAnchors(all); // a later read won the race: drop this one
        setError(null);
      } catch (e) {
        setError(`The library could not be read: ${errorText(e)}`);
        setAnchors((current) => current ?? []);
      }
    };
    void load();
    return watchChanges((kind) => kind === 'anchors' && void load());
  }, []);

  const index = useMemo(() => (anchors ? buildIndex(anchors) : null), [anchors]);
  const trash = useMemo(() => (anchors ?? []).filter((anchor) => anchor.deletedAt), [anchors]);

  // The lower-cased search text is built while the person looks at the list, not on the first keystroke.
  useEffect(() => {
    if (!index) return;
    const idle = globalThis.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 50));
    idle(() => prepareSearch(index));
  }, [index]);

  return { index, trash, error };
}
