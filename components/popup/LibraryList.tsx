import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { AnchorGroup } from '../../lib/library/library-index';
import { AnchorRow } from './AnchorRow';
import { usePopupApi } from './context';
import { markSearchRendered } from './perf';
import { VirtualList, scrollToRow, type Layout } from './VirtualList';

export const ROW_HEIGHT = 68;

type Props = {
  groups: AnchorGroup[];
  terms: string[];
  partial: boolean;
  /** Changes when the search, filter or sort changes: the list starts again at the top. */
  resetKey: string;
  expandedName: string | null;
  onExpand: (name: string | null) => void;
  onDelete: (group: AnchorGroup) => void;
  /** Bumped by the parent to move focus to the expanded row (after an edit, say). */
  focusRequest: number;
};

/**
 * The anchors as a list of disclosure rows. One row is in the tab order at a time (roving
 * tabindex); arrows, Home/End and PageUp/PageDown move between rows, Enter expands, R resumes
 * the latest version.
 */
export function LibraryList({ groups, terms, partial, resetKey, expandedName, onExpand, onDelete, focusRequest }: Props) {
  const api = usePopupApi();
  const [active, setActive] = useState(0);
  const pendingFocus = useRef(false);
  const hadFocus = useRef(false);
  const viewport = useRef<HTMLDivElement | null>(null);
  const layout = useRef<Layout>({ rowHeight: ROW_HEIGHT, expanded: -1, extra: 0 });
  const expanded = expandedName === null ? -1 : groups.findIndex((g) => g.name === expandedName);
  const current = Math.min(active, groups.length - 1);

  // A new search starts at the top.
  useLayoutEffect(() => {
    if (viewport.current) viewport.current.scrollTop = 0;
    setActive(expanded >= 0 ? expanded : 0);
  }, [resetKey]);

  // New results are in the DOM. If the focused row went away (deleted), focus its neighbour.
  useLayoutEffect(() => {
    markSearchRendered();
    if (hadFocus.current && document.activeElement === document.body) pendingFocus.current = true;
  }, [groups]);

  useLayoutEffect(() => {
    if (focusRequest === 0 || expanded < 0) return;
    setActive(expanded);
    pendingFocus.current = true;
  }, [focusRequest]);

  useLayoutEffect(() => {
    if (!pendingFocus.current || !viewport.current) return;
    pendingFocus.current = false;
    scrollToRow(viewport.current, layout.current, current);
    viewport.current.querySelector<HTMLElement>(`[data-row="${current}"]`)?.focus();
  });

  const move = (to: number) => {
    setActive(Math.max(0, Math.min(groups.length - 1, to)));
    pendingFocus.current = true;
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const row = (event.target as HTMLElement).dataset.row;
    if (row === undefined) return; // keys inside an expanded row's controls are theirs
    const i = Number(row);
    const page = Math.max(1, Math.floor((viewport.current?.clientHeight ?? 500) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: i + 1,
      ArrowUp: i - 1,
      Home: 0,
      End: groups.length - 1,
      PageDown: i + page,
      PageUp: i - page,
    };
    if (event.key in moves) {
      event.preventDefault();
      move(moves[event.key]!);
    } else if (event.key === 'Escape' && i === expanded) {
      event.preventDefault();
      onExpand(null);
    } else if (event.key.toLowerCase() === 'r' && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      const group = groups[i];
      if (group) api.resume(group.versions[0]!);
    } else if (event.key === 'Delete') {
      event.preventDefault();
      const group = groups[i];
      if (group) onDelete(group);
    }
  };

  return (
    <div
      class="list-wrap"
      onFocusIn={() => (hadFocus.current = true)}
      // Focus leaving to nowhere (its row was removed) still counts as the list's: see above.
      onFocusOut={(event) => event.relatedTarget && (hadFocus.current = false)}
    >
    <VirtualList
      count={groups.length}
      rowHeight={ROW_HEIGHT}
      expanded={expanded}
      keep={current}
      label="Anchors"
      viewportRef={viewport}
      onLayout={(value) => (layout.current = value)}
      onKeyDown={onKeyDown}
      renderRow={(i) => {
        const group = groups[i]!;
        return (
          <AnchorRow
            key={group.name}
            index={i}
            group={group}
            terms={terms}
            expanded={i === expanded}
            partial={partial}
            tabbable={i === current}
            onFocus={() => setActive(i)}
            onToggle={() => onExpand(i === expanded ? null : group.name)}
          />
        );
      }}
    />
    </div>
  );
}
