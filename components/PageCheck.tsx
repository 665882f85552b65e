import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { PageCheck as Check } from '../lib/chatgpt/page-check';
import { isChatGptUrl } from '../lib/chatgpt/hosts';
import { GENERATION_LABELS, KIND_LABELS, PART_LABELS, PageCheckSchema, formatPageReport, partStatus } from '../lib/chatgpt/page-report';
import { sendToTab } from '../lib/messaging/protocol';

type TabResult = { tabId: number; title: string; host: string } & ({ check: Check } | { error: string });

/**
 * The options page's page check: for each open ChatGPT tab, which page generation GPT Anchors
 * recognised and which part it found with which selector, and a structure-only report to copy
 * into a bug report. Tabs are found with the host permissions the extension has anyway (a tab's
 * URL is visible for the ChatGPT hosts only), and each tab's content script answers for itself.
 */
export function PageCheck() {
  const [results, setResults] = useState<TabResult[] | null>(null);

  const refresh = async () => {
    const tabs = (await browser.tabs.query({})).filter((tab) => tab.id !== undefined && isChatGptUrl(tab.url));
    setResults(await Promise.all(tabs.map((tab) => checkTab(tab.id!, tab.title ?? '', new URL(tab.url!).host))));
  };

  useEffect(() => {
    void refresh().then(() => {
      if (location.hash === '#page-check') document.getElementById('page-check')?.scrollIntoView();
    });
  }, []);

  return (
    <section class="settings page-check" id="page-check" aria-labelledby="page-check-title">
      <h2 id="page-check-title">Page check</h2>
      <p class="hint">
        What GPT Anchors finds on each open ChatGPT tab. When ChatGPT changes its page and something is not found, copy
        the page report into a bug report: it holds the page's structure only, never the chat's text or ids.
      </p>
      <button type="button" onClick={() => void refresh()}>
        Check again
      </button>
      {results === null ? (
        <p class="status">Checking…</p>
      ) : results.length === 0 ? (
        <p class="status">No ChatGPT tab is open. Open chatgpt.com in a tab, then check again.</p>
      ) : (
        results.map((result) => <TabCheck key={result.tabId} result={result} />)
      )}
    </section>
  );
}

async function checkTab(tabId: number, title: string, host: string): Promise<TabResult> {
  try {
    const parsed = PageCheckSchema.safeParse(await sendToTab(tabId, 'checkPage', {}));
    if (parsed.success) return { tabId, title, host, check: parsed.data };
    return { tabId, title, host, error: 'The tab answered something GPT Anchors does not understand. Reload the tab.' };
  } catch {
    return { tabId, title, host, error: 'GPT Anchors is not running in this tab yet: reload the tab, then check again.' };
  }
}

function TabCheck({ result }: { result: TabResult }) {
  const [copied, setCopied] = useState('');
  const name = result.title || 'ChatGPT';
  if ('error' in result) {
    return (
      <article class="tab-check" aria-label={`Page check: ${name}`}>
        <h3>{name}</h3>
        <p class="field-error">{result.error}</p>
      </article>
    );
  }
  const { check } = result;
  const copy = async () => {
    const manifest = browser.runtime.getManifest();
    const report = formatPageReport(check, { host: result.host, version: manifest.version, browser: navigator.userAgent, now: new Date() });
    try {
      await navigator.clipboard.writeText(report);
      setCopied('Copied. Paste it into your bug report.');
    } catch (error) {
      setCopied(`Could not copy: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return (
    <article class="tab-check" aria-label={`Page check: ${name}`}>
      <h3>{name}</h3>
      <p>
        {result.host}
        {check.path} · {KIND_LABELS[check.kind]}
      </p>
      <p>
        Page generation: <strong>{check.generation ? GENERATION_LABELS[check.generation] : 'not recognised'}</strong>
      </p>
      {check.missing.length > 0 ? (
        <p class="field-error">Not found: {check.missing.join(', ')}. Save and Resume change nothing on this page.</p>
      ) : (
        check.kind !== 'other' && <p>Everything GPT Anchors needs was found.</p>
      )}
      <table>
        <thead>
          <tr>
            <th scope="col">Part</th>
            <th scope="col">Found by</th>
          </tr>
        </thead>
        <tbody>
          {check.parts.map((part) => (
            <tr key={part.part}>
              <th scope="row">{PART_LABELS[part.part]}</th>
              <td>{part.selector ? <code>{partStatus(check, part)}</code> : partStatus(check, part)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="actions">
        <button type="button" onClick={() => void copy()}>
          Copy page report
        </button>
        <span class="status" role="status">
          {copied}
        </span>
      </div>
    </article>
  );
}
