import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './guard';
import { anchorBar, inPageToast as toast, resumePicker, saveAnchorButton } from '../support/extension';
import { serveChatGPT } from '../support/chatgpt-fixture';
import { contentScriptWorld } from '../support/content-world';
import { anchorReply, seedAnchors, storedAnchor, storedAnchors, type StoredAnchor } from '../support/library';
import type { FixtureWindow } from '../../fixtures/chatgpt/options';

/**
 * The page plays the attacker. Everything here runs in ChatGPT's main world, with what ChatGPT's
 * own scripts, an XSS on chatgpt.com or another extension's main-world script could do: read our
 * shadow roots, dispatch events on our buttons, define our old tags and ids first, frame the
 * picker itself, message the extension. The last part speaks from our own content script's
 * world (through DevTools), as a compromised page process could. It gets nothing: no anchor it
 * did not save or the user did not pick, no writes, no clicks made for the user.
 */

const CHAT = 'a7777777-0000-4000-8000-000000000001';
const SECRET = 'sk-proj-abcDEF1234567890abcdef1234';

/** The library the page must not see: names and next actions it never had. */
const library = (): StoredAnchor[] => [
  storedAnchor({ name: 'Merger_Talks_Zeta', context: 'Offer at 41M.', milestone: 'NDA signed', nextAction: 'Call the board chair', dependencies: ['Data room key'] }, 300),
  storedAnchor({ name: 'Health_Journal', context: 'Private notes.', milestone: '', nextAction: 'Book the scan', dependencies: [] }, 200),
  storedAnchor({ name: 'Weekend_Bot_Deploy', context: 'Bot on webhook.', milestone: 'Tunnel up', nextAction: 'Restart the tunnel', dependencies: ['BOT_TOKEN'] }, 100),
];
const UNSEEN = ['Merger_Talks_Zeta', 'Call the board chair', 'Health_Journal', 'Book the scan', 'Offer at 41M'];

/** The reply on the page: an anchor with a secret in it (so the toast offers Mask). */
const REPLY = { name: 'Page_Anchor', context: 'On the page already.', milestone: 'm', nextAction: 'n', dependencies: [`KEY=${SECRET}`] };

/**
 * Before any page script: our old tags defined as custom elements that grab whatever is attached
 * to them (attachInternals() reaches even a closed shadow root), attachShadow hooked, and decoys
 * holding our host's id.
 */
function prepareAttack() {
  type Attack = { constructed: HTMLElement[]; internals: number; roots: ShadowRoot[] };
  const attack: Attack = { constructed: [], internals: 0, roots: [] };
  (window as unknown as { __attack: Attack }).__attack = attack;
  for (const tag of ['gpt-anchors', 'gpt-anchors-save', 'gpt-anchors-host', 'gpt-anchors-picker']) {
    customElements.define(
      tag,
      class extends HTMLElement {
        constructor() {
          super();
          attack.constructed.push(this);
          try {
            this.attachInternals();
            attack.internals += 1;
          } catch {
            /* not every element allows it */
          }
        }
      },
    );
  }
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init: ShadowRootInit) {
    const root = attachShadow.call(this, init);
    attack.roots.push(root);
    return root;
  };
  document.addEventListener('DOMContentLoaded', () => {
    const decoy = document.createElement('gpt-anchors');
    decoy.id = 'gpt-anchors-host';
    document.body.prepend(decoy);
    const plain = document.createElement('div');
    plain.id = 'gpt-anchors-host';
    document.body.append(plain);
  });
}

/** All text the main world can read: the document and every open shadow root, recursively. */
function readableText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [document.documentElement.innerText];
    const walk = (root: Document | ShadowRoot) => {
      for (const element of root.querySelectorAll('*')) {
        if (element.shadowRoot) {
          parts.push(element.shadowRoot.textContent ?? '');
          walk(element.shadowRoot);
        }
        const value = (element as HTMLInputElement).value;
        if (typeof value === 'string') parts.push(value);
        for (const attribute of element.getAttributeNames()) parts.push(element.getAttribute(attribute) ?? '');
      }
    };
    walk(document);
    return parts.join('\n');
  });
}

/** Finds our buttons from the main world, through the open shadow roots, and fires synthetic events on them. */
function fireAt(page: Page, label: string): Promise<number> {
  return page.evaluate((name) => {
    let hits = 0;
    const walk = (root: Document | ShadowRoot) => {
      for (const element of root.querySelectorAll('*')) {
        if (element.shadowRoot) walk(element.shadowRoot);
        if (element instanceof HTMLButtonElement && element.textContent?.trim() === name) {
          hits += 1;
          element.click();
          element.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
          element.dispatchEvent(new PointerEvent('pointerup', { bubbles: true, composed: true }));
          element.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
          element.closest('form')?.requestSubmit();
        }
      }
    };
    walk(document);
    return hits;
  }, label);
}

test.afterEach(({ consoleErrors }) => {
  expect(consoleErrors, 'no errors logged by the page or the extension').toEqual([]);
});

