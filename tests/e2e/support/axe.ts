import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';

/**
 * Accessibility checks with axe-core: every rule axe runs by default (WCAG 2.x A and AA, and its
 * best practices such as heading order and one main landmark), in both colour schemes.
 *
 * Use `expectAccessible(page, 'what', { include })` once the page shows what is to be checked;
 * `include` limits the check to one part of the page (a CSS selector), for instance the
 * extension's host element on a ChatGPT page, whose shadow root axe enters by itself: the page
 * around it is the fixture's, not ours. `inBothThemes` runs a check in light, then dark.
 */

export type Theme = 'light' | 'dark';
export const THEMES: readonly Theme[] = ['light', 'dark'];

export type AxeScope = {
  /** Only this part of the page (a CSS selector); the whole page by default. */
  include?: string;
};

/** One line per failing element: rule, impact, what it asks, where, and axe's summary. */
export async function axeViolations(page: Page, scope: AxeScope = {}): Promise<string[]> {
  let builder = new AxeBuilder({ page });
  if (scope.include) builder = builder.include(scope.include);
  const { violations } = await builder.analyze();
  return violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id} (${violation.impact ?? 'no impact given'}): ${violation.help}; at ${JSON.stringify(node.target)}: ` +
        (node.failureSummary ?? '').replace(/\s+/g, ' '),
    ),
  );
}

/**
 * Fails the test with every violation listed, named by `what` (say "popup, dark, row expanded").
 * A soft assertion: the test goes on, so one run reports every state that fails, not the first.
 */
export async function expectAccessible(page: Page, what: string, scope: AxeScope = {}): Promise<void> {
  expect.soft(await axeViolations(page, scope), `axe violations in ${what}`).toEqual([]);
}

/**
 * Runs `check` in the light and then the dark colour scheme. By default the scheme is the
 * browser's (`prefers-color-scheme`, which the extension pages follow); pass `apply` for a page
 * that chooses its theme otherwise (ChatGPT's own theme switch, which the in-page UI follows).
 */
export async function inBothThemes(
  page: Page,
  check: (theme: Theme) => Promise<void>,
  apply: (theme: Theme) => Promise<void> = (theme) => page.emulateMedia({ colorScheme: theme }),
): Promise<void> {
  for (const theme of THEMES) {
    await apply(theme);
    await check(theme);
  }
}
