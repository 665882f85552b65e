import { ShortcutKeys } from '../ShortcutKeys';
import { useShortcuts } from '../useShortcuts';
import { errorText, usePopupApi } from './context';

/** The browser API is in a chunk of its own: it is no reason to load more before the first paint. */
const shortcutsModule = () => import('../../lib/messaging/bound-shortcuts');
const readShortcuts = () => shortcutsModule().then((module) => module.readShortcuts());

/** The first thing a new user sees: how the first anchor gets here, with the save key in force. */
export function EmptyState() {
  const api = usePopupApi();
  const keys = useShortcuts(readShortcuts);
  const setShortcut = () =>
    shortcutsModule()
      .then((module) => module.openShortcutSettings())
      .catch((error: unknown) => api.notify(errorText(error), 'error'));
  return (
    <div class="empty">
      <h2>No anchors yet</h2>
      <ol>
        <li>Open a chat on chatgpt.com.</li>
        <li>
          Press <strong>Save anchor</strong> next to the message box
          {keys?.save ? (
            <>
              {' '}
              (or <ShortcutKeys keys={keys.save} />)
            </>
          ) : keys ? (
            <>
              {' '}
              (it has no keyboard shortcut:{' '}
              <button type="button" class="link" onClick={() => void setShortcut()}>
                set one
              </button>
              )
            </>
          ) : null}
          .
        </li>
        <li>It shows up here, ready to resume in a new chat.</li>
      </ol>
      <p class="muted">Already keep a GPT Anchors Log in markdown? Bring it in with Import.</p>
    </div>
  );
}
