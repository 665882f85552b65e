import type { Anchor } from '../../lib/model/anchor';

/**
 * The one anchor factory of the unit tests: a stored record with every field a test does not
 * care about filled in (each text names the id, so a failing comparison says which anchor).
 * A test's own helper passes what it does care about.
 */
export function testAnchor(fields: Partial<Anchor> & { id: string }): Anchor {
  const { id } = fields;
  return {
    name: `Name_${id}`,
    context: `context of ${id}`,
    milestone: `milestone of ${id}`,
    nextAction: `next of ${id}`,
    dependencies: [`dep of ${id}`],
    createdAt: '2026-03-14T12:00:00.000Z',
    timeKnown: true,
    source: {},
    origin: 'captured',
    resumeCount: 0,
    ...fields,
  };
}

/** `minutes` before 2026-03-14 12:00 UTC, as an ISO time: for tests that order by age. */
export function minutesBefore(minutes: number, base = Date.UTC(2026, 2, 14, 12, 0)): string {
  return new Date(base - minutes * 60_000).toISOString();
}
