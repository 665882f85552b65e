import type { checkPage } from '../chatgpt/page-check';

/**
 * The page check is its own script (entrypoints/page-check.ts, web-accessible on ChatGPT's hosts
 * only), imported into the content script's world when the options page asks for it: it puts its
 * function here. Asked for rarely, it would otherwise be a twentieth of the script every ChatGPT
 * page loads.
 */
export const PAGE_CHECK_ENTRY = 'gptAnchorsPageCheck';
export type PageCheckHost = typeof globalThis & { [PAGE_CHECK_ENTRY]?: typeof checkPage };
