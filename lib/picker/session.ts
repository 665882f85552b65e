import { browser } from 'wxt/browser';
import type { Anchor } from '../model/anchor';
import { readAllAnchors, readNewestAnchors } from '../storage/db-read';
import { PICKER_PORT, PICKER_TOKEN_PREFIX, type PickerPortMessage } from '../messaging/picker-link';
import { sendToBackground } from '../messaging/protocol';

/**
 * The picker page's side of the picker (see lib/content/picker-frame.ts): waits for the token
 * the content script posts into this frame, claims the tab's picker session with it, reads the
 * library, and sends the user's pick (or Close) to the background, which passes it on to the
 * content script. Nothing goes to the page around the frame.
 */

const TOKEN_WAIT_MS = 10_000;

let claiming: Promise<void> | undefined;

/**
 * Claims the tab's picker session with the token the content script that opened this frame
 * posts into it, once the frame has loaded. Call it first thing (main.tsx), before anything
 * renders, so the message cannot arrive before anyone listens; later calls share the outcome.
 * A message from the page around the frame looks the same (same window, same origin; and how a
 * content script's message is labelled differs between browsers), so every candidate is tried:
 * only the real one is accepted by the background.
 */
export function claimSession(): Promise<void> {
  claiming ??= listenForToken();
  return claiming;
}

function listenForToken(): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      window.removeEventListener('message', onMessage);
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    const onMessage = (event: MessageEvent) => {
      if (typeof event.data !== 'string' || !event.data.startsWith(PICKER_TOKEN_PREFIX)) return;
      const token = event.data.slice(PICKER_TOKEN_PREFIX.length);
      sendToBackground('pickerClaim', { token }).then(() => finish(), () => undefined);
    };
    const timer = setTimeout(
      () => finish(new Error('This list was not opened from the Resume anchor button. Close it and press Resume anchor.')),
      TOKEN_WAIT_MS,
    );
    window.addEventListener('message', onMessage);
  });
}

/** The newest anchors, shown while the rest of the library is still on its way. */
export type FirstScreen = { anchors: Anchor[]; total: number | null };

const FIRST_SCREEN = 200;

/**
 * The live library. Straight from IndexedDB when the browser lets this frame open it; a browser
 * that blocks third-party storage refuses a frame inside another site's page, and then the
 * background sends it in pages (once per change, never per keystroke). `onFirstScreen` gets the
 * newest anchors first, so a big library lists at once and the search covers all of it soon after.
 */
export async function loadLibrary(onFirstScreen?: (first: FirstScreen) => void): Promise<Anchor[]> {
  const newest = await readNewestAnchors(FIRST_SCREEN).catch(() => null);
  // Which way it came, on the page's root: the end-to-end tests check both.
  document.documentElement.dataset.librarySource = newest ? 'indexeddb' : 'background';
  if (newest) {
    onFirstScreen?.({ anchors: newest, total: null });
    const all = await readAllAnchors().catch(() => null);
    if (all) return all.filter((anchor) => !anchor.deletedAt);
  }
  const first = await sendToBackground('pickerLibrary', { from: 0, newest: true });
  onFirstScreen?.({ anchors: first.anchors, total: null });
  const anchors: Anchor[] = [];
  let from: number | null = 0;
  while (from !== null) {
    const page: { anchors: Anchor[]; next: number | null } = await sendToBackground('pickerLibrary', { from });
    for (const anchor of page.anchors) anchors.push(anchor); // not push(...): a page can outgrow the argument limit
    from = page.next;
  }
  return anchors;
}

const PING_MS = 20_000;

/**
 * Calls `onChange` when the library changes anywhere. The port's pings keep the background awake
 * while the picker is open; if it was stopped anyway, the picker reconnects and reloads.
 */
export function watchLibrary(onChange: () => void): () => void {
  let port: ReturnType<typeof browser.runtime.connect> | undefined;
  let stopped = false;
  const ping = setInterval(() => port?.postMessage({ type: 'ping' } satisfies PickerPortMessage), PING_MS);
  const connect = () => {
    port = browser.runtime.connect({ name: PICKER_PORT });
    port.onMessage.addListener((message: unknown) => {
      if ((message as PickerPortMessage | undefined)?.type === 'changed') onChange();
    });
    port.onDisconnect.addListener(() => {
      if (stopped) return;
      setTimeout(() => {
        if (stopped) return;
        connect();
        onChange();
      }, 500);
    });
  };
  connect();
  return () => {
    stopped = true;
    clearInterval(ping);
    port?.disconnect();
  };
}

/** The user picked this anchor: the background sends its resume text to the content script. */
export function pick(id: string): Promise<null> {
  return sendToBackground('pickerResume', { id });
}

export function close(): Promise<null> {
  return sendToBackground('pickerClose', {});
}
