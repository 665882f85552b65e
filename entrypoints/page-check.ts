import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { checkPage } from '../lib/chatgpt/page-check';
import { PAGE_CHECK_ENTRY, type PageCheckHost } from '../lib/content/page-check-entry';

/**
 * The page check (lib/chatgpt/page-check.ts), apart from the content script: it is loaded into the
 * content script's own world only when the options page checks the tab. It hands the content
 * script its one function.
 */
export default defineUnlistedScript(() => {
  (globalThis as PageCheckHost)[PAGE_CHECK_ENTRY] = checkPage;
});
