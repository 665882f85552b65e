import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import type { Anchor } from '../../lib/model/anchor';
import { projectOf } from '../../lib/model/anchor-fields';
import { boardCards, summarizeTags, type BoardCard } from '../../lib/library/board';
import { countTags, hasTag } from '../../lib/model/tags';
import { Notice, type NoticeState } from '../popup/Notice';
import { BoardToolbar, type BoardFilters } from './BoardToolbar';
import { loadActions, warmActions } from './lazy';
import { ProjectCard } from './ProjectCard';
import { LazyProjectDetails as ProjectDetails } from './lazy-details';
import { useBoard, useNow } from './useBoard';
import { isNewer } from '../../lib/model/order';

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Marks the frame after the board first showed (the bench reads it: bench/board.bench.ts). */
let painted = false;
function markBoardPainted(): void {
  if (painted) return;
  painted = true;
  performance.mark('board-rendered');
  requestAnimationFrame(() => performance.mark('board-painted'));
}

/**
 * The first render shows the cards of a screen or two; the rest follow in the next frame. At 200
 * projects the whole board costs several times the first screen to build, all of it below the fold.
 */
const FIRST_CARDS = 12;

function useFirstScreenFirst(ready: boolean): number {
  const [limit, setLimit] = useState(FIRST_CARDS);
  useEffect(() => {
    if (!ready || limit === Infinity) return;
    requestAnimationFrame(() =>
      setTimeout(() => {
        setLimit(Infinity);
        requestAnimationFrame(() => performance.mark('board-complete'));
      }, 0),
    );
  }, [ready]);
  return limit;
}

/** The anchors a card stands for: a project's (by the name's prefix), or every name whose newest version has the tag. */
function anchorsOf(card: BoardCard, kind: 'project' | 'tag', anchors: Anchor[]): Anchor[] {
  if (kind === 'project') return anchors.filter((a) => projectOf(a.name) === card.project);
  const newest = new Map<string, Anchor>();
  for (const anchor of anchors) {
    const known = newest.get(anchor.name);
    if (!anchor.deletedAt && (!known || isNewer(anchor, known))) newest.set(anchor.name, anchor);
  }
  return anchors.filter((a) => hasTag(newest.get(a.name)?.tags, card.project));
}

/** A long resume text asks first, as in the popup. */
type LongResume = { card: BoardCard; length: number; limit: number };

/**
 * The full-page library: every project's open loop (next action, open dependencies, when it was
 * last saved and resumed, idle days, one-click Resume), its lineage across chats, and tags.
 */
