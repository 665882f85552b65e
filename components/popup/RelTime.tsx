import { exactTime, relativeTime } from '../../lib/model/time';

/** "3 h ago", with the exact local time on hover. */
export function RelTime({ iso, timeKnown = true, prefix = '' }: { iso: string; timeKnown?: boolean; prefix?: string }) {
  return (
    <time dateTime={iso} title={exactTime(iso, timeKnown)}>
      {prefix}
      {relativeTime(iso)}
    </time>
  );
}
