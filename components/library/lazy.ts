/** The library page's actions chunk, loaded when first needed or when the browser is idle. */
type Actions = typeof import('./actions');

let loading: Promise<Actions> | undefined;

export function loadActions(): Promise<Actions> {
  loading ??= import('./actions');
  return loading;
}

export function warmActions(): void {
  const idle = globalThis.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 50));
  idle(() => void loadActions());
}
