import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import { parseInlineMarkdown, type InlineNode } from '../lib/library/inline-markdown';
import { highlightSegments } from '../lib/library/library-index';

type Props = {
  /** A field as stored: its **bold**, *italic* and `code` are shown, not their marks. */
  text: string;
  /** Search terms (lower case) to wrap in <mark>, as `searchTerms` gives them. */
  terms?: string[];
};

/**
 * A field's text with its bold, italic and code spans rendered, built from text nodes and
 * elements only (never HTML), so markup in a field stays text. Links stay as written, plain text:
 * nothing in a field becomes a link. Line breaks stay `\n` for `white-space` to keep.
 */
export function InlineMarkdown({ text, terms = [] }: Props) {
  const nodes = useMemo(() => parseInlineMarkdown(text), [text]);
  return <>{renderNodes(nodes, terms)}</>;
}

function renderNodes(nodes: InlineNode[], terms: string[]): ComponentChildren[] {
  return nodes.map((node, i) => {
    switch (node.kind) {
      case 'text':
        return <Marked key={i} text={node.text} terms={terms} />;
      case 'code':
        return (
          <code key={i}>
            <Marked text={node.text} terms={terms} />
          </code>
        );
      case 'strong':
        return <strong key={i}>{renderNodes(node.children, terms)}</strong>;
      case 'em':
        return <em key={i}>{renderNodes(node.children, terms)}</em>;
    }
  });
}

function Marked({ text, terms }: { text: string; terms: string[] }) {
  if (terms.length === 0) return <>{text}</>;
  return <>{highlightSegments(text, terms).map((segment, i) => (segment.hit ? <mark key={i}>{segment.text}</mark> : segment.text))}</>;
}
