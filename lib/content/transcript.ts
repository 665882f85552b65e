/**
 * The transcript a rescue gives the new chat: built on the page from what the page shows, and it
 * goes nowhere but into ChatGPT's own composer (as a `.md` file where the composer takes files,
 * else as text). Pure: messages in, text out.
 */

export type TranscriptMessage = { role: 'user' | 'assistant'; text: string };

/** How much text a rescue writes into the composer when it cannot attach a file (with the request). */
export const RESCUE_TEXT_CHARS = 12_000;

const HEADINGS = { user: 'You', assistant: 'ChatGPT' } as const;

function block({ role, text }: TranscriptMessage): string {
  return `## ${HEADINGS[role]}\n\n${text.trim()}`;
}

/** The whole chat as markdown: a title, where it came from, then each message under who said it. */
export function transcriptMarkdown(messages: readonly TranscriptMessage[], about: { title: string; url: string; at: Date }): string {
  const head = `# ${about.title || 'ChatGPT chat'}\n\nTranscript of ${about.url}, taken ${about.at.toISOString().slice(0, 10)}: ${messages.length} messages.`;
  return `${[head, ...messages.map(block)].join('\n\n')}\n`;
}

/** A file name for the transcript: the chat's title in safe characters. */
export function transcriptFileName(title: string): string {
  const base = title.replace(/[^\p{L}\p{N} _-]+/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, 60);
  return `${base || 'chat'} - transcript.md`;
}

/**
 * The latest messages whose blocks fit in `budget` characters, oldest first, and how many were
 * left out. A single latest message longer than the budget is cut from its start.
 */
export function latestThatFit(messages: readonly TranscriptMessage[], budget: number): { text: string; kept: number } {
  const kept: string[] = [];
  let used = 0;
  for (let i = messages.length - 1; i >= 0; i -= 1) {
    const text = block(messages[i]!);
    const cost = text.length + 2;
    if (used + cost > budget) {
      if (kept.length === 0 && budget > 100) kept.push(`${text.slice(0, budget - 100)}…`);
      break;
    }
    kept.unshift(text);
    used += cost;
  }
  return { text: kept.join('\n\n'), kept: kept.length };
}
