import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { closeAnchorsDb, getSettings, openAnchorsDb } from '../../lib/db';
import { DEFAULT_SETTINGS, SettingsSchema, withDefaults } from '../../lib/settings';

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
