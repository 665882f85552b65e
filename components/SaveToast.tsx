import type { Controller, MaskedToast, RenameState, SavedToast, Toast } from '../lib/content/controller';
import { trusted } from '../lib/content/trusted';

/** What the toast asks of the controller (lib/content/controller.ts), which holds all its state. */
export type ToastActions = Pick<
  Controller,
  'undo' | 'startRename' | 'rename' | 'cancelRename' | 'mask' | 'deleteUnmasked' | 'dismissToast' | 'holdToast'
>;

type Props = { toast: Toast; rename: RenameState; actions: ToastActions };

/**
 * The confirmation after a save (with Undo, Rename and, for secrets, Mask), after a mask (Undo,
 * Delete the unmasked version), or a message. Every action runs only on a person's own click. It
 * stays while pointed at or worked in (the controller times it out otherwise).
 */
export function SaveToast({ toast, rename, actions }: Props) {
  const hold = () => actions.holdToast(true);
  const release = () => actions.holdToast(false);
  return (
    <div
      class={`toast ${toast.kind === 'message' ? toast.tone : 'info'}`}
      role="status"
      aria-live="polite"
      onMouseEnter={hold}
      onMouseLeave={release}
      onFocusIn={hold}
      onFocusOut={release}
    >
      {toast.kind === 'message' ? <p class="toast-text">{toast.text}</p> : <SavedBody toast={toast} rename={rename} actions={actions} />}
      <button type="button" class="icon" aria-label="Dismiss" title="Dismiss" onClick={actions.dismissToast}>
        ×
      </button>
    </div>
  );
}

function headline(toast: SavedToast | MaskedToast): string {
  const name = toast.anchor.name;
  if (toast.kind === 'saved') return toast.duplicate ? `Already saved: anchor [${name}]` : `Saved anchor [${name}]`;
  return toast.unmaskedDeleted
    ? `Masked [${name}]. The unmasked version is deleted for good.`
    : `Masked [${name}]: saved as a new version. The unmasked version is in the trash.`;
}

function SavedBody({ toast, rename, actions }: { toast: SavedToast | MaskedToast; rename: RenameState; actions: ToastActions }) {
  // Undo only what this toast's action made: never a save that found its text already stored.
  const canUndo = toast.kind === 'saved' ? !toast.duplicate : !toast.unmaskedDeleted;
  return (
    <div class="toast-body">
      <p class="toast-text">{headline(toast)}</p>
      {toast.kind === 'saved' && toast.secrets.length > 0 && (
        <p class="toast-warning">
          This anchor seems to hold a secret ({toast.secrets.join(', ')}).{' '}
          <button type="button" class="link" onClick={trusted(() => actions.mask(toast))}>
            Mask
          </button>
        </p>
      )}
      {rename ? (
        <RenameForm toast={toast} error={rename.error} actions={actions} />
      ) : (
        <div class="toast-actions">
          {canUndo && (
            <button type="button" class="link" onClick={trusted(() => actions.undo(toast))}>
              Undo
            </button>
          )}
          {toast.kind === 'masked' && !toast.unmaskedDeleted && (
            <button type="button" class="link" onClick={trusted(() => actions.deleteUnmasked(toast))}>
              Delete the unmasked version
            </button>
          )}
          <button type="button" class="link" onClick={trusted(actions.startRename)}>
            Rename
          </button>
        </div>
      )}
    </div>
  );
}

function RenameForm({ toast, error, actions }: { toast: SavedToast | MaskedToast; error: string | null; actions: ToastActions }) {
  return (
    // The rename runs on the submit button's click (Enter in the field clicks it too), never on
    // submit: a script's requestSubmit() makes a trusted submit event (see lib/content/trusted.ts).
    <form class="rename" onSubmit={(event) => event.preventDefault()}>
      <label>
        New name
        <input
          name="name"
          defaultValue={toast.anchor.name}
          autoFocus
          aria-invalid={error ? 'true' : 'false'}
          onKeyDown={(event) => {
            if (event.key === 'Escape') actions.cancelRename();
            event.stopPropagation(); // keep ChatGPT's own shortcuts out of the field
          }}
        />
      </label>
      <button
        type="submit"
        class="link"
        onClick={trusted((event: MouseEvent) => {
          const field = (event.currentTarget as HTMLButtonElement).form?.elements.namedItem('name') as HTMLInputElement | null;
          void actions.rename(toast, field?.value ?? '');
        })}
      >
        Save name
      </button>
      <button type="button" class="link" onClick={actions.cancelRename}>
        Cancel
      </button>
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
