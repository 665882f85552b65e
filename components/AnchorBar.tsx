import type { CapturePhase } from '../lib/content/capture';

const PHASE_LABELS: Record<CapturePhase, string> = {
  waiting: 'Waiting for ChatGPT…',
  requesting: 'Asking for an anchor…',
  reading: 'Reading the anchor…',
};

type Props = {
  saving: CapturePhase | null;
  missing: readonly string[];
  onSave: () => void;
  onResume: () => void;
  /** Opens the options page's page check (what was found, and a report to send). */
  onCheckPage: () => void;
};

/** "composer, messages or send button" */
const orList = (parts: readonly string[]) =>
  parts.length > 1 ? `${parts.slice(0, -1).join(', ')} or ${parts.at(-1)}` : (parts[0] ?? '');

/** The two buttons next to ChatGPT's composer. While saving, Save becomes Cancel. */
export function AnchorBar({ saving, missing, onSave, onResume, onCheckPage }: Props) {
  return (
    <>
    <div class="bar" role="group" aria-label="GPT Anchors">
      {saving ? (
        <button type="button" class="btn busy" onClick={onSave} aria-label="Cancel saving anchor" title="Cancel">
          <span class="spinner" aria-hidden="true" />
          {PHASE_LABELS[saving]} <span class="cancel">Cancel</span>
        </button>
      ) : (
        <button type="button" class="btn" onClick={onSave} title="Save anchor (Alt+Shift+S)">
          Save anchor
        </button>
      )}
      <button type="button" class="btn" onClick={onResume} title="Resume anchor (Alt+Shift+R)" disabled={saving !== null}>
        Resume anchor
      </button>
    </div>
    {missing.length > 0 && (
      <p class="problem" role="alert">
        GPT Anchors cannot find ChatGPT's {orList(missing)}: the page has changed. Save and Resume change nothing
        here until GPT Anchors is updated.{' '}
        <button type="button" class="link" onClick={onCheckPage}>
          Check this page
        </button>
      </p>
    )}
    </>
  );
}
