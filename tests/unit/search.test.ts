import { describe, expect, it } from 'vitest';
import type { Anchor } from '../../lib/model/anchor';
import { buildIndex, queryIndex } from '../../lib/library/library-index';
import { groupByName, matchRank, searchGroups, searchHead, searchTerms } from '../../lib/library/search';
import { minutesBefore, testAnchor } from '../support/anchors';

/**
 * Search order: typing `silver` must list `Capstone_Step9_Silver` first, not after every
 * newer anchor that mentions silver somewhere. Name matches first, then next-action matches, then
 * the rest, in the popup (queryIndex) and the Resume picker (searchGroups, the background's
 * searchAnchors); within each tier the list keeps its order.
 */

let n = 0;
function anchor(name: string, minutesAgo: number, fields: Partial<Anchor> = {}): Anchor {
  n += 1;
  return testAnchor({ id: `id-${n}`, name, createdAt: minutesBefore(minutesAgo), context: 'context', milestone: '', nextAction: 'next', dependencies: [], ...fields });
}

// Newest first: three newer anchors mention silver outside their names.
const library = [
  anchor('Capstone_Step10_Gold', 1, { context: 'Reads the silver tables.' }),
  anchor('Capstone_Step9_Pipeline', 2, { nextAction: 'Backfill silver for March.' }),
  anchor('Data_Quality', 3, { dependencies: ['silver schema v2'] }),
  anchor('Capstone_Step9_Silver', 30, { context: 'Bronze to silver done.' }),
  anchor('Thesis_Ch3', 40),
  anchor('Silver_Lining', 50),
];

describe('search order', () => {
  it('the popup lists name matches, then next-action matches, then the rest', () => {
    const index = buildIndex(library);
    const names = (query: string, sort: 'newest' | 'name' = 'newest') => queryIndex(index, { query, project: '', sort }).map((g) => g.name);
    expect(names('silver')).toEqual(['Capstone_Step9_Silver', 'Silver_Lining', 'Capstone_Step9_Pipeline', 'Capstone_Step10_Gold', 'Data_Quality']);
    expect(names('silver', 'name')).toEqual(['Capstone_Step9_Silver', 'Silver_Lining', 'Capstone_Step9_Pipeline', 'Capstone_Step10_Gold', 'Data_Quality']);
    expect(names('SILVER capstone')).toEqual(['Capstone_Step9_Silver', 'Capstone_Step9_Pipeline', 'Capstone_Step10_Gold']);
    expect(names('capstone')).toEqual(['Capstone_Step10_Gold', 'Capstone_Step9_Pipeline', 'Capstone_Step9_Silver']);
  });

  it('the picker (searchAnchors) lists them in the same order', () => {
    const groups = groupByName(library);
    expect(searchGroups(groups, 'silver').map((versions) => versions[0]!.name)).toEqual([
      'Capstone_Step9_Silver',
      'Silver_Lining',
      'Capstone_Step9_Pipeline',
      'Capstone_Step10_Gold',
      'Data_Quality',
    ]);
    expect(searchGroups(groups, '').map((versions) => versions[0]!.name)).toEqual(library.map((a) => a.name));
    expect(searchGroups(groups, 'nothing here')).toEqual([]);
  });

  it('ranks by the latest version’s next action, and still finds a term in an older version', () => {
    const older = anchor('Plan_B', 100, { nextAction: 'deploy silver' });
    const newer = anchor('Plan_B', 5, { nextAction: 'write docs' });
    const other = anchor('Plan_C', 10, { nextAction: 'deploy silver now' });
    const groups = groupByName([newer, other, older]);
    expect(searchGroups(groups, 'silver').map((versions) => versions[0]!.id)).toEqual([other.id, newer.id]);
  });

  it.each([
    ['silver', 0],
    ['capstone silver', 0],
    ['silver backfill', 1],
    ['silver bronze', 2],
    ['gold', -1],
  ])('matchRank of %j is %i', (query, rank) => {
    const a = anchor('Capstone_Step9_Silver', 0, { nextAction: 'Backfill March', context: 'bronze' });
    const haystack = [a.name, a.context, a.nextAction].join('\n').toLocaleLowerCase();
    expect(matchRank(searchTerms(query), searchHead(a), haystack)).toBe(rank);
  });
});
