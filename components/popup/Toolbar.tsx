import type { Ref } from 'preact';
import type { LibraryIndex, SortOrder } from '../../lib/library/library-index';
import { noteSearchKey } from './perf';

type Props = {
  index: LibraryIndex;
  query: string;
  project: string;
  sort: SortOrder;
  tag: string;
  searchRef: Ref<HTMLInputElement>;
  onQuery: (query: string) => void;
  onProject: (project: string) => void;
  onSort: (sort: SortOrder) => void;
  onTag: (tag: string) => void;
  /** ↓ in the search box goes to the list. */
  onArrowDown: () => void;
};

/** Search as you type, filter by project (and by tag, once any name has one), sort. */
export function Toolbar({ index, query, project, sort, tag, searchRef, onQuery, onProject, onSort, onTag, onArrowDown }: Props) {
  return (
    <div class="toolbar">
      <input
        ref={searchRef}
        type="search"
        class="search"
        aria-label="Search anchors"
        placeholder="Search anchors"
        title="Search every field of every version (/ to focus, Esc to clear, ↓ to the list)"
        value={query}
        onKeyDown={(event) => {
          noteSearchKey(event.timeStamp);
          if (event.key === 'Escape' && query) {
            event.preventDefault();
            onQuery('');
          } else if (event.key === 'ArrowDown') {
            event.preventDefault();
            onArrowDown();
          }
        }}
        onInput={(event) => onQuery(event.currentTarget.value)}
      />
      <select aria-label="Project" title="Show one project (the name before the first _)" value={project} onChange={(event) => onProject(event.currentTarget.value)}>
        <option value="">All projects</option>
        {index.projects.map((p) => (
          <option key={p.name} value={p.name}>
            {p.name} ({p.count})
          </option>
        ))}
      </select>
      {(index.tags.length > 0 || tag) && (
        <select aria-label="Tag" title="Show the anchors with one tag (set in an anchor's details)" value={tag} onChange={(event) => onTag(event.currentTarget.value)}>
          <option value="">All tags</option>
          {index.tags.map((t) => (
            <option key={t.name} value={t.name}>
              {t.name} ({t.count})
            </option>
          ))}
        </select>
      )}
      <select aria-label="Sort" value={sort} onChange={(event) => onSort(event.currentTarget.value as SortOrder)}>
        <option value="newest">Newest first</option>
        <option value="name">By name</option>
      </select>
    </div>
  );
}
