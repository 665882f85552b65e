import { useMemo } from 'preact/hooks';
import type { Anchor } from '../../lib/model/anchor';
import type { ResumeRecord } from '../../lib/model/lineage';
import { buildTimeline } from '../../lib/library/timeline';
import { TagsEditor } from '../TagsEditor';
import { Lineage } from './Lineage';
import { newestOf } from '../../lib/model/order';

type Props = {
  id: string;
  title: string;
  /** The card's anchors (trash included: the timeline leaves it out), or null while the library is read. */
  anchors: Anchor[] | null;
  resumes: ResumeRecord[];
  onSetTags: (name: string, tags: string[]) => Promise<void>;
};

/** A card's details: the lineage of its chats and anchors, and each anchor name with its tags. */
export function ProjectDetails({ id, title, anchors, resumes, onSetTags }: Props) {
  const timeline = useMemo(() => (anchors ? buildTimeline(anchors, resumes) : []), [anchors, resumes]);
  const names = useMemo(() => {
    const byName = new Map<string, Anchor[]>();
    for (const anchor of anchors ?? []) {
      if (anchor.deletedAt) continue;
      byName.set(anchor.name, [...(byName.get(anchor.name) ?? []), anchor]);
    }
    return [...byName].map(([name, versions]) => ({
      name,
      versions: versions.length,
      newest: newestOf(versions)!,
    }));
  }, [anchors]);
  return (
    <div id={id} class="card-details" role="region" aria-label={`${title}: lineage and anchors`}>
      {!anchors ? (
        <p class="muted">Reading the lineage…</p>
      ) : (
        <>
          <h3>Lineage</h3>
          <Lineage items={timeline} label={`Lineage of ${title}`} />
          <h3>Anchors</h3>
          <ul class="names">
            {names.map(({ name, versions, newest }) => (
              <li key={name}>
                <span class="name">{name}</span>{' '}
                <span class="muted">({versions === 1 ? '1 version' : `${versions} versions`})</span>
                <TagsEditor name={name} tags={newest.tags} onSave={(tags) => onSetTags(name, tags)} />
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
