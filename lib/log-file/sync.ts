import type { Anchor } from '../model/anchor';
import { getLogFolder, getLogWriteState, getSettings, listAllAnchors, saveLogWriteState, storeFileImport } from '../storage/db';
import { changesToStore, planFileImport, type ChangedFile } from './file-import';
import { LOG_FILE_NAME } from './file-name';
import { logFilesFor, type LogFileText } from './files';
import { FolderError, checkFolderThere, folderError, readBytes, removeFile, writeAtomically, writePermission } from './folder';
import { judgeFile, sha256Hex, type FileJudgement } from './hash';
import { logFileView, type FileOffer, type LogFileView, type LogFolder, type LogWriteState, type Resolution } from './records';

/**
 * Brings the folder up to date with the library (the background runs it, one at a time; see
 * keeper.ts). Every file is read and hashed before anything is written: a file changed elsewhere
 * is never overwritten; its new and changed entries are offered for import instead, and writing
 * waits for the person's answer. A failed write leaves the library alone and says what to do.
 */

type Bytes = Uint8Array<ArrayBuffer>;
type OnDisk = { bytes: Bytes; hash: string };

interface Inspected {
  name: string;
  wanted?: { bytes: Bytes; hash: string; anchors: Anchor[] };
  current: OnDisk | null;
  judgement: FileJudgement;
}

/** Files the person agreed to replace, with the hash of the text they were shown. */
type Overwrite = FileOffer['files'];

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export async function syncLogFile(overwrite: Overwrite = []): Promise<LogFileView | null> {
  const folder = await getLogFolder();
  if (!folder) return null;
  const stored = await getLogWriteState();
  const state: LogWriteState = stored?.folderId === folder.id ? stored : { folderId: folder.id, written: {} };
  const now = new Date().toISOString();
  let next: LogWriteState;
  try {
    next = await bringUpToDate(folder, state, overwrite, now);
  } catch (error) {
    next = { ...state, problem: problemOf(error, now) };
  }
  await saveLogWriteState(next);
  return logFileView(folder, next);
}

function problemOf(error: unknown, at: string): LogWriteState['problem'] {
  const { kind, message } = folderError(error);
  return { kind, detail: message.slice(0, 1_000), at };
}

async function bringUpToDate(folder: LogFolder, state: LogWriteState, overwrite: Overwrite, now: string): Promise<LogWriteState> {
  if ((await writePermission(folder.handle)) !== 'granted') throw new FolderError('permission', 'The browser asks again.');
  await checkFolderThere(folder.handle);
  // The files on disk are read while the library is read and formatted.
  const disk = new DiskReads(folder.handle, [LOG_FILE_NAME, ...Object.keys(state.written)]);
  const { all, wanted } = await wantedFiles(folder);
  const files = await inspect(disk, state, wanted);
  const agreed = (file: Inspected) => overwrite.some((o) => o.name === file.name && o.hash === file.current?.hash);
  const changed = files.filter((file) => file.judgement === 'changed-elsewhere' && !agreed(file));
  if (changed.length > 0) {
    const { problem: _old, ...rest } = state;
    return { ...rest, problem: { kind: 'changed-elsewhere', at: now, offer: offerFor(changed, all, now) } };
  }
  return write(folder.handle, state, files, now);
}

/** Each file read once (bytes and hash), started as soon as its name is known. */
class DiskReads {
  private readonly reads = new Map<string, Promise<OnDisk | null>>();

  constructor(
    private readonly folder: FileSystemDirectoryHandle,
    names: string[],
  ) {
    for (const name of names) this.get(name).catch(() => undefined); // awaited in inspect(); never left unhandled
  }

  get(name: string): Promise<OnDisk | null> {
    let read = this.reads.get(name);
    if (!read) {
      read = readBytes(this.folder, name).then(async (bytes) => (bytes === null ? null : { bytes, hash: await sha256Hex(bytes) }));
      this.reads.set(name, read);
    }
    return read;
  }
}

/** The library and what it makes of each file, with the person's export settings. */
async function wantedFiles(folder: LogFolder): Promise<{ all: Anchor[]; wanted: LogFileText[] }> {
  const [settings, all] = await Promise.all([getSettings(), listAllAnchors()]);
  const wanted = logFilesFor(all, {
    template: settings.template,
    dateFormat: settings.dateFormat,
    allVersions: settings.exportAllVersions,
    perProject: folder.perProject,
  });
  return { all, wanted };
}

