import { describe, expect, it } from 'vitest';
import { EMPTY_DRAFT, type AnchorDraft } from '../../lib/model/anchor';
import { FIELD_KEYS, TEXT_KEYS, draftOf, draftTexts, fieldTexts } from '../../lib/model/anchor-fields';

const draft: AnchorDraft = { name: 'N_1', context: 'ctx', milestone: 'ms', nextAction: 'next', dependencies: ['dep a', 'dep b'] };

describe('the fields of an anchor, listed once', () => {
  it('draftTexts holds every text of a draft, whatever fields the draft has', () => {
    const every = Object.values(draft).flat();
    expect(new Set(draftTexts(draft))).toEqual(new Set(every));
    expect(Object.keys(EMPTY_DRAFT).sort()).toEqual(['name', ...FIELD_KEYS].sort());
  });

  it('fieldTexts labels each text with its field, the name apart', () => {
    expect(fieldTexts(draft)).toEqual([
      { key: 'context', text: 'ctx' },
      { key: 'milestone', text: 'ms' },
      { key: 'nextAction', text: 'next' },
      { key: 'dependencies', text: 'dep a' },
      { key: 'dependencies', text: 'dep b' },
    ]);
    expect([...TEXT_KEYS, 'dependencies']).toEqual([...FIELD_KEYS]);
  });

  it('draftOf keeps the draft and drops the rest of a stored anchor', () => {
    const stored = { ...draft, id: 'x', createdAt: '2026-01-01T00:00:00.000Z', resumeCount: 2 };
    expect(draftOf(stored)).toEqual(draft);
  });
});
