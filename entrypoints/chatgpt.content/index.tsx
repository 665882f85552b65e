import { defineContentScript } from 'wxt/utils/define-content-script';
import { CHATGPT_MATCHES } from '../../lib/chatgpt/hosts';
import { runInPage } from './run';

export default defineContentScript({
  matches: CHATGPT_MATCHES,
  runAt: 'document_idle',
  // ctx.signal aborts when this copy of the script is invalidated (the extension updated, reloaded
  // or removed): runInPage then stops everything it started and takes its nodes out of the page.
  main: (ctx) => runInPage(ctx.signal),
});
