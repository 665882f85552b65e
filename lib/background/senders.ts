import { browser, type Browser } from 'wxt/browser';
import { isChatGptUrl } from '../chatgpt/hosts';
import { backgroundAudience, type BackgroundRequest } from '../messaging/messages';

/**
 * Who is asking. The browser fills in a message's sender (extension id, frame, URL), so a page
 * cannot claim to be someone else; these rules decide what each kind of sender may ask for
 * (lib/messaging/messages.ts, `backgroundAudience`).
 */

export type SenderKind = 'chatgptTab' | 'extensionPage';

/** This extension as the background sees it: its id and the origin(s) its pages load from. */
export type Self = { id: string; pageOrigins: string[] };

/** This extension as a sender: its id and where its pages come from (`chrome-extension://<id>`, `moz-extension://<uuid>`). */
export function thisExtension(): Self {
  const base = browser.runtime.getURL('/').replace(/\/$/, '');
  const origins = new Set([base]);
  // Chrome: every page (the picker included) runs at chrome-extension://<id>.
  if (base.startsWith('chrome-extension://')) origins.add(`chrome-extension://${browser.runtime.id}`);
  return { id: browser.runtime.id, pageOrigins: [...origins] };
}

/** Compared as text: URL.origin is "null" for extension schemes in some runtimes, like any opaque origin. */
const fromPageOf = (url: string | undefined, origins: string[]) => !!url && origins.some((origin) => url.startsWith(`${origin}/`));

/**
 * `extensionPage`: a page of this extension (popup, options, the picker, even inside a ChatGPT
 * tab). `chatgptTab`: this extension's content script in the top frame of a ChatGPT page. Anything
 * else (another extension, another site, a frame inside ChatGPT's page) is nobody we answer.
 */
export function senderKind(sender: Browser.runtime.MessageSender, self: Self): SenderKind | null {
  if (sender.id !== self.id) return null;
  if (fromPageOf(sender.url, self.pageOrigins)) return 'extensionPage';
  if (sender.tab?.id !== undefined && sender.frameId === 0 && isChatGptUrl(sender.url)) return 'chatgptTab';
  return null;
}

/** Why `type` is refused from this sender, or null when it may ask. */
export function refusal(type: BackgroundRequest, sender: Browser.runtime.MessageSender, self: Self): string | null {
  const kind = senderKind(sender, self);
  const audience = backgroundAudience[type];
  if (kind && (audience === 'both' || audience === kind)) return null;
  return `${type} is not accepted from ${kind === 'chatgptTab' ? 'a ChatGPT page' : kind === 'extensionPage' ? 'an extension page' : 'this sender'}.`;
}
