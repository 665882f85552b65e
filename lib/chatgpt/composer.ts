import { findComposer, findSendButton } from './page';
import { delay, waitFor } from './wait';

/**
 * Writing into ChatGPT's composer, a ProseMirror editor. ProseMirror reads its own DOM back after
 * every change, so text written through the browser's editing commands reaches its state. A line
 * break inside one paragraph would become a space, so every line is its own paragraph. Each way
 * of writing replaces the whole content, so a retry can never insert the text twice.
 */

/** The composer's paragraphs as text, as ProseMirror renders its state. */
export function composerLines(editor: HTMLElement): string[] {
  const blocks = [...editor.children].filter((child) => child.tagName !== 'BR');
  if (blocks.length === 0) return [editor.textContent ?? ''];
  return blocks.map((block) => block.textContent ?? '');
}

export function composerText(editor: HTMLElement): string {
  return composerLines(editor).join('\n');
}

export function composerIsEmpty(editor: HTMLElement): boolean {
  return composerLines(editor).every((line) => line.trim() === '');
}

function selectContents(editor: HTMLElement): void {
  editor.focus();
  const range = document.createRange();
  range.selectNodeContents(editor);
  const selection = window.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
}

/** Lets ProseMirror read the DOM change and render its state back. */
const settle = (signal?: AbortSignal) => delay(30, signal);

async function writeWithEditingCommands(editor: HTMLElement, lines: string[], signal?: AbortSignal): Promise<void> {
  selectContents(editor);
  document.execCommand('delete');
  for (const [index, line] of lines.entries()) {
    if (index > 0) document.execCommand('insertParagraph');
    if (line) document.execCommand('insertText', false, line);
    await delay(0, signal);
  }
}

async function writeAsParagraphs(editor: HTMLElement, lines: string[]): Promise<void> {
  const paragraphs = lines.map((line) => {
    const p = document.createElement('p');
    if (line) p.textContent = line;
    else p.append(document.createElement('br'));
    return p;
  });
  editor.focus();
  editor.replaceChildren(...paragraphs);
  editor.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
}

const WRITERS = [writeWithEditingCommands, writeAsParagraphs];

export type FillOutcome = 'filled' | 'failed';

/**
 * Puts `text` into the composer, one paragraph per line, and checks what the editor holds.
 * Tries each way of writing in turn; when ChatGPT re-renders the composer meanwhile, the check
 * runs on the new editor and the text is written again over whatever it holds.
 */
export async function fillComposer(text: string, signal?: AbortSignal): Promise<FillOutcome> {
  const lines = text.split(/\r?\n/);
  for (const write of WRITERS) {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const editor = findComposer();
      if (!editor) return 'failed';
      await write(editor, lines, signal);
      await settle(signal);
      const current = findComposer();
      if (current && composerText(current) === lines.join('\n')) return 'filled';
      if (current === editor) break; // Same editor, wrong text: this way of writing does not work here.
    }
  }
  return 'failed';
}

/** Empties the composer (used to put the chat back as it was). */
export async function clearComposer(signal?: AbortSignal): Promise<void> {
  const editor = findComposer();
  if (!editor || composerIsEmpty(editor)) return;
  selectContents(editor);
  document.execCommand('delete');
  await settle(signal);
}

/** Waits for the send button to be enabled, then clicks it once. */
export async function clickSend(signal?: AbortSignal, timeoutMs = 5_000): Promise<void> {
  const button = await waitFor(
    () => {
      const send = findSendButton();
      return send && !send.disabled ? send : null;
    },
    { timeoutMs, signal, description: 'the send button' },
  );
  button.click();
}
