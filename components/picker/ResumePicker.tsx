import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Anchor } from '../../lib/model/anchor';
import { LONG_RESUME_CHARS } from '../../lib/content/resume';
import { formatResumeText } from '../../lib/log/format';
import { queryIndex, type AnchorGroup } from '../../lib/library/library-index';
import { searchTerms } from '../../lib/library/search';
import { exactTime, relativeTime } from '../../lib/model/time';
import { InlineMarkdown } from '../InlineMarkdown';
import { ShortcutKeys } from '../ShortcutKeys';
import { useShortcuts } from '../useShortcuts';
import { markFirstListPaint, markSearchRendered, noteSearchKey } from '../popup/perf';
import type { PickerApi } from './api';
import { usePickerLibrary } from './usePickerLibrary';

/** Rows shown at first, and added by each "Show more". */
export const PAGE_SIZE = 50;

const optionId = (index: number) => `picker-option-${index}`;
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

type Claim = { state: 'waiting' } | { state: 'claimed' } | { state: 'refused'; error: string };

/**
 * The searchable, keyboard-first list behind Resume anchor, in its own extension page (an iframe
 * over ChatGPT's page): type, arrows, Enter. Search and order come from the popup's shared code.
 * Tab stays inside, Esc closes from anywhere, and past 50 results it says how many more there are.
 */
