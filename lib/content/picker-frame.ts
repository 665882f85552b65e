import { browser } from 'wxt/browser';
import { PICKER_PAGE, PICKER_TOKEN_PREFIX } from '../messaging/picker-link';

/**
 * The picker lists the library, so it does not live in ChatGPT's page: it is an extension page
 * (entrypoints/picker/) in an iframe over the page. The page can move, hide or remove the iframe,
 * but not read or script what is inside (another origin). Nothing about anchors passes through
 * here: the picker reads the library itself, and what the user picks comes back to the content
 * script through the background (`resumeOrder`).
 *
 * The frame proves it is ours with the token the background gave for this opening: it is posted
 * into the frame only, addressed to the extension's origin, so neither the page nor a copy of the
 * picker the page loads into a frame of its own ever sees it.
 */

export type PickerFrame = { focus(): void; remove(): void };

/** Where the picker page comes from: the origins a postMessage may be addressed to. */
function extensionOrigins(): string[] {
  const origins = new Set([new URL(browser.runtime.getURL('/')).origin]);
  // Chrome hands content scripts a per-session URL for web-accessible pages (use_dynamic_url);
  // the page it loads still runs at the extension's own origin.
  if (!import.meta.env.FIREFOX) origins.add(`chrome-extension://${browser.runtime.id}`);
  return [...origins];
}

export function mountPickerFrame(token: string, theme: 'light' | 'dark'): PickerFrame {
  // A plain element the page cannot upgrade into a custom element of its own; never moved, since
  // moving an iframe reloads it.
  const host = document.createElement('div');
  host.style.cssText = 'all: initial; position: fixed; inset: 0; z-index: 2147483647; display: block;';
  const frame = document.createElement('iframe');
  frame.title = 'Resume anchor';
  frame.src = `${browser.runtime.getURL(PICKER_PAGE)}?theme=${theme}`;
  // The same colour scheme inside and out keeps the frame transparent over the page.
  frame.style.cssText =
    'all: initial; display: block; width: 100%; height: 100%; border: 0; background: transparent; color-scheme: normal;';
  frame.addEventListener('load', (event) => {
    if (!event.isTrusted) return;
    for (const origin of extensionOrigins()) frame.contentWindow?.postMessage(`${PICKER_TOKEN_PREFIX}${token}`, origin);
    focus();
  });
  // The frame may not take focus on its own (another origin, no click inside it yet): give it.
  const focus = () => frame.focus();
  host.append(frame);
  (document.body ?? document.documentElement).append(host);
  return {
    focus,
    remove: () => host.remove(),
  };
}
