import { readFileSync } from 'node:fs';

/**
 * Which source each stretch of a built script came from: from one source-map mapping to the
 * next, the generated characters are charged to the mapping's source file. Decodes the map's
 * VLQ `mappings` itself, so the bench needs no extra package.
 */
export function bundleComposition(jsFile: string): { source: string; start: number; end: number }[] {
  const code = readFileSync(jsFile, 'utf8');
  const map = JSON.parse(readFileSync(`${jsFile}.map`, 'utf8')) as { sources: string[]; mappings: string };
  const lineStarts = [0];
  for (let i = 0; i < code.length; i += 1) if (code[i] === '\n') lineStarts.push(i + 1);
  const unmapped = '(unmapped: inlined CSS, glue)';
  const marks: { at: number; source: string }[] = [{ at: 0, source: unmapped }];
  let sourceIndex = 0;
  map.mappings.split(';').forEach((line, lineIndex) => {
    let column = 0;
    for (const segment of line.split(',')) {
      if (!segment) continue;
      const fields = decodeVlq(segment);
      column += fields[0]!;
      if (fields.length >= 4) sourceIndex += fields[1]!;
      const at = lineStarts[lineIndex]! + column;
      marks.push({ at, source: fields.length >= 4 ? (map.sources[sourceIndex] ?? unmapped) : unmapped });
    }
  });
  marks.sort((a, b) => a.at - b.at);
  return marks.map((mark, i) => ({ source: mark.source, start: mark.at, end: marks[i + 1]?.at ?? code.length }));
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}
