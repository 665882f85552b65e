import type { ChatRef, TimelineItem } from '../../lib/library/timeline';
import { exactTime } from '../../lib/model/time';

const SHORT: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };

const ORIGINS: Record<string, string> = {
  captured: 'saved from a reply',
  requested: 'asked for',
  selection: 'saved from a selection',
  manual: 'edited',
  imported: 'imported',
};

const HANDSHAKES: Record<string, string> = {
  asked: 'asked ChatGPT to restate the next action',
  matched: 'ChatGPT restated the same next action',
  differed: 'ChatGPT restated a different next action',
  unclear: 'ChatGPT did not restate the next action',
};

function When({ iso, timeKnown = true }: { iso: string; timeKnown?: boolean }) {
  return (
    <time class="when" dateTime={iso} title={exactTime(iso, timeKnown)}>
      {timeKnown ? new Date(iso).toLocaleString(undefined, SHORT) : new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' })}
    </time>
  );
}

/** A chat: a link that opens it (only ever to ChatGPT, see lib/library/timeline.ts), named by its title when known. */
function Chat({ chat }: { chat: ChatRef }) {
  const label = chat.title ? `chat “${chat.title}”` : 'a chat';
  if (!chat.url) return <span>{label}</span>;
  return (
    <a href={chat.url} target="_blank" rel="noopener noreferrer" title={`Open this chat in ChatGPT (${chat.url})`}>
      {label}
    </a>
  );
}

/** A project's timeline, oldest first: chat → anchor v1 → resumed into chat → anchor v2 → … */
export function Lineage({ items, label }: { items: TimelineItem[]; label: string }) {
  if (items.length === 0) return <p class="muted">Nothing to show yet.</p>;
  return (
    <ol class="timeline" aria-label={label}>
      {items.map((item, i) => {
        if (item.kind === 'chat') {
          return (
            <li key={i} class="tl-chat">
              <span class="tl-mark" aria-hidden="true">
                💬
              </span>
              <span>
                Started in <Chat chat={item.chat} />
              </span>
            </li>
          );
        }
        if (item.kind === 'anchor') {
          return (
            <li key={i} class="tl-anchor">
              <span class="tl-mark" aria-hidden="true">
                ⚓
              </span>
              <span>
                <strong>
                  [{item.name}] v{item.version}
                </strong>{' '}
                {ORIGINS[item.origin] ?? item.origin}
                {item.inChat && ' in that chat'} · <When iso={item.at} timeKnown={item.timeKnown} />
              </span>
            </li>
          );
        }
        return (
          <li key={i} class="tl-resume">
            <span class="tl-mark" aria-hidden="true">
              ↪
            </span>
            <span>
              Resumed [{item.name}]{item.version !== undefined ? ` v${item.version}` : ''} into{' '}
              {item.chat ? <Chat chat={item.chat} /> : <span class="muted">a new chat (its first message was not seen)</span>} ·{' '}
              <When iso={item.at} />
              {item.handshake && (
                <span class={`handshake ${item.handshake}`}> · {HANDSHAKES[item.handshake]}</span>
              )}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
