/** The log's file in the chosen folder, always in the canonical export format (lib/log/format.ts formatLog). */
export const LOG_FILE_NAME = 'GPT Anchors Log.md';
