import { describe, expect, it } from 'vitest';
import type { Anchor } from '../../lib/model/anchor';
import {
  FIELD_TITLES,
  buildIndex,
  highlightSegments,
  matchSnippet,
  projectOf,
  queryIndex,
  resumeStats,
} from '../../lib/library/library-index';
import { minutesBefore, testAnchor } from '../support/anchors';

let n = 0;
function anchor(name: string, minutesAgo: number, fields: Partial<Anchor> = {}): Anchor {
  n += 1;
  return testAnchor({
    id: `id-${n}`,
    name,
    createdAt: minutesBefore(minutesAgo),
    context: `${name} context`,
    milestone: '',
    nextAction: `next for ${name}`,
    dependencies: [],
    ...fields,
  });
}

const thesisOld = anchor('Thesis_Ch3_Methods', 300, { context: 'Survey of 41 papers', dependencies: ['Zotero export'] });
const thesisNew = anchor('Thesis_Ch3_Methods', 10, { context: 'Survey done; coding scheme v2' });
const capstone = anchor('Capstone_Step9_Admin', 60, { milestone: 'Users table done', dependencies: ['Supabase key'] });
const capstone8 = anchor('Capstone_Step8', 120);
const trashed = anchor('Thesis_Ch2', 5, { deletedAt: '2026-03-14T12:00:00.000Z' });
const all = [capstone8, thesisOld, trashed, capstone, thesisNew]; // any order

describe('buildIndex', () => {
  const index = buildIndex(all);
  it('groups versions by name, newest group first, latest version first, trash left out', () => {
    expect(index.groups.map((g) => g.name)).toEqual(['Thesis_Ch3_Methods', 'Capstone_Step9_Admin', 'Capstone_Step8']);
    expect(index.groups[0]!.versions.map((v) => v.id)).toEqual([thesisNew.id, thesisOld.id]);
    expect(index.groups.map((g) => g.order)).toEqual([0, 1, 2]);
  });
  it('lists projects with their anchor counts', () => {
    expect(index.projects).toEqual([
      { name: 'Capstone', count: 2 },
      { name: 'Thesis', count: 1 },
    ]);
  });
});

describe('queryIndex', () => {
  const index = buildIndex(all);
  const names = (query: string, project = '', sort: 'newest' | 'name' = 'newest') =>
    queryIndex(index, { query, project, sort }).map((g) => g.name);

  it('returns everything for an empty query', () => {
    expect(names('')).toHaveLength(3);
  });
  it.each([
    ['41 papers', ['Thesis_Ch3_Methods']], // context of an older version
    ['zotero', ['Thesis_Ch3_Methods']], // a dependency of an older version
    ['USERS TABLE', ['Capstone_Step9_Admin']], // milestone, any case
    ['supabase', ['Capstone_Step9_Admin']],
    ['next capstone', ['Capstone_Step9_Admin', 'Capstone_Step8']], // every term, anywhere
    ['capstone zotero', []],
    ['thesis_ch2', []], // in the trash
  ])('search %j', (query, expected) => {
    expect(names(query)).toEqual(expected);
  });
  it('filters by project', () => {
    expect(names('', 'Capstone')).toEqual(['Capstone_Step9_Admin', 'Capstone_Step8']);
    expect(names('survey', 'Capstone')).toEqual([]);
  });
  it('sorts by name (numbers in natural order) or by newest', () => {
    expect(names('', '', 'name')).toEqual(['Capstone_Step8', 'Capstone_Step9_Admin', 'Thesis_Ch3_Methods']);
    expect(names('', '', 'newest')).toEqual(['Thesis_Ch3_Methods', 'Capstone_Step9_Admin', 'Capstone_Step8']);
  });
  // How fast (a keystroke at 10,000 anchors) is measured by `npm run bench`, not here: a timed
  // assertion failed whenever other work shared the machine.
  it('searches 10,000 anchors with the search text built once', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => anchor(`P${i % 40}_Task${i}`, i, { context: `line ${i} `.repeat(30) }));
    const big = buildIndex(many);
    queryIndex(big, { query: 'x', project: '', sort: 'newest' }); // builds the search text once
    const built = big.haystacks;
    const found = queryIndex(big, { query: 'task99', project: '', sort: 'newest' });
    expect(big.haystacks).toBe(built);
    expect(found.length).toBe(111); // Task99, Task990–999, Task9900–9999
    expect(found[0]?.name).toBe('P19_Task99'); // newest of the name matches first
  });
});

