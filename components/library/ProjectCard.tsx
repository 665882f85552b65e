import type { ComponentChildren } from 'preact';
import { openDependencies, type BoardCard } from '../../lib/library/board';
import { relativeTime, exactTime } from '../../lib/model/time';
import { InlineMarkdown } from '../InlineMarkdown';

/** How many open dependencies a card lists before "and N more". */
const SHOWN_DEPENDENCIES = 5;

type Props = {
  card: BoardCard;
  index: number;
  kind: 'project' | 'tag';
  staleAfterDays: number;
  now: number;
  expanded: boolean;
  onResume: (card: BoardCard) => void;
  onToggle: () => void;
  children?: ComponentChildren;
};

function idleText(card: BoardCard): string {
  const days = card.idleDays === 0 ? 'active today' : card.idleDays === 1 ? '1 day idle' : `${card.idleDays} days idle`;
  return card.stale ? `Stale · ${days}` : days.charAt(0).toUpperCase() + days.slice(1);
}

function Ago({ iso, now }: { iso: string; now: number }) {
  return (
    <time dateTime={iso} title={exactTime(iso)}>
      {relativeTime(iso, now)}
    </time>
  );
}

/** One open loop: where a project stands, with a one-click Resume of its newest anchor. */
export function ProjectCard({ card, index, kind, staleAfterDays, now, expanded, onResume, onToggle, children }: Props) {
  const titleId = `card-${index}-title`;
  const detailsId = `card-${index}-details`;
  const open = openDependencies(card);
  const shown = open.slice(0, SHOWN_DEPENDENCIES);
  const title = kind === 'tag' ? `#${card.project}` : card.project;
  return (
    <article class={`card${card.stale ? ' stale' : ''}${expanded ? ' expanded' : ''}`} aria-labelledby={titleId}>
      <header class="card-head">
        <h2 id={titleId}>{title}</h2>
        <span
          class={`idle${card.stale ? ' stale' : ''}`}
          title={`Last saved or resumed ${exactTime(card.activity)}; stale after ${staleAfterDays} days without either (settings)`}
        >
          {idleText(card)}
        </span>
      </header>
      <dl class="card-fields">
        <dt>Next action</dt>
        <dd class="next">{card.nextAction.trim() ? <InlineMarkdown text={card.nextAction} /> : <span class="muted">None given</span>}</dd>
        <dt>Open dependencies</dt>
        <dd>
          {open.length === 0 ? (
            <span class="muted">None</span>
          ) : (
            <ul class="deps">
              {shown.map((dependency, i) => (
                <li key={i}>
                  <InlineMarkdown text={dependency} />
                </li>
              ))}
              {open.length > shown.length && <li class="muted">and {open.length - shown.length} more</li>}
            </ul>
          )}
        </dd>
      </dl>
      <p class="card-meta">
        From <span class="name">[{card.latestName}]</span> · saved <Ago iso={card.lastSavedAt} now={now} />
        {card.lastResumedAt ? (
          <>
            {' '}
            · resumed <Ago iso={card.lastResumedAt} now={now} />
          </>
        ) : (
          ' · never resumed'
        )}{' '}
        · {card.names === 1 ? '1 anchor' : `${card.names} anchors`}, {card.versions === 1 ? '1 version' : `${card.versions} versions`}
      </p>
      {card.tags.length > 0 && (
        <p class="tags" aria-label="Tags">
          {card.tags.map((tag) => (
            <span class="tag" key={tag}>
              {tag}
            </span>
          ))}
        </p>
      )}
      <div class="card-actions">
        <button
          type="button"
          class="btn primary"
          aria-label={`Resume ${card.latestName}`}
          title={`Open a new ChatGPT chat with [${card.latestName}], the newest anchor of ${title}`}
          onClick={() => onResume(card)}
        >
          Resume
        </button>
        <button type="button" class="btn" aria-expanded={expanded} aria-controls={expanded ? detailsId : undefined} onClick={onToggle}>
          Lineage and tags
        </button>
      </div>
      {expanded && children}
    </article>
  );
}
