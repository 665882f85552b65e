import { useState } from 'preact/hooks';
import type { LogFileView } from '../../lib/log-file/records';
import { canImport, importedText, problemText, statusLine } from '../../lib/log-file/status-text';
import type { LogFileApi } from './api';
import { errorText, useNow } from './useLogFile';
import './log-file.css';

type Props = {
  api: LogFileApi;
  view: LogFileView;
  onView: (view: LogFileView | null) => void;
  /** Where the folder can be chosen again (the options page); elsewhere the button opens Settings. */
  onChooseFolder?: () => void;
};

type Message = { text: string; error?: boolean } | null;

/**
 * "Log kept in Anchors/ · written 12 s ago", and when something is wrong, what to do about it in
 * one button: allow writing again, try again, choose the folder, or answer a change made to the
 * file elsewhere (Import / Keep the library's).
 */
export function LogFileStatus({ api, view, onView, onChooseFolder }: Props) {
  const now = useNow(view.writtenAt);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const problem = view.problem ? problemText(view.problem, view.folder) : null;

  const run = async (task: () => Promise<Message>) => {
    setBusy(true);
    setMessage(null);
    try {
      setMessage(await task());
    } catch (error) {
      setMessage({ text: errorText(error), error: true });
    } finally {
      setBusy(false);
    }
  };

  // The prompt needs the click's user activation: allowWriting() starts it before anything else is awaited.
  const allow = () =>
    run(async () => {
      const answer = await api.allowWriting();
      if (answer !== 'granted') {
        return { text: `Writing to ${view.folder}/ was not allowed. Your library is safe; the log waits until you allow it.`, error: true };
      }
      onView(await api.check());
      return null;
    });
  const retry = () =>
    run(async () => {
      onView(await api.check());
      return null;
    });
  const resolve = (choice: 'import' | 'keepLibrary') =>
    run(async () => {
      const result = await api.resolve(choice);
      onView(result.view);
      // A write that failed (permission, full disk) shows its own problem above, with what to do.
      const rewritten = !result.view?.problem;
      if (result.changedAgain) return { text: 'The file changed again in the meantime: this is what it holds now.' };
      if (result.imported) return { text: importedText(result.imported, rewritten) };
      return rewritten ? { text: 'The file was rewritten from the library.' } : null;
    });

  return (
    <section class="log-file" aria-label="Log file">
      <p class="log-file-line">{statusLine(view, now)}</p>
      {problem && (
        <div class="log-file-problem" role="alert">
          <p>{problem.text}</p>
          <div class="log-file-actions">
            {problem.action === 'allow' && (
              <button type="button" class="btn primary" disabled={busy} onClick={() => void allow()}>
                Allow writing to {view.folder}/
              </button>
            )}
            {problem.action === 'retry' && (
              <button type="button" class="btn" disabled={busy} onClick={() => void retry()}>
                Try again
              </button>
            )}
            {problem.action === 'choose-folder' && (
              <button type="button" class="btn" disabled={busy} onClick={() => (onChooseFolder ? onChooseFolder() : void api.openSettings())}>
                {onChooseFolder ? 'Choose the folder again…' : 'Open Settings'}
              </button>
            )}
            {problem.action === 'offer' && canImport(view.problem?.offer) && (
              <button type="button" class="btn primary" disabled={busy} onClick={() => void resolve('import')}>
                Import
              </button>
            )}
            {problem.action === 'offer' && (
              <button type="button" class="btn" disabled={busy} onClick={() => void resolve('keepLibrary')}>
                Keep the library's
              </button>
            )}
          </div>
        </div>
      )}
      <p class={message?.error ? 'log-file-message error-text' : 'log-file-message'} aria-live="polite">
        {message?.text}
      </p>
    </section>
  );
}
