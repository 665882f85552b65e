import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Anchor } from '../../lib/model/anchor';
import { watchChanges } from '../../lib/storage/changes';
import { buildIndex, prepareSearch, type LibraryIndex } from '../../lib/library/library-index';
import { readAllAnchors, readNewestAnchors } from '../../lib/storage/db-read';
import { errorText } from './context';
import { loadActions } from './lazy';

/** Enough anchors for the first screen (a dozen rows, some with several versions). */
const FIRST_SCREEN = 40;

let firstRead: Promise<Anchor[] | null> | undefined;

/** Starts reading the first screen before Preact renders anything (main.tsx calls it first thing). */
export function startFirstRead(): void {
  if (firstRead) return;
  performance.mark('first-screen-read-start');
  firstRead = readNewestAnchors(FIRST_SCREEN).finally(() => performance.mark('first-screen-read'));
}

const afterNextPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

export type Library = {
  index: LibraryIndex | null;
  /** Only the newest anchors have been read so far: counts and history may be incomplete. */
  partial: boolean;
  trash: Anchor[];
  error: string | null;
};

type Loaded = { anchors: Anchor[]; partial: boolean };

/**
 * Every stored anchor, kept current: the first screen at once, then the whole library (both
 * without zod, see lib/storage/db-read.ts), then again whenever any extension page or the background
 * announces a change.
 */
export function useLibrary(): Library {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);

  useEffect(() => {
    const load = async (first: boolean) => {
      const mine = ++generation.current;
      const current = () => mine === generation.current; // a later read won the race: drop this one
      try {
        if (first) {
          startFirstRead();
          const newest = await firstRead!;
          if (newest && current()) {
            setLoaded({ anchors: newest, partial: true });
            await afterNextPaint(); // the big read competes for the CPU: let the first screen paint first
          }
        }
        const all = (await readAllAnchors()) ?? (await (await loadActions()).listAllAnchors());
        if (first) performance.mark('library-read');
        if (current()) setLoaded({ anchors: all, partial: false });
        setError(null);
      } catch (e) {
        setError(`The library could not be read: ${errorText(e)}`);
        setLoaded((now) => now ?? { anchors: [], partial: false });
      }
    };
    void load(true);
    return watchChanges((kind) => kind === 'anchors' && void load(false));
  }, []);

  const index = useMemo(() => (loaded ? buildIndex(loaded.anchors) : null), [loaded]);
  const trash = useMemo(() => (loaded?.partial ? [] : (loaded?.anchors ?? []).filter((a) => a.deletedAt)), [loaded]);

  // The lower-cased search text is built while the person looks at the list, not on the first keystroke.
  useEffect(() => {
    if (!index || loaded?.partial) return;
    const idle = globalThis.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 50));
    idle(() => prepareSearch(index));
  }, [index]);

  return { index, partial: loaded?.partial ?? true, trash, error };
}
