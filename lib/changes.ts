/**
 * Tells every extension page (popup, options, background) that the library changed.
 * BroadcastChannel is per origin, so only the extension's own contexts hear it; the content
 * script, which runs in chatgpt.com's origin, never does.
 */
const CHANNEL = 'gpt-anchors:changes';

export type ChangeKind = 'anchors' | 'settings';

export function announceChange(kind: ChangeKind): void {
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
