import { recogniseGeneration } from './generations';
import { findComposer, findComposerForm } from './page';

/**
 * Giving ChatGPT's composer a file, as a person pastes or drops one: a paste event carrying the
 * file on the editor, then a drop on its form. ChatGPT's upload handler takes a file by cancelling
 * the event (so the editor does not paste it too); an event nobody cancelled was not taken.
 * Only on a generation whose composer takes files (`acceptsFiles`).
 */
export function attachFile(file: File): 'attached' | 'refused' {
  if (!recogniseGeneration()?.acceptsFiles) return 'refused';
  const editor = findComposer();
  if (!editor) return 'refused';
  const carrying = () => {
    const data = new DataTransfer();
    data.items.add(file);
    return data;
  };
  editor.focus();
  const pasted = !editor.dispatchEvent(new ClipboardEvent('paste', { clipboardData: carrying(), bubbles: true, cancelable: true }));
  if (pasted) return 'attached';
  const form = findComposerForm() ?? editor;
  const dropped = !form.dispatchEvent(new DragEvent('drop', { dataTransfer: carrying(), bubbles: true, cancelable: true }));
  return dropped ? 'attached' : 'refused';
}
