/**
 * A page generation: one shape of ChatGPT's page. ChatGPT serves several at once, chosen per user
 * (signed in or not, and a redesign rolling out), so every question GPT Anchors asks the page is
 * answered through the generation it recognised. Each generation is data: dated selector lists
 * keyed on `data-*` attributes and roles (never on atomic class names, which change with every
 * build), primary first. The code that asks the questions is shared (lib/chatgpt/page.ts).
 */

export type GenerationId = 'A' | 'B' | 'C';

/** What GPT Anchors looks for on the page, each with its own selector list. */
export type PagePart =
  /** The message box. */
  | 'composer'
  /** The form around it (the bar goes right after it). */
  | 'composerForm'
  | 'send'
  /** Shown while a reply streams. */
  | 'stop'
  /** One exchange: where a reply's own action row is looked for. */
  | 'turn'
  /** A message of either role. */
  | 'message'
  | 'assistantMessage'
  /** Inside an assistant message: its rendered text. */
  | 'replyText'
  /** Inside a user message: its text (none listed: the message holds nothing else). */
  | 'userText'
  /** In a reply's turn, after its text: the Copy button of the action row that ends a reply. */
  | 'replyDone'
  | 'newChat'
  /** Where the chat's title is shown when `document.title` does not carry it. */
  | 'chatTitle'
  /** Where ChatGPT says the chat has reached its maximum length (one with `MAX_LENGTH_TEXT` in it). */
  | 'maxLengthNotice';

/**
 * ChatGPT's sentence when a chat is full, on every generation: "You've reached the maximum length
 * for this conversation, but you can keep talking by starting a new chat." (and in 2023 "The
 * conversation is too long, please start a new one."). English only: another language's notice
 * is not recognised, and the meter then keeps the setting's limit.
 */
export const MAX_LENGTH_TEXT = /maximum length for this conversation|conversation is too long/i;

export interface PageGeneration {
  readonly id: GenerationId;
  /** Any of these in the page says it is this generation. */
  readonly signature: readonly string[];
  /** The attribute that holds a message's id (for the anchor's source). */
  readonly messageIdAttribute: string;
  /** Whether its composer takes a file pasted or dropped into it (a rescue's transcript goes in as one). */
  readonly acceptsFiles: boolean;
  readonly selectors: Readonly<Record<PagePart, readonly string[]>>;
}
