/**
 * Timing marks the bench reads (bench/popup.bench.spec.ts): when the list first painted, and how
 * long each keystroke took to reach the DOM. Cheap enough to leave on in production.
 */
let firstPaintMarked = false;
let keyAt: number | undefined;

/** Call once the list (or its empty state) is in the DOM; marks the next frame as its paint. */
export function markFirstListPaint(): void {
  if (firstPaintMarked) return;
  firstPaintMarked = true;
  performance.mark('list-rendered');
  requestAnimationFrame(() => performance.mark('list-painted'));
}

/** The keydown that starts a search update (event time, relative to the time origin). */
export function noteSearchKey(timeStamp: number): void {
  keyAt = timeStamp;
}

/** Call when the results of the last keystroke are in the DOM. */
export function markSearchRendered(): void {
  const start = keyAt;
  if (start === undefined) return;
  keyAt = undefined;
  performance.measure('search-update', { start, end: performance.now() });
  // …and to the frame that shows them (style and layout included).
  requestAnimationFrame(() => performance.measure('search-frame', { start, end: performance.now() }));
}
