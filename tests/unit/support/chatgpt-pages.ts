import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Loads a committed snapshot of a ChatGPT page (tests/fixtures/pages/, dated in the file name)
 * into the test document, `<html>` attributes included, at the URL it would have.
 */
export function loadPage(file: string, url: string): void {
  const html = readFileSync(path.join(import.meta.dirname, '../../fixtures/pages', file), 'utf8');
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const root = document.documentElement;
  for (const { name } of [...root.attributes]) root.removeAttribute(name);
  for (const { name, value } of [...parsed.documentElement.attributes]) root.setAttribute(name, value);
  root.innerHTML = parsed.documentElement.innerHTML;
  setUrl(url);
}

export function setUrl(url: string): void {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
}
