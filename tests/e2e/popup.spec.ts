import type { Page } from '@playwright/test';
import { waitForDownload } from './support/downloads';
import { expect, test } from './support/extension';
import { serveChatGPT } from './support/chatgpt-fixture';
import { readAnchors, seedAnchor, seedAnchors, type SeedAnchor } from './support/seed';

const HOUR = 60;
const thesisV1 = seedAnchor(
  {
    name: 'Thesis_Ch3_Methods',
    context: 'Survey of 41 papers done.\nCoding scheme v1.',
    milestone: 'Outline agreed',
    nextAction: 'Write 3.1',
    dependencies: ['Zotero library export', 'Interview transcripts'],
  },
  26 * HOUR,
);
const thesisV2 = seedAnchor(
  {
    name: 'Thesis_Ch3_Methods',
    context: 'Survey of 41 papers done.\nCoding scheme v2 agreed with supervisor.',
    milestone: 'Methods draft sections 3.1–3.3 written',
    nextAction: 'Write 3.4 (threats to validity)',
    dependencies: ['Zotero library export', 'coding_scheme_v2.xlsx'],
    resumeCount: 2,
    lastResumedAt: new Date(Date.now() - 49 * 3_600_000).toISOString(),
  },
  3 * HOUR,
);
const capstone9 = seedAnchor(
  {
    name: 'Capstone_Step9_Admin',
    context: 'Admin panel scaffolded with Supabase auth.',
    milestone: 'Users table done',
    nextAction: 'Add role editing',
    dependencies: ['Supabase service key'],
  },
  30,
);
const capstone8 = seedAnchor({ name: 'Capstone_Step8_Auth', context: 'Login works.', nextAction: 'Merge the auth PR' }, 10 * HOUR);
const LIBRARY = [thesisV1, thesisV2, capstone9, capstone8];

/** A popup with these anchors stored (written with raw IndexedDB, then the popup reloaded). */
async function openLibrary(openPopup: () => Promise<Page>, anchors: SeedAnchor[] = LIBRARY): Promise<Page> {
  const popup = await openPopup();
  await seedAnchors(popup, anchors, false);
  await popup.reload();
  await expect(list(popup)).toBeVisible();
  return popup;
}

const list = (page: Page) => page.getByRole('list', { name: 'Anchors' });
/** The rows themselves: the list's disclosure buttons (a row's own Resume is a button too). */
const rows = (page: Page) => list(page).getByRole('button').and(page.locator('[aria-expanded]'));
const row = (page: Page, name: string) => list(page).getByRole('button', { name: new RegExp(`^${name}\\b`) });
const details = (page: Page, name: string) => page.getByRole('region', { name: `${name}, details` });
const status = (page: Page) => page.getByRole('status').first();

test('groups versions by name, newest first, with the history and what changed', async ({ openPopup }) => {
  const popup = await openLibrary(openPopup);
  await expect(row(popup, 'Capstone_Step9_Admin')).toBeVisible();
  // Newest latest version first: Capstone 9 (30 min), Thesis (v2 3 h, v1 26 h), Capstone 8 (10 h).
  await expect(rows(popup)).toHaveText([/^Capstone_Step9_Admin/, /^Thesis_Ch3_Methods/, /^Capstone_Step8_Auth/]);

  const thesis = row(popup, 'Thesis_Ch3_Methods');
  await expect(thesis).toContainText('Write 3.4 (threats to validity)'); // the latest version
  await expect(thesis).toContainText('2 versions · resumed 2× · last 2 d ago');
  await expect(thesis.getByText('3 h ago')).toHaveAttribute('title', new Date(thesisV2.createdAt).toLocaleString());

  await thesis.click();
  await expect(thesis).toHaveAttribute('aria-expanded', 'true');
  const open = details(popup, 'Thesis_Ch3_Methods');
  const history = open.getByRole('region', { name: 'History' });
  await expect(history.getByRole('listitem')).toHaveCount(2);
  await expect(history.getByRole('listitem').nth(0)).toContainText('Version 2 (latest) 3 h ago');
  await expect(history.getByRole('listitem').nth(1)).toContainText('Version 1 1 d ago');

  const changes = open.getByRole('region', { name: 'What changed' });
  await expect(changes).toContainText('From version 1 to version 2');
  await expect(changes.getByRole('heading')).toHaveText(['What changed', 'Context', 'Current milestone', 'Next action', 'Dependencies']);
  await expect(changes.getByRole('insertion')).toHaveText([
    '+ Coding scheme v2 agreed with supervisor.',
    '+ Methods draft sections 3.1–3.3 written',
    '+ Write 3.4 (threats to validity)',
    '+ coding_scheme_v2.xlsx',
  ]);
  await expect(changes.getByRole('deletion')).toHaveText([
    '− Coding scheme v1.',
    '− Outline agreed',
    '− Write 3.1',
    '− Interview transcripts',
  ]);

  // Showing the older version shows its fields.
  await history.getByRole('button', { name: 'Version 1', exact: true }).click();
  await expect(open.getByRole('region', { name: 'Version 1' })).toContainText('Outline agreed');
});

