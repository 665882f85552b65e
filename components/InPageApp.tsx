import { useStore } from '../lib/content/store';
import type { Controller } from '../lib/content/controller';
import { AnchorBar } from './AnchorBar';
import { SaveToast } from './SaveToast';

/** Everything GPT Anchors shows next to ChatGPT's composer (the picker is a frame of its own). */
export function InPageApp({ controller }: { controller: Controller }) {
  const state = useStore(controller.store);
  return (
    <>
      <AnchorBar
        saving={state.saving}
        resuming={state.resuming}
        missing={state.missing}
        onSave={() => void controller.save()}
        onResume={controller.resumeOrCancel}
        onCheckPage={() => void controller.openPageCheck()}
      />
      {state.toast && (
        <SaveToast
          toast={state.toast}
          onUndo={(toast) => void controller.undo(toast)}
          onRename={controller.rename}
          onMask={(toast) => void controller.mask(toast)}
          onDeleteUnmasked={(toast) => void controller.deleteUnmasked(toast)}
          onDismiss={controller.dismissToast}
        />
      )}
    </>
  );
}
