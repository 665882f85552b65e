import { describe, expect, it } from 'vitest';
import type { Anchor } from '../../lib/model/anchor';
import { DEFAULT_TEMPLATE, formatLog } from '../../lib/log/format';
import { changesToStore, planFileImport, type ChangedFile } from '../../lib/log-file/file-import';
import { minutesBefore, testAnchor } from '../support/anchors';

function anchor(id: string, name: string, minutesAgo: number, extra: Partial<Anchor> = {}): Anchor {
  return testAnchor({
    id,
    name,
    context: `context ${id}`,
    milestone: `milestone ${id}`,
    nextAction: `next ${id}`,
    dependencies: [`dep ${id}`],
    createdAt: minutesBefore(minutesAgo, Date.UTC(2026, 2, 14, 12, 30, 17)),
    source: { conversationId: `conv-${id}` },
    resumeCount: 2,
    ...extra,
  });
}

const log = (anchors: Anchor[]) => formatLog(anchors, { template: DEFAULT_TEMPLATE, dateFormat: 'us', allVersions: true });
const NOW = '2026-03-14T13:00:00.000Z';

function plan(files: ChangedFile[], library: Anchor[]) {
  let n = 0;
  const result = planFileImport({ files, library, now: NOW, newId: () => `new-${++n}` });
  if (!result.ok) throw new Error(result.error);
  return result;
}

const thesis = anchor('t', 'Thesis_Ch3', 300);
const deploy = anchor('d', 'Weekend_Bot', 200);
const library = [deploy, thesis];
const whole = (text: string): ChangedFile => ({ name: 'GPT Anchors Log.md', text, expected: library });

describe('planFileImport: what a file changed elsewhere brings', () => {
  it('nothing, when the file still says what the library would write', () => {
    expect(plan([whole(log(library))], library)).toMatchObject({ added: [], edited: [] });
  });

  it('tells a new entry from an edited one (same name and minute, other text)', () => {
    const fresh = anchor('x', 'Capstone_Step9', 10);
    const result = plan([whole(log([fresh, { ...deploy, nextAction: 'Edited in Obsidian.' }, thesis]))], library);
    expect(result.added.map((a) => [a.name, a.nextAction, a.origin])).toEqual([['Capstone_Step9', 'next x', 'imported']]);
    expect(result.edited).toHaveLength(1);
    const [{ previous, next }] = result.edited as [{ previous: Anchor; next: Anchor }];
    expect(previous).toBe(deploy);
    // The edit keeps the library's record (id, exact time, source, resume count); only the text and origin change.
    expect(next).toEqual({ ...deploy, nextAction: 'Edited in Obsidian.', origin: 'manual' });
  });

  it('an entry whose name was edited is new; the old entry is not replaced', () => {
    const result = plan([whole(log([{ ...deploy, name: 'Weekend_Bot_Renamed' }, thesis]))], library);
    expect(result.added.map((a) => a.name)).toEqual(['Weekend_Bot_Renamed']);
    expect(result.edited).toEqual([]);
  });

  it('an entry deleted from the file is not an import (it stays in the library)', () => {
    expect(plan([whole(log([thesis]))], library)).toMatchObject({ added: [], edited: [] });
  });

  it('an entry typed by hand without a timestamp is new, even in place of one of that name from today', () => {
    const text = log([thesis]).replace(
      '---\n\n**',
      `---\n\nResume from anchor: [${deploy.name}]\nContext: typed by hand\nNext action: call Sam\n\n**`,
    );
    const result = plan([whole(text)], library);
    expect(result.added.map((a) => [a.name, a.nextAction, a.timeKnown])).toEqual([[deploy.name, 'call Sam', false]]);
    expect(result.edited).toEqual([]);
  });

  it('an edited entry whose time is unknown (--:--) is matched by its day', () => {
    const undated = anchor('u', 'Old_Note', 60 * 24, { timeKnown: false });
    const result = plan([{ name: 'GPT Anchors Log.md', text: log([{ ...undated, context: 'fixed typo' }]), expected: [undated] }], [undated]);
    expect(result.edited.map((e) => [e.previous.id, e.next.context])).toEqual([['u', 'fixed typo']]);
  });

  it('the same edit in the whole log and a project file is taken once', () => {
    const edit = { ...thesis, milestone: 'Edited twice.' };
    const result = plan(
      [whole(log([deploy, edit])), { name: 'Thesis.md', text: log([edit]), expected: [thesis] }],
      library,
    );
    expect(result.added).toEqual([]);
    expect(result.edited.map((e) => [e.previous.id, e.next.milestone])).toEqual([['t', 'Edited twice.']]);
  });

  it('two different edits of one entry: the first replaces it, the second comes in as new', () => {
    const result = plan(
      [whole(log([deploy, { ...thesis, milestone: 'A' }])), { name: 'Thesis.md', text: log([{ ...thesis, milestone: 'B' }]), expected: [thesis] }],
      library,
    );
    expect(result.edited.map((e) => e.next.milestone)).toEqual(['A']);
    expect(result.added.map((a) => a.milestone)).toEqual(['B']);
  });

  it('refuses the whole file when the import would (all or nothing), naming the file when there are several', () => {
    const broken = planFileImport({ files: [whole('# my notes\n\nnothing here')], library, now: NOW, newId: () => 'n' });
    expect(broken).toEqual({ ok: false, error: expect.stringContaining('No anchors found') });
    const several = planFileImport({
      files: [whole(log(library)), { name: 'Thesis.md', text: 'nothing', expected: [thesis] }],
      library,
      now: NOW,
      newId: () => 'n',
    });
    expect(several).toEqual({ ok: false, error: expect.stringMatching(/^Thesis\.md: No anchors found/) });
  });
});

describe('changesToStore', () => {
  it('adds the new anchors and the previous text of each edited one (in the trash); replaces the edited ones', () => {
    const result = plan([whole(log([anchor('x', 'Capstone_Step9', 10), { ...deploy, nextAction: 'Edited.' }, thesis]))], library);
    const stored = changesToStore(result, { now: NOW, newId: () => 'kept-copy' });
    expect(stored.replace).toEqual([{ ...deploy, nextAction: 'Edited.', origin: 'manual' }]);
    expect(stored.add.map((a) => [a.name, a.nextAction, a.deletedAt])).toEqual([
      ['Capstone_Step9', 'next x', undefined],
      [deploy.name, deploy.nextAction, NOW],
    ]);
    expect(stored.add[1]).toEqual({ ...deploy, id: 'kept-copy', deletedAt: NOW });
  });
});