export function LibraryPage() {
  const board = useBoard();
  const now = useNow();
  const [filters, setFilters] = useState<BoardFilters>({ query: '', tag: '', staleOnly: false, sort: 'recent', groupBy: 'project' });
  const [expanded, setExpanded] = useState<string | null>(null);
  const [notice, setNotice] = useState<NoticeState>(null);
  const [long, setLong] = useState<LongResume | null>(null);

  const byTag = filters.groupBy === 'tag';
  const summaries = useMemo(
    () => (byTag ? (board.anchors ? summarizeTags(board.anchors) : null) : board.summaries),
    [byTag, board.anchors, board.summaries],
  );
  const cards = useMemo(
    () => (summaries ? boardCards(summaries, filters, now, board.staleAfterDays) : null),
    [summaries, filters, now, board.staleAfterDays],
  );
  const tags = useMemo(() => countTags((board.summaries ?? []).map((s) => s.tags)), [board.summaries]);
  const staleCount = cards?.filter((c) => c.stale).length ?? 0;
  const limit = useFirstScreenFirst(cards !== null);

  useLayoutEffect(() => {
    if (board.summaries || board.error) markBoardPainted();
  }, [board.summaries, board.error]);
  useEffect(warmActions, []);

  const resume = (card: BoardCard, force = false) => {
    loadActions()
      .then(async (actions) => {
        const { name, length } = await actions.resumeTextLength(card.latestId);
        if (!force && length > actions.LONG_RESUME_CHARS) {
          setLong({ card, length, limit: actions.LONG_RESUME_CHARS });
          return;
        }
        setLong(null);
        await actions.resumeInNewTab(card.latestId);
        setNotice({ kind: 'info', text: `Resuming [${name}] in a new ChatGPT tab…` });
      })
      .catch((error: unknown) => setNotice({ kind: 'error', text: errorText(error) }));
  };

  const saveTags = async (name: string, tags: string[]) => {
    await (await loadActions()).setTags(name, tags);
    setNotice({ kind: 'info', text: tags.length > 0 ? `Tagged [${name}]: ${tags.join(', ')}.` : `Removed the tags of [${name}].` });
  };

  const kind = byTag ? 'tag' : 'project';
  return (
    <div class="page">
      <header class="head">
        <h1>GPT Anchors library</h1>
        <a class="btn" href="/options.html" target="_blank">
          Settings
        </a>
      </header>
      <Notice notice={notice} onDismiss={() => setNotice(null)} />
      {board.error && (
        <p class="error" role="alert">
          {board.error}
        </p>
      )}
      <main class="main">
        {long && (
          <div class="warning" role="alert">
            <p>
              The resume text of [{long.card.latestName}] is {long.length.toLocaleString()} characters, more than ChatGPT comfortably takes in
              one message ({long.limit.toLocaleString()}).
            </p>
            <button type="button" class="btn primary" onClick={() => resume(long.card, true)}>
              Resume anyway
            </button>
            <button type="button" class="btn" onClick={() => setLong(null)}>
              Cancel
            </button>
          </div>
        )}
        {board.summaries && board.summaries.length === 0 && !board.error ? (
          <div class="empty">
            <h2>No projects yet</h2>
            <p>
              Save an anchor in a ChatGPT chat (<strong>Save anchor</strong>, under the message box) and its project shows here: its next
              action, what it waits on, and the chats it went through.
            </p>
          </div>
        ) : (
          <>
            <BoardToolbar filters={filters} tags={tags} staleAfterDays={board.staleAfterDays} onChange={setFilters} />
            <p class="count muted" aria-live="polite">
              {!cards
                ? 'Reading the library…'
                : `${cards.length} ${byTag ? (cards.length === 1 ? 'tag' : 'tags') : cards.length === 1 ? 'project' : 'projects'}` +
                  (staleCount > 0 ? `, ${staleCount} stale (nothing saved or resumed for ${board.staleAfterDays} days or more)` : '')}
            </p>
            {cards && cards.length === 0 && (
              <p class="empty">
                {byTag && (summaries?.length ?? 0) === 0 ? 'No anchor has a tag yet: add tags in a card’s details (Lineage and tags). ' : 'No card matches. '}
                <button type="button" class="link" onClick={() => setFilters({ ...filters, query: '', tag: '', staleOnly: false })}>
                  Show all
                </button>
              </p>
            )}
            {cards && cards.length > 0 && (
              <ul class="board" aria-label={byTag ? 'Tags' : 'Projects'}>
                {cards.slice(0, limit).map((card, i) => {
                  const key = `${kind}:${card.project}`;
                  const open = expanded === key;
                  return (
                    <li key={key} class={open ? 'wide' : undefined}>
                      <ProjectCard
                        card={card}
                        index={i}
                        kind={kind}
                        staleAfterDays={board.staleAfterDays}
                        now={now}
                        expanded={open}
                        onResume={(c) => resume(c)}
                        onToggle={() => setExpanded(open ? null : key)}
                      >
                        {open && (
                          <ProjectDetails
                            id={`card-${i}-details`}
                            title={byTag ? `#${card.project}` : card.project}
                            anchors={board.anchors && anchorsOf(card, kind, board.anchors)}
                            resumes={board.resumes}
                            onSetTags={saveTags}
                          />
                        )}
                      </ProjectCard>
                    </li>
                  );
                })}
              </ul>
            )}
          </>
        )}
      </main>
    </div>
  );
}