test('searches every field of every version as you type, highlights matches, filters by project and sorts', async ({ openPopup }) => {
  const popup = await openLibrary(openPopup);
  const search = popup.getByRole('searchbox', { name: 'Search anchors' });

  await search.fill('interview'); // only in a dependency of Thesis' older version
  await expect(rows(popup)).toHaveCount(1);
  const thesis = row(popup, 'Thesis_Ch3_Methods');
  await expect(thesis).toContainText('Dependencies (v1):');
  await expect(thesis.locator('mark')).toHaveText(['Interview']);

  await search.fill('SUPABASE users'); // two fields, any case
  await expect(rows(popup)).toHaveCount(1);
  await expect(row(popup, 'Capstone_Step9_Admin')).toBeVisible();

  await search.fill('capstone');
  await expect(rows(popup)).toHaveCount(2);
  await expect(list(popup).locator('mark')).toHaveText(['Capstone', 'Capstone']);

  await search.fill('no such words');
  await expect(popup.getByText('No anchor matches “no such words”.')).toBeVisible();
  await popup.getByRole('button', { name: 'Show all' }).click();
  await expect(rows(popup)).toHaveCount(3);

  const project = popup.getByRole('combobox', { name: 'Project' });
  await expect(project.getByRole('option')).toHaveText(['All projects', 'Capstone (2)', 'Thesis (1)']);
  await project.selectOption('Thesis');
  await expect(rows(popup)).toHaveCount(1);
  await expect(row(popup, 'Thesis_Ch3_Methods')).toBeVisible();
  await project.selectOption('');

  await popup.getByRole('combobox', { name: 'Sort' }).selectOption('name');
  await expect(rows(popup)).toHaveText([/^Capstone_Step8_Auth/, /^Capstone_Step9_Admin/, /^Thesis_Ch3_Methods/]);
});

test('edits with validation, saving a new version and keeping the old one in the history', async ({ openPopup }) => {
  const popup = await openLibrary(openPopup);
  await row(popup, 'Capstone_Step9_Admin').click();
  await details(popup, 'Capstone_Step9_Admin').getByRole('button', { name: 'Edit' }).click();

  const form = popup.getByRole('form', { name: 'Edit Capstone_Step9_Admin' });
  const name = form.getByLabel('Name');
  await name.fill('   ');
  await form.getByRole('button', { name: 'Save as new version' }).click();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toHaveAccessibleDescription('The name is empty.');
  await expect(name).toBeFocused();

  await name.fill('Capstone_Step9_Admin');
  await form.getByLabel('Next action').fill('Ship role editing');
  await form.getByLabel('Dependencies').fill('Supabase service key\n\nQA checklist');
  await form.getByRole('button', { name: 'Save as new version' }).click();
  await expect(form).toBeHidden();
  await expect(status(popup)).toContainText('Saved a new version of [Capstone_Step9_Admin].');

  const capstone = row(popup, 'Capstone_Step9_Admin');
  await expect(capstone).toContainText('2 versions');
  await expect(capstone).toContainText('Ship role editing');
  const open = details(popup, 'Capstone_Step9_Admin');
  await expect(open.getByRole('region', { name: 'What changed' }).getByRole('insertion')).toHaveText([
    '+ Ship role editing',
    '+ QA checklist',
  ]);
  await open.getByRole('button', { name: 'Version 1', exact: true }).click();
  await expect(open.getByRole('region', { name: 'Version 1' })).toContainText('Add role editing');

  const stored = (await readAnchors(popup)).filter((a) => a.name === 'Capstone_Step9_Admin');
  expect(stored).toHaveLength(2);
  const edited = stored.find((a) => a.id !== capstone9.id)!;
  expect(edited).toMatchObject({ origin: 'manual', nextAction: 'Ship role editing', dependencies: ['Supabase service key', 'QA checklist'] });
  expect(Date.parse(edited.createdAt)).toBeGreaterThan(Date.parse(capstone9.createdAt));
  expect(stored.find((a) => a.id === capstone9.id)).toMatchObject({ nextAction: 'Add role editing' });
});

