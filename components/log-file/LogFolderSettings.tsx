import { useState } from 'preact/hooks';
import { LOG_FILE_NAME } from '../../lib/log-file/file-name';
import type { LogFolderApi } from './api';
import { LogFileStatus } from './LogFileStatus';
import { errorText, useLogFile } from './useLogFile';

/**
 * The options page's "Log file" section: keep the log in a folder the person chooses (Chrome and
 * Edge), one file per project too if they like, or, where the browser has no File System Access
 * API (Firefox), the one-click export instead.
 */
export function LogFolderSettings({ api }: { api: LogFolderApi }) {
  return (
    <section class="settings" aria-labelledby="log-file-heading">
      <fieldset>
        <legend id="log-file-heading">Log file</legend>
        {api.supported ? <FolderChoice api={api} /> : <ExportInstead api={api} />}
      </fieldset>
    </section>
  );
}

function FolderChoice({ api }: { api: LogFolderApi }) {
  const { view, setView, checkError } = useLogFile(api);
  const [message, setMessage] = useState<string | null>(null);

  const act = async (task: () => Promise<string | null>) => {
    setMessage(null);
    try {
      setMessage(await task());
    } catch (error) {
      setMessage(errorText(error));
    }
  };
  const choose = () =>
    act(async () => {
      if ((await api.chooseFolder()) === 'cancelled') return null;
      setView(await api.check());
      return null;
    });
  const perProject = (on: boolean) =>
    act(async () => {
      await api.setPerProject(on);
      setView(await api.check());
      return null;
    });
  const stop = () =>
    act(async () => {
      const folder = view?.folder;
      await api.stop();
      setView(null);
      return `The log is no longer kept in ${folder}/. The files there stay as they are.`;
    });

  return (
    <>
      <p class="hint">
        Keep the GPT Anchors Log current as “{LOG_FILE_NAME}” in a folder you choose (an Obsidian vault, a Dropbox or
        iCloud folder), so it syncs with whatever you already use. It is rewritten about a second after every change;
        entries added or edited in it elsewhere are offered for import, never overwritten.
      </p>
      {view === undefined && !checkError && <p class="hint">Loading…</p>}
      {view === null && (
        <button type="button" class="primary" onClick={() => void choose()}>
          Keep the log in a folder…
        </button>
      )}
      {view && (
        <>
          <LogFileStatus api={api} view={view} onView={setView} onChooseFolder={() => void choose()} />
          <label>
            <input type="checkbox" checked={view.perProject} onChange={(event) => void perProject(event.currentTarget.checked)} />{' '}
            Also keep one file per project (<code>Capstone.md</code> for <code>Capstone_Step9_Admin</code>) in the same folder
          </label>
          <div class="actions">
            <button type="button" onClick={() => void choose()}>
              Choose another folder…
            </button>
            <button type="button" onClick={() => void stop()}>
              Stop keeping the log
            </button>
          </div>
        </>
      )}
      {(message || checkError) && (
        <p class="status" aria-live="polite">
          {message ?? checkError}
        </p>
      )}
    </>
  );
}

function ExportInstead({ api }: { api: LogFolderApi }) {
  const [message, setMessage] = useState<string | null>(null);
  const download = async () => {
    setMessage('Exporting…');
    try {
      const { filename, count } = await api.exportLog();
      setMessage(`Saved ${count} ${count === 1 ? 'anchor' : 'anchors'} to ${filename} in your downloads.`);
    } catch (error) {
      setMessage(errorText(error));
    }
  };
  return (
    <>
      <p class="hint">
        This browser cannot keep the log in a folder: it has no File System Access API (Firefox has none; Chrome and
        Edge do). Download the whole log as a markdown file instead, whenever you want it:
      </p>
      <button type="button" class="primary" onClick={() => void download()}>
        Export the log
      </button>
      {message && (
        <p class="status" role="status">
          {message}
        </p>
      )}
    </>
  );
}
