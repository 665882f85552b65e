import type { Anchor } from '../../lib/model/anchor';
import type { AnchorGroup } from '../../lib/library/library-index';
import { errorText, usePopupApi } from './context';
import { loadActions } from './lazy';

/** Resume, copy, edit and delete for the version on show (delete takes every version). */
export function AnchorActions({ group, anchor }: { group: AnchorGroup; anchor: Anchor }) {
  const api = usePopupApi();

  const run = async (work: (actions: Awaited<ReturnType<typeof loadActions>>) => Promise<string | void>) => {
    try {
      const message = await work(await loadActions());
      if (message) api.notify(message);
    } catch (error) {
      api.notify(errorText(error), 'error');
    }
  };

  const versions = group.versions.length;
  return (
    <div class="actions">
      <div class="buttons" role="group" aria-label="Actions">
        <button type="button" class="btn primary" title="Open a new ChatGPT chat with this anchor" onClick={() => api.resume(anchor)}>
          Resume
        </button>
        <button
          type="button"
          class="btn"
          title="Copy this version as a GPT Anchors Log entry"
          onClick={() => void run(async (a) => (await a.copyAsMarkdown(anchor), 'Copied as markdown.'))}
        >
          Copy as markdown
        </button>
        <button
          type="button"
          class="btn"
          title="Copy the text you would paste into a new chat"
          onClick={() => void run(async (a) => (await a.copyResumeText(anchor), 'Copied resume text.'))}
        >
          Copy resume text
        </button>
        <button type="button" class="btn" title="Edit (saves a new version)" onClick={() => api.edit(anchor)}>
          Edit
        </button>
        <button
          type="button"
          class="btn danger"
          title="Move every version to the trash (Del on the row)"
          onClick={() => api.trash(group.versions, versions === 1 ? `[${group.name}]` : `[${group.name}] (${versions} versions)`)}
        >
          Delete
        </button>
      </div>
    </div>
  );
}