export function ResumePicker({ api }: { api: PickerApi }) {
  const [claim, setClaim] = useState<Claim>({ state: 'waiting' });
  const { index, loading, error: loadError } = usePickerLibrary(api, claim.state === 'claimed');
  const [query, setQuery] = useState('');
  const [shown, setShown] = useState(PAGE_SIZE);
  const [active, setActive] = useState(0);
  const [long, setLong] = useState<Anchor | null>(null);
  const [status, setStatus] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  // Enter pressed before the claim and the list are through (a keyboard user is quick): done once they are.
  const [earlyEnter, setEarlyEnter] = useState(false);
  const dialog = useRef<HTMLDivElement>(null);
  const search = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // A frame from another origin than the page may not take focus on its own: the content script
    // focuses the frame when it has loaded, before it hands over the token, so the search box
    // gets the caret once the claim is through (and whenever the frame gets focus back).
    const focusSearch = () => document.activeElement === document.body && search.current?.focus();
    search.current?.focus();
    window.addEventListener('focus', focusSearch);
    api.claim().then(
      () => {
        setClaim({ state: 'claimed' });
        search.current?.focus();
      },
      (error: unknown) => setClaim({ state: 'refused', error: errorText(error) }),
    );
    return () => window.removeEventListener('focus', focusSearch);
  }, [api]);

  const keys = useShortcuts(api.shortcuts);
  const results = useMemo(() => (index ? queryIndex(index, { query, project: '', sort: 'newest' }) : []), [index, query]);
  const terms = useMemo(() => searchTerms(query), [query]);
  const visible = results.slice(0, shown);
  const more = results.length - visible.length;

  useLayoutEffect(markSearchRendered, [results]);
  useLayoutEffect(() => {
    if (index) markFirstListPaint();
  }, [index]);
  useEffect(() => {
    if (active >= visible.length && visible.length > 0) setActive(visible.length - 1);
  }, [visible.length]);
  // The highlighted row stays in view as the arrows move it.
  useEffect(() => {
    dialog.current?.querySelector(`#${optionId(active)}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, shown]);

  const close = () => {
    api.close().catch((error: unknown) => setStatus({ busy: false, error: errorText(error) }));
  };

  const resume = async (anchor: Anchor) => {
    setLong(null);
    setStatus({ busy: true, error: null });
    try {
      await api.pick(anchor.id); // the content script removes this frame and fills the composer
    } catch (error) {
      setStatus({ busy: false, error: errorText(error) });
    }
  };

  const choose = (group: AnchorGroup | undefined) => {
    const anchor = group?.versions[0];
    if (!anchor || status.busy || claim.state !== 'claimed') return;
    if (formatResumeText(anchor).length > LONG_RESUME_CHARS) setLong(anchor);
    else void resume(anchor);
  };

  const ready = claim.state === 'claimed' && index !== null;
  useEffect(() => {
    if (!earlyEnter || !ready) return;
    setEarlyEnter(false);
    choose(visible[active]);
  }, [earlyEnter, ready]);

  const showMore = () => setShown((count) => count + PAGE_SIZE);

  // Esc closes from anywhere in the picker; Tab and Shift+Tab go round inside it.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        close();
      } else if (event.key === 'Tab') {
        const focusable = [...(dialog.current?.querySelectorAll<HTMLElement>('input, button:not([disabled])') ?? [])];
        if (focusable.length === 0) return;
        const at = focusable.indexOf(document.activeElement as HTMLElement);
        const next = event.shiftKey ? (at <= 0 ? focusable.length - 1 : at - 1) : at === focusable.length - 1 ? 0 : at + 1;
        event.preventDefault();
        focusable[next]!.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const onSearchKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (active < visible.length - 1) setActive(active + 1);
      else if (more > 0) {
        showMore();
        setActive(active + 1);
      }
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive(Math.max(active - 1, 0));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (ready) choose(visible[active]);
      else setEarlyEnter(claim.state !== 'refused');
    } else if (event.key.length === 1 || event.key === 'Backspace' || event.key === 'Delete') {
      noteSearchKey(event.timeStamp);
    }
  };

  const refused = claim.state === 'refused' ? claim.error : null;
  return (
    <div class="backdrop" onClick={(event) => event.target === event.currentTarget && close()}>
      <div class="picker" role="dialog" aria-modal="true" aria-label="Resume anchor" ref={dialog}>
        <div class="picker-head">
          <label class="search">
            <span class="visually-hidden">Search anchors</span>
            <input
              ref={search}
              type="search"
              placeholder="Search anchors"
              value={query}
              disabled={refused !== null}
              aria-controls="picker-options"
              aria-activedescendant={visible[active] ? optionId(active) : undefined}
              onKeyDown={onSearchKey}
              onInput={(event) => {
                setEarlyEnter(false);
                setQuery(event.currentTarget.value);
                setActive(0);
                setShown(PAGE_SIZE);
              }}
            />
          </label>
          <button type="button" class="icon" aria-label="Close" title="Close (Esc)" onClick={close}>
            ×
          </button>
        </div>
        {refused ? (
          <p class="problem" role="alert">
            {refused}
          </p>
        ) : long ? (
          <LongWarning
            anchor={long}
            onInsert={() => void resume(long)}
            onCancel={() => {
              setLong(null);
              search.current?.focus();
            }}
          />
        ) : loadError ? (
          <p class="problem" role="alert">
            {loadError}
          </p>
        ) : !index ? (
          <p class="empty">Loading anchors…</p>
        ) : index.groups.length === 0 ? (
          <p class="empty">
            No anchors yet. In a chat, press <strong>Save anchor</strong>
            {keys?.save ? (
              <>
                {' '}
                (<ShortcutKeys keys={keys.save} />)
              </>
            ) : null}{' '}
            to keep the first one.
          </p>
        ) : (
          <>
            <ul class="options" role="listbox" id="picker-options" aria-label="Anchors">
              {visible.map((group, at) => (
                <Option key={group.name} group={group} terms={terms} id={optionId(at)} active={at === active} onHover={() => setActive(at)} onChoose={() => choose(group)} />
              ))}
              {results.length === 0 && <li class="empty">No anchor matches “{query}”.</li>}
            </ul>
            {loading && (
              <p class="note">
                Loading the rest of the library{loading.total ? ` (${loading.total.toLocaleString('en-US')} anchors)` : ''}…
              </p>
            )}
            {more > 0 && !loading && (
              <p class="more">
                {more.toLocaleString('en-US')} more {more === 1 ? 'anchor matches' : 'anchors match'}.{' '}
                <button type="button" class="link" onClick={showMore}>
                  Show {Math.min(PAGE_SIZE, more)} more
                </button>
              </p>
            )}
          </>
        )}
        {status.busy && <p class="note">Resuming…</p>}
        {status.error && (
          <p class="problem" role="alert">
            {status.error}
          </p>
        )}
        <p class="visually-hidden" aria-live="polite">
          {index && !refused ? `${results.length.toLocaleString('en-US')} ${results.length === 1 ? 'anchor' : 'anchors'}` : ''}
        </p>
      </div>
    </div>
  );
}

function Option(props: { group: AnchorGroup; terms: string[]; id: string; active: boolean; onHover: () => void; onChoose: () => void }) {
  const anchor = props.group.versions[0]!;
  return (
    <li
      id={props.id}
      role="option"
      aria-selected={props.active}
      class={props.active ? 'option active' : 'option'}
      onMouseMove={props.active ? undefined : props.onHover}
      onClick={props.onChoose}
    >
      <span class="option-name">{anchor.name}</span>
      <span class="option-age" title={exactTime(anchor.createdAt, anchor.timeKnown)}>
        {relativeTime(anchor.createdAt)}
      </span>
      <span class="option-next">
        <InlineMarkdown text={anchor.nextAction} terms={props.terms} />
      </span>
      {anchor.resumeCount > 0 && anchor.lastResumedAt && (
        <span class="option-used">
          resumed {anchor.resumeCount}× · last {relativeTime(anchor.lastResumedAt)}
        </span>
      )}
    </li>
  );
}

function LongWarning(props: { anchor: Anchor; onInsert: () => void; onCancel: () => void }) {
  const length = formatResumeText(props.anchor).length;
  const insert = useRef<HTMLButtonElement>(null);
  // Not the autofocus attribute: browsers ignore it in a frame from another origin than the page.
  useEffect(() => insert.current?.focus(), []);
  return (
    <div class="long-warning" role="alert">
      <p>
        The resume text of [{props.anchor.name}] is {length.toLocaleString('en-US')} characters, more than ChatGPT
        comfortably takes in one message ({LONG_RESUME_CHARS.toLocaleString('en-US')}).
      </p>
      <button type="button" class="btn" onClick={props.onInsert} ref={insert}>
        Insert anyway
      </button>
      <button type="button" class="btn secondary" onClick={props.onCancel}>
        Cancel
      </button>
    </div>
  );
}
