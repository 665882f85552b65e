import { z } from 'zod/mini';

export { LOG_FILE_NAME } from './file-name';

/**
 * What the extension keeps about the log file, in IndexedDB next to the library: the folder the
 * person chose to keep the log in (its File System Access handle) and what was last written there.
 * Both are checked with zod on every write and every read, like everything else stored.
 */

const isoTime = z.iso.datetime({ offset: true, error: 'Not an ISO date-time.' });
const count = z.number().check(z.int(), z.minimum(0));

/** A directory handle survives IndexedDB's structured clone; nothing else about it can be checked without using it. */
function isDirectoryHandle(value: unknown): value is FileSystemDirectoryHandle {
  if (typeof value !== 'object' || value === null) return false;
  const handle = value as { kind?: unknown; name?: unknown };
  return handle.kind === 'directory' && typeof handle.name === 'string';
}

export const LogFolderSchema = z.object({
  /** New each time a folder is chosen: what was written belongs to one folder, never another's. */
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  handle: z.custom<FileSystemDirectoryHandle>(isDirectoryHandle, { error: 'Not a folder handle.' }),
  /** Also one file per project (`Capstone.md`) next to the whole log. */
  perProject: z.boolean(),
  chosenAt: isoTime,
});
export type LogFolder = z.infer<typeof LogFolderSchema>;

/** Files changed elsewhere, and what importing them would do. */
export const FileOfferSchema = z.object({
  /** Each changed file and the hash of the text the offer was made from. */
  files: z.array(z.object({ name: z.string(), hash: z.string() })),
  added: count,
  changed: count,
  /** Why the files cannot be imported (the import's own error): only keeping the library's is offered. */
  error: z.optional(z.string()),
});
export type FileOffer = z.infer<typeof FileOfferSchema>;

export const LogProblemSchema = z.object({
  kind: z.enum(['permission', 'folder-gone', 'disk-full', 'failed', 'changed-elsewhere']),
  /** The browser's own words, for a failure without a plainer explanation. */
  detail: z.optional(z.string().check(z.maxLength(1_000))),
  at: isoTime,
  offer: z.optional(FileOfferSchema),
});
export type LogProblem = z.infer<typeof LogProblemSchema>;

export const LogWriteStateSchema = z.object({
  folderId: z.string(),
  /** File name → SHA-256 of the text last written there: a file that hashes otherwise was changed elsewhere. */
  written: z.record(z.string(), z.string()),
  writtenAt: z.optional(isoTime),
  problem: z.optional(LogProblemSchema),
});
export type LogWriteState = z.infer<typeof LogWriteStateSchema>;

/** What the popup and the options page show. */
export type LogFileView = {
  folder: string;
  perProject: boolean;
  writtenAt?: string;
  files: string[];
  problem?: LogProblem;
};

/** The answer to an offer: what the popup shows next, what came in, or that the file changed again meanwhile. */
export type Resolution = { view: LogFileView | null; imported?: { added: number; changed: number }; changedAgain?: true };

export function logFileView(folder: LogFolder | undefined, state: LogWriteState | undefined): LogFileView | null {
  if (!folder) return null;
  const mine = state?.folderId === folder.id ? state : undefined;
  return {
    folder: folder.handle.name,
    perProject: folder.perProject,
    ...(mine?.writtenAt ? { writtenAt: mine.writtenAt } : {}),
    files: Object.keys(mine?.written ?? {}).sort(),
    ...(mine?.problem ? { problem: mine.problem } : {}),
  };
}
