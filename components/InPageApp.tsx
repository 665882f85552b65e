import { useStore } from '../lib/content/store';
import type { Controller } from '../lib/content/controller';
import { AnchorBar } from './AnchorBar';
import { ResumePicker } from './ResumePicker';
import { SaveToast } from './SaveToast';

/** Everything GPT Anchors shows next to ChatGPT's composer. */
export function InPageApp({ controller }: { controller: Controller }) {
  const state = useStore(controller.store);
  return (
    <>
      <AnchorBar
        saving={state.saving}
        missing={state.missing}
        onSave={() => void controller.save()}
        onResume={() => void controller.openPicker()}
        onCheckPage={() => void controller.openPageCheck()}
      />
      {state.toast && (
        <SaveToast
          toast={state.toast}
          onUndo={(anchor) => void controller.undo(anchor)}
          onRename={controller.rename}
          onMask={(anchor) => void controller.mask(anchor)}
          onDismiss={controller.dismissToast}
        />
      )}
      {state.pickerOpen && (
        <ResumePicker
          onResume={(order) => void controller.resume(order)}
          onClose={controller.closePicker}
          onError={controller.showError}
        />
      )}
    </>
  );
}
