import type { Anchor } from '../../lib/anchor';
import { FIELD_TITLES } from '../../lib/library-index';
import { Highlight } from './Highlight';

/** One version's fields, as text (multi-line fields keep their lines through CSS, not markup). */
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
            <dd class="text">{text ? <Highlight text={text} terms={terms} /> : <span class="muted">(empty)</span>}</dd>
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
                    <Highlight text={dep} terms={terms} />
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}
