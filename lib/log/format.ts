import type { Anchor, AnchorDraft } from '../model/anchor';
import { FIELD_LABELS } from '../model/anchor-fields';
import { neutralizeMarkdown } from './markdown-escape';
import { encodeDependency, encodeFieldLines } from './parse-escape';
import { sortNewestFirst } from '../model/order';

/**
 * Anchors → text: the request, the resume text and the markdown log (format in
 * `docs/anchor-log-format.md`). Pure. What the log writes, `parseAnchorLog` reads back exactly; the
 * escaping of lines that would be misread lives next to the parser (`encodeFieldLines`).
 */

export { DEFAULT_TEMPLATE, TEMPLATE_PLACEHOLDER, fillTemplate } from './template';

// ---------------------------------------------------------------------------------------------
// Resume text

/** Past this length one `; `-joined line gets hard to read; such lists are written as bullets. */
const LONG_DEPENDENCY = 80;

/**
 * What goes into a new chat's composer: one line per paragraph, labels without markup. Empty
 * fields keep their label so ChatGPT sees the same shape every time.
 */
export function formatResumeText(draft: AnchorDraft): string {
  const lines = [
    `Resume from anchor: [${draft.name}]`,
    ...labelled(FIELD_LABELS.context, draft.context),
    ...labelled(FIELD_LABELS.milestone, draft.milestone),
    ...labelled(FIELD_LABELS.nextAction, draft.nextAction),
    ...resumeDependencies(draft.dependencies),
  ];
  return lines.join('\n');
}

function labelled(label: string, text: string): string[] {
  const [first = '', ...rest] = text.replace(/\r\n?/g, '\n').split('\n');
  return [first === '' ? `${label}:` : `${label}: ${first}`, ...rest];
}

function resumeDependencies(items: string[]): string[] {
  const label = `${FIELD_LABELS.dependencies}:`;
  if (items.length === 0) return [label];
  return needsBullets(items) ? [label, ...items.map((item) => `- ${item}`)] : [`${label} ${items.join('; ')}`];
}

/** One line is split on `;` (on `,` when there is none): bullets whenever that would cut an item. */
function needsBullets(items: string[]): boolean {
  return (
    items.some((item) => item.length > LONG_DEPENDENCY || item.includes(';')) ||
    (items.length === 1 && (items[0] ?? '').includes(','))
  );
}

// ---------------------------------------------------------------------------------------------
// Timestamps

export type DateFormat = 'us' | 'iso';

const pad = (n: number) => String(n).padStart(2, '0');

/** Local time, 24-hour: `09:12 03/14/2026` or `09:12 2026-03-14`; an unknown time is `--:--`. */
export function formatTimestamp(isoTime: string, timeKnown: boolean, dateFormat: DateFormat): string {
  const d = new Date(isoTime);
  const time = timeKnown ? `${pad(d.getHours())}:${pad(d.getMinutes())}` : '--:--';
  const y = String(d.getFullYear()).padStart(4, '0');
  const date =
    dateFormat === 'iso'
      ? `${y}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
      : `${pad(d.getMonth() + 1)}/${pad(d.getDate())}/${y}`;
  return `${time} ${date}`;
}

// ---------------------------------------------------------------------------------------------
// The log

/** One entry in the canonical shape. Empty fields keep their label with no text under it. */
export function formatLogEntry(anchor: Anchor, opts: { dateFormat: DateFormat }): string {
  return entryLines(anchor, opts.dateFormat).join('\n');
}

/**
 * The anchor's own text is escaped twice over: lines that would be misread as structure get a
 * leading backslash (`encodeFieldLines`), then whatever a markdown viewer would act on (images, raw
 * HTML, links) is neutralized, so opening the log loads and runs nothing. `parseAnchorLog` undoes both.
 */
function entryLines(anchor: Anchor, dateFormat: DateFormat): string[] {
  const deps = anchor.dependencies.map((item) => `- ${neutralizeMarkdown(encodeDependency(item))}`);
  const field = (text: string) => encodeFieldLines(text).map(neutralizeMarkdown);
  return [
    `**${formatTimestamp(anchor.createdAt, anchor.timeKnown, dateFormat)}**`,
    '',
    `Resume from anchor: **[${neutralizeMarkdown(anchor.name)}]**`,
    '',
    `**${FIELD_LABELS.context}:**`,
    ...field(anchor.context),
    '',
    `**${FIELD_LABELS.milestone}:**`,
    ...field(anchor.milestone),
    '',
    `**${FIELD_LABELS.nextAction}:**`,
    ...field(anchor.nextAction),
    '',
    `**${FIELD_LABELS.dependencies}:**`,
    ...(deps.length > 0 ? ['', ...deps] : []),
  ];
}

export interface LogOptions {
  template: string;
  dateFormat: DateFormat;
  /** False: only the newest version of each name. */
  allVersions: boolean;
}

/** The whole library as a GPT Anchors Log, newest first; anchors in the trash are left out. */
export function formatLog(anchors: Anchor[], opts: LogOptions): string {
  const fence = fenceFor(opts.template);
  const lines = [
    '# GPT Anchors Log',
    '',
    'A living record of handoff anchors between ChatGPT sessions.',
    '',
    '---',
    '',
    '## Template',
    '',
    fence,
    opts.template,
    fence,
    '',
    '---',
  ];
  for (const anchor of anchorsToExport(anchors, opts.allVersions)) {
    lines.push('', ...entryLines(anchor, opts.dateFormat));
  }
  return `${lines.join('\n')}\n`;
}

/** Newest first, as the library lists them; the trash is skipped. */
export function anchorsToExport(anchors: Anchor[], allVersions: boolean): Anchor[] {
  const live = sortNewestFirst(anchors.filter((a) => !a.deletedAt));
  if (allVersions) return live;
  const seen = new Set<string>();
  return live.filter((a) => !seen.has(a.name) && seen.add(a.name));
}

/** A fence longer than any backtick run at the start of a template line, so it cannot close early. */
function fenceFor(template: string): string {
  const runs = template.split('\n').map((line) => /^\s*(`*)/.exec(line)?.[1]?.length ?? 0);
  return '`'.repeat(Math.max(3, ...runs.map((n) => n + 1)));
}
