import { z } from 'zod/mini';
import { LIMITS, OriginSchema, SourceSchema, describeZodError, type Anchor } from '../model/anchor';
import type { LogFileView, Resolution } from '../log-file/records';
import type { ChatMeterReading } from '../meter/reading';
import type { Checks } from './protocol';
import { MAX_HANDSHAKE_REPLY, MAX_REPLY_TEXT } from '../model/reply-text';
import type { Shortcuts } from '../model/shortcuts';

/**
 * The requests the background answers (from ChatGPT pages, the popup and the options page), named
 * by verb, with the zod schema that validates each where it arrives. Sending and answering are in
 * lib/messaging/protocol.ts; the ChatGPT tab's own request is in lib/messaging/tab-requests.ts.
 */

const id = z.string().check(z.minLength(1), z.maxLength(200));
/** A save's receipt (lib/storage/db.ts SaveReceipt): what a ChatGPT tab's Undo, Rename and Mask may touch. */
const receipt = z.string().check(z.minLength(1), z.maxLength(200));

/** The most messages a chat is measured with, and the longest message text: far past any real chat. */
export const MEASURE_LIMITS = { messages: 20_000, text: 2_000_000 } as const;

/** What a ChatGPT page read (a reply's text, a selection): the background parses it (lib/log/parse.ts). */
const text = z.string().check(z.maxLength(MAX_REPLY_TEXT));

/** Requests the background answers (from pages, popup and options). */
export const backgroundRequests = {
  /** Save anchor, Save this anchor, Save selection: the text as the page shows it, parsed here. */
  saveText: z.object({
    text,
    origin: OriginSchema,
    source: SourceSchema,
    /** A rescue's reply: the full chat whose transcript the new chat was given. */
    rescuedFrom: z.optional(SourceSchema),
  }),
  /** What a finished reply on the page is, for its *Save this anchor* button. */
  checkReply: z.object({ text, source: SourceSchema }),
  /**
   * Save anchor on a chat without an anchor: the request to send (named from the chat's title, or
   * a rolling request in a chat resumed from an anchor) and how long to wait.
   */
  anchorRequest: z.object({ chatTitle: z.string().check(z.maxLength(LIMITS.title)) }),
  undoSave: z.object({ receipt }),
  /** The name is checked by the handler, so the page shows the rule's own sentence. */
  renameAnchor: z.object({ receipt, name: z.string().check(z.maxLength(10_000)) }),
  maskSecrets: z.object({ receipt }),
  deleteUnmasked: z.object({ receipt }),
  /** For the in-page bar's titles: ChatGPT's page cannot call commands.getAll(). */
  getShortcuts: z.object({}),
  recordResume: z.object({ id }),
  /**
   * From the tab a resume filled: the chat has started (its first message was sent) and got this
   * conversation id. The id only; the background checks it against the tab's address.
   */
  chatStarted: z.object({ conversationId: id }),
  /** ChatGPT's reply to a resume text that asked it to restate the next action. */
  checkHandshake: z.object({ reply: z.string().check(z.maxLength(MAX_HANDSHAKE_REPLY)) }),
  resumeInNewTab: z.object({ id }),
  claimPendingResume: z.object({}),
  openPicker: z.object({}),
  pickerClaim: z.object({ token: z.string().check(z.minLength(1), z.maxLength(200)) }),
  pickerLibrary: z.object({ from: z.number().check(z.int(), z.minimum(0)), newest: z.optional(z.boolean()) }),
  pickerResume: z.object({ id }),
  pickerClose: z.object({}),
  /** From a ChatGPT page that cannot open a new chat in place: resume there once it has loaded. */
  resumeAfterReload: z.object({ id }),
  /** From the bar's "page changed" notice: the options page's page check. */
  openPageCheck: z.object({}),
  /**
   * The open chat's messages at a reply's end or on a route change (lib/meter/chat-counts.ts):
   * each message's id (after the `before` ones), with its text only when the background has not counted it yet. `notice`:
   * ChatGPT shows its maximum-length message on the page.
   */
  measureChat: z.object({
    conversationId: z.optional(z.string().check(z.minLength(1), z.maxLength(LIMITS.id))),
    url: z.string().check(z.maxLength(LIMITS.url)),
    title: z.optional(z.string().check(z.maxLength(LIMITS.title))),
    messages: z
      .array(
        z.object({
          id: z.string().check(z.minLength(1), z.maxLength(LIMITS.id)),
          text: z.optional(z.string().check(z.maxLength(MEASURE_LIMITS.text))),
        }),
      )
      .check(z.maxLength(MEASURE_LIMITS.messages)),
    /** The chat's first messages, as counted last time: `messages` lists only the ones after them. */
    before: z.optional(
      z.object({
        count: z.number().check(z.int(), z.minimum(1), z.maximum(MEASURE_LIMITS.messages)),
        last: z.string().check(z.minLength(1), z.maxLength(LIMITS.id)),
      }),
    ),
    notice: z.boolean(),
  }),
  exportLog: z.object({ format: z.enum(['markdown', 'json']) }),
  importLog: z.object({
    fileName: z.string().check(z.minLength(1), z.maxLength(500)),
    text: z.string().check(z.maxLength(50_000_000)),
  }),
  /** A page wrote to the library: rewrite the log file soon (lib/log-file/). */
  scheduleLogWrite: z.object({}),
  /** Check the log file now and write what is due; answers what the popup shows. */
  checkLogFile: z.object({}),
  /** The answer to "changed in your log file": import its entries, or keep the library's text. */
  resolveLogFileChange: z.object({ choice: z.enum(['import', 'keepLibrary']) }),
} as const;

