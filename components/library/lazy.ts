import { lazyChunk } from '../lazy-chunk';

/** The library page's actions chunk, loaded when first needed or when the browser is idle. */
const actions = lazyChunk(() => import('./actions'));

export const loadActions = actions.load;
export const warmActions = actions.warm;
