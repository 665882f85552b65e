/**
 * Reading a hand-kept timestamp: the date, and the time when it can be read. Pure.
 */

export interface StampReading {
  createdAt?: string;
  timeKnown: boolean;
  warning?: string;
}

/** Local date + time → ISO. A broken time keeps the date (at 00:00, time unknown). */
export function readStamp(stamp: { time: string; date: string }): StampReading {
  const day = readDate(stamp.date);
  if (!day) {
    return { timeKnown: false, warning: `date \`${stamp.date}\` is not a date; the anchor was kept without a date` };
  }
  const [y, m, d] = day;
  const clock = readClock(stamp.time);
  if (clock) return { createdAt: new Date(y, m - 1, d, clock[0], clock[1]).toISOString(), timeKnown: true };
  const midnight = new Date(y, m - 1, d).toISOString();
  if (stamp.time === '') return { createdAt: midnight, timeKnown: false, warning: 'no time given; kept the date, time unknown' };
  // `--:--` is how our own export writes an unknown time: not a problem to report.
  if (stamp.time === '--:--') return { createdAt: midnight, timeKnown: false };
  return { createdAt: midnight, timeKnown: false, warning: `time \`${stamp.time}\` is not a time; kept the date, time unknown` };
}

/** `9:05`, `09:05:30`, `9.05`, `9:05 pm` → [hours, minutes], or null when it is no time of day. */
function readClock(text: string): [number, number] | null {
  const time = /^(\d{1,2})[:.](\d{2})(?::\d{2})?\s*(?:([ap])\.?m\.?)?$/i.exec(text);
  if (!time) return null;
  let h = Number(time[1]);
  const min = Number(time[2]);
  const half = time[3]?.toLowerCase();
  if (half) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (half === 'p' ? 12 : 0);
  }
  return h > 23 || min > 59 ? null : [h, min];
}

/**
 * `MM/DD/YYYY`, `YYYY-MM-DD` (or `YYYY/MM/DD`), `MM-DD-YYYY`, `DD.MM.YYYY`, and any of them with a
 * two-digit year (`03/14/26` is 2026) → [year, month, day], checked.
 */
function readDate(text: string): [number, number, number] | null {
  const parts = text.split(/[/.-]/);
  const nums = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : NaN));
  const [a = NaN, b = NaN, c = NaN] = nums;
  let ymd: [number, number, number];
  if ((parts[0] ?? '').length === 4) ymd = [a, b, c];
  else if (text.includes('.')) ymd = [c, b, a];
  else ymd = [c, a, b];
  const yearDigits = (parts[0] ?? '').length === 4 ? 4 : (parts[2] ?? '').length;
  if (yearDigits === 2) ymd[0] += 2000;
  else if (yearDigits !== 4) return null;
  const [y, m, d] = ymd;
  if (![y, m, d].every(Number.isInteger) || y < 100 || m < 1 || m > 12 || d < 1) return null;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]! ? ymd : null;
}
