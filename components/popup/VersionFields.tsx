import type { Anchor } from '../../lib/model/anchor';
import { isChatGptUrl } from '../../lib/chatgpt/hosts';
import { FIELD_TITLES } from '../../lib/library/library-index';
import { InlineMarkdown } from '../InlineMarkdown';

/** One version's fields, their inline markdown shown (multi-line fields keep their lines through CSS). */
export function VersionFields({ anchor, terms, label }: { anchor: Anchor; terms: string[]; label: string }) {
  const texts = [
    ['context', anchor.context],
    ['milestone', anchor.milestone],
    ['nextAction', anchor.nextAction],
  ] as const;
  return (
    <section class="fields" aria-label={label}>
      <dl>
        {texts.map(([key, text]) => (
          <div key={key}>
            <dt>{FIELD_TITLES[key]}</dt>
            <dd class="text">{text ? <InlineMarkdown text={text} terms={terms} /> : <span class="muted">(empty)</span>}</dd>
          </div>
        ))}
        <div>
          <dt>{FIELD_TITLES.dependencies}</dt>
          <dd>
            {anchor.dependencies.length === 0 ? (
              <span class="muted">(none)</span>
            ) : (
              <ul class="deps">
                {anchor.dependencies.map((dep, i) => (
                  <li key={i}>
                    <InlineMarkdown text={dep} terms={terms} />
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        {anchor.chatTokens !== undefined && (
          <div>
            <dt>Chat size</dt>
            <dd>≈ {anchor.chatTokens.toLocaleString('en-US')} tokens when saved</dd>
          </div>
        )}
        {anchor.rescuedFrom && isChatGptUrl(anchor.rescuedFrom.url) && (
          <div>
            <dt>Rescued from</dt>
            <dd>
              <a href={anchor.rescuedFrom.url} target="_blank" rel="noopener noreferrer" title={anchor.rescuedFrom.url}>
                {anchor.rescuedFrom.chatTitle?.trim() || 'the full chat on ChatGPT'}
              </a>{' '}
              <span class="muted">(it had reached ChatGPT's maximum length)</span>
            </dd>
          </div>
        )}
        {isChatGptUrl(anchor.source.url) && (
          <div>
            <dt>Saved from</dt>
            <dd>
              {/* Only ChatGPT's own addresses become a link; it opens the chat in a new tab. */}
              <a href={anchor.source.url} target="_blank" rel="noopener noreferrer" title={anchor.source.url}>
                {anchor.source.chatTitle?.trim() || 'the chat on ChatGPT'}
              </a>
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}
