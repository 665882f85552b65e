import { useEffect, useState } from 'preact/hooks';
import type { MaskedToast, SavedToast, Toast } from '../lib/content/controller';
import { trusted } from '../lib/content/trusted';

type Props = {
  toast: Toast;
  onUndo: (toast: SavedToast | MaskedToast) => void;
  onRename: (toast: SavedToast | MaskedToast, name: string) => Promise<string | null>;
  onMask: (toast: SavedToast) => void;
  onDeleteUnmasked: (toast: MaskedToast) => void;
  onDismiss: () => void;
};

/** How long a toast stays when nobody points at it or works in it. */
const TOAST_MS = { saved: 12_000, info: 6_000, error: 15_000 };

/** Toasts that wait for the user: a secret to mask, or an unmasked version still in the trash. */
const waitsForUser = (toast: Toast) =>
  (toast.kind === 'saved' && toast.secrets.length > 0) || (toast.kind === 'masked' && !toast.unmaskedDeleted);

/**
 * The confirmation after a save (with Undo, Rename and, for secrets, Mask), after a mask (Undo,
 * Delete the unmasked version), or a message. Every action runs only on a person's own click.
 */
export function SaveToast({ toast, onUndo, onRename, onMask, onDeleteUnmasked, onDismiss }: Props) {
  const [held, setHeld] = useState(false);
  const duration = toast.kind === 'message' ? TOAST_MS[toast.tone] : TOAST_MS.saved;
  useEffect(() => {
    if (held || waitsForUser(toast)) return;
    const timer = setTimeout(onDismiss, duration);
    return () => clearTimeout(timer);
  }, [toast, held]);
  return (
    <div
      class={`toast ${toast.kind === 'message' ? toast.tone : 'info'}`}
      role="status"
      aria-live="polite"
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      onFocusIn={() => setHeld(true)}
      onFocusOut={() => setHeld(false)}
    >
      {toast.kind === 'message' ? (
        <p class="toast-text">{toast.text}</p>
      ) : (
        <SavedBody toast={toast} onUndo={onUndo} onRename={onRename} onMask={onMask} onDeleteUnmasked={onDeleteUnmasked} />
      )}
      <button type="button" class="icon" aria-label="Dismiss" title="Dismiss" onClick={onDismiss}>
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

function SavedBody({
  toast,
  onUndo,
  onRename,
  onMask,
  onDeleteUnmasked,
}: { toast: SavedToast | MaskedToast } & Pick<Props, 'onUndo' | 'onRename' | 'onMask' | 'onDeleteUnmasked'>) {
  const [renaming, setRenaming] = useState(false);
  // Undo only what this toast's action made: never a save that found its text already stored.
  const canUndo = toast.kind === 'saved' ? !toast.duplicate : !toast.unmaskedDeleted;
  return (
    <div class="toast-body">
      <p class="toast-text">{headline(toast)}</p>
      {toast.kind === 'saved' && toast.secrets.length > 0 && (
        <p class="toast-warning">
          This anchor seems to hold a secret ({toast.secrets.join(', ')}).{' '}
          <button type="button" class="link" onClick={trusted(() => onMask(toast))}>
            Mask
          </button>
        </p>
      )}
      {renaming ? (
        <RenameForm
          name={toast.anchor.name}
          onCancel={() => setRenaming(false)}
          onRename={async (name) => {
            const error = await onRename(toast, name);
            if (!error) setRenaming(false);
            return error;
          }}
        />
      ) : (
        <div class="toast-actions">
          {canUndo && (
            <button type="button" class="link" onClick={trusted(() => onUndo(toast))}>
              Undo
            </button>
          )}
          {toast.kind === 'masked' && !toast.unmaskedDeleted && (
            <button type="button" class="link" onClick={trusted(() => onDeleteUnmasked(toast))}>
              Delete the unmasked version
            </button>
          )}
          <button type="button" class="link" onClick={trusted(() => setRenaming(true))}>
            Rename
          </button>
        </div>
      )}
    </div>
  );
}

function RenameForm(props: { name: string; onRename: (name: string) => Promise<string | null>; onCancel: () => void }) {
  const [value, setValue] = useState(props.name);
  const [error, setError] = useState<string | null>(null);
  return (
    // The rename runs on the submit button's click (Enter in the field clicks it too), never on
    // submit: a script's requestSubmit() makes a trusted submit event (see lib/content/trusted.ts).
    <form class="rename" onSubmit={(event) => event.preventDefault()}>
      <label>
        New name
        <input
          value={value}
          autoFocus
          aria-invalid={error ? 'true' : 'false'}
          onInput={(event) => setValue(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') props.onCancel();
            event.stopPropagation(); // keep ChatGPT's own shortcuts out of the field
          }}
        />
      </label>
      <button type="submit" class="link" onClick={trusted(async () => setError(await props.onRename(value)))}>
        Save name
      </button>
      <button type="button" class="link" onClick={props.onCancel}>
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
