import { useEffect, useState } from 'preact/hooks';
import type { LogFileView } from '../../lib/log-file/records';
import type { LogFileApi } from './api';

export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The log file's state for a page: what is stored at once, then the background's check of the
 * files (the popup opening is when a change made elsewhere is noticed), then every update the
 * background announces. `undefined` while unknown, `null` when no folder is chosen.
 */
export function useLogFile(api: LogFileApi | null) {
  const [view, setView] = useState<LogFileView | null | undefined>(undefined);
  const [checkError, setCheckError] = useState<string | null>(null);

  useEffect(() => {
    if (!api) return;
    let live = true;
    const show = (next: LogFileView | null) => live && setView(next);
    const refresh = () => api.read().then(show, () => undefined);
    void refresh()
      .then(() => api.check())
      .then(show, (error: unknown) => live && setCheckError(`The log file could not be checked: ${errorText(error)}`));
    const unwatch = api.watch(() => void refresh());
    return () => {
      live = false;
      unwatch();
    };
  }, [api]);

  return { view, setView, checkError };
}

/** A clock for "written 12 s ago": every second in the first minute, then twice a minute. */
export function useNow(since: string | undefined): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!since) return;
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      const current = Date.now();
      setNow(current);
      timer = setTimeout(tick, current - Date.parse(since) < 60_000 ? 1_000 : 30_000);
    };
    tick();
    return () => clearTimeout(timer);
  }, [since]);
  return now;
}
