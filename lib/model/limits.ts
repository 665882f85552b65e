/**
 * Bounds on every field of an anchor; generous for real anchors, small enough to keep the
 * library fast. The one home of these numbers: the checks without zod (lib/model/anchor-check.ts),
 * the zod schemas (lib/model/anchor.ts) and the page, which trims what it reads to them. No imports.
 */
export const LIMITS = {
  name: 120,
  field: 20_000,
  dependency: 1_000,
  dependencies: 100,
  url: 2_048,
  title: 500,
  id: 200,
} as const;
