import { useEffect, useState } from 'preact/hooks';
import { isChatGptUrl } from '../../lib/chatgpt/hosts';
import { LEARN_FROM_LATEST, chatLimit } from '../../lib/meter/limit';
import type { LimitHitRecord } from '../../lib/meter/records';
import type { LimitHistoryApi } from './api';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const tokens = (n: number) => `${n.toLocaleString('en-US')} tokens`;

/**
 * The options page's record of where the user's chats met ChatGPT's maximum length, the limit it
 * teaches, and a reset that goes back to the setting.
 */
export function LimitHistory({ api }: { api: LimitHistoryApi }) {
  const [data, setData] = useState<{ hits: LimitHitRecord[]; setting: number } | null>(null);
  const [status, setStatus] = useState('');

  useEffect(() => {
    const load = () => api.read().then(setData, (e: unknown) => setStatus(`Could not read the limit history: ${String(e)}`));
    void load();
    return api.watch(() => void load());
  }, [api]);

  const reset = async () => {
    try {
      await api.reset();
      setData(await api.read());
      setStatus('Forgotten. The limit is your setting again until a chat reaches ChatGPT’s maximum length.');
    } catch (error) {
      setStatus(`Not reset: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const limit = data && chatLimit(data.setting, data.hits);
  return (
    <section class="settings" aria-labelledby="limit-history-title">
      <h2 id="limit-history-title">Where your chats reached the limit</h2>
      {!data || !limit ? (
        <p class="hint">{status || 'Loading…'}</p>
      ) : (
        <>
          <p>
            {limit.learned
              ? `The meter uses ${tokens(limit.tokens)}: what your chats reached (the middle of the latest ${Math.min(LEARN_FROM_LATEST, data.hits.length)}).`
              : `No chat has reached ChatGPT’s maximum length yet: the meter uses your setting, ${tokens(limit.tokens)}.`}
          </p>
          {data.hits.length > 0 && (
            <>
              <table class="limit-hits">
                <caption class="hint">Each chat’s size when ChatGPT said it had reached its maximum length</caption>
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Size</th>
                    <th scope="col">Chat</th>
                  </tr>
                </thead>
                <tbody>
                  {data.hits.map((hit) => (
                    <tr key={hit.id}>
                      <td>{when(hit.at)}</td>
                      <td>{tokens(hit.tokens)}</td>
                      <td>
                        {isChatGptUrl(hit.url) ? (
                          <a href={hit.url} target="_blank" rel="noopener noreferrer">
                            {hit.title?.trim() || 'the chat'}
                          </a>
                        ) : (
                          hit.title?.trim() || 'a chat'
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <button type="button" onClick={() => void reset()}>
                Forget the learned limit
              </button>
            </>
          )}
        </>
      )}
      {data && status && (
        <p class="status" role="status">
          {status}
        </p>
      )}
    </section>
  );
}
