import type { ElementHandle, Page } from 'puppeteer-core';

/**
 * Finding things the way a person does, by role and visible name. Puppeteer's `::-p-aria` asks
 * Firefox's accessibility tree; `>>>` first goes into every open shadow root (the in-page UI
 * lives in one), so the same selector finds the bar, the toast or a popup control.
 */
export function byRole(role: string, name?: string): string {
  const quoted = (text: string) => JSON.stringify(text);
  return `>>> ::-p-aria([role=${quoted(role)}]${name === undefined ? '' : `[name=${quoted(name)}]`})`;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** Waits until `selector` matches a visible element; the error says what was missing and where. */
export async function waitVisible(
  page: Page,
  selector: string,
  what: string,
  timeout = DEFAULT_TIMEOUT_MS,
): Promise<ElementHandle<Element>> {
  try {
    const handle = await page.waitForSelector(selector, { visible: true, timeout });
    if (!handle) throw new Error('no element');
    return handle;
  } catch (error) {
    throw new Error(`${what} did not show within ${timeout / 1000} s on ${page.url()} (${selector}): ${String(error)}`);
  }
}

/** Clicks a visible control found by role and name. */
export async function clickRole(page: Page, role: string, name: string): Promise<void> {
  const handle = await waitVisible(page, byRole(role, name), `The ${role} "${name}"`);
  await handle.click();
  await handle.dispose();
}

/** Polls `read` until `accept` holds, then returns the value; on timeout the error shows the last value. */
export async function waitUntil<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  what: string,
  timeout = DEFAULT_TIMEOUT_MS,
): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: T | undefined;
  let failure: unknown;
  for (;;) {
    try {
      last = await read();
      failure = undefined;
      if (accept(last)) return last;
    } catch (error) {
      failure = error;
    }
    if (Date.now() >= deadline) {
      const seen = failure === undefined ? `last saw ${JSON.stringify(last)}` : `last error: ${String(failure)}`;
      throw new Error(`Timed out after ${timeout / 1000} s waiting for ${what}; ${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The text of the first element `selector` finds, or '' when there is none. */
export async function textOf(page: Page, selector: string): Promise<string> {
  const handle = await page.$(selector);
  if (!handle) return '';
  try {
    return (await handle.evaluate((element) => element.textContent ?? '')).trim();
  } finally {
    await handle.dispose();
  }
}

/** The texts of every element with this role (shadow roots included). */
export async function textsOfRole(page: Page, role: string): Promise<string[]> {
  const handles = await page.$$(byRole(role));
  try {
    return await Promise.all(handles.map((handle) => handle.evaluate((element) => (element.textContent ?? '').trim())));
  } finally {
    await Promise.all(handles.map((handle) => handle.dispose()));
  }
}

/** Waits until a live status region (the in-page toast, the popup's notices) says `text`. */
export async function waitForStatus(page: Page, text: string, timeout = DEFAULT_TIMEOUT_MS): Promise<string> {
  const texts = await waitUntil(
    () => textsOfRole(page, 'status'),
    (all) => all.some((t) => t.includes(text)),
    `a status saying "${text}" on ${page.url()}`,
    timeout,
  );
  return texts.find((t) => t.includes(text))!;
}
