import type { ComponentChildren } from 'preact';
import type { CapturePhase } from '../lib/content/capture';
import { trusted } from '../lib/content/trusted';
import { shortcutTitle, type Shortcuts } from '../lib/model/shortcuts';

const PHASE_LABELS: Record<CapturePhase, string> = {
  waiting: 'Waiting for ChatGPT…',
  requesting: 'Asking for an anchor…',
  reading: 'Reading the anchor…',
};

type Props = {
  saving: CapturePhase | null;
  /** A resume is under way: the Resume button cancels it. */
  resuming: boolean;
  missing: readonly string[];
  /** The keys in force for the titles (null until known; ChatGPT's page cannot call commands.getAll()). */
  keys: Shortcuts | null;
  onSave: () => void;
  /** Opens the picker, or cancels the resume under way. */
  onResume: () => void;
  /** Opens the options page's page check (what was found, and a report to send). */
  onCheckPage: () => void;
  /** The chat length meter's gauge, first in the bar. */
  gauge?: ComponentChildren;
  /** The chat length meter's nudge: Save anchor stands out. */
  nudged?: boolean;
};

/** "composer, messages or send button" */
const orList = (parts: readonly string[]) =>
  parts.length > 1 ? `${parts.slice(0, -1).join(', ')} or ${parts.at(-1)}` : (parts[0] ?? '');

/** The two buttons next to ChatGPT's composer. While saving or resuming, its button becomes Cancel. Clicks by scripts do nothing. */
export function AnchorBar({ saving, resuming, missing, keys, onSave, onResume, onCheckPage, gauge, nudged }: Props) {
  const save = trusted(onSave);
  const resume = trusted(onResume);
  const checkPage = trusted(onCheckPage);
  return (
    <>
    <div class="bar" role="group" aria-label="GPT Anchors">
      {gauge}
      {saving ? (
        <button type="button" class="btn busy" onClick={save} aria-label="Cancel saving anchor" title="Cancel">
          <span class="spinner" aria-hidden="true" />
          {PHASE_LABELS[saving]} <span class="cancel">Cancel</span>
        </button>
      ) : (
        <button type="button" class={nudged ? 'btn nudged' : 'btn'} onClick={save} title={shortcutTitle('Save anchor', keys?.save)} disabled={resuming}>
          Save anchor
        </button>
      )}
      {resuming ? (
        <button type="button" class="btn busy" onClick={resume} aria-label="Cancel resuming anchor" title="Cancel">
          <span class="spinner" aria-hidden="true" />
          Resuming… <span class="cancel">Cancel</span>
        </button>
      ) : (
        <button type="button" class="btn" onClick={resume} title={shortcutTitle('Resume anchor', keys?.resume)} disabled={saving !== null}>
          Resume anchor
        </button>
      )}
    </div>
    {missing.length > 0 && (
      <p class="problem" role="alert">
        GPT Anchors cannot find ChatGPT's {orList(missing)}: the page has changed. Save and Resume change nothing
        here until GPT Anchors is updated.{' '}
        <button type="button" class="link" onClick={checkPage}>
          Check this page
        </button>
      </p>
    )}
    </>
  );
}
