import type { AnchorDraft } from './anchor';
import { FIELD_LABELS, TEXT_KEYS } from './anchor-fields';
import { LIMITS } from './limits';

/**
 * The rules a draft anchor must meet, without zod: the parser (lib/log/parse.ts, pure) checks what it
 * reads with these, and lib/model/anchor.ts builds its zod schemas from the same limits and sentences.
 * The background validates every save with zod, so nothing reaches storage on these checks
 * alone; a unit test keeps the two in agreement. (Only types come from lib/model/anchor.ts, so the
 * parser stays free of zod.)
 */

export { LIMITS };

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

const ONE_LINE = /^[^\r\n]*$/;

/** The sentences both checkers use. */
export const RULES = {
  nameEmpty: 'The name is empty.',
  nameTooLong: `The name is longer than ${LIMITS.name} characters.`,
  nameLines: 'The name must fit on one line.',
  dependencyEmpty: 'A dependency is empty.',
  dependencyTooLong: `A dependency is longer than ${LIMITS.dependency} characters.`,
  dependencyLines: 'A dependency must fit on one line.',
  tooManyDependencies: `More than ${LIMITS.dependencies} dependencies.`,
  fieldTooLong: (label: string, length: number) =>
    `${label} is too long (${String(length)} characters; the limit is ${LIMITS.field}).`,
};

/**
 * Characters that show nothing, so a name holding one could pass for another (`Report_\u202Egpj.exe`
 * shows as `Report_exe.jpg`): Unicode's default-ignorable code points (bidi controls, zero-width
 * spaces and joiners, soft hyphen, tags, blank fillers), except variation selectors (❤️). A joiner
 * inside an emoji (👩‍💻) goes too: the emoji then shows as its parts (👩💻), still visible.
 */
const INVISIBLE_RE = /[\p{Default_Ignorable_Code_Point}--\p{Variation_Selector}]/gv;

/**
 * A name as stored: NFC (so a name typed with combining accents is the same name), without
 * invisible characters, trimmed. Every way a name comes in goes through here (the zod schema too).
 */
export function normalizeName(name: string): string {
  return name.normalize('NFC').replace(INVISIBLE_RE, '').trim();
}

/** The invisible characters `normalizeName` removes from `name`, as `U+202E` (each once). */
export function invisibleInName(name: string): string[] {
  if (/^[ -~]*$/.test(name)) return []; // printable ASCII, by far the most names: nothing to remove
  const found = name.normalize('NFC').match(INVISIBLE_RE) ?? [];
  return [...new Set(found)].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
}

/** An anchor name: normalized (`normalizeName`), not empty, one line, at most LIMITS.name characters. */
export function checkName(name: string): Checked<string> {
  const value = normalizeName(name);
  if (value.length < 1) return { ok: false, error: RULES.nameEmpty };
  if (value.length > LIMITS.name) return { ok: false, error: RULES.nameTooLong };
  if (!ONE_LINE.test(value)) return { ok: false, error: RULES.nameLines };
  return { ok: true, value };
}

function checkDependency(item: string): Checked<string> {
  const value = item.trim();
  if (value.length < 1) return { ok: false, error: RULES.dependencyEmpty };
  if (value.length > LIMITS.dependency) return { ok: false, error: RULES.dependencyTooLong };
  if (!ONE_LINE.test(value)) return { ok: false, error: RULES.dependencyLines };
  return { ok: true, value };
}

/**
 * A whole draft: the first broken rule, as one sentence that names the field, or the draft with
 * its name and dependencies trimmed (what the zod schema would store).
 */
export function checkDraft(draft: AnchorDraft): Checked<AnchorDraft> {
  const name = checkName(draft.name);
  if (!name.ok) return name;
  for (const key of TEXT_KEYS) {
    const length = draft[key].length;
    if (length > LIMITS.field) return { ok: false, error: RULES.fieldTooLong(FIELD_LABELS[key], length) };
  }
  const dependencies: string[] = [];
  for (const item of draft.dependencies) {
    const checked = checkDependency(item);
    if (!checked.ok) return checked;
    dependencies.push(checked.value);
  }
  if (dependencies.length > LIMITS.dependencies) return { ok: false, error: RULES.tooManyDependencies };
  const { context, milestone, nextAction } = draft;
  return { ok: true, value: { name: name.value, context, milestone, nextAction, dependencies } };
}
