import type { ComponentChildren, Ref } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

/**
 * Windowing: only the rows in view (plus a few) are in the DOM, so 10,000 anchors cost what 15 do.
 * Collapsed rows have a fixed height; at most one row is expanded, and its height is measured.
 */

const OVERSCAN = 4;

export interface Layout {
  rowHeight: number;
  expanded: number;
  /** Extra height of the expanded row over a collapsed one. */
  extra: number;
}

export const offsetOf = ({ rowHeight, expanded, extra }: Layout, i: number): number =>
  i * rowHeight + (expanded >= 0 && i > expanded ? extra : 0);

export function indexAt({ rowHeight, expanded, extra }: Layout, y: number): number {
  if (expanded >= 0 && y >= expanded * rowHeight) {
    return y < (expanded + 1) * rowHeight + extra ? expanded : Math.floor((y - extra) / rowHeight);
  }
  return Math.floor(y / rowHeight);
}

/** Scrolls the viewport just enough to show row `i` (its top when the row is taller than the view). */
export function scrollToRow(viewport: HTMLElement, layout: Layout, i: number): void {
  const top = offsetOf(layout, i);
  const bottom = top + layout.rowHeight + (i === layout.expanded ? layout.extra : 0);
  if (top < viewport.scrollTop) viewport.scrollTop = top;
  else if (bottom > viewport.scrollTop + viewport.clientHeight) {
    viewport.scrollTop = Math.min(top, bottom - viewport.clientHeight);
  }
}

type Props = {
  count: number;
  rowHeight: number;
  expanded: number;
  /** Rows always rendered (the focused one), even when scrolled away. */
  keep: number;
  label: string;
  viewportRef: Ref<HTMLDivElement>;
  renderRow: (index: number) => ComponentChildren;
  onLayout?: (layout: Layout) => void;
  onKeyDown?: (event: KeyboardEvent) => void;
};

export function VirtualList({ count, rowHeight, expanded, keep, label, viewportRef, renderRow, onLayout, onKeyDown }: Props) {
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(520);
  const [expandedHeight, setExpandedHeight] = useState(rowHeight);
  const own = useRef<HTMLDivElement | null>(null);
  const expandedRow = useRef<HTMLLIElement | null>(null);

  useLayoutEffect(() => {
    const viewport = own.current;
    if (!viewport) return;
    setHeight(viewport.clientHeight || 520);
    const observer = new ResizeObserver(() => setHeight(viewport.clientHeight || 520));
    observer.observe(viewport);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const row = expandedRow.current;
    if (!row) return setExpandedHeight(rowHeight);
    setExpandedHeight(row.offsetHeight);
    const observer = new ResizeObserver(() => setExpandedHeight(row.offsetHeight));
    observer.observe(row);
    return () => observer.disconnect();
  }, [expanded, count, rowHeight]);

  const e = expanded >= 0 && expanded < count ? expanded : -1;
  const layout: Layout = { rowHeight, expanded: e, extra: e >= 0 ? Math.max(0, expandedHeight - rowHeight) : 0 };
  useLayoutEffect(() => onLayout?.(layout), [layout.rowHeight, layout.expanded, layout.extra]);

  const first = Math.max(0, indexAt(layout, scrollTop) - OVERSCAN);
  const last = Math.min(count - 1, indexAt(layout, scrollTop + height) + OVERSCAN);
  const indexes: number[] = [];
  if (keep >= 0 && keep < first) indexes.push(keep);
  if (e >= 0 && e < first && e !== keep) indexes.push(e);
  for (let i = first; i <= last; i += 1) indexes.push(i);
  if (e > last) indexes.push(e);
  if (keep > last && keep !== e) indexes.push(keep);

  const total = count * rowHeight + layout.extra;
  const setViewport = (el: HTMLDivElement | null) => {
    own.current = el;
    if (typeof viewportRef === 'function') viewportRef(el);
    else if (viewportRef) viewportRef.current = el;
  };

  return (
    <div class="viewport" ref={setViewport} onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}>
      <ul class="rows" aria-label={label} style={{ height: `${total}px` }} onKeyDown={onKeyDown}>
        {indexes.map((i) => (
          <li
            key={i}
            ref={i === e ? expandedRow : undefined}
            class={i === e ? 'slot expanded' : 'slot'}
            style={{ top: `${offsetOf(layout, i)}px`, height: i === e ? undefined : `${rowHeight}px` }}
            aria-setsize={count}
            aria-posinset={i + 1}
          >
            {renderRow(i)}
          </li>
        ))}
      </ul>
    </div>
  );
}
