import { useState } from 'preact/hooks';
import { diffAnchors, type FieldDiff } from '../../lib/library/diff';
import { FIELD_TITLES, type AnchorGroup } from '../../lib/library/library-index';
import { InlineMarkdown } from '../InlineMarkdown';

/** What changed between the version on show and another one (by default the one before it). */
export function DiffView({ group, selected }: { group: AnchorGroup; selected: number }) {
  const count = group.versions.length;
  const fallback = selected + 1 < count ? selected + 1 : selected - 1;
  const [chosen, setChosen] = useState<number | null>(null);
  const other = chosen !== null && chosen !== selected && chosen < count ? chosen : fallback;
  // Versions are newest first: the higher index is the older one.
  const [older, newer] = other > selected ? [other, selected] : [selected, other];
  const changes = diffAnchors(group.versions[older]!, group.versions[newer]!);
  const name = (i: number) => `version ${count - i}`;
  return (
    <section class="diff" aria-label="What changed">
      <h2>What changed</h2>
      <label class="compare">
        Compare {name(selected)} with{' '}
        <select value={String(other)} onChange={(event) => setChosen(Number(event.currentTarget.value))}>
          {group.versions.map((_, i) =>
            i === selected ? null : (
              <option key={i} value={String(i)}>
                {name(i)}
              </option>
            ),
          )}
        </select>
      </label>
      <p class="muted">
        From {name(older)} to {name(newer)}:
      </p>
      {changes.length === 0 ? <p>No differences.</p> : changes.map((change) => <FieldChange key={change.field} change={change} />)}
    </section>
  );
}

function FieldChange({ change }: { change: FieldDiff }) {
  const title = FIELD_TITLES[change.field];
  if (change.field === 'dependencies') {
    return (
      <div class="change">
        <h3>{title}</h3>
        <ul class="diff-lines">
          {change.added.map((dep, i) => (
            <li key={`a${i}`}>
              <ins>
                <span aria-hidden="true">+ </span>
                <InlineMarkdown text={dep} />
              </ins>
            </li>
          ))}
          {change.removed.map((dep, i) => (
            <li key={`r${i}`}>
              <del>
                <span aria-hidden="true">− </span>
                <InlineMarkdown text={dep} />
              </del>
            </li>
          ))}
          {change.reordered && <li class="muted">Same items, new order.</li>}
        </ul>
      </div>
    );
  }
  return (
    <div class="change">
      <h3>{title}</h3>
      <ul class="diff-lines">
        {change.lines.map((line, i) => (
          <li key={i}>
            {line.op === 'added' ? (
              <ins>
                <span aria-hidden="true">+ </span>
                <InlineMarkdown text={line.text} />
              </ins>
            ) : line.op === 'removed' ? (
              <del>
                <span aria-hidden="true">− </span>
                <InlineMarkdown text={line.text} />
              </del>
            ) : (
              <span class="same">
                <span aria-hidden="true">{'  '}</span>
                <InlineMarkdown text={line.text} />
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
