import { useEffect, useState } from 'preact/hooks';
import type { Shortcuts } from '../lib/model/shortcuts';

/**
 * The keys in force, read when the page shows and again each time it comes back into view (the
 * user may just have changed them in the browser's shortcut settings). `read` is
 * `commands.getAll()` on an extension page, and a question to the background on ChatGPT's page,
 * where `commands` is not available. Undefined until the first answer, and if there is none.
 */
export function useShortcuts(read: () => Promise<Shortcuts>): Shortcuts | undefined {
  const [keys, setKeys] = useState<Shortcuts>();
  useEffect(() => {
    const load = () => {
      if (!document.hidden) read().then(setKeys, () => undefined);
    };
    load();
    document.addEventListener('visibilitychange', load);
    return () => document.removeEventListener('visibilitychange', load);
  }, []);
  return keys;
}
