import { useEffect, useRef, useState } from 'preact/hooks';
import type { AnchorSummary, ResumeOrder } from '../lib/messages';
import { sendToBackground } from '../lib/protocol';
import { LONG_RESUME_CHARS } from '../lib/content/resume';
import { exactTime, relativeTime } from '../lib/time';

type Props = {
  onResume: (order: ResumeOrder) => void;
  onClose: () => void;
  onError: (message: string) => void;
};

const LIMIT = 50;

/** The searchable, keyboard-first list of anchors behind Resume anchor. */
export function ResumePicker({ onResume, onClose, onError }: Props) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<{ anchors: AnchorSummary[]; total: number } | null>(null);
  const [active, setActive] = useState(0);
  const [longOrder, setLongOrder] = useState<ResumeOrder | null>(null);
  const search = useRef<HTMLInputElement>(null);

  useEffect(() => search.current?.focus(), []);
  useEffect(() => {
    let current = true;
    sendToBackground('searchAnchors', { query, limit: LIMIT }).then(
      (found) => {
        if (!current) return;
        setResults(found);
        setActive(0);
      },
      (error: unknown) => onError(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      current = false;
    };
  }, [query]);

  const choose = async (summary: AnchorSummary | undefined) => {
    if (!summary) return;
    try {
      const order = await sendToBackground('prepareResume', { id: summary.id });
      if (order.text.length > LONG_RESUME_CHARS) setLongOrder(order);
      else onResume(order);
    } catch (error) {
      onError(error instanceof Error ? error.message : String(error));
    }
  };

  const anchors = results?.anchors ?? [];
  const onKeyDown = (event: KeyboardEvent) => {
    event.stopPropagation(); // ChatGPT's own shortcuts must not fire while the picker has focus
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((i) => Math.min(i + 1, anchors.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (event.key === 'Enter' && !longOrder) {
      event.preventDefault();
      void choose(anchors[active]);
    }
  };

  return (
    <div class="backdrop" onClick={(event) => event.target === event.currentTarget && onClose()}>
      <div class="picker" role="dialog" aria-modal="true" aria-label="Resume anchor" onKeyDown={onKeyDown}>
        <div class="picker-head">
          <label class="search">
            <span class="visually-hidden">Search anchors</span>
            <input
              ref={search}
              type="search"
              placeholder="Search anchors"
              value={query}
              aria-controls="gpt-anchors-options"
              aria-activedescendant={anchors[active] ? `gpt-anchors-option-${active}` : undefined}
              onInput={(event) => setQuery(event.currentTarget.value)}
            />
          </label>
          <button type="button" class="icon" aria-label="Close" title="Close (Esc)" onClick={onClose}>
            ×
          </button>
        </div>
        {longOrder ? (
          <LongWarning order={longOrder} onInsert={() => onResume(longOrder)} onCancel={() => setLongOrder(null)} />
        ) : results && results.total === 0 && !query ? (
          <p class="empty">
            No anchors yet. In a chat, press <strong>Save anchor</strong> (Alt+Shift+S) to keep the first one.
          </p>
        ) : (
          <ul class="options" role="listbox" id="gpt-anchors-options" aria-label="Anchors">
            {anchors.map((anchor, index) => (
              <li
                key={anchor.id}
                id={`gpt-anchors-option-${index}`}
                role="option"
                aria-selected={index === active}
                class={index === active ? 'option active' : 'option'}
                onMouseEnter={() => setActive(index)}
                onClick={() => void choose(anchor)}
              >
                <span class="option-name">{anchor.name}</span>
                <span class="option-age" title={exactTime(anchor.createdAt, anchor.timeKnown)}>
                  {relativeTime(anchor.createdAt)}
                </span>
                <span class="option-next">{anchor.nextAction}</span>
                {anchor.resumeCount > 0 && anchor.lastResumedAt && (
                  <span class="option-used">
                    resumed {anchor.resumeCount}× · last {relativeTime(anchor.lastResumedAt)}
                  </span>
                )}
              </li>
            ))}
            {results && anchors.length === 0 && <li class="empty">No anchor matches “{query}”.</li>}
          </ul>
        )}
      </div>
    </div>
  );
}

function LongWarning(props: { order: ResumeOrder; onInsert: () => void; onCancel: () => void }) {
  return (
    <div class="long-warning" role="alert">
      <p>
        The resume text of [{props.order.name}] is {props.order.text.length.toLocaleString()} characters, more than
        ChatGPT comfortably takes in one message ({LONG_RESUME_CHARS.toLocaleString()}).
      </p>
      <button type="button" class="btn" onClick={props.onInsert}>
        Insert anyway
      </button>
      <button type="button" class="btn secondary" onClick={props.onCancel}>
        Cancel
      </button>
    </div>
  );
}
