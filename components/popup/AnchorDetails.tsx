import { useState } from 'preact/hooks';
import type { AnchorGroup } from '../../lib/library/library-index';
import { TagsEditor } from '../TagsEditor';
import { AnchorActions } from './AnchorActions';
import { usePopupApi } from './context';
import { loadActions } from './lazy';
import { DiffView } from './DiffView';
import { History } from './History';
import { VersionFields } from './VersionFields';

/** The expanded part of a row: actions, the fields of one version, the history and what changed. */
export function AnchorDetails({ id, group, terms }: { id: string; group: AnchorGroup; terms: string[] }) {
  const api = usePopupApi();
  const [selected, setSelected] = useState(0);
  const shown = Math.min(selected, group.versions.length - 1);
  const anchor = group.versions[shown]!;
  return (
    <div id={id} class="details" role="region" aria-label={`${group.name}, details`}>
      <AnchorActions group={group} anchor={anchor} />
      <TagsEditor
        name={group.name}
        heading="h2"
        tags={group.versions[0]!.tags}
        onSave={async (tags) => {
          await (await loadActions()).setTags(group.name, tags);
          api.notify(tags.length > 0 ? `Tagged [${group.name}]: ${tags.join(', ')}.` : `Removed the tags of [${group.name}].`);
        }}
      />
      <VersionFields anchor={anchor} terms={terms} label={shown === 0 ? 'Latest version' : `Version ${group.versions.length - shown}`} />
      <History group={group} selected={shown} onSelect={setSelected} />
      {group.versions.length > 1 && <DiffView group={group} selected={shown} />}
    </div>
  );
}
