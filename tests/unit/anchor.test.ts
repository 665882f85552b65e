import { describe, expect, it } from 'vitest';
import { AnchorDraftSchema, AnchorSchema, LIMITS, describeZodError, projectOf, sameDraft, type Anchor } from '../../lib/model/anchor';

const draft = {
  name: 'Thesis_Ch3_Methods',
  context: 'Survey of 41 papers done.',
  milestone: 'Methods 3.1–3.3 written.',
  nextAction: 'Write 3.4.',
  dependencies: ['Zotero export', 'coding_scheme_v2.xlsx'],
};

const anchor: Anchor = {
  ...draft,
  id: 'a1',
  createdAt: '2026-03-14T09:12:00.000Z',
  timeKnown: true,
  source: { url: 'https://chatgpt.com/c/1', messageId: 'm1' },
  origin: 'captured',
  resumeCount: 0,
};

function errorOf(input: unknown): string {
  const result = AnchorDraftSchema.safeParse(input);
  expect(result.success).toBe(false);
  return result.success ? '' : describeZodError(result.error);
}

describe('AnchorDraftSchema', () => {
  it('accepts a real anchor and trims the name', () => {
    const parsed = AnchorDraftSchema.parse({ ...draft, name: '  Thesis_Ch3_Methods ' });
    expect(parsed.name).toBe('Thesis_Ch3_Methods');
    expect(parsed.dependencies).toEqual(['Zotero export', 'coding_scheme_v2.xlsx']);
  });

  it.each([
    ['an empty name', { ...draft, name: '   ' }, 'name: The name is empty.'],
    ['a name over 120 characters', { ...draft, name: 'x'.repeat(LIMITS.name + 1) }, 'name: The name is longer than 120 characters.'],
    ['a name on two lines', { ...draft, name: 'a\nb' }, 'name: The name must fit on one line.'],
    [
      'a field over 20,000 characters',
      { ...draft, context: 'x'.repeat(LIMITS.field + 1) },
      'context: Context is too long (20001 characters; the limit is 20000).',
    ],
    ['an empty dependency', { ...draft, dependencies: ['ok', ' '] }, 'dependencies[1]: A dependency is empty.'],
    [
      'more than 100 dependencies',
      { ...draft, dependencies: Array.from({ length: 101 }, (_, i) => `d${i}`) },
      'dependencies: More than 100 dependencies.',
    ],
    ['a number as next action', { ...draft, nextAction: 5 }, 'nextAction: Next action must be text.'],
  ])('rejects %s with a readable message', (_label, input, message) => {
    expect(errorOf(input)).toBe(message);
  });

  it('accepts fields exactly at the limits', () => {
    const atLimits = {
      ...draft,
      name: 'n'.repeat(LIMITS.name),
      context: 'c'.repeat(LIMITS.field),
      dependencies: Array.from({ length: LIMITS.dependencies }, (_, i) => `d${i}`),
    };
    expect(AnchorDraftSchema.safeParse(atLimits).success).toBe(true);
  });
});

describe('AnchorSchema', () => {
  it('accepts a stored anchor', () => {
    expect(AnchorSchema.parse(anchor)).toEqual(anchor);
  });

  it('rejects an unknown origin and a broken time', () => {
    const result = AnchorSchema.safeParse({ ...anchor, origin: 'pasted', createdAt: 'yesterday' });
    expect(result.success).toBe(false);
    const message = result.success ? '' : describeZodError(result.error);
    expect(message).toContain('createdAt: Not an ISO date-time.');
    expect(message).toContain('origin:');
  });
});

describe('projectOf', () => {
  it.each([
    ['Capstone_Step9_Admin', 'Capstone'],
    ['Thesis_Ch3', 'Thesis'],
    ['NoUnderscore', 'NoUnderscore'],
    ['_Leading', '_Leading'],
  ])('%s → %s', (name, project) => {
    expect(projectOf(name)).toBe(project);
  });
});

describe('sameDraft', () => {
  it('compares every field and the order of dependencies', () => {
    expect(sameDraft(draft, { ...draft, dependencies: [...draft.dependencies] })).toBe(true);
    expect(sameDraft(draft, { ...draft, dependencies: [...draft.dependencies].reverse() })).toBe(false);
    expect(sameDraft(draft, { ...draft, milestone: 'other' })).toBe(false);
  });
});