test('deletes with undo, restores from the trash and deletes for good after a confirmation', async ({ openPopup }) => {
  const popup = await openLibrary(openPopup);
  const auth = row(popup, 'Capstone_Step8_Auth');
  await auth.click();
  await details(popup, 'Capstone_Step8_Auth').getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(popup.getByText('Moved [Capstone_Step8_Auth] to the trash.')).toBeVisible();
  await expect(auth).toBeHidden();
  await popup.getByRole('button', { name: 'Undo' }).click();
  await expect(auth).toBeVisible();
  await expect(auth).toHaveAttribute('aria-expanded', 'true'); // back as it was

  // Delete again, then restore from the trash.
  await details(popup, 'Capstone_Step8_Auth').getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(auth).toBeHidden();
  await popup.getByRole('button', { name: 'Trash (1)' }).click();
  const trash = popup.getByRole('list', { name: 'Deleted anchors' });
  await expect(trash.getByRole('listitem')).toHaveCount(1);
  await trash.getByRole('listitem').filter({ hasText: 'Capstone_Step8_Auth' }).getByRole('button', { name: 'Restore' }).click();
  await expect(popup.getByText('The trash is empty.')).toBeVisible();
  await popup.getByRole('button', { name: 'Library' }).click();
  await expect(auth).toBeVisible();

  // One version only: the older Thesis version goes, the latest stays.
  await row(popup, 'Thesis_Ch3_Methods').click();
  await details(popup, 'Thesis_Ch3_Methods').getByRole('button', { name: 'Delete version 1' }).click();
  await expect(row(popup, 'Thesis_Ch3_Methods')).toContainText('1 version');

  await popup.getByRole('button', { name: 'Trash (1)' }).click();
  const item = trash.getByRole('listitem').filter({ hasText: 'Thesis_Ch3_Methods' });
  await item.getByRole('button', { name: 'Delete for good' }).click();
  const confirm = popup.getByRole('alertdialog', { name: 'Confirm' });
  await expect(confirm).toContainText('Delete this version of [Thesis_Ch3_Methods] for good? This cannot be undone.');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  expect((await readAnchors(popup)).some((a) => a.id === thesisV1.id)).toBe(true);

  await item.getByRole('button', { name: 'Delete for good' }).click();
  await confirm.getByRole('button', { name: 'Yes, delete for good' }).click();
  await expect(popup.getByText('The trash is empty.')).toBeVisible();
  const ids = (await readAnchors(popup)).map((a) => a.id);
  expect(ids).not.toContain(thesisV1.id);
  expect(ids).toContain(thesisV2.id);
});

