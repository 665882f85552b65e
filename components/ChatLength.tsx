import type { ChatLength, ChatLengthState } from '../lib/content/chat-length';
import { trusted } from '../lib/content/trusted';
import { meterTitle, type ChatMeterReading } from '../lib/meter/reading';

/**
 * The chat length meter's parts of the bar, drawn from its state (lib/content/chat-length.ts):
 * the gauge, and under the buttons the nudge or a full chat's rescue. Nothing here sends anything
 * without a click.
 */

/** The open chat's size: a small bar; its tooltip and accessible name say it in words. */
export function Gauge({ reading }: { reading: ChatMeterReading }) {
  const title = meterTitle(reading);
  const shown = Math.min(reading.percent, 100);
  const level = reading.full || reading.percent >= 100 ? ' full' : reading.percent >= reading.nudgeAt ? ' high' : '';
  return (
    <span class={`gauge${level}`} role="meter" aria-label={title} title={title} aria-valuemin={0} aria-valuemax={100} aria-valuenow={shown}>
      <span class="fill" style={{ width: `${shown}%` }} />
    </span>
  );
}

export function ChatLengthNote({ state, length, busy }: { state: ChatLengthState; length: ChatLength; busy: boolean }) {
  if (state.reading?.full) {
    return (
      <p class="note">
        This chat has reached ChatGPT's maximum length: it can no longer be asked for an anchor.{' '}
        <button
          type="button"
          class="btn"
          onClick={trusted(length.rescue)}
          disabled={busy}
        >
          Rescue into a new chat
        </button>
      </p>
    );
  }
  if (!state.nudge) return null;
  return (
    <p class="note nudge" aria-live="polite">
      Anchor now, while the chat still remembers.
      <button type="button" class="icon" onClick={trusted(length.dismissNudge)} aria-label="Dismiss the reminder" title="Dismiss">
        ×
      </button>
    </p>
  );
}
