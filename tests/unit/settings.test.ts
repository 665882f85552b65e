import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { closeAnchorsDb, getSettings, openAnchorsDb } from '../../lib/storage/db';
import { DEFAULT_SETTINGS, SettingsSchema, withDefaults } from '../../lib/model/settings';

const TEMPLATE = 'My own request for [ANCHOR_NAME], kept for months.';

describe('withDefaults: stored settings are read one key at a time', () => {
  it.each([
    ['nothing stored', undefined],
    ['null', null],
    ['a string', 'settings'],
    ['a number', 42],
    ['an empty object', {}],
  ])('gives the defaults for %s', (_what, stored) => {
    expect(withDefaults(stored)).toEqual(DEFAULT_SETTINGS);
  });

  it.each([
    ['dateFormat', 'european'],
    ['autoSend', 'yes'],
    ['exportAllVersions', null],
    ['replyTimeoutSeconds', 1],
    ['replyTimeoutSeconds', 2.5],
    ['replyTimeoutSeconds', '60'],
    ['staleAfterDays', 0],
    ['staleAfterDays', 1.5],
    ['staleAfterDays', 400],
    ['rollingAnchors', 'on'],
    ['resumeHandshake', 1],
    ['chatLimitTokens', 999],
    ['chatLimitTokens', 64_000.5],
    ['chatLimitTokens', 3_000_000],
    ['nudgePercent', 49],
    ['nudgePercent', 100],
    ['nudgePercent', '90'],
  ] as const)('an invalid %s (%j) falls back alone; the template and the rest stay', (key, bad) => {
    const stored = {
      template: TEMPLATE,
      autoSend: true,
      dateFormat: 'iso',
      exportAllVersions: false,
      replyTimeoutSeconds: 60,
      staleAfterDays: 14,
      rollingAnchors: false,
      resumeHandshake: true,
      chatLimitTokens: 64_000,
      nudgePercent: 90,
      [key]: bad,
    };
    const settings = withDefaults(stored);
    expect(settings[key]).toEqual(DEFAULT_SETTINGS[key]);
    expect(settings.template).toBe(TEMPLATE);
    const others = (Object.keys(DEFAULT_SETTINGS) as (keyof typeof DEFAULT_SETTINGS)[]).filter((k) => k !== key);
    for (const other of others) expect(settings[other], other).toEqual(stored[other]);
    expect(SettingsSchema.safeParse(settings).success).toBe(true);
  });

  it('an invalid template falls back to the default template, and only it', () => {
    const settings = withDefaults({ template: 'no placeholder here', autoSend: true, dateFormat: 'iso', replyTimeoutSeconds: 30 });
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, autoSend: true, dateFormat: 'iso', replyTimeoutSeconds: 30 });
  });

  it('fills a setting added later with its default and drops keys it does not know', () => {
    const settings = withDefaults({ template: TEMPLATE, theme: 'dark', __proto__: { autoSend: true } });
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, template: TEMPLATE });
    expect(Object.keys(settings).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
  });
});

describe('the chat length meter’s settings', () => {
  it('default to a 128,000-token limit and a nudge at 80 %', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({ chatLimitTokens: 128_000, nudgePercent: 80 });
  });

  it('say what is wrong with a limit or threshold out of bounds', () => {
    const error = (patch: object) => SettingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...patch }).error?.issues[0]?.message;
    expect(error({ chatLimitTokens: 10 })).toBe('The limit is at least 1,000 tokens.');
    expect(error({ chatLimitTokens: 1.5e6 + 0.5 })).toBe('Give the limit in whole tokens.');
    expect(error({ nudgePercent: 100 })).toBe('Nudge at 99 % or less.');
  });
});

describe('getSettings', () => {
  it('keeps the stored template when another stored setting is invalid', async () => {
    await closeAnchorsDb();
    globalThis.indexedDB = new IDBFactory();
    const db = await openAnchorsDb();
    await db.put('settings', { key: 'settings', value: { template: TEMPLATE, autoSend: true, dateFormat: 'DD.MM.YYYY' } });
    expect(await getSettings()).toEqual({ ...DEFAULT_SETTINGS, template: TEMPLATE, autoSend: true });
    await closeAnchorsDb();
  });
});
