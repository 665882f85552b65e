/** What the popup loads after its first paint for the log file's line (see PopupLogFile). */
export { logFileApi } from './api';
export { LogFileStatus } from './LogFileStatus';
