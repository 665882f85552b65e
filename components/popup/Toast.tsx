import { useEffect } from 'preact/hooks';

export type ToastState = { id: number; message: string; undo?: () => void } | null;

const SHOW_MS = 10_000;

/** "Moved … to the trash" with Undo; goes away by itself after a while. */
export function Toast({ toast, onClose }: { toast: ToastState; onClose: () => void }) {
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(onClose, SHOW_MS);
    return () => clearTimeout(timer);
  }, [toast?.id]);
  return (
    <div class="toast-area" role="status" aria-live="polite">
      {toast && (
        <div class="toast">
          <span>{toast.message}</span>
          {toast.undo && (
            <button type="button" class="btn" title="Undo (Ctrl+Z)" onClick={toast.undo}>
              Undo
            </button>
          )}
          <button type="button" class="icon" aria-label="Close" title="Close" onClick={onClose}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
