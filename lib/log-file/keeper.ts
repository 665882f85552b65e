import { changesLog, onChangeMadeHere } from '../storage/changes';
import { coalesce } from './coalesce';
import { resolveFileChange, syncLogFile } from './sync';
import type { LogFileView, Resolution } from './records';

/**
 * The background's side of the log file: every change to the library or the settings, made here
 * or announced by a page (lib/log-file/wake-background.ts), leads to one rewrite about a second
 * later; checks and answers asked for by a page run at once. One at a time, in order.
 */

/** Changes quiet for half a second, or a second and a half after the first under a steady stream. */
const TIMING = { quietMs: 500, maxWaitMs: 1_500 };

let queue: Promise<unknown> = Promise.resolve();

function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
  const next = queue.then(task);
  queue = next.catch(() => undefined);
  return next;
}

const writer = coalesce(() => oneAtATime(() => syncLogFile()).then(() => undefined), TIMING);

/** Called once when the background starts: its own writes schedule the rewrite directly. */
export function keepLogFileCurrent(): () => void {
  return onChangeMadeHere((kind) => {
    if (changesLog(kind)) writer.poke();
  });
}

/** A page changed the library: rewrite soon (coalesced with other changes). */
export function scheduleLogWrite(): void {
  writer.poke();
}

/** Now: read the files, notice changes made elsewhere, write what is due (popup opened, folder chosen, permission given). */
export function checkLogFile(): Promise<LogFileView | null> {
  writer.cancel();
  return oneAtATime(() => syncLogFile());
}

export function resolveLogFileChange(choice: 'import' | 'keepLibrary'): Promise<Resolution> {
  writer.cancel();
  return oneAtATime(() => resolveFileChange(choice));
}
