import { describe, expect, it } from 'vitest';
import type { Anchor } from '../../lib/model/anchor';
import { DEFAULT_TEMPLATE, formatLog } from '../../lib/log/format';
import { logFilesFor, projectFileName } from '../../lib/log-file/files';
import { minutesBefore, testAnchor } from '../support/anchors';

function anchor(id: string, name: string, minutesAgo: number, extra: Partial<Anchor> = {}): Anchor {
  return testAnchor({ id, name, createdAt: minutesBefore(minutesAgo), context: `context ${id}`, milestone: '', nextAction: `next ${id}`, dependencies: [], ...extra });
}

const opts = { template: DEFAULT_TEMPLATE, dateFormat: 'us' as const, allVersions: true };

describe('logFilesFor', () => {
  const library = [
    anchor('a', 'Capstone_Step9', 1),
    anchor('b', 'Thesis_Ch3', 2),
    anchor('c', 'Capstone_Step8', 3),
    anchor('d', 'capstone_lower', 4),
    anchor('t', 'Capstone_Trash', 0, { deletedAt: '2026-03-14T12:00:00.000Z' }),
  ];

  it('writes the whole log exactly as the export does, trash left out', () => {
    const [whole, ...rest] = logFilesFor(library, { ...opts, perProject: false });
    expect(rest).toEqual([]);
    expect(whole!.name).toBe('GPT Anchors Log.md');
    expect(whole!.text).toBe(formatLog(library, opts));
    expect(whole!.anchors.map((a) => a.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('adds one log per project, projects that differ only in case sharing one file', () => {
    const files = logFilesFor(library, { ...opts, perProject: true });
    expect(files.map((f) => [f.name, f.anchors.map((a) => a.id)])).toEqual([
      ['GPT Anchors Log.md', ['a', 'b', 'c', 'd']],
      ['Capstone.md', ['a', 'c', 'd']],
      ['Thesis.md', ['b']],
    ]);
    expect(files[2]!.text).toBe(formatLog([library[1]!], opts));
  });

  it('keeps only the newest version of each name when the settings say so', () => {
    const versions = [anchor('new', 'Thesis_Ch3', 1), anchor('old', 'Thesis_Ch3', 9)];
    const files = logFilesFor(versions, { ...opts, allVersions: false, perProject: true });
    expect(files.map((f) => f.anchors.map((a) => a.id))).toEqual([['new'], ['new']]);
    expect(files[0]!.text).toBe(formatLog(versions, { ...opts, allVersions: false }));
  });
});

describe('projectFileName: a name every common disk accepts', () => {
  it.each([
    ['Capstone', 'Capstone.md'],
    ['Thesis ✓ κ', 'Thesis ✓ κ.md'],
    ['a/b\\c:d*e?f"g<h>i|j', 'a-b-c-d-e-f-g-h-i-j.md'],
    ['tab\tand\u0000nul', 'tab-and-nul.md'],
    ['trailing dots...', 'trailing dots.md'],
    ['..', 'Project.md'],
    ['   ', 'Project.md'],
    ['CON', 'CON (project).md'],
    ['lpt1', 'lpt1 (project).md'],
    ['GPT Anchors Log', 'GPT Anchors Log (project).md'],
    ['gpt anchors log', 'gpt anchors log (project).md'],
    ['x'.repeat(300), `${'x'.repeat(100)}.md`],
  ])('%j → %j', (project, name) => {
    expect(projectFileName(project)).toBe(name);
  });
});
