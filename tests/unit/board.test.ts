import { describe, expect, it } from 'vitest';
import type { Anchor } from '../../lib/model/anchor';
import {
  boardCards,
  idleDays,
  isDoneDependency,
  isStale,
  openDependencies,
  sameSummaries,
  staleDaysFrom,
  summarizeProject,
  summarizeProjects,
  summarizeTags,
  type BoardQuery,
} from '../../lib/library/board';
import { testAnchor } from '../support/anchors';

const DAY = 24 * 60 * 60_000;
const NOW = Date.parse('2026-03-20T12:00:00.000Z');
const ago = (days: number) => new Date(NOW - days * DAY).toISOString();

function anchor(id: string, name: string, createdAt: string, extra: Partial<Anchor> = {}): Anchor {
  return testAnchor({ id, name, createdAt, context: '', milestone: '', ...extra });
}

const LIBRARY = [
  anchor('c1', 'Capstone_Step9_Admin', ago(20), { tags: ['school'] }),
  anchor('c2', 'Capstone_Step9_Admin', ago(12), { tags: ['school'], lastResumedAt: ago(3), resumeCount: 1 }),
  anchor('c3', 'Capstone_Step10_API', ago(10), { dependencies: ['✅ DB schema', 'API keys', 'Staging (done)'] }),
  anchor('t1', 'Thesis_Ch3', ago(9), { tags: ['school', 'Writing'] }),
  anchor('t2', 'Thesis_Ch3', ago(1), { tags: ['school', 'Writing'], deletedAt: ago(0) }),
  anchor('b1', 'Bot', ago(40)),
];

describe('a project’s summary', () => {
  it('is its newest live anchor’s next action and dependencies, the last save and resume, and every name’s tags', () => {
    const capstone = LIBRARY.filter((a) => a.name.startsWith('Capstone'));
    expect(summarizeProject('Capstone', capstone)).toEqual({
      project: 'Capstone',
      latestId: 'c3',
      latestName: 'Capstone_Step10_API',
      nextAction: 'next of c3',
      dependencies: ['✅ DB schema', 'API keys', 'Staging (done)'],
      lastSavedAt: ago(10),
      lastResumedAt: ago(3),
      names: 2,
      versions: 3,
      tags: ['school'],
    });
  });

  it('leaves the trash out, and is nothing when only trash is left', () => {
    expect(summarizeProject('Thesis', LIBRARY.filter((a) => a.name.startsWith('Thesis')))?.latestId).toBe('t1');
    expect(summarizeProject('Gone', [anchor('g', 'Gone', ago(1), { deletedAt: ago(0) })])).toBeNull();
  });

  it('ties on time go to the higher id, as the library lists them', () => {
    expect(summarizeProject('P', [anchor('a', 'P', ago(1)), anchor('b', 'P', ago(1))])?.latestId).toBe('b');
  });

  it('groups by the name’s prefix, and by tag (a name with two tags is on both cards)', () => {
    expect(summarizeProjects(LIBRARY).map((s) => [s.project, s.versions]).sort()).toEqual([['Bot', 1], ['Capstone', 3], ['Thesis', 1]]);
    expect(summarizeTags(LIBRARY).map((s) => [s.project, s.latestId, s.versions])).toEqual([
      ['school', 't1', 3],
      ['Writing', 't1', 1],
    ]);
  });

  it('compares stored summaries with fresh ones whatever the order of keys or cards', () => {
    const fresh = summarizeProjects(LIBRARY);
    const stored = fresh.map((s) => Object.fromEntries(Object.entries(s).reverse()) as typeof s).reverse();
    expect(sameSummaries(stored, fresh)).toBe(true);
    expect(sameSummaries(stored, summarizeProjects(LIBRARY.slice(1)))).toBe(false);
  });
});

describe('open loops', () => {
  const capstone = summarizeProject('Capstone', LIBRARY.filter((a) => a.name.startsWith('Capstone')))!;

  it('counts idle days from the last save or resume, and is stale from the setting on', () => {
    expect(idleDays(capstone, NOW)).toBe(3); // resumed 3 days ago, saved 10 days ago
    expect(isStale(capstone, NOW, 3)).toBe(true);
    expect(isStale(capstone, NOW, 4)).toBe(false);
    expect(isStale(capstone, NOW + 4 * DAY, 7)).toBe(true); // the clock moved on
    expect(idleDays(capstone, NOW - 10 * DAY)).toBe(0); // never negative
  });

  it('lists the dependencies not marked done', () => {
    expect(openDependencies(capstone)).toEqual(['API keys']);
  });

  it.each([
    ['✅ DB schema', true],
    ['✓ Zotero export', true],
    ['[x] keys', true],
    ['~~old server~~', true],
    ['Staging (done)', true],
    ['API keys — resolved', true],
    ['Migration completed', true],
    ['Done criteria for the sprint', false],
    ['undone work', false],
    ['supervisor review slot (Fri)', false],
  ])('%j done: %s', (dependency, done) => {
    expect(isDoneDependency(dependency)).toBe(done);
  });

  it('reads a stored "stale after" setting without zod, falling back to 7 days', () => {
    expect([staleDaysFrom(14), staleDaysFrom(0), staleDaysFrom(2.5), staleDaysFrom('7'), staleDaysFrom(undefined)]).toEqual([14, 7, 7, 7, 7]);
  });
});

describe('the board’s cards', () => {
  const all = summarizeProjects(LIBRARY);
  const query = (q: Partial<BoardQuery>): BoardQuery => ({ query: '', tag: '', staleOnly: false, sort: 'recent', ...q });

  it('come most recently active first, or longest idle first, or by name', () => {
    expect(boardCards(all, query({}), NOW, 7).map((c) => [c.project, c.idleDays, c.stale])).toEqual([
      ['Capstone', 3, false],
      ['Thesis', 9, true],
      ['Bot', 40, true],
    ]);
    expect(boardCards(all, query({ sort: 'idle' }), NOW, 7).map((c) => c.project)).toEqual(['Bot', 'Thesis', 'Capstone']);
    expect(boardCards(all, query({ sort: 'name' }), NOW, 7).map((c) => c.project)).toEqual(['Bot', 'Capstone', 'Thesis']);
  });

  it('filter by tag (any case), stale only, and words in the name, next action, dependencies or tags', () => {
    expect(boardCards(all, query({ tag: 'WRITING' }), NOW, 7).map((c) => c.project)).toEqual(['Thesis']);
    expect(boardCards(all, query({ staleOnly: true }), NOW, 7).map((c) => c.project)).toEqual(['Thesis', 'Bot']);
    expect(boardCards(all, query({ query: 'api KEYS' }), NOW, 7).map((c) => c.project)).toEqual(['Capstone']);
    expect(boardCards(all, query({ query: 'writing' }), NOW, 7).map((c) => c.project)).toEqual(['Thesis']);
  });
});
