/**
 * Tells every extension page (popup, options, background) that the library changed.
 * BroadcastChannel is per origin, so only the extension's own contexts hear it; the content
 * script, which runs in chatgpt.com's origin, never does.
 */
const CHANNEL = 'gpt-anchors:changes';

/**
 * `logFolder`: the folder the log file is kept in was chosen or changed; `logStatus`: the
 * background wrote it (or failed to); `lineage`: a resume record learned its chat
 * (lib/model/lineage.ts); `limitHits`: a chat reached ChatGPT's maximum length, or the learned limit
 * was reset.
 */
export type ChangeKind = 'anchors' | 'settings' | 'logFolder' | 'logStatus' | 'lineage' | 'limitHits';

/** Whether the markdown log (and so the log file) may read differently after this change. */
export const changesLog = (kind: ChangeKind): boolean => kind === 'anchors' || kind === 'settings' || kind === 'logFolder';

const madeHere = new Set<(kind: ChangeKind) => void>();

export function announceChange(kind: ChangeKind): void {
  for (const listener of madeHere) {
    // The write itself succeeded: a listener's failure must not turn it into an error.
    try {
      listener(kind);
    } catch (error) {
      console.warn('GPT Anchors: a change listener failed', error);
    }
  }
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage(kind);
  channel.close();
}

/** Calls `onChange` whenever another context changes the library; returns the unsubscribe. */
export function watchChanges(onChange: (kind: ChangeKind) => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event: MessageEvent<ChangeKind>) => onChange(event.data);
  return () => channel.close();
}

/**
 * Calls `listener` at once, in this context, for every change written from this context. Unlike
 * the channel, it needs nobody else awake: the background hears its own writes, and a page uses
 * it to wake a stopped service worker (which hears no BroadcastChannel) after each write.
 */
export function onChangeMadeHere(listener: (kind: ChangeKind) => void): () => void {
  madeHere.add(listener);
  return () => madeHere.delete(listener);
}
