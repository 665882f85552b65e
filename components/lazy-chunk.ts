/**
 * A chunk loaded after the first paint: once, when first needed, or when the browser is idle
 * (`warm`), so the first click does not wait for it. The popup and the library page each keep
 * what needs zod, idb and the message protocol in such a chunk.
 */
export function lazyChunk<T>(load: () => Promise<T>): { load: () => Promise<T>; warm: () => void } {
  let loading: Promise<T> | undefined;
  const get = () => (loading ??= load());
  return {
    load: get,
    warm() {
      const idle = globalThis.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 50));
      idle(() => void get());
    },
  };
}
