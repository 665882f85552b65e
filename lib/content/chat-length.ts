import { browser } from 'wxt/browser';
import type { ChatMeterReading } from '../meter/reading';
import { sendToBackground } from '../messaging/protocol';
import type { CaptureOptions } from './capture';
import type { Controller } from './controller';
import { createChatMeter } from './meter';
import { RESCUE_ENTRY, RESCUE_PENDING, type RescueHost } from './rescue-entry';
import { createStore } from './store';

/**
 * The chat length meter in the bar: its gauge, its nudge and a full chat's rescue. State lives
 * here (the components are drawn from it, no hooks); the page's tick drives it, and never while a
 * reply streams (lib/content/meter.ts).
 */

/** The rescue's own script, imported on the click (lib/content/rescue-entry.ts). */
async function rescue(options: CaptureOptions, pending?: string): Promise<unknown> {
  await import(/* @vite-ignore */ browser.runtime.getURL('/rescue.js'));
  return (globalThis as RescueHost)[RESCUE_ENTRY]!(options, pending);
}

export type ChatLengthState = {
  /** The open chat's size, as the background counted it (null: not measured, or not a chat). */
  reading: ChatMeterReading | null;
  /** "Anchor now…": this chat crossed the threshold (once per chat) and the person has not dismissed it or saved. */
  nudge: boolean;
};

export function createChatLength(controller: Controller, life: AbortSignal) {
  const store = createStore<ChatLengthState>({ reading: null, nudge: false });
  const set = (change: Partial<ChatLengthState>) => life.aborted || store.set(change);
  const meter = createChatMeter(
    (payload) => sendToBackground('measureChat', payload),
    // The nudge stays until dismissed; another chat, or a full one, ends it.
    (reading) => set({ reading, nudge: !!reading && !reading.full && (reading.nudge || store.get().nudge) }),
  );
  // Save anchor started (its button or its key): the nudge has done its work.
  controller.store.subscribe(({ saving }) => saving && store.get().nudge && set({ nudge: false }));
  // This page was loaded for a rescue (a page without a new-chat control): it goes on here.
  const pending = sessionStorage.getItem(RESCUE_PENDING);
  if (pending !== null) {
    sessionStorage.removeItem(RESCUE_PENDING);
    void controller.save((options) => rescue(options, pending));
  }
  return {
    store,
    tick: (streaming: boolean, replies?: readonly HTMLElement[], messages?: readonly HTMLElement[]) =>
      life.aborted || meter.tick(streaming, replies, messages),
    dismissNudge: () => set({ nudge: false }),
    rescue: () => void controller.save(rescue),
  };
}

export type ChatLength = ReturnType<typeof createChatLength>;
