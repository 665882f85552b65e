import { browser } from 'wxt/browser';
import { forgetLogFolder, getLogFolder, getLogWriteState, saveLogFolder } from '../../lib/storage/db';
import { watchChanges } from '../../lib/storage/changes';
import { askWritePermission } from '../../lib/log-file/folder';
import { logFileView, type LogFileView, type LogFolder, type Resolution } from '../../lib/log-file/records';
import { sendToBackground } from '../../lib/messaging/protocol';

/**
 * What the log file's UI (LogFileStatus, LogFolderSettings) may do, as one object, so the
 * components stay free of IndexedDB and messaging. The popup loads it after its first paint.
 */
export interface LogFileApi {
  /** What is stored now (no check of the files). */
  read(): Promise<LogFileView | null>;
  /** Asks the background to check the files now and write what is due. */
  check(): Promise<LogFileView | null>;
  /** The browser's permission prompt for the folder: call it straight from a click. */
  allowWriting(): Promise<PermissionState>;
  resolve(choice: 'import' | 'keepLibrary'): Promise<Resolution>;
  /** Calls `onChange` when the folder or what was written changes; returns the unsubscribe. */
  watch(onChange: () => void): () => void;
  openSettings(): Promise<void>;
}

export interface LogFolderApi extends LogFileApi {
  /** Chrome and Edge: true. Firefox: no File System Access API. */
  readonly supported: boolean;
  chooseFolder(): Promise<'chosen' | 'cancelled'>;
  setPerProject(on: boolean): Promise<void>;
  stop(): Promise<void>;
  /** The one-click export where no folder can be kept. */
  exportLog(): Promise<{ filename: string; count: number }>;
}

type PickerWindow = Window & {
  showDirectoryPicker?: (options: { id?: string; mode?: 'read' | 'readwrite'; startIn?: string }) => Promise<FileSystemDirectoryHandle>;
};

/** The folder read last, so a click's permission prompt can start before any await. */
let known: LogFolder | undefined;

async function readView(): Promise<LogFileView | null> {
  const [folder, state] = await Promise.all([getLogFolder(), getLogWriteState()]);
  known = folder;
  return logFileView(folder, state);
}

export const logFileApi: LogFolderApi = {
  supported: typeof (window as PickerWindow).showDirectoryPicker === 'function',
  read: readView,
  check: () => sendToBackground('checkLogFile', {}),
  async allowWriting() {
    const folder = known ?? (await getLogFolder());
    if (!folder) return 'denied';
    return askWritePermission(folder.handle);
  },
  resolve: (choice) => sendToBackground('resolveLogFileChange', { choice }),
  watch: (onChange) => watchChanges((kind) => (kind === 'logFolder' || kind === 'logStatus') && onChange()),
  openSettings: () => browser.runtime.openOptionsPage(),

  async chooseFolder() {
    const page = window as PickerWindow;
    if (!page.showDirectoryPicker) throw new Error('This browser cannot keep a file in a folder.');
    let handle: FileSystemDirectoryHandle;
    try {
      handle = await page.showDirectoryPicker({ id: 'gpt-anchors-log', mode: 'readwrite', startIn: 'documents' });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return 'cancelled';
      throw error;
    }
    const current = known ?? (await getLogFolder());
    await saveLogFolder({ id: crypto.randomUUID(), handle, perProject: current?.perProject ?? false, chosenAt: new Date().toISOString() });
    return 'chosen';
  },
  async setPerProject(on) {
    const folder = await getLogFolder();
    if (folder) await saveLogFolder({ ...folder, perProject: on });
  },
  stop: () => forgetLogFolder(),
  exportLog: () => sendToBackground('exportLog', { format: 'markdown' }),
};
