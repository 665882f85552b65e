import { AnchorDraftSchema, AnchorNameSchema, LIMITS, describeZodError, sameDraft, type Anchor, type AnchorDraft, type Origin, type Source } from '../model/anchor';
import {
  addReplacingVersion,
  getAnchor,
  getReceipt,
  purgeAnchors,
  putReceipt,
  swapTrashed,
  trashAnchors,
  updateAnchor,
  type SaveReceipt,
} from '../storage/db';
import { findSaved, saveAnchorVersion, type SaveRequest } from '../storage/library';
import type { MaskResult, ReplyKind, SaveResult, SaveTextResult, UndoResult } from '../messaging/messages';
import { suggestAnchorName } from '../model/names';
import { parseAnchorText, type ParseResult } from '../log/parse';
import { maskSecretsInDraft } from '../model/secrets';
import { newAnchor } from '../model/new-anchor';
import { chatTokensOf } from './chat-meter';

/**
 * What a ChatGPT tab may change: only what its own saves stored. Each save (and each Mask)
 * leaves a receipt in the database; the toast's Undo, Rename, Mask and "delete the unmasked
 * version" name the receipt, never an anchor id, and the receipt says what they may touch. Nothing
 * here deletes for good except the unmasked version the user explicitly asks to delete.
 */

async function keepReceipt(tabId: number, fields: Omit<SaveReceipt, 'id' | 'tabId' | 'createdAt'>, now: Date): Promise<string> {
  const id = crypto.randomUUID();
  await putReceipt({ id, tabId, createdAt: now.toISOString(), ...fields });
  return id;
}

async function receiptFor(id: string, tabId: number): Promise<SaveReceipt> {
  const receipt = await getReceipt(id);
  if (!receipt || receipt.tabId !== tabId) {
    throw new Error('This anchor can no longer be changed from the page. Open the GPT Anchors popup to change it.');
  }
  return receipt;
}

async function liveAnchor(id: string): Promise<Anchor> {
  const anchor = await getAnchor(id);
  if (!anchor || anchor.deletedAt) throw new Error('That anchor is no longer in the library.');
  return anchor;
}

/**
 * The anchor in a text a page read, parsed here (the page carries no parser) and checked with
 * zod before anything is stored: an anchor that breaks a rule is `invalid`, with the reason.
 */
function readAnchor(text: string): ParseResult {
  const parsed = parseAnchorText(text);
  if (!parsed.ok) return parsed;
  const checked = AnchorDraftSchema.safeParse(parsed.draft);
  if (checked.success) return { ...parsed, draft: checked.data };
  return { ok: false, invalid: true, reason: `The anchor “${parsed.draft.name}” cannot be saved: ${describeZodError(checked.error)}` };
}

/** What a finished reply on the page is: its *Save this anchor* button shows it. */
export async function checkReply(text: string, source: Source): Promise<ReplyKind> {
  const parsed = readAnchor(text);
  if (!parsed.ok) return parsed.invalid ? 'invalid' : 'none';
  return (await findSaved({ draft: parsed.draft, source })) ? 'saved' : 'anchor';
}

/**
 * Save anchor, Save this anchor and Save selection send the text the page shows; it is parsed
 * and saved here, leaving a receipt. An anchor that breaks a rule is refused with the rule. Text
 * that is no anchor: a selection becomes the Context of a new anchor named from the chat's
 * title; a reply is answered `notAnchor` with the parser's reason (Save anchor then asks ChatGPT
 * for one, or says why the reply to that request is not one).
 */
export async function saveTextFromPage(
  request: { text: string; origin: Origin; source: Source; rescuedFrom?: Source | undefined },
  tabId: number,
  { rollingName = null, now = new Date() }: { rollingName?: string | null; now?: Date } = {},
): Promise<SaveTextResult> {
  const { text, origin, source, rescuedFrom } = request;
  const parsed = readAnchor(text);
  if (parsed.ok) {
    // A reply to a rolling request is the next version of the anchor it updates, whatever name ChatGPT wrote.
    const draft = rollingName ? { ...parsed.draft, name: rollingName } : parsed.draft;
    return saveFromPage({ draft, origin, source, ...(rescuedFrom ? { rescuedFrom } : {}) }, tabId, now);
  }
  if (parsed.invalid) throw new Error(`${parsed.reason} Nothing was saved.`);
  if (origin !== 'selection') return { notAnchor: parsed.reason };
  return saveFromPage({ draft: selectionDraft(text.trim(), source, now), origin, source }, tabId, now);
}

