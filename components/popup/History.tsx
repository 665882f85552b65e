import type { AnchorGroup } from '../../lib/library/library-index';
import { usePopupApi } from './context';
import { RelTime } from './RelTime';

const ORIGINS: Record<string, string> = {
  captured: 'saved from a reply',
  requested: 'asked for',
  selection: 'from a selection',
  manual: 'edited',
  imported: 'imported',
  rescued: 'rescued from a full chat',
};

/** Every version with its time, newest first; pick one to show it, or delete just that one. */
export function History({ group, selected, onSelect }: { group: AnchorGroup; selected: number; onSelect: (i: number) => void }) {
  const api = usePopupApi();
  const count = group.versions.length;
  return (
    <section class="history" aria-label="History">
      <h2>History</h2>
      <ol>
        {group.versions.map((version, i) => {
          const label = `Version ${count - i}`;
          return (
            <li key={version.id} class={i === selected ? 'current' : undefined}>
              <button type="button" class="link" aria-pressed={i === selected} title="Show this version" onClick={() => onSelect(i)}>
                {label}
                {i === 0 ? ' (latest)' : ''}
              </button>
              <span class="muted">
                {' '}
                <RelTime iso={version.createdAt} timeKnown={version.timeKnown} /> · {ORIGINS[version.origin] ?? version.origin}
              </span>
              {count > 1 && (
                <button
                  type="button"
                  class="link danger"
                  aria-label={`Delete ${label.toLowerCase()}`}
                  title="Move only this version to the trash"
                  onClick={() => api.trash([version], `${label.toLowerCase()} of [${group.name}]`)}
                >
                  Delete
                </button>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
