import type { Page } from '@playwright/test';
import type { FixtureOptions, FixtureWindow } from '../../fixtures/chatgpt/options';
import { THESIS } from './library';

/**
 * The page generations the end-to-end suite runs every flow on (see lib/chatgpt/generation-*.ts),
 * and how a test, like a person, finds each one's composer and stop button.
 */

export const GENERATION_CASES = [
  { name: 'A (2025 article turns)', options: { generation: 'A', turnTag: 'article' } },
  { name: 'A (2026 section turns)', options: { generation: 'A', turnTag: 'section' } },
  { name: 'B (logged out, web-mobile)', options: { generation: 'B' } },
  { name: 'C (app shell)', options: { generation: 'C' } },
] as const satisfies readonly { name: string; options: FixtureOptions }[];

export type GenerationCase = (typeof GENERATION_CASES)[number];

/** The rendered composer (every page of these tests also holds hidden copies). */
export function composerOf(page: Page, options: FixtureOptions) {
  const selector = {
    A: 'form[data-type="unified-composer"] #prompt-textarea',
    B: 'textarea#mobile-composer-prompt',
    C: 'form[data-chatgpt-composer] [role="textbox"]',
  }[options.generation ?? 'A'];
  return page.locator(selector).filter({ visible: true });
}

/** ChatGPT's own stop button in its composer, by its accessible name. */
export function stopButtonOf(page: Page, options: FixtureOptions) {
  const name = { A: 'Stop streaming', B: 'Stop generating', C: 'Stop' }[options.generation ?? 'A'];
  return page.locator('form').filter({ visible: true }).getByRole('button', { name, exact: true });
}

/**
 * What the fake ChatGPT page holds, read in its own world. While the page is being replaced (a
 * new chat loading), a read answers undefined rather than fail, so `expect.poll` can wait it out.
 */
export const fixtureState = (page: Page) => ({
  paragraphs: () => page.evaluate(() => (window as unknown as FixtureWindow).__chatgpt.editorParagraphs()).catch(() => undefined),
  sent: () => page.evaluate(() => [...(window as unknown as FixtureWindow).__chatgpt.sent]).catch(() => undefined),
  route: () => page.evaluate(() => (window as unknown as FixtureWindow).__chatgpt.route()).catch(() => undefined),
  loads: () => page.evaluate(() => (window as unknown as FixtureWindow).__chatgpt.loads).catch(() => undefined),
});

/** The resume text of THESIS, one line per composer paragraph. */
export const THESIS_LINES = [
  'Resume from anchor: [Thesis_Ch3_Methods]',
  `Context: ${THESIS.context}`,
  `Current milestone: ${THESIS.milestone}`,
  `Next action: ${THESIS.nextAction}`,
  `Dependencies: ${THESIS.dependencies.join('; ')}`,
];
