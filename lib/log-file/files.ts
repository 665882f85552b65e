import type { Anchor } from '../model/anchor';
import { projectOf } from '../model/anchor-fields';
import { anchorsToExport, formatLog, type LogOptions } from '../log/format';
import { LOG_FILE_NAME } from './file-name';

/**
 * Which files the folder holds and what each says: the whole log, and with `perProject` one log
 * per project (`Capstone.md`), each in the canonical export format. Pure.
 */

export interface LogFileText {
  name: string;
  text: string;
  /** The anchors written into it, in its order: what an edit of the file is compared with. */
  anchors: Anchor[];
}

export function logFilesFor(all: Anchor[], opts: LogOptions & { perProject: boolean }): LogFileText[] {
  const whole = anchorsToExport(all, opts.allVersions);
  const files = [{ name: LOG_FILE_NAME, text: formatLog(whole, opts), anchors: whole }];
  if (!opts.perProject) return files;
  for (const [name, anchors] of byProjectFile(whole)) files.push({ name, text: formatLog(anchors, opts), anchors });
  return files;
}

/** Projects whose names make the same file name (on a disk that ignores case, too) share the file. */
function byProjectFile(anchors: Anchor[]): Map<string, Anchor[]> {
  const files = new Map<string, Anchor[]>();
  const spelling = new Map<string, string>();
  for (const anchor of anchors) {
    const wanted = projectFileName(projectOf(anchor.name));
    const key = wanted.toLowerCase();
    const name = spelling.get(key) ?? wanted;
    spelling.set(key, name);
    const list = files.get(name);
    if (list) list.push(anchor);
    else files.set(name, [anchor]);
  }
  return files;
}

const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
const MAX_BASE = 100;

/**
 * A file name every common disk accepts: no path separators or characters Windows refuses, no
 * trailing dot or space, no device name, never the whole log's own name.
 */
export function projectFileName(project: string): string {
  let base = project
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '-')
    .trim()
    .slice(0, MAX_BASE)
    .replace(/[. ]+$/, '');
  if (base === '' || /^\.+$/.test(base)) base = 'Project';
  if (RESERVED.test(base) || `${base}.md`.toLowerCase() === LOG_FILE_NAME.toLowerCase()) base = `${base} (project)`;
  return `${base}.md`;
}