/**
 * Who may send each request (checked by lib/background/senders.ts before the payload is even
 * read). `chatgptTab`: GPT Anchors' content script in the top frame of a ChatGPT page; it may
 * save, and change only what its own saves made (a receipt names it). `extensionPage`: the
 * popup, the options page and the picker (an extension page, even inside ChatGPT's tab). Reading,
 * listing, deleting, exporting and importing the library are for extension pages alone: a
 * ChatGPT page, whatever runs in it, never gets an anchor it did not save or the user did not
 * pick.
 */
export const backgroundAudience: Record<keyof typeof backgroundRequests, 'chatgptTab' | 'extensionPage' | 'both'> = {
  saveText: 'chatgptTab',
  checkReply: 'chatgptTab',
  anchorRequest: 'chatgptTab',
  undoSave: 'chatgptTab',
  renameAnchor: 'chatgptTab',
  maskSecrets: 'chatgptTab',
  deleteUnmasked: 'chatgptTab',
  getShortcuts: 'chatgptTab',
  recordResume: 'chatgptTab',
  chatStarted: 'chatgptTab',
  checkHandshake: 'chatgptTab',
  resumeInNewTab: 'extensionPage',
  claimPendingResume: 'chatgptTab',
  openPicker: 'chatgptTab',
  pickerClaim: 'extensionPage',
  pickerLibrary: 'extensionPage',
  pickerResume: 'extensionPage',
  pickerClose: 'extensionPage',
  resumeAfterReload: 'chatgptTab',
  openPageCheck: 'chatgptTab',
  measureChat: 'chatgptTab',
  exportLog: 'extensionPage',
  importLog: 'extensionPage',
  scheduleLogWrite: 'extensionPage',
  checkLogFile: 'extensionPage',
  resolveLogFileChange: 'extensionPage',
};

/**
 * `receipt`: hand it back to undo, rename or mask what this save stored. `secrets`: what looks
 * like a secret, each as kind, field and masked snippet (`describeSecrets`).
 */
export type SaveResult = { anchor: Anchor; duplicate: boolean; secrets: string[]; receipt: string };
/**
 * A save by text: saved, or a reply that is not an anchor, with the parser's reason (a selection
 * is saved as the Context of a new anchor instead). Any other refusal is an error that says why.
 */
