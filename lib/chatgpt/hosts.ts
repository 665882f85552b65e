/** Where ChatGPT lives; the manifest's matches and host permissions say the same. */
export const CHATGPT_ORIGINS = ['https://chatgpt.com', 'https://chat.openai.com'] as const;
export const CHATGPT_MATCHES = CHATGPT_ORIGINS.map((origin) => `${origin}/*`);
export const NEW_CHAT_URL = 'https://chatgpt.com/';

export function isChatGptUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    return (CHATGPT_ORIGINS as readonly string[]).includes(new URL(url).origin);
  } catch {
    return false;
  }
}