describe('highlightSegments', () => {
  it('marks every match of every term, case-insensitively, keeping the text whole', () => {
    const segments = highlightSegments('Zotero export, zotero notes', ['zotero', 'notes']);
    expect(segments).toEqual([
      { text: 'Zotero', hit: true },
      { text: ' export, ', hit: false },
      { text: 'zotero', hit: true },
      { text: ' ', hit: false },
      { text: 'notes', hit: true },
    ]);
  });
  it('merges overlapping matches', () => {
    expect(highlightSegments('abcdef', ['abc', 'bcd'])).toEqual([
      { text: 'abc', hit: true },
      { text: 'd', hit: true },
      { text: 'ef', hit: false },
    ]);
  });
  it('leaves markup as plain text', () => {
    expect(highlightSegments('<b>x</b>', ['x']).map((s) => s.text).join('')).toBe('<b>x</b>');
  });
  it('returns the text unmarked without terms', () => {
    expect(highlightSegments('abc', [])).toEqual([{ text: 'abc', hit: false }]);
  });
});

describe('matchSnippet', () => {
  const index = buildIndex(all);
  const thesis = index.groups[0]!;
  it('points at the field and version of a match the row does not show', () => {
    expect(matchSnippet(thesis, ['41'])).toEqual({ label: 'Context', version: 1, text: 'Survey of 41 papers' });
    expect(matchSnippet(thesis, ['zotero'])).toMatchObject({ label: 'Dependencies', version: 1 });
  });
  it('is null when the row already shows every term', () => {
    expect(matchSnippet(thesis, ['thesis', 'next'])).toBeNull();
  });
});

describe('resumeStats', () => {
  it('sums resumes over versions and keeps the last time', () => {
    const group = buildIndex([
      anchor('A', 1, { resumeCount: 2, lastResumedAt: '2026-03-10T00:00:00.000Z' }),
      anchor('A', 2, { resumeCount: 1, lastResumedAt: '2026-03-12T00:00:00.000Z' }),
    ]).groups[0]!;
    expect(resumeStats(group)).toEqual({ count: 3, last: '2026-03-12T00:00:00.000Z' });
  });
});

describe('tags in the popup', () => {
  const tagged = [
    anchor('Lit_Review', 30, { tags: ['thesis'] }),
    anchor('Lit_Review', 400, { tags: ['old-tag'] }), // an older version's tags do not count
    anchor('Thesis_Ch4', 20, { tags: ['Thesis', 'urgent'] }),
    anchor('Bot_MVP', 10),
  ];
  const index = buildIndex(tagged);

  it('lists the tags of each name’s latest version, with how many names carry them (the newest spelling)', () => {
    expect(index.tags).toEqual([
      { name: 'Thesis', count: 2 },
      { name: 'urgent', count: 1 },
    ]);
  });

  it('filters by tag, without case, with a project and a search too', () => {
    const names = (tag: string, more: { project?: string; query?: string } = {}) =>
      queryIndex(index, { query: more.query ?? '', project: more.project ?? '', sort: 'newest', tag }).map((g) => g.name);
    expect(names('THESIS')).toEqual(['Thesis_Ch4', 'Lit_Review']);
    expect(names('old-tag')).toEqual([]);
    expect(names('thesis', { project: 'Lit' })).toEqual(['Lit_Review']);
    expect(names('thesis', { query: 'ch4' })).toEqual(['Thesis_Ch4']);
    expect(names('')).toEqual(['Bot_MVP', 'Thesis_Ch4', 'Lit_Review']);
  });
});
