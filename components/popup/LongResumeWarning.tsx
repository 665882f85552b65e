import { useEffect, useRef } from 'preact/hooks';
import type { LongResume } from './useResume';

type Props = { long: LongResume; onResume: () => void; onCancel: () => void };

/**
 * Asks before resuming a long text. It takes the focus (the resume may have been asked for with
 * a key on a row far below) and gives it back when cancelled.
 */
export function LongResumeWarning({ long, onResume, onCancel }: Props) {
  const first = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<Element | null>(null);
  useEffect(() => {
    returnTo.current = document.activeElement;
    first.current?.focus();
  }, [long.anchor.id]);
  const cancel = () => {
    onCancel();
    if (returnTo.current instanceof HTMLElement && returnTo.current.isConnected) returnTo.current.focus();
  };
  return (
    <div class="warning pad-x" role="alert" onKeyDown={(event) => event.key === 'Escape' && cancel()}>
      <p>
        The resume text of [{long.anchor.name}] is {long.length.toLocaleString()} characters, more than ChatGPT
        comfortably takes in one message ({long.limit.toLocaleString()}).
      </p>
      <button ref={first} type="button" class="btn primary" onClick={onResume}>
        Resume anyway
      </button>
      <button type="button" class="btn" onClick={cancel}>
        Cancel
      </button>
    </div>
  );
}
