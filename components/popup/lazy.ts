import { lazyChunk } from '../lazy-chunk';

/**
 * Everything that needs zod, idb, the message protocol or the formatter lives in one chunk that
 * loads after the first paint (warmed when idle), so the list paints with Preact and our own code only.
 */
const actions = lazyChunk(() => import('./actions'));

export const loadActions = actions.load;
/** Starts loading the chunk when the browser is idle, so the first click does not wait for it. */
export const warmActions = actions.warm;
