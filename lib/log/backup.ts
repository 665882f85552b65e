import { z } from 'zod/mini';
import { AnchorSchema, describeZodError, type Anchor } from '../model/anchor';
import { invisibleInName } from '../model/anchor-check';
import { ResumeRecordSchema, forBackup, type ResumeRecord } from '../model/lineage';

/**
 * The JSON backup: every anchor with every detail (ids, sources, tags, trash) and the lineage (the
 * resume records: which anchor went into which chat), unlike the markdown log, which keeps only
 * what a person writes. Validated field by field on the way in.
 *
 * Tags and `resumes` were added without a new version number: both are optional, a backup
 * without them (any earlier one) reads as before, and an earlier GPT Anchors reading a newer
 * backup takes its anchors and leaves out what it does not know.
 */

export const BACKUP_FORMAT = 'gpt-anchors-backup';
export const BACKUP_VERSION = 1;

/** `renamed`: names whose invisible characters were removed on the way in (see `normalizeName`). */
export type BackupParseResult =
  | { ok: true; anchors: Anchor[]; resumes: ResumeRecord[]; renamed: { name: string; removed: string[] }[] }
  | { ok: false; error: string };

/** Pretty-printed, so a backup can be read and diffed by a person. `resumes`: the lineage, when there is one to keep. */
export function formatBackup(anchors: Anchor[], exportedAt: string, resumes?: ResumeRecord[]): string {
  const lineage = resumes ? { resumes: resumes.map(forBackup) } : {};
  return `${JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt, anchors, ...lineage }, null, 2)}\n`;
}

const AnchorsSchema = z.object({
  anchors: z.array(AnchorSchema, { error: '“anchors” must be a list.' }),
  resumes: z.optional(z.array(ResumeRecordSchema, { error: '“resumes” must be a list.' })),
});

/** Show a few problems, not hundreds: the first ones say what is wrong with the file. */
const MAX_ISSUES = 3;

export function parseBackup(text: string): BackupParseResult {
  const json = parseJson(text);
  if (!json.ok) return json;
  const envelope = json.value;
  if (!isRecord(envelope)) return { ok: false, error: 'This JSON file is not a GPT Anchors backup (it is not an object).' };
  const versionError = checkFormatAndVersion(envelope.format, envelope.version);
  if (versionError) return { ok: false, error: versionError };
  const parsed = AnchorsSchema.safeParse({ anchors: envelope.anchors, resumes: envelope.resumes });
  if (!parsed.success) return { ok: false, error: describeIssues(parsed.error) };
  const anchors = parsed.data.anchors;
  const raw = envelope.anchors as { name: string }[];
  const renamed = new Map<string, string[]>();
  anchors.forEach((anchor, i) => {
    const removed = invisibleInName(raw[i]?.name ?? '');
    if (removed.length > 0) renamed.set(anchor.name, [...new Set([...(renamed.get(anchor.name) ?? []), ...removed])]);
  });
  // A tab id means nothing in another browser: a record still waiting for its chat stops waiting.
  const resumes = (parsed.data.resumes ?? []).map(forBackup);
  return { ok: true, anchors, resumes, renamed: [...renamed].map(([name, removed]) => ({ name, removed })) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: `Not valid JSON: ${message}${lineAndColumn(text, message)}.` };
  }
}

/** V8 reports an offset (`at position 123`); people look for a line and column. */
function lineAndColumn(text: string, message: string): string {
  const position = /position (\d+)/.exec(message)?.[1];
  if (position === undefined) return '';
  const before = text.slice(0, Number(position)).split('\n');
  return ` (line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1})`;
}

function checkFormatAndVersion(format: unknown, version: unknown): string | null {
  if (format !== BACKUP_FORMAT) {
    return `This JSON file is not a GPT Anchors backup (its “format” is ${JSON.stringify(format) ?? 'missing'}, expected “${BACKUP_FORMAT}”).`;
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return `This backup has an unknown version (${JSON.stringify(version) ?? 'missing'}).`;
  }
  if (version > BACKUP_VERSION) {
    return `This backup was written by a newer GPT Anchors (backup version ${version}; this one reads up to ${BACKUP_VERSION}). Update the extension, then import it again.`;
  }
  return null;
}

function describeIssues(error: z.core.$ZodError): string {
  const shown = { issues: error.issues.slice(0, MAX_ISSUES) };
  const more = error.issues.length - MAX_ISSUES;
  return `${describeZodError(shown)}${more > 0 ? ` (and ${more} more ${more === 1 ? 'problem' : 'problems'})` : ''}`;
}
