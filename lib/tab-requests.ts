import type { Checked } from './anchor-check';
import type { PageCheck } from './chatgpt/page-check';

/**
 * The requests a ChatGPT tab's content script answers: `runCommand`, sent by the background for a
 * keyboard command or the "Save selection as anchor" menu, and `checkPage`, sent by the options
 * page's page check (its answer is checked there, with zod). Checked by hand rather than with zod: the
 * content script runs on every ChatGPT page and must stay small, and nothing it receives is
 * stored without the background validating it with zod first.
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
  checkPage: Record<string, never>;
}

export interface TabResponses {
  runCommand: null;
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

function checkNothing(payload: unknown): Checked<Record<string, never>> {
  return typeof payload === 'object' && payload !== null ? { ok: true, value: {} } : { ok: false, error: 'the payload is not an object.' };
}

export const tabChecks = { runCommand: checkRunCommand, checkPage: checkNothing };
