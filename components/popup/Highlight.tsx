import { highlightSegments } from '../../lib/library/library-index';

/** Text with its search matches in `<mark>`: text nodes only, so markup in a field stays text. */
export function Highlight({ text, terms }: { text: string; terms: string[] }) {
  if (terms.length === 0) return <>{text}</>;
  return (
    <>
      {highlightSegments(text, terms).map((segment, i) => (segment.hit ? <mark key={i}>{segment.text}</mark> : segment.text))}
    </>
  );
}
