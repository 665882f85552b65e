import type { ChatLength, ChatLengthState } from '../lib/content/chat-length';
import type { ContentState, Controller } from '../lib/content/controller';
import { AnchorBar } from './AnchorBar';
import { ChatLengthNote, Gauge } from './ChatLength';
import { SaveToast } from './SaveToast';

/**
 * Everything GPT Anchors shows next to ChatGPT's composer (the picker is a frame of its own): a
 * function of the controller's state, drawn again on each change (no hooks in the page).
 */
export function InPageApp(props: { controller: Controller; state: ContentState; length: ChatLength; lengthState: ChatLengthState }) {
  const { controller, state, length, lengthState } = props;
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
        gauge={lengthState.reading && <Gauge reading={lengthState.reading} />}
        nudged={lengthState.nudge}
      />
      <ChatLengthNote state={lengthState} length={length} busy={state.saving !== null || state.resuming} />
      {state.toast && <SaveToast toast={state.toast} rename={state.rename} actions={controller} />}
    </>
  );
}
