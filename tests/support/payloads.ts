/**
 * Hostile text for the hardening suite: what a chat (or a shared log) could hand the extension.
 * Every payload sets `window.__pwned` if it is ever run as code in the world that renders it.
 */

export const IMG = '<img src=x onerror="window.__pwned=1">';
export const SCRIPT = '<script>window.__pwned=1</script>';
export const JS_LINK = '[click me](javascript:window.__pwned=1)';
export const JS_ANCHOR = '<a href="javascript:window.__pwned=1">go</a>';
export const MD_LINK = '[docs](https://evil.example/steal?x=1)';
/** Right-to-left override: shows `exe.txt` reversed; must stay one code point in the data. */
export const RTL = '\u202eexe.txt';

/** U+0000–U+001F except \n, and U+007F: every C0 control a field can hold. */
export const CONTROLS = [
  ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).filter((c) => c !== '\n'),
  '\u007f',
].join('');
/** The same without \r: what a one-line field (name, dependency) may hold. */
export const CONTROLS_ONE_LINE = CONTROLS.replace('\r', '');

/** A megabyte of text: 50× the per-field limit (LIMITS.field = 20,000). */
export const ONE_MB = 'A'.repeat(1_000_000);
