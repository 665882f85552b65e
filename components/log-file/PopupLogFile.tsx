import { useEffect, useState } from 'preact/hooks';
import { useLogFile } from './useLogFile';

type Loaded = typeof import('./popup-chunk');

/**
 * The popup's line about the log file. Its code (the status, IndexedDB, messaging) loads after
 * the first paint; opening the popup is when the file is checked for changes made elsewhere.
 * Shows nothing when no folder is chosen.
 */
export function PopupLogFile() {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  useEffect(() => {
    const idle = globalThis.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 50));
    idle(() => void import('./popup-chunk').then(setLoaded));
  }, []);
  const { view, setView, checkError } = useLogFile(loaded?.logFileApi ?? null);
  if (!loaded || !view) return checkError ? <p class="error">{checkError}</p> : null;
  const { LogFileStatus, logFileApi } = loaded;
  return <LogFileStatus api={logFileApi} view={view} onView={setView} />;
}
