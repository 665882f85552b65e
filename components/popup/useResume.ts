import { useMemo, useState } from 'preact/hooks';
import type { Anchor } from '../../lib/model/anchor';
import { errorText, type PopupApi } from './context';
import { loadActions } from './lazy';

/** A resume held back because its text is longer than ChatGPT comfortably takes in one message. */
export type LongResume = { anchor: Anchor; length: number; limit: number };

/**
 * Resume in a new ChatGPT tab, from a row's Resume, its R key or the details' Resume: all go
 * through here, so a long resume text asks first wherever it was asked for.
 */
export function useResume(notify: PopupApi['notify']) {
  const [long, setLong] = useState<LongResume | null>(null);
  const resume = useMemo(
    () => (anchor: Anchor, force = false) => {
      loadActions()
        .then(async (actions) => {
          const length = actions.resumeTextLength(anchor);
          if (!force && length > actions.LONG_RESUME_CHARS) {
            setLong({ anchor, length, limit: actions.LONG_RESUME_CHARS });
            return;
          }
          setLong(null);
          await actions.resumeInNewTab(anchor.id);
          notify(`Resuming [${anchor.name}] in a new ChatGPT tab…`);
        })
        .catch((error: unknown) => notify(errorText(error), 'error'));
    },
    [notify],
  );
  return { resume, long, cancelLong: () => setLong(null) };
}
