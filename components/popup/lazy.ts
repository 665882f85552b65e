/**
 * Everything that needs zod, idb, the message protocol or the formatter lives in one chunk that
 * loads after the first paint (warmed when idle), so the list paints with Preact and our own code only.
 */
type Actions = typeof import('./actions');

let loading: Promise<Actions> | undefined;

export function loadActions(): Promise<Actions> {
  loading ??= import('./actions');
  return loading;
}

/** Starts loading the chunk when the browser is idle, so the first click does not wait for it. */
export function warmActions(): void {
  const idle = globalThis.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 50));
  idle(() => void loadActions());
}
