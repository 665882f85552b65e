/**
 * What the content script and the picker page (entrypoints/picker/) agree on. No imports: both
 * load it. See lib/content/picker-frame.ts.
 */
export const PICKER_PAGE = '/picker.html';
/** The message that carries the opening's token into the picker frame. */
export const PICKER_TOKEN_PREFIX = 'gpt-anchors-picker-token:';

/** The port an open picker keeps to the background, for live updates (lib/background/picker-watch.ts). */
export const PICKER_PORT = 'gpt-anchors:picker';
/** `changed`: the library changed (background → picker); `ping`: keeps the worker awake (picker → background). */
export type PickerPortMessage = { type: 'changed' } | { type: 'ping' };
