import { findComposer, findSendButton, sendButtonEnabled } from './page';
import { delay, waitFor } from './wait';

/**
 * Writing into ChatGPT's composer: a ProseMirror editor (generations A and C) or a plain textarea
 * (B). ProseMirror reads its own DOM back after every change, so text written through the
 * browser's editing commands reaches its state; a line break inside one paragraph would become a
 * space, so every line is its own paragraph. A textarea owned by React takes a value only through
 * the native setter followed by an `input` event. Each way of writing replaces the whole content,
 * and what the composer holds is checked afterwards, so a retry can never insert the text twice.
 */

const isTextarea = (editor: HTMLElement): editor is HTMLTextAreaElement => editor instanceof HTMLTextAreaElement;

/** The composer's lines: a ProseMirror editor's paragraphs as it renders its state, or a textarea's lines. */
export function composerLines(editor: HTMLElement): string[] {
  if (isTextarea(editor)) return editor.value.split('\n');
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

/** The setter React has not wrapped: a plain `value =` is recorded by React as its own and ignored. */
function setTextareaValue(textarea: HTMLTextAreaElement, value: string): void {
  Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(textarea, value);
  textarea.dispatchEvent(new Event('input', { bubbles: true }));
}

async function writeTextarea(textarea: HTMLTextAreaElement, lines: string[]): Promise<void> {
  textarea.focus();
  setTextareaValue(textarea, lines.join('\n'));
}

type Writer = (editor: HTMLElement, lines: string[], signal?: AbortSignal) => Promise<void>;
const PROSEMIRROR_WRITERS: Writer[] = [writeWithEditingCommands, writeAsParagraphs];
const TEXTAREA_WRITERS: Writer[] = [(editor, lines) => writeTextarea(editor as HTMLTextAreaElement, lines)];

export type FillOutcome = 'filled' | 'failed';

/**
 * Puts `text` into the composer, one paragraph per line, and checks what the editor holds.
 * Tries each way of writing in turn; when ChatGPT re-renders the composer meanwhile, the check
 * runs on the new editor and the text is written again over whatever it holds.
 */
export async function fillComposer(text: string, signal?: AbortSignal): Promise<FillOutcome> {
  const lines = text.split(/\r?\n/);
  const first = findComposer();
  if (!first) return 'failed';
  for (const write of isTextarea(first) ? TEXTAREA_WRITERS : PROSEMIRROR_WRITERS) {
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
  if (isTextarea(editor)) return setTextareaValue(editor, '');
  selectContents(editor);
  document.execCommand('delete');
  await settle(signal);
}

/** Waits for the send button to be enabled, then clicks it once. */
export async function clickSend(signal?: AbortSignal, timeoutMs = 5_000): Promise<void> {
  const button = await waitFor(
    () => {
      const send = findSendButton();
      return send && sendButtonEnabled(send) ? send : null;
    },
    { timeoutMs, signal, description: 'the send button' },
  );
  button.click();
}
