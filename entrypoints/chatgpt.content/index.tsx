import { render } from 'preact';
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import css from '../../components/in-page.css?inline';
import { InPageApp } from '../../components/InPageApp';
import { CHATGPT_MATCHES } from '../../lib/chatgpt/hosts';
import { HOST_ID, decorateMessages, keepBarPlaced, onlyMessageText, pageTheme, watchPage } from '../../lib/chatgpt/mount';
import { missingParts } from '../../lib/chatgpt/page';
import { checkPage } from '../../lib/chatgpt/page-check';
import { waitForQuiet } from '../../lib/chatgpt/wait';
import { createController } from '../../lib/content/controller';
import { offersAnchor } from '../../lib/content/capture';
import { createShadowHost } from '../../lib/content/shadow-host';
import { trusted } from '../../lib/content/trusted';
import { answerMessages } from '../../lib/protocol';
import { tabChecks, type TabPayloads, type TabResponses } from '../../lib/tab-requests';

export default defineContentScript({
  matches: CHATGPT_MATCHES,
  runAt: 'document_idle',
  async main(ctx) {
    // Our nodes are found by reference, never looked up by id or tag: the page may already hold an
    // element with our id, or define a custom element of its own by any name. An older copy of this
    // script removes its own nodes when it is invalidated (ctx.onInvalidated below).
    const controller = createController();
    // Commands can come before the bar is mounted: the controller's state waits for it.
    const stopAnswering = answerMessages<TabPayloads, TabResponses>(
      tabChecks,
      {
        async runCommand({ command, selectionText }) {
          if (command === 'save') void controller.save();
          else if (command === 'resume') void controller.openPicker();
          else void controller.saveSelection(selectionText ?? '');
          return null;
        },
        async resumeOrder(order) {
          void controller.resumePicked(order);
          return null;
        },
        async closePicker() {
          controller.closePicker();
          return null;
        },
        checkPage: async () => checkPage(),
      },
      // Only this extension can message a content script; say so anyway.
      (type, sender) => (sender.id === browser.runtime.id ? null : `${type} is not accepted from this sender.`),
    );
    ctx.onInvalidated(() => {
      stopAnswering();
      controller.closePicker(false);
    });
    // Nothing goes into the page before React has hydrated it (a foreign node makes it throw error
    // #418 and render the page again): the first mount waits for the page to settle. A reply
    // streaming in on load does not count as unsettled.
    try {
      await waitForQuiet({ quietMs: 400, maxMs: 4_000, signal: ctx.signal, counts: (records) => !onlyMessageText(records) });
    } catch {
      return; // the script was invalidated first
    }

    const { host, root } = createShadowHost('div', css);
    host.id = HOST_ID;
    const mountPoint = document.createElement('div');
    root.append(mountPoint);
    render(<InPageApp controller={controller} />, mountPoint);

    const seen = new WeakMap<Element, HTMLElement | null>();
    const saveThisButton = (message: HTMLElement) => {
      const { host: buttonHost, root: buttonRoot } = createShadowHost('span', css);
      buttonHost.style.display = 'block';
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'save-this';
      button.textContent = 'Save this anchor';
      button.addEventListener('click', trusted(() => void controller.saveMessage(message)));
      buttonRoot.append(button);
      buttonHost.dataset.theme = pageTheme();
      return buttonHost;
    };
    const syncTheme = () => {
      const theme = pageTheme();
      if (host.dataset.theme === theme) return;
      host.dataset.theme = theme;
      document.querySelectorAll<HTMLElement>('[data-gpt-anchors-message]').forEach((node) => (node.dataset.theme = theme));
    };
    const tick = (streaming: boolean) => {
      keepBarPlaced(host);
      controller.setMissing(missingParts());
      syncTheme();
      decorateMessages({ wants: offersAnchor, create: saveThisButton }, seen, streaming);
    };
    // While a reply streams only the bar's place and the theme are kept (see watchPage).
    watchPage(tick, ctx.signal, () => {
      keepBarPlaced(host);
      syncTheme();
    });

    void controller.resumePending();

    ctx.onInvalidated(() => {
      render(null, mountPoint);
      host.remove();
      document.querySelectorAll('[data-gpt-anchors-message]').forEach((node) => node.remove());
    });
  },
});
