import type { Ref } from 'preact';
import { useMemo } from 'preact/hooks';
import { queryIndex, type AnchorGroup, type LibraryIndex, type SortOrder } from '../../lib/library/library-index';
import { searchTerms } from '../../lib/library/search';
import { EmptyState } from './EmptyState';
import { LibraryList } from './LibraryList';
import { Toolbar } from './Toolbar';

export type Filters = { query: string; project: string; sort: SortOrder; tag: string };

type Props = {
  index: LibraryIndex;
  partial: boolean;
  filters: Filters;
  onFilters: (filters: Filters) => void;
  searchRef: Ref<HTMLInputElement>;
  expandedName: string | null;
  onExpand: (name: string | null) => void;
  onDelete: (group: AnchorGroup) => void;
  focusRequest: number;
};

/** Search, filter and the list itself (or what to do when there is nothing to list). */
export function Library({ index, partial, filters, onFilters, searchRef, expandedName, onExpand, onDelete, focusRequest }: Props) {
  const groups = useMemo(() => queryIndex(index, filters), [index, filters]);
  const terms = useMemo(() => searchTerms(filters.query), [filters.query]);
  if (index.groups.length === 0) return <EmptyState />;
  return (
    <>
      <Toolbar
        index={index}
        {...filters}
        searchRef={searchRef}
        onQuery={(query) => onFilters({ ...filters, query })}
        onProject={(project) => onFilters({ ...filters, project })}
        onSort={(sort) => onFilters({ ...filters, sort })}
        onTag={(tag) => onFilters({ ...filters, tag })}
        onArrowDown={() => document.querySelector<HTMLElement>('[data-row][tabindex="0"]')?.focus()}
      />
      <p class="count muted" aria-live="polite">
        {partial
          ? 'Loading the whole library…'
          : groups.length === index.groups.length
            ? `${groups.length} ${groups.length === 1 ? 'anchor' : 'anchors'}`
            : `${groups.length} of ${index.groups.length} anchors`}
      </p>
      {groups.length === 0 ? (
        <p class="empty">
          No anchor matches{filters.query ? ` “${filters.query}”` : ''}
          {filters.project ? ` in ${filters.project}` : ''}
          {filters.tag ? ` tagged ${filters.tag}` : ''}.{' '}
          <button type="button" class="link" onClick={() => onFilters({ ...filters, query: '', project: '', tag: '' })}>
            Show all
          </button>
        </p>
      ) : (
        <LibraryList
          groups={groups}
          terms={terms}
          partial={partial}
          resetKey={`${filters.query}\n${filters.project}\n${filters.sort}\n${filters.tag}`}
          expandedName={expandedName}
          onExpand={onExpand}
          onDelete={onDelete}
          focusRequest={focusRequest}
        />
      )}
    </>
  );
}
