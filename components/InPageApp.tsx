import type { ContentState, Controller } from '../lib/content/controller';
import { AnchorBar } from './AnchorBar';
import { SaveToast } from './SaveToast';

/**
 * Everything GPT Anchors shows next to ChatGPT's composer (the picker is a frame of its own): a
 * function of the controller's state, drawn again on each change (no hooks in the page).
 */
export function InPageApp({ controller, state }: { controller: Controller; state: ContentState }) {
  return (
    <>
      <AnchorBar
        saving={state.saving}
        resuming={state.resuming}
        missing={state.missing}
        keys={state.keys}
        onSave={() => void controller.save()}
        onResume={controller.resumeOrCancel}
        onCheckPage={() => void controller.openPageCheck()}
      />
      {state.toast && <SaveToast toast={state.toast} rename={state.rename} actions={controller} />}
    </>
  );
}
