import { classifyLine, isFenceLine, isPlainProse } from './parse-lines';

/**
 * The log's escapes: a field line that would be misread gets one leading backslash when written
 * (lib/log/format.ts uses `encodeFieldLines`, `encodeDependency`), and loses it when read. Pure.
 */

/** True when `line`, written as is at the start of a field line, would not read back as itself. */
export function needsEscape(line: string): boolean {
  if (isPlainProse(line)) return false;
  return (
    line === '' ||
    line.trimStart() !== line ||
    line.startsWith('\\') ||
    isFenceLine(line) ||
    classifyLine(line).kind !== 'text'
  );
}

/** A dependency is written as `- item`; the whole bullet line must not read as a label or `---`. */
export function dependencyNeedsEscape(item: string): boolean {
  if (isPlainProse(item)) return false;
  return needsEscape(item) || classifyLine(`- ${item}`).kind !== 'text';
}

/** One leading backslash is an escape only when the rest needs it; otherwise it is the user's text. */
export function unescapeLine(t: string, needs: (s: string) => boolean): string {
  return t.startsWith('\\') && needs(t.slice(1)) ? t.slice(1) : t;
}

/** The lines of a text field as the log writes them (empty text → no lines). */
export function encodeFieldLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const last = lines.length - 1;
  return lines.map((line, i) => {
    // A blank line inside a field is kept as is; at its edges it would be dropped, so escape it.
    if (line === '') return i === 0 || i === last ? '\\' : '';
    return needsEscape(line) ? `\\${line}` : line;
  });
}

/** One dependency as the log writes it after `- `. */
export function encodeDependency(item: string): string {
  return dependencyNeedsEscape(item) ? `\\${item}` : item;
}
