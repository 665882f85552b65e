/**
 * Noticing a change made elsewhere: the SHA-256 of what the extension last wrote into a file is
 * kept; a file that hashes otherwise was changed by someone else (another computer, Obsidian).
 */

/** Of the UTF-8 bytes: a file's as read, or a text's as it will be written. */
export async function sha256Hex(data: string | Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', typeof data === 'string' ? new TextEncoder().encode(data) : data);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * - `missing`: no such file (never written, or deleted there): write it.
 * - `ours`: exactly what the extension last wrote: safe to overwrite.
 * - `current`: not written by us (or changed since) but already what we would write: take it as ours.
 * - `changed-elsewhere`: someone else's text: never overwritten without asking.
 */
export type FileJudgement = 'missing' | 'ours' | 'current' | 'changed-elsewhere';

export function judgeFile(file: {
  /** Hash of the file's text now; null when there is no file. */
  hash: string | null;
  /** Hash of what the extension last wrote there, if it ever did. */
  written: string | undefined;
  /** Hash of what the extension wants it to say now (absent: the file is no longer wanted). */
  wanted: string | undefined;
}): FileJudgement {
  if (file.hash === null) return 'missing';
  if (file.hash === file.written) return 'ours';
  if (file.hash === file.wanted) return 'current';
  return 'changed-elsewhere';
}