test('copies as markdown and as resume text; Resume warns about a long text first', async ({ context, openPopup }) => {
  // Chromium refuses a grant for the chrome-extension:// origin itself ("opaque origin"); a grant for every origin covers it.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await serveChatGPT(context, {});
  const long = seedAnchor({ name: 'Long_Anchor', context: 'x'.repeat(13_000), nextAction: 'Read it all' }, 5);
  const popup = await openLibrary(openPopup, [...LIBRARY, long]);
  await row(popup, 'Thesis_Ch3_Methods').click();
  const open = details(popup, 'Thesis_Ch3_Methods');

  await open.getByRole('button', { name: 'Copy as markdown' }).click();
  await expect(status(popup)).toContainText('Copied as markdown.');
  const markdown = await popup.evaluate(() => navigator.clipboard.readText());
  expect(markdown).toMatch(/^\*\*\d\d:\d\d \d\d\/\d\d\/\d{4}\*\*\n\nResume from anchor: \*\*\[Thesis_Ch3_Methods\]\*\*\n/);
  expect(markdown).toContain('**Context:**\nSurvey of 41 papers done.\nCoding scheme v2 agreed with supervisor.\n');
  expect(markdown).toContain('**Dependencies:**\n\n- Zotero library export\n- coding_scheme_v2.xlsx');

  await open.getByRole('button', { name: 'Copy resume text' }).click();
  await expect(status(popup)).toContainText('Copied resume text.');
  expect(await popup.evaluate(() => navigator.clipboard.readText())).toBe(
    [
      'Resume from anchor: [Thesis_Ch3_Methods]',
      'Context: Survey of 41 papers done.',
      'Coding scheme v2 agreed with supervisor.',
      'Current milestone: Methods draft sections 3.1–3.3 written',
      'Next action: Write 3.4 (threats to validity)',
      'Dependencies: Zotero library export; coding_scheme_v2.xlsx',
    ].join('\n'),
  );

  await row(popup, 'Long_Anchor').click();
  await details(popup, 'Long_Anchor').getByRole('button', { name: 'Resume', exact: true }).click();
  const warning = popup.getByRole('alert').filter({ hasText: 'more than ChatGPT comfortably takes' });
  await expect(warning).toContainText('13,');
  const [tab] = await Promise.all([context.waitForEvent('page'), warning.getByRole('button', { name: 'Resume anyway' }).click()]);
  await expect(tab).toHaveURL(/^https:\/\/chatgpt\.com\//);
  await expect(status(popup)).toContainText('Resuming [Long_Anchor] in a new ChatGPT tab');
});

test('updates live when another page or a ChatGPT tab saves an anchor', async ({ context, openPopup }) => {
  const popup = await openLibrary(openPopup);
  await expect(rows(popup)).toHaveCount(3);

  const other = await openPopup();
  await seedAnchors(other, [seedAnchor({ name: 'Live_From_Tab', nextAction: 'Appear without reopening' }, 1)]);
  await expect(row(popup, 'Live_From_Tab')).toBeVisible();
  await other.close();

  const uuid = '55555555-5555-4555-8555-555555555555';
  const reply = [
    'Here is your anchor:',
    '',
    '**Resume from anchor:** [Live_Chat_Save]',
    '',
    '**Context:** Saved from a real chat.',
    '',
    '**Current milestone:** Fixture served.',
    '',
    '**Next action:** See it in the popup.',
    '',
    '**Dependencies:**',
    '',
    '- Playwright',
  ].join('\n');
  await serveChatGPT(context, {
    conversations: {
      [uuid]: { title: 'Live chat', turns: [{ role: 'user', markdown: 'Anchor this' }, { role: 'assistant', markdown: reply }] },
    },
  });
  const chat = await context.newPage();
  await chat.goto(`https://chatgpt.com/c/${uuid}`);
  await chat.getByRole('button', { name: 'Save anchor', exact: true }).click();
  await expect(row(popup, 'Live_Chat_Save')).toBeVisible();
  await expect(row(popup, 'Live_Chat_Save')).toContainText('See it in the popup.');
});

test('works from the keyboard alone', async ({ openPopup }) => {
  const popup = await openLibrary(openPopup);
  const search = popup.getByRole('searchbox', { name: 'Search anchors' });
  await expect(search).toHaveAttribute('title', /\//);
  await popup.keyboard.press('/');
  await expect(search).toBeFocused();
  await popup.keyboard.type('capstone');
  await expect(rows(popup)).toHaveCount(2);

  await popup.keyboard.press('ArrowDown');
  const first = row(popup, 'Capstone_Step9_Admin');
  const second = row(popup, 'Capstone_Step8_Auth');
  await expect(first).toBeFocused();
  await expect(first).toHaveAttribute('title', /Enter/);
  await popup.keyboard.press('ArrowDown');
  await expect(second).toBeFocused();
  await popup.keyboard.press('ArrowUp');
  await expect(first).toBeFocused();
  await popup.keyboard.press('Enter');
  await expect(first).toHaveAttribute('aria-expanded', 'true');
  await popup.keyboard.press('Tab');
  await expect(details(popup, 'Capstone_Step9_Admin').getByRole('button', { name: 'Resume', exact: true })).toBeFocused();
  await popup.keyboard.press('Shift+Tab');
  await popup.keyboard.press('Escape');
  await expect(first).toHaveAttribute('aria-expanded', 'false');

  await popup.keyboard.press('End');
  await expect(second).toBeFocused();
  await popup.keyboard.press('Delete');
  await expect(popup.getByText('Moved [Capstone_Step8_Auth] to the trash.')).toBeVisible();
  await expect(first).toBeFocused(); // focus stays in the list
  await popup.keyboard.press('Control+z');
  await expect(second).toBeVisible();

  // Every control has a name.
  const unnamed = await popup.evaluate(() =>
    [...document.querySelectorAll('button, input, select, textarea')].filter((el) => {
      const labelled = el.getAttribute('aria-label') || (el as HTMLInputElement).labels?.length || el.textContent?.trim();
      return !labelled;
    }).length,
  );
  expect(unnamed).toBe(0);
});

test('shows markup in fields as text and runs none of it', async ({ openPopup }) => {
  const img = '<img src=x onerror="window.__pwned=1">';
  const script = '<script>window.__pwned=1</script>';
  const popup = await openLibrary(openPopup, [
    seedAnchor({ name: `Xss_${img}`, context: script, milestone: img, nextAction: `Do ${img}`, dependencies: [script] }, 1),
  ]);
  const xss = row(popup, 'Xss_');
  await expect(xss).toContainText(`Xss_${img}`);
  await expect(xss).toContainText(`Do ${img}`);
  await xss.click();
  const open = details(popup, `Xss_${img}`);
  await expect(open.getByText(script)).toHaveCount(2);
  await expect(open.getByText(img, { exact: true })).toBeVisible();
  await popup.getByRole('searchbox', { name: 'Search anchors' }).fill('onerror');
  await expect(list(popup).locator('mark').first()).toHaveText('onerror');
  expect(await popup.getByRole('img').count()).toBe(0);
  expect(await popup.locator('script:not([src])').count()).toBe(0);
  expect(await popup.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
});

test('starts empty with how to save, imports a log with a report, exports it', async ({ openPopup, downloadsDir }) => {
  const popup = await openPopup();
  await expect(popup.getByRole('heading', { name: 'No anchors yet' })).toBeVisible();
  await expect(popup.getByText('Save anchor')).toBeVisible();

  const log = [
    '# GPT Anchors Log',
    '',
    '**09:12 03/14/2026**',
    '',
    'Resume from anchor: **[Imported_One]**',
    '',
    '**Context:**',
    'From a hand-kept log.',
    '',
    '**25:61 03/13/2026**',
    '',
    'Resume from anchor: [Imported_Two]',
    'Next action: Fix the timestamp.',
    'Context: Broken time.',
  ].join('\n');
  await popup.getByLabel('Import').setInputFiles({ name: 'log.md', mimeType: 'text/markdown', buffer: Buffer.from(log) });
  await expect(status(popup)).toContainText('Imported log.md: added 2 anchors.');
  const warnings = popup.getByRole('list', { name: 'Warnings' }).getByRole('listitem');
  await expect(warnings.filter({ hasText: /^Line 10: .*time unknown/ })).toHaveCount(1); // the broken timestamp
  await expect(row(popup, 'Imported_One')).toBeVisible();
  await expect(row(popup, 'Imported_Two')).toBeVisible();

  await popup.getByRole('button', { name: 'Export' }).click();
  await popup.getByRole('menuitem', { name: 'Markdown log' }).click();
  await expect(status(popup)).toContainText(/Exported 2 anchors to gpt-anchors-log-.*\.md/);
  expect(await waitForDownload(downloadsDir, /^gpt-anchors-log-.*\.md$/)).toContain('Resume from anchor: **[Imported_One]**');
});
