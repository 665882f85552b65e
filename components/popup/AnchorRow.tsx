import { matchSnippet, resumeStats, type AnchorGroup } from '../../lib/library/library-index';
import { shortTokens } from '../../lib/meter/reading';
import { relativeTime } from '../../lib/model/time';
import { AnchorDetails } from './AnchorDetails';
import { InlineMarkdown } from '../InlineMarkdown';
import { Highlight } from './Highlight';
import { usePopupApi } from './context';
import { RelTime } from './RelTime';
import { groupSecrets, secretTitle } from './secrets';

type Props = {
  index: number;
  group: AnchorGroup;
  terms: string[];
  expanded: boolean;
  /** Only the newest anchors are read yet: version and resume counts would be wrong, so wait. */
  partial: boolean;
  tabbable: boolean;
  onFocus: () => void;
  onToggle: () => void;
};

const ROW_KEYS = 'Enter: expand or collapse · R: resume in a new chat · ↑↓: move · Del: move to trash';

/**
 * One anchor name: its latest version in a glance, with a one-click Resume (shown on hover and
 * while the row has the keyboard, and in the tab order right after the row), and its history
 * when expanded, whose own Resume takes over.
 */
export function AnchorRow({ index, group, terms, expanded, partial, tabbable, onFocus, onToggle }: Props) {
  const api = usePopupApi();
  const latest = group.versions[0]!;
  const snippet = terms.length > 0 ? matchSnippet(group, terms) : null;
  const secrets = groupSecrets(group);
  const resumes = resumeStats(group);
  const detailsId = `details-${index}`;
  const nameId = `name-${index}`;
  return (
    <div class="anchor">
      <button
        type="button"
        class="row"
        data-row={index}
        tabIndex={tabbable ? 0 : -1}
        aria-expanded={expanded}
        aria-controls={expanded ? detailsId : undefined}
        title={ROW_KEYS}
        onFocus={onFocus}
        onClick={onToggle}
      >
        <span class="row-top">
          <span class="name" id={nameId}>
            <Highlight text={group.name} terms={terms} />
          </span>
          {secrets.length > 0 && (
            <span class="badge" title={secretTitle(secrets)}>
              secret
            </span>
          )}
          <span class="age">
            <RelTime iso={latest.createdAt} timeKnown={latest.timeKnown} />
          </span>
        </span>
        <span class="row-text">
          {snippet ? (
            <>
              <span class="muted">
                {snippet.label}
                {snippet.version > 0 ? ` (v${group.versions.length - snippet.version})` : ''}:{' '}
              </span>
              <InlineMarkdown text={snippet.text} terms={terms} />
            </>
          ) : (
            <InlineMarkdown text={latest.nextAction || '(no next action)'} terms={terms} />
          )}
        </span>
        <span class="row-meta">
          {group.project}
          {!partial && (group.versions.length === 1 ? ' · 1 version' : ` · ${group.versions.length} versions`)}
          {!partial && resumes.count > 0 && ` · resumed ${resumes.count}×`}
          {!partial && resumes.last && ` · last ${relativeTime(resumes.last)}`}
          {latest.chatTokens !== undefined && (
            <span title={`Saved from a chat of about ${latest.chatTokens.toLocaleString('en-US')} tokens`}>
              {` · chat ≈ ${shortTokens(latest.chatTokens)} tokens`}
            </span>
          )}
        </span>
      </button>
      {!expanded && (
        <button
          type="button"
          class="btn primary row-resume"
          tabIndex={tabbable ? 0 : -1}
          aria-describedby={nameId}
          title="Resume the latest version in a new ChatGPT chat (R on the row)"
          onFocus={onFocus}
          onClick={() => api.resume(latest)}
        >
          Resume
        </button>
      )}
      {expanded && <AnchorDetails id={detailsId} group={group} terms={terms} />}
    </div>
  );
}