export type SaveTextResult = SaveResult | { notAnchor: string };
/** An anchor; one that breaks a limit (saving it says why); one already in the library; or not an anchor. */
export type ReplyKind = 'anchor' | 'invalid' | 'saved' | 'none';
/** `rolling`: the request updates that anchor (its reply is saved as the anchor's next version). */
export type AnchorRequest = { text: string; replyTimeoutMs: number; rolling: { name: string } | null };
/** A masked new version of an anchor; the unmasked one is in the trash until deleted or undone. */
export type MaskResult = { anchor: Anchor; receipt: string };
/** After an Undo: for a mask, the version that came back from the trash. */
export type UndoResult = { restored: Anchor | null };
export type ResumeOrder = { text: string; autoSend: boolean; anchorId: string; name: string };
/** `handshake`: the page should read the chat's first reply and send it back with checkHandshake. */
export type ChatStarted = { name: string; handshake: boolean };
export type HandshakeResult = {
  verdict: 'matched' | 'differed' | 'unclear';
  /** ChatGPT's line, and the anchor's next action. */
  restated: string;
  expected: string;
  name: string;
  /** The toast's sentence (handshakeSentence). */
  text: string;
};
export type ImportReport = {
  added: number;
  /** Lineage records a JSON backup brought in. */
  resumes?: number;
  duplicates: number;
  warnings: { line?: number; message: string }[];
  kind: 'markdown' | 'json';
};

export interface BackgroundResponses {
  saveText: SaveTextResult;
  checkReply: ReplyKind;
  anchorRequest: AnchorRequest;
  undoSave: UndoResult;
  renameAnchor: Anchor;
  maskSecrets: MaskResult;
  deleteUnmasked: null;
  /** Our two commands' keys only, '' when unset: nothing else of commands.getAll(). */
  getShortcuts: Shortcuts;
  recordResume: null;
  /** null: no resume of this tab was waiting for its chat. */
  chatStarted: ChatStarted | null;
  checkHandshake: HandshakeResult;
  resumeInNewTab: { tabId: number };
  claimPendingResume: ResumeOrder | null;
  /** The token the picker frame must present (the content script hands it over, see lib/content/picker-frame.ts). */
  openPicker: { token: string };
  pickerClaim: null;
  /**
   * The live library, for a picker frame that cannot open IndexedDB itself (third-party storage
   * blocked). `newest: true` answers the newest anchors at once (a first screen) and starts
   * reading the whole library; then pages `from` 0 (a browser message holds at most 64 MB);
   * `next` is where the next page starts, null after the last; `total` is null for the first screen.
   */
  pickerLibrary: { anchors: Anchor[]; next: number | null; total: number | null };
  pickerResume: null;
  pickerClose: null;
  resumeAfterReload: null;
  openPageCheck: null;
  measureChat: ChatMeterReading;
  exportLog: { filename: string; count: number };
  importLog: ImportReport;
  scheduleLogWrite: null;
  checkLogFile: LogFileView | null;
  resolveLogFileChange: Resolution;
}

export type BackgroundRequest = keyof typeof backgroundRequests;
/** What a sender passes (before zod's trimming). */
export type BackgroundPayloads = { [K in BackgroundRequest]: z.input<(typeof backgroundRequests)[K]> };
/** What a handler receives (after it). */
export type CheckedBackgroundPayloads = { [K in BackgroundRequest]: z.output<(typeof backgroundRequests)[K]> };

/** The zod schemas as the checks `answerMessages` runs: a refusal names the field and the rule. */
export const backgroundChecks = Object.fromEntries(
  Object.entries(backgroundRequests).map(([type, schema]) => [
    type,
    (payload: unknown) => {
      const parsed = (schema as z.ZodMiniType).safeParse(payload);
      return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: describeZodError(parsed.error) };
    },
  ]),
) as Checks<CheckedBackgroundPayloads>;
