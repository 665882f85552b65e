import type { Page } from 'puppeteer-core';

/** The id lib/background/commands.ts gives the "Save selection as anchor" menu item. */
export const SAVE_SELECTION_MENU_ID = 'save-selection-as-anchor';

type ContextMenus = { update(id: string, changes: object): Promise<void> };

/**
 * Whether the add-on's context-menu item exists, asked from one of its pages: `contextMenus.update`
 * with no changes succeeds for an existing item and rejects for a missing one. (No API lists the
 * items, and a test cannot open the native context menu.)
 */
export async function contextMenuItemExists(extensionPage: Page, id = SAVE_SELECTION_MENU_ID): Promise<boolean> {
  return extensionPage.evaluate(async (menuId) => {
    const menus = (globalThis as unknown as { browser: { contextMenus: ContextMenus } }).browser.contextMenus;
    try {
      await menus.update(menuId, {});
      return true;
    } catch {
      return false;
    }
  }, id);
}