test('the page cannot stop us mounting, cannot click for the user, and cannot read the library', async ({
  context,
  extensionId,
  consoleErrors,
}) => {
  await serveChatGPT(context, {
    conversations: { [CHAT]: { title: 'Chat', turns: [{ role: 'user', markdown: 'anchor' }, { role: 'assistant', markdown: anchorReply(REPLY) }] } },
  });
  const seeded = library();
  await seedAnchors(context, extensionId, seeded);
  const page = await context.newPage();
  await page.addInitScript(prepareAttack);
  await page.goto(`https://chatgpt.com/c/${CHAT}`);

  // Our tags and ids taken first: the bar and the message's button are there anyway, on plain
  // elements the page's custom elements never upgraded, and no root of ours reached its hooks.
  await expect(saveAnchorButton(page)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save this anchor' })).toBeVisible();
  const caught = await page.evaluate(() => {
    const attack = (window as unknown as { __attack: { constructed: HTMLElement[]; internals: number; roots: ShadowRoot[] } }).__attack;
    const ours = [...document.querySelectorAll('*')].filter((e) => e.shadowRoot?.querySelector('button'));
    return {
      constructed: attack.constructed.length,
      constructedHoldOurs: attack.constructed.some((e) => e.shadowRoot !== null),
      internals: attack.internals,
      hookedRoots: attack.roots.length,
      ourTags: [...new Set(ours.map((e) => e.tagName))].sort(),
    };
  });
  expect(caught).toEqual({ constructed: 1, constructedHoldOurs: false, internals: 1, hookedRoots: 0, ourTags: ['DIV', 'SPAN'] });

  // Synthetic clicks, key presses and form submits on every button of ours do nothing. Proof
  // that they had their chance: the person's own click on Save anchor, right after, is the first
  // save (a save already running would have been cancelled by it instead).
  for (const label of ['Save anchor', 'Save this anchor', 'Resume anchor']) expect(await fireAt(page, label)).toBeGreaterThan(0);
  await saveAnchorButton(page).click();
  await expect(toast(page)).toContainText('Saved anchor [Page_Anchor]');
  await expect(page.locator('iframe')).toHaveCount(0);
  let stored = await storedAnchors(context, extensionId);
  expect(stored).toHaveLength(seeded.length + 1);

  // The toast's actions: Undo, Mask, Rename, fired by the page, do nothing. The person's click on
  // the message's button (now *Saved*) right after goes through the same background in order:
  // "Already saved" and the records unchanged show that nothing the page fired was undone, masked
  // or renamed.
  for (const label of ['Mask', 'Undo', 'Rename']) expect(await fireAt(page, label)).toBe(1);
  await page.getByRole('button', { name: 'Saved', exact: true }).click();
  await expect(toast(page)).toContainText('Already saved: anchor [Page_Anchor]');
  expect(await storedAnchors(context, extensionId)).toEqual(stored);
  await expect(toast(page).getByRole('textbox', { name: 'New name' })).toHaveCount(0);

  // The person opens the picker. It is a frame from the extension's origin: the page sees the
  // frame, not what is in it.
  await anchorBar(page).getByRole('button', { name: 'Resume anchor' }).click();
  await expect(resumePicker(page).getByRole('option')).toHaveCount(seeded.length + 1);
  const text = await readableText(page);
  for (const secret of UNSEEN) expect(text, `the page can read "${secret}"`).not.toContain(secret);
  const reach = await page.evaluate(() => {
    const frame = document.querySelector('iframe')!;
    let readDocument = 'no error';
    try {
      readDocument = String(frame.contentWindow!.document.body.innerText);
    } catch (error) {
      readDocument = (error as Error).name;
    }
    return { contentDocument: frame.contentDocument === null, readDocument, src: frame.src };
  });
  expect(reach).toMatchObject({ contentDocument: true, readDocument: 'SecurityError' });
  expect(reach.src).not.toContain(extensionId); // Chrome's per-session URL, not the extension's id

  // The page frames the picker itself, at the URL it can see, and posts it made-up tokens: that
  // copy lists nothing. At the extension's fixed URL it does not even load.
  await page.evaluate(
    ({ src, id }) => {
      for (const url of [src, `chrome-extension://${id}/picker.html`]) {
        const frame = document.createElement('iframe');
        frame.src = url;
        frame.className = 'attacker-frame';
        frame.addEventListener('load', () => frame.contentWindow!.postMessage('gpt-anchors-picker-token:guessed', '*'));
        document.body.append(frame);
      }
    },
    { src: reach.src, id: extensionId },
  );
  const copy = page.locator('iframe.attacker-frame').first().contentFrame();
  await expect(copy.getByRole('alert')).toContainText('not opened from the Resume anchor button', { timeout: 15_000 });
  await expect(copy.getByRole('option')).toHaveCount(0);
  await expect.poll(() => page.frames().some((f) => f.url().startsWith('chrome-error://'))).toBe(true);
  // Chrome logs the refusal in the page's console: the one error this test expects.
  const denied = consoleErrors.findIndex((line) => line.includes(`Denying load of chrome-extension://${extensionId}/picker.html`));
  expect(denied, 'Chrome refused the fixed URL').toBeGreaterThanOrEqual(0);
  consoleErrors.splice(denied, 1);

  // The person picks Weekend_Bot_Deploy: its text, and only its text, reaches the page.
  const beforeResume = await storedAnchors(context, extensionId);
  await resumePicker(page).getByRole('searchbox').fill('weekend');
  await expect(resumePicker(page).getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect
    .poll(() => page.evaluate(() => (window as unknown as FixtureWindow).__chatgpt.editorParagraphs()[0]))
    .toBe('Resume from anchor: [Weekend_Bot_Deploy]');
  const after = await readableText(page);
  for (const secret of UNSEEN) expect(after).not.toContain(secret);
  expect(await page.evaluate(() => (window as unknown as FixtureWindow).__chatgpt.sent)).toEqual([]);
  // Nothing was written but the resume count of the anchor the person picked.
  await expect.poll(async () => (await storedAnchors(context, extensionId)).find((a) => a.name === 'Weekend_Bot_Deploy')?.resumeCount).toBe(1);
  const unchanged = (anchors: StoredAnchor[]) =>
    anchors.map((a) => (a.name === 'Weekend_Bot_Deploy' ? { ...a, resumeCount: 0, lastResumedAt: undefined } : a));
  expect(unchanged(await storedAnchors(context, extensionId))).toEqual(unchanged(beforeResume));
});

test('messages: the page has no way in, and our content script’s world gets no library, no deletes, no imports', async ({
  context,
  extensionId,
}) => {
  await serveChatGPT(context, {});
  const seeded = library();
  await seedAnchors(context, extensionId, seeded);
  const page = await context.newPage();
  await page.goto('https://chatgpt.com/');
  await expect(saveAnchorButton(page)).toBeVisible();

  // The main world: no externally_connectable, so the extension is not reachable at all.
  const fromPage = await page.evaluate(async (id) => {
    const runtime = (window as unknown as { chrome?: { runtime?: { sendMessage?: (...args: unknown[]) => Promise<unknown> } } }).chrome?.runtime;
    if (!runtime?.sendMessage) return 'no runtime.sendMessage';
    try {
      return JSON.stringify(await runtime.sendMessage(id, { type: 'pickerLibrary', payload: { from: 0 } }));
    } catch (error) {
      return `refused: ${(error as Error).message}`;
    }
  }, extensionId);
  expect(fromPage).toMatch(/^(no runtime\.sendMessage|refused: )/);

  // Our content script's own world (as a compromised page process could use it).
  const world = await contentScriptWorld(context, page);
  const ask = (type: string, payload: unknown) =>
    world.run(`chrome.runtime.sendMessage(${JSON.stringify({ type, payload })}).then((a) => a ?? 'no answer', (e) => 'error: ' + e.message)`);
  const plantedLog = ['# GPT Anchors Log', '', '**09:12 03/14/2026**', '', 'Resume from anchor: **[Planted]**', '', 'Context: planted', ''].join('\n');
  const answers = {
    pickerLibrary: await ask('pickerLibrary', { from: 0 }),
    exportLog: await ask('exportLog', { format: 'json' }),
    importLog: await ask('importLog', { fileName: 'x.md', text: plantedLog }),
    resumeInNewTab: await ask('resumeInNewTab', { id: seeded[0]!.id }),
    pickerResume: await ask('pickerResume', { id: seeded[0]!.id }),
    pickerClaim: await ask('pickerClaim', { token: 'guessed' }),
    undoSave: await ask('undoSave', { receipt: seeded[0]!.id }),
    renameAnchor: await ask('renameAnchor', { receipt: seeded[0]!.id, name: 'Renamed' }),
    maskSecrets: await ask('maskSecrets', { receipt: seeded[0]!.id }),
    deleteUnmasked: await ask('deleteUnmasked', { receipt: seeded[0]!.id }),
    // The old read messages are gone.
    searchAnchors: await ask('searchAnchors', { query: '', limit: 50 }),
    prepareResume: await ask('prepareResume', { id: seeded[0]!.id }),
  };
  for (const type of ['pickerLibrary', 'exportLog', 'importLog', 'resumeInNewTab', 'pickerResume', 'pickerClaim'] as const) {
    expect(answers[type], type).toEqual({ ok: false, error: `${type} is not accepted from a ChatGPT page.` });
  }
  for (const type of ['undoSave', 'renameAnchor', 'maskSecrets', 'deleteUnmasked'] as const) {
    expect(answers[type], type).toEqual({ ok: false, error: 'This anchor can no longer be changed from the page. Open the GPT Anchors popup to change it.' });
  }
  expect(answers.searchAnchors).toMatch(/^(no answer|error: )/);
  expect(answers.prepareResume).toMatch(/^(no answer|error: )/);
  expect(JSON.stringify(answers)).not.toContain('Call the board chair');
  await world.cdp.detach();

  expect(await storedAnchors(context, extensionId)).toEqual(seeded.sort((a, b) => a.createdAt.localeCompare(b.createdAt)));
  expect(context.pages().filter((p) => p.url().startsWith('https://chatgpt.com/'))).toHaveLength(1); // no tab opened
});
