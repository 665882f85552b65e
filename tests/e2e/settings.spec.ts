import { expect, inPageToast, saveAnchorButton, test } from './support/extension';
import { serveChatGPT } from './support/chatgpt-fixture';
import { THESIS, anchorReply, storedAnchors } from './support/library';
import type { FixtureWindow } from '../fixtures/chatgpt/options';

const CHAT = '77777777-7777-4777-8777-777777777777';

test('the request template is validated, can be reset, and is what Save anchor sends', async ({ context, extensionId }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const template = options.getByRole('textbox', { name: 'Anchor request template' });
  await expect(template).toHaveValue(/^Anchor this as chat \[ANCHOR_NAME\] with next action \+ dependencies\./);

  await template.fill('Please summarise this chat as an anchor.');
  await options.getByRole('button', { name: 'Save settings' }).click();
  await expect(options.getByRole('alert')).toContainText('The template must contain [ANCHOR_NAME]');
  await expect(options.getByRole('status')).toContainText('Not saved');

  await options.getByRole('button', { name: 'Reset template to default' }).click();
  await expect(template).toHaveValue(/^Anchor this as chat \[ANCHOR_NAME\]/);
  await template.fill('Write anchor [ANCHOR_NAME] now.\nResume from anchor: [ANCHOR_NAME]\nContext: …');
  await options.getByRole('checkbox', { name: 'Send automatically after resume' }).check();
  await options.getByRole('button', { name: 'Save settings' }).click();
  await expect(options.getByRole('status')).toHaveText('Saved.');
  await options.reload();
  await expect(template).toHaveValue('Write anchor [ANCHOR_NAME] now.\nResume from anchor: [ANCHOR_NAME]\nContext: …');
  await expect(options.getByRole('checkbox', { name: 'Send automatically after resume' })).toBeChecked();

  await serveChatGPT(context, {
    replies: [anchorReply({ ...THESIS, name: 'Garden_plan' })],
    conversations: {
      [CHAT]: { title: 'Garden plan', turns: [{ role: 'user', markdown: 'hi' }, { role: 'assistant', markdown: 'Hello!' }] },
    },
  });
  const page = await context.newPage();
  await page.goto(`https://chatgpt.com/c/${CHAT}`);
  await saveAnchorButton(page).click();
  await expect(inPageToast(page)).toContainText('Saved anchor [Garden_plan]', {
    timeout: 20_000,
  });
  const sent = await page.evaluate(() => [...(window as unknown as FixtureWindow).__chatgpt.sent]);
  expect(sent).toEqual(['Write anchor [Garden_plan] now.\nResume from anchor: [ANCHOR_NAME]\nContext: …']);
  expect((await storedAnchors(context, extensionId)).map((a) => a.name)).toEqual(['Garden_plan']);
});
