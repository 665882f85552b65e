import { useState } from 'preact/hooks';
import { errorText, usePopupApi } from './context';
import { loadActions } from './lazy';

/** A file input labelled Import: the background parses the log or backup and stores all of it or nothing. */
export function ImportButton() {
  const api = usePopupApi();
  const [busy, setBusy] = useState(false);

  const onChange = async (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    api.notify(`Importing ${file.name}…`, 'busy');
    try {
      const [text, actions] = await Promise.all([file.text(), loadActions()]);
      const report = await actions.importLog(file.name, text);
      const skipped = report.duplicates > 0 ? `, skipped ${report.duplicates} ${report.duplicates === 1 ? 'duplicate' : 'duplicates'}` : '';
      const details = report.warnings.map((w) => (w.line === undefined ? w.message : `Line ${w.line}: ${w.message}`));
      api.notify(`Imported ${file.name}: added ${report.added} ${report.added === 1 ? 'anchor' : 'anchors'}${skipped}.`, 'info', details);
    } catch (error) {
      api.notify(`Import failed, nothing was added: ${errorText(error)}`, 'error');
    } finally {
      input.value = ''; // the same file can be chosen again
      setBusy(false);
    }
  };

  return (
    <label class={busy ? 'btn file busy' : 'btn file'} title="Import a GPT Anchors Log (.md) or a JSON backup">
      <input type="file" class="visually-hidden" accept=".md,.markdown,.txt,.json" disabled={busy} onChange={(e) => void onChange(e)} />
      Import
    </label>
  );
}
