import MarkdownIt from 'markdown-it';

/**
 * What a permissive markdown viewer makes of a log: CommonMark with raw HTML on (as Obsidian and
 * many preview extensions render it) and every link scheme allowed (markdown-it refuses
 * `javascript:` by default; a careless viewer does not). The tests look at the HTML it renders.
 */
const viewer = new MarkdownIt({ html: true, linkify: false });
viewer.validateLink = () => true;

/** The tags a log may render to: text formatting and structure, nothing that loads or runs. */
const INERT_TAGS = new Set(['p', 'strong', 'em', 's', 'code', 'pre', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'br', 'blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td']);
const INERT_ATTRIBUTES = /^(?:\s+(?:start|class|style)="[^"<>]*")*\s*\/?$/;

/** Every tag of the rendered log that is not inert (an `<img>`, `<a>`, `<script>`, an `on…=` attribute). */
export function liveMarkup(markdown: string): string[] {
  const html = viewer.render(markdown);
  const live: string[] = [];
  for (const [tag, name = '', attributes = ''] of html.matchAll(/<\/?([A-Za-z][\w-]*)([^>]*)>/g)) {
    if (!INERT_TAGS.has(name.toLowerCase()) || !INERT_ATTRIBUTES.test(attributes)) live.push(tag);
  }
  // Obsidian's own syntax, which markdown-it does not know: an embed loads a file.
  for (const [embed] of markdown.matchAll(/!\[\[[^\n]*/g)) live.push(embed);
  return live;
}
