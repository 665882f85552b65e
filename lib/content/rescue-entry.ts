import type { rescueChat } from './rescue';

/**
 * The rescue is its own script (entrypoints/rescue.ts, web-accessible on ChatGPT's hosts only),
 * imported into the content script's world on the click: it puts its function here.
 */
export const RESCUE_ENTRY = 'gptAnchorsRescue';
export type RescueHost = typeof globalThis & { [RESCUE_ENTRY]?: typeof rescueChat };
