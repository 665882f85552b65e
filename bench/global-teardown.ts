import os from 'node:os';
import { readMetrics, rows, table, writeReport } from './report';

/** Prints the one table and writes bench-results/bench.json, whatever happened to single runs. */
export default function globalTeardown(): void {
  const metrics = readMetrics();
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, ${os.platform()} ${os.release()}, Node ${process.version}`;
  const file = writeReport(metrics, { date: new Date().toISOString(), machine });
  const missed = rows(metrics).filter((r) => !r.pass).map((r) => r.metric);
  console.log(`\nGPT Anchors bench — ${new Date().toISOString()} — ${machine}\n\n${table(metrics)}\n`);
  console.log(missed.length ? `Missed: ${missed.join('; ')}.` : 'Every target met.');
  console.log(`Details and every run: ${file}`);
}
