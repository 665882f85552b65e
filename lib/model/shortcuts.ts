/**
 * The two keyboard commands, the keys they suggest, and how pages name the key in force.
 *
 * A suggested key is only a wish: the browser binds it at install when nothing else holds it.
 * Chromium does not bind a suggested key that is one of its own shortcuts, and its shortcut page
 * shows "Not set" instead. In Chromium 156 Alt+Shift+R opens Reading mode; Alt+Shift+C, P, W, X
 * and Z drive tab groups, Alt+Shift+N split view, and Alt+Shift+A, B and T move focus (Google
 * Chrome adds Alt+Shift+I, feedback). So resume is Alt+Shift+O, and save stays Alt+Shift+S;
 * Firefox binds both. tests/e2e/commands.spec.ts fails when a suggested key is not bound. Pages
 * never promise the suggested key: they show what `commands.getAll()` reports (`shortcutTitle`).
 */

/** The manifest's command names. */
export const COMMAND_NAMES = { save: 'save-anchor', resume: 'resume-anchor' } as const;
export type ShortcutCommand = keyof typeof COMMAND_NAMES;

export const SUGGESTED_KEYS: Record<ShortcutCommand, string> = { save: 'Alt+Shift+S', resume: 'Alt+Shift+O' };

/** The key bound to each command, as the browser writes it; '' when none is set. */
export type Shortcuts = Record<ShortcutCommand, string>;

/** Our two bindings out of `commands.getAll()`, and nothing else of it. */
export function shortcutsFrom(commands: readonly { name?: string; shortcut?: string }[]): Shortcuts {
  const key = (name: string) => commands.find((command) => command.name === name)?.shortcut ?? '';
  return { save: key(COMMAND_NAMES.save), resume: key(COMMAND_NAMES.resume) };
}

/** Where a user sets a shortcut, in words; it differs between the two browsers. */
export function whereToSetShortcuts(): string {
  return import.meta.env.FIREFOX
    ? 'in about:addons, under ⚙ › Manage Extension Shortcuts'
    : 'at chrome://extensions/shortcuts';
}

/**
 * A button's title: what it does and the key in force, or that no key is set and where to set
 * one. `key` undefined (not known yet) gives the label alone.
 */
export function shortcutTitle(label: string, key: string | undefined): string {
  return key === undefined ? label : `${label} (${key || `no shortcut set: add one ${whereToSetShortcuts()}`})`;
}
