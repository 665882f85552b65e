/**
 * The database's name and version, shared by lib/storage/db.ts (which owns the schema, its upgrades and
 * every write) and lib/storage/db-read.ts (the popup's zod-free reads). No imports: cheap for both.
 */
export const DB_NAME = 'gpt-anchors';
export const DB_VERSION = 6;
