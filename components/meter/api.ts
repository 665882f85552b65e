import { watchChanges } from '../../lib/storage/changes';
import { clearLimitHits, getSettings, listLimitHits } from '../../lib/storage/db';
import type { LimitHitRecord } from '../../lib/meter/records';

/** What the options page's limit history needs; the real one reads IndexedDB, tests pass a fake. */
export type LimitHistoryApi = {
  read(): Promise<{ hits: LimitHitRecord[]; setting: number }>;
  /** Forgets what was learned. */
  reset(): Promise<void>;
  /** Calls back when a chat hits the limit or the settings change; returns the unsubscribe. */
  watch(onChange: () => void): () => void;
};

export const limitHistoryApi: LimitHistoryApi = {
  read: async () => {
    const [hits, settings] = await Promise.all([listLimitHits(), getSettings()]);
    return { hits, setting: settings.chatLimitTokens };
  },
  reset: clearLimitHits,
  watch: (onChange) => watchChanges((kind) => (kind === 'limitHits' || kind === 'settings') && onChange()),
};
