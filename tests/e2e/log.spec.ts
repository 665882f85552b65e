import path from 'node:path';
import type { Page } from '@playwright/test';
import { waitForDownload } from './support/downloads';
import { expect, test } from './support/extension';
import { THESIS, seedAnchors, storedAnchor, storedAnchors, type StoredAnchor } from './support/library';
import { REPO_ROOT } from './support/paths';
import { DEFAULT_TEMPLATE, formatLog } from '../../lib/log/format';
import { parseAnchorLog } from '../../lib/log/parse';
import { parseBackup } from '../../lib/log/backup';
import type { Anchor } from '../../lib/model/anchor';

const SAMPLE = path.join(REPO_ROOT, 'tests/fixtures/logs/sample-anchors-log.md');
const SAMPLE_NAMES = ['Thesis_Ch3_Methods', 'Thesis_Ch3_Coding', 'Weekend_Bot_Deploy', 'Thesis_Ch3_Survey', 'Weekend_Bot_MVP'];

function localStamp(date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

async function exportAs(popup: Page, label: 'Markdown log' | 'JSON backup') {
  await popup.getByRole('button', { name: 'Export' }).click();
  await popup.getByRole('menuitem', { name: label }).click();
}

const seeds = (): StoredAnchor[] => [
  storedAnchor(THESIS, 300),
  storedAnchor({ ...THESIS, nextAction: 'Send 3.4 to the supervisor.' }, 200),
  storedAnchor(
    {
      name: 'Weekend_Bot_Deploy',
      context: 'Line one with **stars** and `ticks`\nContext: a line that looks like a label\n# not a heading',
      milestone: '',
      nextAction: 'Switch to webhook → TLS ✓ 🚀',
      dependencies: ['BOT_TOKEN in .env', 'a; b, c', '[link](https://example.com)'],
    },
    100,
  ),
];

test('Export writes the markdown log and a JSON backup to the downloads folder', async ({
  context,
  extensionId,
  openPopup,
  downloadsDir,
}) => {
  const anchors = seeds();
  const trashed = { ...storedAnchor({ ...THESIS, name: 'Old_Trash' }, 400), deletedAt: new Date().toISOString() };
  await seedAnchors(context, extensionId, [...anchors, trashed]);
  const popup = await openPopup();

  await exportAs(popup, 'Markdown log');
  const logName = `gpt-anchors-log-${localStamp()}.md`;
  await expect(popup.getByRole('status')).toContainText(`Exported 3 anchors to ${logName}`);
  const log = await waitForDownload(downloadsDir, logName);
  // Exactly the canonical log of the library (trash left out), newest first.
  expect(log).toBe(formatLog(anchors as Anchor[], { template: DEFAULT_TEMPLATE, dateFormat: 'us', allVersions: true }));
  expect(log.startsWith('# GPT Anchors Log\n')).toBe(true);
  const back = parseAnchorLog(log).entries;
  expect(back.map((e) => [e.draft.name, e.draft.nextAction])).toEqual([
    ['Weekend_Bot_Deploy', 'Switch to webhook → TLS ✓ 🚀'],
    ['Thesis_Ch3_Methods', 'Send 3.4 to the supervisor.'],
    ['Thesis_Ch3_Methods', THESIS.nextAction],
  ]);
  expect(back[0]!.draft).toEqual({
    name: anchors[2]!.name,
    context: anchors[2]!.context,
    milestone: anchors[2]!.milestone,
    nextAction: anchors[2]!.nextAction,
    dependencies: anchors[2]!.dependencies,
  });

  await exportAs(popup, 'JSON backup');
  const backupName = `gpt-anchors-backup-${localStamp()}.json`;
  const backup = parseBackup(await waitForDownload(downloadsDir, backupName));
  expect(backup.ok).toBe(true);
  if (backup.ok) {
    expect(backup.anchors.map((a) => a.id).sort()).toEqual([...anchors, trashed].map((a) => a.id).sort());
    expect(backup.anchors.find((a) => a.id === trashed.id)?.deletedAt).toBe(trashed.deletedAt);
  }
});

test('Import takes the whole hand-kept sample log, reports it, and adds nothing the second time', async ({
  context,
  extensionId,
  openPopup,
}) => {
  const popup = await openPopup();
  const input = popup.getByLabel('Import');
  await input.setInputFiles(SAMPLE);
  const status = popup.getByRole('status');
  await expect(status).toContainText('Imported sample-anchors-log.md: added 5 anchors.');
  await expect(status).toContainText('Line 68: time `25:61` is not a time; kept the date, time unknown');
  await expect(status).toContainText('Line 101: time `9:3x` is not a time; kept the date, time unknown');
  for (const name of SAMPLE_NAMES) await expect(popup.getByText(name, { exact: true }).first()).toBeVisible();

  const stored = await storedAnchors(context, extensionId);
  expect(stored.map((a) => a.name).sort()).toEqual([...SAMPLE_NAMES].sort());
  expect(stored.every((a) => a.origin === 'imported')).toBe(true);
  const deploy = stored.find((a) => a.name === 'Weekend_Bot_Deploy')!;
  expect(deploy.timeKnown).toBe(false);
  expect(new Date(deploy.createdAt).toDateString()).toBe(new Date(2026, 2, 13).toDateString());
  const methods = stored.find((a) => a.name === 'Thesis_Ch3_Methods')!;
  expect(new Date(methods.createdAt).getTime()).toBe(new Date(2026, 2, 14, 9, 12).getTime());
  expect(methods.dependencies).toEqual(['Zotero library export', '`coding_scheme_v2.xlsx`', 'Supervisor review slot (Fri)']);

  await input.setInputFiles(SAMPLE);
  await expect(status).toContainText('added 0 anchors, skipped 5 duplicates.');
  expect(await storedAnchors(context, extensionId)).toHaveLength(5);
});

test('a file that is not a log, or a broken backup, is refused with its reason and changes nothing', async ({
  context,
  extensionId,
  openPopup,
}) => {
  await seedAnchors(context, extensionId, [storedAnchor(THESIS)]);
  const popup = await openPopup();
  const input = popup.getByLabel('Import');
  const alert = popup.getByRole('alert');

  await input.setInputFiles({ name: 'notes.md', mimeType: 'text/markdown', buffer: Buffer.from('# Shopping\n\n- milk\n- eggs\n') });
  await expect(alert).toContainText('Import failed, nothing was added: No anchors found in “notes.md”');

  const backup = JSON.stringify({
    format: 'gpt-anchors-backup',
    version: 1,
    exportedAt: new Date().toISOString(),
    anchors: [{ ...storedAnchor(THESIS), name: '' }],
  });
  await input.setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(backup) });
  await expect(alert).toContainText('anchors[0].name: The name is empty.');

  await input.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format": ') });
  await expect(alert).toContainText('Not valid JSON');

  await input.setInputFiles({ name: 'picture.png', mimeType: 'image/png', buffer: Buffer.from([137, 80, 78, 71]) });
  await expect(alert).toContainText('Only .md, .markdown, .txt and .json files can be imported.');

  expect((await storedAnchors(context, extensionId)).map((a) => a.name)).toEqual([THESIS.name]);
});
