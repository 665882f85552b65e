/** "just now", "5 min ago", "3 h ago", "2 d ago", then the date: how long ago, in a glance. */
export function relativeTime(iso: string, now = Date.now()): string {
  const seconds = Math.round((now - Date.parse(iso)) / 1000);
  if (!Number.isFinite(seconds)) return '';
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days < 30) return `${days} d ago`;
  return new Date(iso).toLocaleDateString();
}

/** The exact local time, for tooltips. */
export function exactTime(iso: string, timeKnown = true): string {
  const date = new Date(iso);
  return timeKnown ? date.toLocaleString() : `${date.toLocaleDateString()} (time unknown)`;
}
