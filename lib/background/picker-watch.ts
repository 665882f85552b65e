import { browser, type Browser } from 'wxt/browser';
import { watchChanges } from '../storage/changes';
import { PICKER_PORT, type PickerPortMessage } from '../messaging/picker-link';
import { senderKind, thisExtension } from './senders';

/**
 * Live updates for open pickers. A picker frame inside ChatGPT's tab may be refused IndexedDB
 * and the extension's BroadcastChannel (a browser that blocks third-party storage treats it as a
 * third party), so it keeps a port open to the background, which hears every change and passes
 * the news on. The picker's pings on the port also keep the worker awake while it is open.
 */
export function watchForPickers(): void {
  const ports = new Set<Browser.runtime.Port>();
  let stopWatching: (() => void) | undefined;
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== PICKER_PORT) return;
    if (!port.sender || senderKind(port.sender, thisExtension()) !== 'extensionPage') {
      port.disconnect();
      return;
    }
    ports.add(port);
    stopWatching ??= watchChanges((kind) => {
      if (kind !== 'anchors') return;
      for (const open of ports) open.postMessage({ type: 'changed' } satisfies PickerPortMessage);
    });
    port.onDisconnect.addListener(() => {
      ports.delete(port);
      if (ports.size > 0) return;
      stopWatching?.();
      stopWatching = undefined;
    });
  });
}
