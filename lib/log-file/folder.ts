import type { LogProblem } from './records';

/**
 * Reading and writing files in the chosen folder (File System Access API: Chrome and Edge).
 * Handles stored in IndexedDB by an extension page work in the background's service worker too;
 * only asking for permission needs a page and a click (see askWritePermission).
 */

type Mode = { mode: 'readwrite' };
/** queryPermission/requestPermission are in Chrome and Edge but not yet in TypeScript's DOM types. */
type WithPermissions = FileSystemHandle & {
  queryPermission?: (mode: Mode) => Promise<PermissionState>;
  requestPermission?: (mode: Mode) => Promise<PermissionState>;
};

const READ_WRITE: Mode = { mode: 'readwrite' };

/** 'prompt' after a browser restart (the browser wants to ask again), 'granted' when writing may go on. */
export async function writePermission(folder: FileSystemDirectoryHandle): Promise<PermissionState> {
  const handle = folder as WithPermissions;
  return typeof handle.queryPermission === 'function' ? handle.queryPermission(READ_WRITE) : 'granted';
}

/** Shows the browser's prompt; must run in a page, in answer to a click. */
export async function askWritePermission(folder: FileSystemDirectoryHandle): Promise<PermissionState> {
  const handle = folder as WithPermissions;
  return typeof handle.requestPermission === 'function' ? handle.requestPermission(READ_WRITE) : 'granted';
}

/** A failure, sorted into what the person can do about it. */
export class FolderError extends Error {
  override name = 'FolderError';
  constructor(
    readonly kind: Exclude<LogProblem['kind'], 'changed-elsewhere'>,
    detail: string,
  ) {
    super(detail);
  }
}

export function folderError(error: unknown): FolderError {
  if (error instanceof FolderError) return error;
  const name = error instanceof DOMException ? error.name : '';
  const detail = error instanceof Error ? error.message : String(error);
  if (name === 'NotFoundError') return new FolderError('folder-gone', detail);
  if (name === 'NotAllowedError' || name === 'SecurityError') return new FolderError('permission', detail);
  if (name === 'QuotaExceededError') return new FolderError('disk-full', detail);
  return new FolderError('failed', detail);
}

/** Throws `folder-gone` when the folder was moved, renamed or deleted since it was chosen. */
export async function checkFolderThere(folder: FileSystemDirectoryHandle): Promise<void> {
  try {
    await folder.keys().next();
  } catch (error) {
    throw folderError(error);
  }
}

/** The file's bytes, or null when there is no such file. */
export async function readBytes(folder: FileSystemDirectoryHandle, name: string): Promise<Uint8Array<ArrayBuffer> | null> {
  try {
    const file = await folder.getFileHandle(name);
    return new Uint8Array(await (await file.getFile()).arrayBuffer());
  } catch (error) {
    if (error instanceof DOMException && error.name === 'NotFoundError') return null;
    throw folderError(error);
  }
}

/**
 * Replaces the file's contents at once. createWritable writes into a swap file next to it
 * (`GPT Anchors Log.md.crswap`) and only close() puts it in the file's place, so a reader (a sync
 * client, Obsidian) sees the old text or the new one, never half of it; on any failure the swap
 * file is dropped and the old text stays. (A file that did not exist yet is created empty first.)
 */
export async function writeAtomically(folder: FileSystemDirectoryHandle, name: string, bytes: Uint8Array<ArrayBuffer>): Promise<void> {
  let writable: FileSystemWritableFileStream | undefined;
  try {
    const file = await folder.getFileHandle(name, { create: true });
    writable = await file.createWritable();
    await writable.write(bytes);
    await writable.close();
  } catch (error) {
    await writable?.abort().catch(() => undefined);
    throw folderError(error);
  }
}

export async function removeFile(folder: FileSystemDirectoryHandle, name: string): Promise<void> {
  try {
    await folder.removeEntry(name);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'NotFoundError') return;
    throw folderError(error);
  }
}
