/**
 * A host element with an open shadow root carrying our styles, so ChatGPT's CSS cannot reach in.
 * Always a plain `div` or `span`: a page can define a custom element under any name it expects us
 * to use and get hold of whatever is attached to it (even a closed root, through
 * attachInternals()), but it cannot upgrade an element of a built-in tag.
 */
export function createShadowHost(tag: 'div' | 'span', css: string): { host: HTMLElement; root: ShadowRoot } {
  const host = document.createElement(tag);
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = css;
  root.append(style);
  return { host, root };
}
