import { ExportMenu } from './ExportMenu';
import { ImportButton } from './ImportButton';
import { errorText, usePopupApi } from './context';
import { loadActions } from './lazy';

type Props = { view: 'library' | 'trash'; trashCount: number; onView: (view: 'library' | 'trash') => void };

/** Title, export, import, trash and settings. */
export function HeaderBar({ view, trashCount, onView }: Props) {
  const api = usePopupApi();
  const openSettings = () =>
    loadActions()
      .then((actions) => actions.openSettings())
      .catch((error: unknown) => api.notify(errorText(error), 'error'));
  return (
    <header class="head">
      <h1>GPT Anchors</h1>
      {/* The full-page library (entrypoints/library/): projects at a glance, lineage, tags. */}
      <a class="btn" href="/library.html" target="_blank" title="Every project at a glance: next actions, lineage across chats, tags">
        Open library
      </a>
      <ExportMenu />
      <ImportButton />
      {view === 'library' ? (
        <button type="button" class="btn" title="Deleted anchors, to restore or delete for good" onClick={() => onView('trash')}>
          Trash{trashCount > 0 ? ` (${trashCount})` : ''}
        </button>
      ) : (
        <button type="button" class="btn" title="Back to the library (Esc)" onClick={() => onView('library')}>
          Library
        </button>
      )}
      <button type="button" class="icon" aria-label="Settings" title="Settings: template, auto-send, date format" onClick={() => void openSettings()}>
        ⚙
      </button>
    </header>
  );
}
