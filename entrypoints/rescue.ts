import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { RESCUE_ENTRY, type RescueHost } from '../lib/content/rescue-entry';
import { rescueChat } from '../lib/content/rescue';

/**
 * A full chat's rescue (lib/content/rescue.ts), apart from the content script: it is loaded into
 * the content script's own world only when the person clicks *Rescue into a new chat*, so the
 * script every ChatGPT page loads stays small. It hands the content script its one function.
 */
export default defineUnlistedScript(() => {
  (globalThis as RescueHost)[RESCUE_ENTRY] = rescueChat;
});
