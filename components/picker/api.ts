import type { Anchor } from '../../lib/model/anchor';
import { readShortcuts } from '../../lib/messaging/bound-shortcuts';
import { claimSession, close, loadLibrary, pick, watchLibrary, type FirstScreen } from '../../lib/picker/session';
import type { Shortcuts } from '../../lib/model/shortcuts';

/** What the picker asks of the extension, as one object so tests can hand it a fake. */
export type { FirstScreen };

export type PickerApi = {
  /** Resolves once the background accepted this frame as the tab's picker. */
  claim: () => Promise<void>;
  /** The live anchors (trash left out); the newest come first through `onFirstScreen` on a slow read. */
  load: (onFirstScreen?: (first: FirstScreen) => void) => Promise<Anchor[]>;
  /** Calls back on every change to the library; returns the unsubscribe. */
  watch: (onChange: () => void) => () => void;
  /** Resume this anchor in the tab. */
  pick: (id: string) => Promise<unknown>;
  /** Close the picker (the content script removes the frame). */
  close: () => Promise<unknown>;
  /** The keys in force (`commands.getAll()`: the picker is an extension page). */
  shortcuts: () => Promise<Shortcuts>;
};

export const pickerApi: PickerApi = {
  claim: claimSession,
  load: loadLibrary,
  watch: watchLibrary,
  pick,
  close,
  shortcuts: readShortcuts,
};
