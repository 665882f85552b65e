import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../tests/e2e/support/paths';

/**
 * The bench's results: each measurement appends its metric to a scratch file as soon as it has
 * it (a failed measurement then loses only itself), and the teardown prints one table and
 * writes bench-results/bench.json.
 */

export type Metric = {
  id: string;
  label: string;
  unit: 'ms' | 'KB' | 'MB' | 'ratio' | '%';
  target: number;
  /** Every run's value; the median is what meets the target or not. */
  samples: number[];
  /** How it was measured, and anything a reader needs to trust the number. */
  note: string;
  details?: unknown;
};

export const RESULTS_DIR = path.join(REPO_ROOT, 'bench-results');
const SCRATCH = path.join(RESULTS_DIR, '.bench-metrics.jsonl');

export function resetMetrics(): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  rmSync(SCRATCH, { force: true });
}

export function recordMetric(metric: Metric): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(SCRATCH, `${JSON.stringify(metric)}\n`, { flag: 'a' });
}

export function readMetrics(): Metric[] {
  if (!existsSync(SCRATCH)) return [];
  return readFileSync(SCRATCH, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Metric);
}

export function summarize(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const mid = sorted.length % 2 ? at(0.5) : ((sorted[sorted.length / 2 - 1] ?? NaN) + (sorted[sorted.length / 2] ?? NaN)) / 2;
  return { n: sorted.length, min: sorted[0] ?? NaN, median: mid, p90: at(0.9), max: sorted.at(-1) ?? NaN };
}

const ORDER = [
  'contentScriptGzip',
  'popupFirstPaintJsGzip',
  'longChatScriptRatio',
  'longChatExtensionShare',
  'longChatExtensionPercent',
  'composerToButton',
  'longChatScriptRatioC',
  'longChatExtensionShareC',
  'longChatExtensionPercentC',
  'composerToButtonC',
  'saveClickToStored',
  'popupFirstPaint',
  'searchKeystroke',
  'boardPaint',
  'export10k',
  'import10k',
  'logFileRewrite10k',
  'import100k',
  'parse100KB',
  'parse1MB',
  'parse2MB',
  'parseReply',
  'contentScriptHeap',
  'contentScriptHeapC',
  'tokenize500',
];

const format = (value: number, unit: Metric['unit']) =>
  unit === 'ratio' ? value.toFixed(3) : unit === '%' ? `${value.toFixed(2)} %` : unit === 'ms' ? `${value < 10 ? value.toFixed(1) : Math.round(value)} ms` : `${value.toFixed(unit === 'MB' ? 2 : 1)} ${unit}`;

export type Row = { id: string; metric: string; median: string; spread: string; target: string; pass: boolean; n: number };

export function rows(metrics: Metric[]): Row[] {
  const sorted = [...metrics].sort((a, b) => (ORDER.indexOf(a.id) + 1 || 99) - (ORDER.indexOf(b.id) + 1 || 99));
  return sorted.map((m) => {
    const s = summarize(m.samples);
    return {
      id: m.id,
      metric: m.label,
      median: format(s.median, m.unit),
      spread: s.n > 1 ? `${format(s.min, m.unit)} – ${format(s.max, m.unit)} (p90 ${format(s.p90, m.unit)}, n=${s.n})` : '—',
      target: `≤ ${format(m.target, m.unit)}`,
      pass: s.median <= m.target,
      n: s.n,
    };
  });
}

export function table(metrics: Metric[]): string {
  const all = rows(metrics);
  const header = ['metric', 'median', 'spread', 'target', 'pass'];
  const cells = all.map((r) => [r.metric, r.median, r.spread, r.target, r.pass ? 'pass' : 'FAIL']);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

export function writeReport(metrics: Metric[], extra: Record<string, unknown>): string {
  const file = path.join(RESULTS_DIR, 'bench.json');
  const summary = rows(metrics);
  const report = {
    ...extra,
    metrics: metrics.map((m) => ({ ...m, ...summarize(m.samples), pass: summary.find((r) => r.id === m.id)?.pass })),
  };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
