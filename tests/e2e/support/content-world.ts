import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** The name Chromium gives our content script's isolated world (the extension's name). */
const WORLD_NAME = 'GPT Anchors';

export type ContentWorld = { cdp: CDPSession; run: (expression: string) => Promise<unknown> };

/**
 * A DevTools handle on our content script's isolated world in `page`, to speak as it would: its
 * messages reach the background with the sender the browser gives a content script in a ChatGPT
 * tab. For tests that need a page's own request (a save) without clicking through a chat, and
 * for the attacker spec, which speaks from that world as a compromised page process could.
 */
export async function contentScriptWorld(context: BrowserContext, page: Page): Promise<ContentWorld> {
  const cdp = await context.newCDPSession(page);
  const worlds: { id: number; name: string }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context: ctx }) => {
    if ((ctx.auxData as { type?: string } | undefined)?.type === 'isolated') worlds.push({ id: ctx.id, name: ctx.name });
  });
  await cdp.send('Runtime.enable');
  await expect.poll(() => worlds.some((w) => w.name === WORLD_NAME)).toBe(true);
  const world = worlds.find((w) => w.name === WORLD_NAME)!;
  return {
    cdp,
    run: async (expression) => {
      const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
        expression,
        contextId: world.id,
        awaitPromise: true,
        returnByValue: true,
      });
      if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
      return result.value;
    },
  };
}
