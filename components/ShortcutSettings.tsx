import { useState } from 'preact/hooks';
import { openShortcutSettings, readShortcuts } from '../lib/messaging/bound-shortcuts';
import { whereToSetShortcuts, type ShortcutCommand } from '../lib/model/shortcuts';
import { ShortcutKeys } from './ShortcutKeys';
import { useShortcuts } from './useShortcuts';

const LABELS: Record<ShortcutCommand, string> = { save: 'Save anchor', resume: 'Resume anchor' };

/** The options page's list of the keys in force; the browser owns them, so it links there. */
export function ShortcutSettings() {
  const keys = useShortcuts(readShortcuts);
  const [error, setError] = useState('');
  return (
    <section class="shortcuts" aria-labelledby="shortcuts-title">
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <p class="hint">The browser keeps these: change them {whereToSetShortcuts()}.</p>
      <ul>
        {(Object.keys(LABELS) as ShortcutCommand[]).map((command) => (
          <li key={command}>
            {LABELS[command]}: {keys === undefined ? '…' : keys[command] ? <ShortcutKeys keys={keys[command]} /> : 'not set'}
          </li>
        ))}
      </ul>
      <button
        type="button"
        onClick={() => openShortcutSettings().catch((e: unknown) => setError(`Could not open them: ${String(e)}`))}
      >
        Change shortcuts
      </button>
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
