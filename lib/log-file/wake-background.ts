import { changesLog, onChangeMadeHere } from '../storage/changes';
import { sendToBackground } from '../messaging/protocol';

/**
 * For extension pages that write to the library themselves (the popup, the options page): after
 * each write, tell the background, so the log file is rewritten even when the service worker was
 * asleep (it hears no BroadcastChannel then; a message wakes it). Returns the unsubscribe.
 */
export function wakeBackgroundOnWrites(): () => void {
  return onChangeMadeHere((kind) => {
    if (!changesLog(kind)) return;
    sendToBackground('scheduleLogWrite', {}).catch((error: unknown) => {
      console.warn('GPT Anchors: could not ask for the log file to be rewritten', error);
    });
  });
}
