import type { BoardSort } from '../../lib/library/board';

export type GroupBy = 'project' | 'tag';
export type BoardFilters = { query: string; tag: string; staleOnly: boolean; sort: BoardSort; groupBy: GroupBy };

type Props = {
  filters: BoardFilters;
  tags: { name: string; count: number }[];
  staleAfterDays: number;
  onChange: (filters: BoardFilters) => void;
};

/** Search the cards, group by project or tag, filter by tag or staleness, sort. */
export function BoardToolbar({ filters, tags, staleAfterDays, onChange }: Props) {
  const set = (change: Partial<BoardFilters>) => onChange({ ...filters, ...change });
  return (
    <div class="board-toolbar" role="search">
      <input
        type="search"
        class="search"
        aria-label="Search projects"
        placeholder="Search projects"
        title="Words in a project's name, next action, dependencies or tags"
        value={filters.query}
        onInput={(event) => set({ query: event.currentTarget.value })}
        onKeyDown={(event) => event.key === 'Escape' && filters.query && set({ query: '' })}
      />
      <label>
        Group by{' '}
        <select
          value={filters.groupBy}
          title="Project: the name before the first _ (Capstone_Step9 → Capstone). Tag: the tags set in an anchor's details."
          onChange={(event) => set({ groupBy: event.currentTarget.value === 'tag' ? 'tag' : 'project' })}>
          <option value="project">Project</option>
          <option value="tag">Tag</option>
        </select>
      </label>
      {(tags.length > 0 || filters.tag) && (
        <label>
          Tag{' '}
          <select value={filters.tag} onChange={(event) => set({ tag: event.currentTarget.value })}>
            <option value="">All tags</option>
            {tags.map((t) => (
              <option key={t.name} value={t.name}>
                {t.name} ({t.count})
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        Sort{' '}
        <select value={filters.sort} onChange={(event) => set({ sort: event.currentTarget.value as BoardSort })}>
          <option value="recent">Most recently active</option>
          <option value="idle">Longest idle</option>
          <option value="name">Name</option>
        </select>
      </label>
      <label class="check" title={`Nothing saved or resumed for ${staleAfterDays} days or more`}>
        <input type="checkbox" checked={filters.staleOnly} onChange={(event) => set({ staleOnly: event.currentTarget.checked })} /> Stale only
      </label>
    </div>
  );
}