/** A selection that is not an anchor: its text is the Context of a new one. */
function selectionDraft(text: string, source: Source, now: Date): AnchorDraft {
  if (text.length > LIMITS.field) {
    throw new Error(`The selection is too long (${text.length} characters; the limit is ${LIMITS.field}).`);
  }
  return { name: suggestAnchorName(source.chatTitle ?? '', now), context: text, milestone: '', nextAction: '', dependencies: [] };
}

/** A new name from the toast's Rename, in the rule's own words when it breaks one. */
function checkedName(name: string): string {
  const checked = AnchorNameSchema.safeParse(name);
  if (!checked.success) throw new Error(checked.error.issues.map((issue) => issue.message).join(' '));
  return checked.data;
}

export async function saveFromPage(request: SaveRequest, tabId: number, now = new Date()): Promise<SaveResult> {
  // The size of the chat it came from (for a rescue, the full chat's), as the meter last counted it.
  const chatTokens = await chatTokensOf(request.rescuedFrom ?? request.source);
  const result = await saveAnchorVersion({ ...request, ...(chatTokens !== undefined ? { chatTokens } : {}) }, now);
  const receipt = await keepReceipt(tabId, { kind: 'save', anchorId: result.anchor.id, created: !result.duplicate }, now);
  return { ...result, receipt };
}

/**
 * Undo of a save moves what it created to the trash (restorable from the popup). Undo of a mask
 * puts the unmasked version back and the masked one in the trash. A save that found its text
 * already stored created nothing, so its Undo touches nothing.
 */
export async function undoFromPage(receiptId: string, tabId: number): Promise<UndoResult> {
  const receipt = await receiptFor(receiptId, tabId);
  if (receipt.kind === 'save') {
    if (!receipt.created) throw new Error('This anchor was already in the library before: Undo leaves it there.');
    await liveAnchor(receipt.anchorId);
    await trashAnchors([receipt.anchorId]);
    return { restored: null };
  }
  const unmasked = receipt.replaced ? await getAnchor(receipt.replaced) : undefined;
  if (!unmasked) throw new Error('The unmasked version was deleted for good, so the mask cannot be undone.');
  await liveAnchor(receipt.anchorId);
  const [, restored] = await swapTrashed(receipt.anchorId, unmasked.id);
  return { restored: restored ?? null };
}

export async function renameFromPage(receiptId: string, name: string, tabId: number): Promise<Anchor> {
  const newName = checkedName(name);
  const receipt = await receiptFor(receiptId, tabId);
  await liveAnchor(receipt.anchorId);
  return updateAnchor(receipt.anchorId, (anchor) => ({ ...anchor, name: newName }));
}

/**
 * Mask saves a new version with each secret masked and moves the unmasked one to the trash,
 * where it stays (so the mask can be undone) until the user deletes it for good.
 */
export async function maskFromPage(receiptId: string, tabId: number, now = new Date()): Promise<MaskResult> {
  const receipt = await receiptFor(receiptId, tabId);
  const original = await liveAnchor(receipt.anchorId);
  const masked = maskSecretsInDraft(original);
  if (sameDraft(masked, original)) throw new Error(`Nothing to mask in [${original.name}].`);
  const anchor = await addReplacingVersion(
    newAnchor({
      draft: masked,
      origin: original.origin,
      source: original.source,
      createdAt: now.toISOString(),
      tags: original.tags,
      chatTokens: original.chatTokens,
      rescuedFrom: original.rescuedFrom,
    }),
    original.id,
    now.toISOString(),
  );
  const maskReceipt = await keepReceipt(tabId, { kind: 'mask', anchorId: anchor.id, created: true, replaced: original.id }, now);
  return { anchor, receipt: maskReceipt };
}

/** The explicit second step of a mask: the unmasked version leaves the trash for good. */
export async function deleteUnmaskedFromPage(receiptId: string, tabId: number): Promise<null> {
  const receipt = await receiptFor(receiptId, tabId);
  const unmasked = receipt.kind === 'mask' && receipt.replaced ? await getAnchor(receipt.replaced) : undefined;
  if (!unmasked) throw new Error('There is no unmasked version to delete.');
  if (!unmasked.deletedAt) throw new Error('The unmasked version is back in the library: delete it from the popup.');
  await purgeAnchors([unmasked.id]);
  return null;
}
