import type { rescueChat } from './rescue';

/**
 * The rescue is its own script (entrypoints/rescue.ts, web-accessible on ChatGPT's hosts only),
 * imported into the content script's world on the click: it puts its function here.
 */
export const RESCUE_ENTRY = 'gptAnchorsRescue';
export type RescueHost = typeof globalThis & { [RESCUE_ENTRY]?: typeof rescueChat };

/** Where a rescue waits in the tab's sessionStorage for the new chat a page load opens (lib/content/rescue.ts). */
export const RESCUE_PENDING = 'gpt-anchors-rescue';
