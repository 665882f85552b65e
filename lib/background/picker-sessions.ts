/**
 * The picker is an extension page in an iframe on ChatGPT's page (lib/content/picker-frame.ts).
 * The page can see that iframe's URL and load the same page in frames of its own, so only the
 * frame the content script opened, after a real click or the keyboard command, may resume: the
 * background gives the content script a one-time token, the content script hands it to its own
 * frame (a message only that frame can read), and the frame claims the session with it. Kept in
 * memory: a picker is open for seconds, and its open port keeps the worker awake meanwhile.
 */

export const CLAIM_WITHIN_MS = 30_000;

type Session = { token: string; frameId?: number; openedAt: number; library?: Promise<unknown[]> };

const sessions = new Map<number, Session>();

/** A new picker in this tab (any earlier one there is over). Returns the token its frame must show. */
export function openPickerSession(tabId: number, now = Date.now()): string {
  const token = crypto.randomUUID();
  sessions.set(tabId, { token, openedAt: now });
  return token;
}

const NOT_OPENED = 'This list was not opened from the Resume anchor button. Close it and press Resume anchor.';

/** The frame that shows the token becomes the tab's picker; any other frame is refused. */
export function claimPickerSession(tabId: number | undefined, frameId: number | undefined, token: string, now = Date.now()): void {
  const session = tabId === undefined ? undefined : sessions.get(tabId);
  if (!session || frameId === undefined || session.token !== token) throw new Error(NOT_OPENED);
  if (session.frameId === frameId) return; // the same frame asking again
  if (session.frameId !== undefined || now - session.openedAt > CLAIM_WITHIN_MS) throw new Error(NOT_OPENED);
  session.frameId = frameId;
}

/** Throws unless this frame holds the tab's picker session. */
export function requirePickerSession(tabId: number | undefined, frameId: number | undefined): number {
  const session = tabId === undefined ? undefined : sessions.get(tabId);
  if (tabId === undefined || !session || session.frameId === undefined || session.frameId !== frameId) {
    throw new Error('This picker has expired. Close it and press Resume anchor again.');
  }
  return tabId;
}

/**
 * The library for this tab's picker, when it cannot read it itself. `newest` (a new load) answers
 * the newest anchors at once and starts one read of the whole library; the pages after come from
 * that same read, so the picker gets one consistent list.
 */
export async function pickerLibraryPage<T>(
  tabId: number,
  request: { from: number; newest?: boolean },
  reads: { all: () => Promise<T[]>; newest: () => Promise<T[]> },
  pageSize: number,
): Promise<{ anchors: T[]; next: number | null; total: number | null }> {
  const session = sessions.get(tabId);
  if (!session) throw new Error('This picker has expired. Close it and press Resume anchor again.');
  const readAll = () => {
    const reading = reads.all();
    reading.catch(() => undefined); // a failed read is reported to whoever asks for a page
    session.library = reading;
  };
  if (request.newest) {
    const newest = await reads.newest(); // first, so the whole read does not hold it up
    readAll();
    return { anchors: newest, next: 0, total: null };
  }
  if (!session.library) readAll();
  const library = (await session.library) as T[];
  const end = request.from + pageSize;
  return { anchors: library.slice(request.from, end), next: end < library.length ? end : null, total: library.length };
}

/** The picker in this tab is done (picked or closed). */
export function endPickerSession(tabId: number): void {
  sessions.delete(tabId);
}
