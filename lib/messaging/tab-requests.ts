import type { Checked } from '../model/anchor-check';
import type { PageCheck } from '../chatgpt/page-check';
import type { ResumeOrder } from './messages';

/**
 * The requests a ChatGPT tab's content script answers: a keyboard command or the "Save selection
 * as anchor" menu (`runCommand`), sent by the background; what the picker frame asked for
 * (`resumeOrder`: the one anchor the user picked, `closePicker`), also sent by the background; and
 * `checkPage`, sent by the options page's page check (its answer is checked there, with zod).
 * Checked by hand rather than with zod: the content script runs on every ChatGPT page and must
 * stay small, and nothing it receives is stored without the background validating it with zod
 * first.
 */

export const TAB_COMMANDS = ['save', 'resume', 'saveSelection'] as const;
export type TabCommand = (typeof TAB_COMMANDS)[number];

/** The browser's copy of a selection is capped: a page's selection can be anything. */
export const MAX_SELECTION_TEXT = 1_000_000;

export type RunCommand = {
  command: TabCommand;
  /** The selection as the browser reported it, for when the page's own selection is gone. */
  selectionText?: string;
};

export interface TabPayloads {
  runCommand: RunCommand;
  resumeOrder: ResumeOrder;
  closePicker: Record<string, never>;
  checkPage: Record<string, never>;
}

export interface TabResponses {
  runCommand: null;
  resumeOrder: null;
  closePicker: null;
  checkPage: PageCheck;
}

function checkRunCommand(payload: unknown): Checked<RunCommand> {
  if (typeof payload !== 'object' || payload === null) return { ok: false, error: 'the payload is not an object.' };
  const { command, selectionText } = payload as Record<string, unknown>;
  if (!TAB_COMMANDS.includes(command as TabCommand)) {
    return { ok: false, error: `command: expected one of ${TAB_COMMANDS.join(', ')}.` };
  }
  if (selectionText === undefined) return { ok: true, value: { command: command as TabCommand } };
  if (typeof selectionText !== 'string') return { ok: false, error: 'selectionText: expected text.' };
  if (selectionText.length > MAX_SELECTION_TEXT) {
    return { ok: false, error: `selectionText: longer than ${MAX_SELECTION_TEXT} characters.` };
  }
  return { ok: true, value: { command: command as TabCommand, selectionText } };
}

/** Longer than any resume text an anchor within the limits makes. */
export const MAX_RESUME_TEXT = 200_000;

function checkResumeOrder(payload: unknown): Checked<ResumeOrder> {
  if (typeof payload !== 'object' || payload === null) return { ok: false, error: 'the payload is not an object.' };
  const { text, autoSend, anchorId, name } = payload as Record<string, unknown>;
  if (typeof text !== 'string' || text.length > MAX_RESUME_TEXT) return { ok: false, error: 'text: expected text.' };
  if (typeof autoSend !== 'boolean') return { ok: false, error: 'autoSend: expected true or false.' };
  if (typeof anchorId !== 'string' || typeof name !== 'string') return { ok: false, error: 'anchorId, name: expected text.' };
  return { ok: true, value: { text, autoSend, anchorId, name } };
}

function checkNothing(payload: unknown): Checked<Record<string, never>> {
  return typeof payload === 'object' && payload !== null ? { ok: true, value: {} } : { ok: false, error: 'the payload is not an object.' };
}

export const tabChecks = {
  runCommand: checkRunCommand,
  resumeOrder: checkResumeOrder,
  closePicker: checkNothing,
  checkPage: checkNothing,
};
