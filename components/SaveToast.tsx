import { useEffect, useState } from 'preact/hooks';
import type { Anchor } from '../lib/anchor';
import type { Toast } from '../lib/content/controller';

type Props = {
  toast: Toast;
  onUndo: (anchor: Anchor) => void;
  onRename: (anchor: Anchor, name: string) => Promise<string | null>;
  onMask: (anchor: Anchor) => void;
  onDismiss: () => void;
};

/** How long a toast stays when nobody points at it or works in it. */
const TOAST_MS = { saved: 12_000, info: 6_000, error: 15_000 };

/** The confirmation after a save (with Undo, Rename and, for secrets, Mask), or a message. */
export function SaveToast({ toast, onUndo, onRename, onMask, onDismiss }: Props) {
  const [held, setHeld] = useState(false);
  const duration = toast.kind === 'saved' ? TOAST_MS.saved : TOAST_MS[toast.tone];
  useEffect(() => {
    if (held || (toast.kind === 'saved' && toast.secrets.length > 0)) return;
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
        <SavedBody toast={toast} onUndo={onUndo} onRename={onRename} onMask={onMask} />
      )}
      <button type="button" class="icon" aria-label="Dismiss" title="Dismiss" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}

function SavedBody({
  toast,
  onUndo,
  onRename,
  onMask,
}: { toast: Extract<Toast, { kind: 'saved' }> } & Pick<Props, 'onUndo' | 'onRename' | 'onMask'>) {
  const [renaming, setRenaming] = useState(false);
  const { anchor } = toast;
  return (
    <div class="toast-body">
      <p class="toast-text">
        {toast.duplicate ? `Already saved: anchor [${anchor.name}]` : `Saved anchor [${anchor.name}]`}
      </p>
      {toast.secrets.length > 0 && (
        <p class="toast-warning">
          This anchor seems to hold a secret ({toast.secrets.join(', ')}).{' '}
          <button type="button" class="link" onClick={() => onMask(anchor)}>
            Mask
          </button>
        </p>
      )}
      {renaming ? (
        <RenameForm
          name={anchor.name}
          onCancel={() => setRenaming(false)}
          onRename={async (name) => {
            const error = await onRename(anchor, name);
            if (!error) setRenaming(false);
            return error;
          }}
        />
      ) : (
        <div class="toast-actions">
          {!toast.duplicate && (
            <button type="button" class="link" onClick={() => onUndo(anchor)}>
              Undo
            </button>
          )}
          <button type="button" class="link" onClick={() => setRenaming(true)}>
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
    <form
      class="rename"
      onSubmit={async (event) => {
        event.preventDefault();
        setError(await props.onRename(value));
      }}
    >
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
      <button type="submit" class="link">
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
