import type { Anchor } from '../anchor';
import { getLogFolder, getLogWriteState, getSettings, listAllAnchors, saveLogWriteState, storeFileImport } from '../db';
import { changesToStore, planFileImport } from './file-import';
import { logFilesFor, type LogFileText } from './files';
import { FolderError, checkFolderThere, folderError, readText, removeFile, writePermission, writeTextAtomically } from './folder';
import { judgeFile, sha256Hex, type FileJudgement } from './hash';
import { logFileView, type FileOffer, type LogFileView, type LogFolder, type LogWriteState } from './records';

/**
 * Brings the folder up to date with the library (the background runs it, one at a time; see
 * keeper.ts). Every file is read and hashed before anything is written: a file changed elsewhere
 * is never overwritten; its new and changed entries are offered for import instead, and writing
 * waits for the person's answer. A failed write leaves the library alone and says what to do.
 */

interface Inspected {
  name: string;
  wanted?: LogFileText & { hash: string };
  current: { text: string; hash: string } | null;
  judgement: FileJudgement;
}

/** Files the person agreed to replace, with the hash of the text they were shown. */
type Overwrite = FileOffer['files'];

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
    const { kind, message } = folderError(error);
    next = { ...state, problem: { kind, detail: message.slice(0, 1_000), at: now } };
  }
  await saveLogWriteState(next);
  return logFileView(folder, next);
}

async function bringUpToDate(folder: LogFolder, state: LogWriteState, overwrite: Overwrite, now: string): Promise<LogWriteState> {
  if ((await writePermission(folder.handle)) !== 'granted') throw new FolderError('permission', 'The browser asks again.');
  await checkFolderThere(folder.handle);
  const { all, wanted } = await wantedFiles(folder);
  const files = await inspect(folder.handle, state, wanted);
  const agreed = (file: Inspected) => overwrite.some((o) => o.name === file.name && o.hash === file.current?.hash);
  const changed = files.filter((file) => file.judgement === 'changed-elsewhere' && !agreed(file));
  if (changed.length > 0) {
    const { problem: _old, ...rest } = state;
    return { ...rest, problem: { kind: 'changed-elsewhere', at: now, offer: offerFor(changed, all, now) } };
  }
  return write(folder.handle, state, files, now);
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

async function inspect(folder: FileSystemDirectoryHandle, state: LogWriteState, wanted: LogFileText[]): Promise<Inspected[]> {
  const byName = new Map(wanted.map((file) => [file.name, file]));
  const names = [...new Set([...byName.keys(), ...Object.keys(state.written)])];
  return Promise.all(
    names.map(async (name): Promise<Inspected> => {
      const want = byName.get(name);
      const [text, wantedHash] = await Promise.all([readText(folder, name), want ? sha256Hex(want.text) : undefined]);
      const current = text === null ? null : { text, hash: await sha256Hex(text) };
      const judgement = judgeFile({ hash: current?.hash ?? null, written: state.written[name], wanted: wantedHash });
      return { name, current, judgement, ...(want && wantedHash ? { wanted: { ...want, hash: wantedHash } } : {}) };
    }),
  );
}

/** Writes what differs, removes the files of projects that are gone (only when untouched), records every hash. */
async function write(folder: FileSystemDirectoryHandle, state: LogWriteState, files: Inspected[], now: string): Promise<LogWriteState> {
  const written = { ...state.written };
  let wrote = false;
  const progress = () => ({ folderId: state.folderId, written: { ...written }, ...(wrote ? { writtenAt: now } : pick(state)) });
  try {
    for (const file of files) {
      if (file.wanted) {
        if (file.current?.hash !== file.wanted.hash) {
          await writeTextAtomically(folder, file.name, file.wanted.text);
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
    const { kind, message } = folderError(error);
    return { ...progress(), problem: { kind, detail: message.slice(0, 1_000), at: now } };
  }
  return progress();
}

const pick = (state: LogWriteState) => (state.writtenAt ? { writtenAt: state.writtenAt } : {});

function offerFor(changed: Inspected[], library: Anchor[], now: string): FileOffer {
  const files = changed.map((file) => ({ name: file.name, hash: file.current!.hash }));
  const plan = planFileImport({
    files: changed.map((file) => ({ name: file.name, text: file.current!.text, expected: file.wanted?.anchors ?? [] })),
    library,
    now,
    newId: () => crypto.randomUUID(),
  });
  if (!plan.ok) return { files, added: 0, changed: 0, error: plan.error };
  return { files, added: plan.added.length, changed: plan.edited.length };
}

export type Resolution = { view: LogFileView | null; imported?: { added: number; changed: number }; changedAgain?: true };

/**
 * The person's answer to an offer: import the files' new and changed entries (all or nothing),
 * or keep the library's text; either way the files are then rewritten. When a file changed again
 * since the offer was made, nothing happens but a new offer.
 */
export async function resolveFileChange(choice: 'import' | 'keepLibrary'): Promise<Resolution> {
  const [folder, state] = await Promise.all([getLogFolder(), getLogWriteState()]);
  const offer = folder && state?.folderId === folder.id ? state.problem?.offer : undefined;
  if (!folder || !offer) return { view: await syncLogFile() };
  const texts = await Promise.all(offer.files.map((file) => readText(folder.handle, file.name)));
  const hashes = await Promise.all(texts.map((text) => (text === null ? null : sha256Hex(text))));
  if (offer.files.some((file, i) => hashes[i] !== file.hash)) return { view: await syncLogFile(), changedAgain: true };
  if (choice === 'keepLibrary') return { view: await syncLogFile(offer.files) };

  const { all, wanted } = await wantedFiles(folder);
  const expected = new Map(wanted.map((file) => [file.name, file.anchors]));
  const now = new Date().toISOString();
  const newId = () => crypto.randomUUID();
  const plan = planFileImport({
    files: offer.files.map((file, i) => ({ name: file.name, text: texts[i]!, expected: expected.get(file.name) ?? [] })),
    library: all,
    now,
    newId,
  });
  if (!plan.ok) throw new Error(`Nothing was imported: ${plan.error}`);
  await storeFileImport(changesToStore(plan, { now, newId }));
  return { view: await syncLogFile(offer.files), imported: { added: plan.added.length, changed: plan.edited.length } };
}