async function inspect(disk: DiskReads, state: LogWriteState, wanted: LogFileText[]): Promise<Inspected[]> {
  const byName = new Map(wanted.map((file) => [file.name, file]));
  const names = [...new Set([...byName.keys(), ...Object.keys(state.written)])];
  return Promise.all(
    names.map(async (name): Promise<Inspected> => {
      const want = byName.get(name);
      const bytes = want && encoder.encode(want.text);
      const [current, wantedHash] = await Promise.all([disk.get(name), bytes && sha256Hex(bytes)]);
      const judgement = judgeFile({ hash: current?.hash ?? null, written: state.written[name], wanted: wantedHash });
      return { name, current, judgement, ...(want && bytes && wantedHash ? { wanted: { bytes, hash: wantedHash, anchors: want.anchors } } : {}) };
    }),
  );
}

/** Writes what differs, removes the files of projects that are gone (only when untouched), records every hash. */
async function write(folder: FileSystemDirectoryHandle, state: LogWriteState, files: Inspected[], now: string): Promise<LogWriteState> {
  const written = { ...state.written };
  let wrote = false;
  const progress = () => ({
    folderId: state.folderId,
    written: { ...written },
    ...(wrote ? { writtenAt: now } : state.writtenAt ? { writtenAt: state.writtenAt } : {}),
  });
  try {
    for (const file of files) {
      if (file.wanted) {
        if (file.current?.hash !== file.wanted.hash) {
          await writeAtomically(folder, file.name, file.wanted.bytes);
          wrote = true;
        }
        written[file.name] = file.wanted.hash;
      } else {
        if (file.judgement === 'ours') {
          await removeFile(folder, file.name);
          wrote = true;
        }
        delete written[file.name]; // no longer ours to keep (a file changed elsewhere stays as it is)
      }
    }
  } catch (error) {
    return { ...progress(), problem: problemOf(error, now) };
  }
  return progress();
}

function offerFor(changed: Inspected[], library: Anchor[], now: string): FileOffer {
  const files = changed.map((file) => ({ name: file.name, hash: file.current!.hash }));
  const plan = planFileImport({ files: changed.map(asChangedFile), library, now, newId: () => crypto.randomUUID() });
  if (!plan.ok) return { files, added: 0, changed: 0, error: plan.error };
  return { files, added: plan.added.length, changed: plan.edited.length };
}

const asChangedFile = (file: Inspected): ChangedFile => ({
  name: file.name,
  text: decoder.decode(file.current!.bytes),
  expected: file.wanted?.anchors ?? [],
});

/**
 * The person's answer to an offer: import the files' new and changed entries (all or nothing),
 * or keep the library's text; either way the files are then rewritten. When a file changed again
 * since the offer was made, nothing happens but a new offer.
 */
export async function resolveFileChange(choice: 'import' | 'keepLibrary'): Promise<Resolution> {
  const [folder, state] = await Promise.all([getLogFolder(), getLogWriteState()]);
  const offer = folder && state?.folderId === folder.id ? state.problem?.offer : undefined;
  if (!folder || !offer) return { view: await syncLogFile() };
  const disk = new DiskReads(folder.handle, []);
  const current = await Promise.all(offer.files.map((file) => disk.get(file.name)));
  if (offer.files.some((file, i) => current[i]?.hash !== file.hash)) return { view: await syncLogFile(), changedAgain: true };
  if (choice === 'keepLibrary') return { view: await syncLogFile(offer.files) };

  const { all, wanted } = await wantedFiles(folder);
  const expected = new Map(wanted.map((file) => [file.name, file.anchors]));
  const now = new Date().toISOString();
  const newId = () => crypto.randomUUID();
  const plan = planFileImport({
    files: offer.files.map((file, i) => ({ name: file.name, text: decoder.decode(current[i]!.bytes), expected: expected.get(file.name) ?? [] })),
    library: all,
    now,
    newId,
  });
  if (!plan.ok) throw new Error(`Nothing was imported: ${plan.error}`);
  await storeFileImport(changesToStore(plan, { now, newId }));
  return { view: await syncLogFile(offer.files), imported: { added: plan.added.length, changed: plan.edited.length } };
}
