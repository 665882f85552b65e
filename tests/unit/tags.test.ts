import { describe, expect, it } from 'vitest';
import { AnchorSchema } from '../../lib/model/anchor';
import { TAG_LIMITS, checkTags, countTags, formatTagInput, hasTag, normalizeTag, parseTagInput } from '../../lib/model/tags';

describe('tags as typed', () => {
  it.each([
    ['thesis, #writing,  urgent ', ['thesis', 'writing', 'urgent']],
    ['Client  X\nclient x, CLIENT X', ['Client X']],
    [' , ,#, ', []],
    ['κ-Ω 🚀, a b', ['κ-Ω 🚀', 'a b']],
  ])('%j → %j', (typed, tags) => {
    expect(parseTagInput(typed)).toEqual({ ok: true, tags });
  });

  it('says which tag is too long, and that there are too many', () => {
    expect(parseTagInput(`ok, ${'x'.repeat(TAG_LIMITS.length + 1)}`)).toEqual({ ok: false, error: expect.stringMatching(/is longer than 40 characters/) });
    const many = Array.from({ length: TAG_LIMITS.count + 1 }, (_, i) => `t${i}`).join(',');
    expect(parseTagInput(many)).toEqual({ ok: false, error: 'An anchor can have at most 12 tags.' });
  });

  it('shows stored tags back as they are typed', () => {
    const tags = ['thesis', 'Client X'];
    expect(formatTagInput(tags)).toBe('thesis, Client X');
    expect(parseTagInput(formatTagInput(tags))).toEqual({ ok: true, tags });
    expect(formatTagInput(undefined)).toBe('');
  });
});

describe('stored tags', () => {
  it.each([
    [['thesis'], null],
    [['#thesis'], 'A tag must be written without a leading #, extra spaces or line breaks.'],
    [[' thesis'], 'A tag must be written without a leading #, extra spaces or line breaks.'],
    [['a,b'], 'A tag cannot hold a comma (commas separate tags).'],
    [[''], 'A tag is empty.'],
    [['x', 'X'], 'The same tag is given twice.'],
  ])('%j: %s', (tags, problem) => {
    expect(checkTags(tags)).toBe(problem);
  });

  it('the anchor schema takes tags that follow the rules and refuses the rest', () => {
    const anchor = {
      id: 'a',
      name: 'A',
      context: '',
      milestone: '',
      nextAction: '',
      dependencies: [],
      createdAt: '2026-01-01T00:00:00.000Z',
      timeKnown: true,
      source: {},
      origin: 'manual',
      resumeCount: 0,
    };
    expect(AnchorSchema.safeParse(anchor).success).toBe(true);
    expect(AnchorSchema.safeParse({ ...anchor, tags: ['thesis', 'client x'] }).success).toBe(true);
    expect(AnchorSchema.safeParse({ ...anchor, tags: ['a\nb'] }).success).toBe(false);
    expect(AnchorSchema.safeParse({ ...anchor, tags: 'thesis' }).success).toBe(false);
  });

  it('compares and counts without case, first spelling kept', () => {
    expect(normalizeTag('  ##  Big   Idea ')).toBe('Big Idea');
    expect(hasTag(['Thesis'], 'thesis')).toBe(true);
    expect(hasTag(undefined, 'thesis')).toBe(false);
    expect(countTags([['Thesis', 'b'], ['thesis'], undefined, ['a']])).toEqual([
      { name: 'a', count: 1 },
      { name: 'b', count: 1 },
      { name: 'Thesis', count: 2 },
    ]);
  });
});
