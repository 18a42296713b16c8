/* The bench's report: one table on stdout, Portico's shell beside the stock app. */
import type { AppUnderTest } from './apps';
import type { FirstScreen } from './firstScreen';
import { BACKEND_URL, RUNS } from './settings';

export interface AppResult {
  app: AppUnderTest;
  first: FirstScreen;
  clicks: number[];
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
const ms = (value: number) => `${value.toFixed(0)} ms`;

export function printTable(results: AppResult[]) {
  const [shell, stock] = results;
  const rows = [
    ['', shell.app.label, stock.app.label, 'shell / stock'],
    ['JS before first screen (files)', String(shell.first.files), String(stock.first.files), ''],
    [
      'JS before first screen, raw',
      kb(shell.first.rawBytes),
      kb(stock.first.rawBytes),
      `${((100 * shell.first.rawBytes) / stock.first.rawBytes).toFixed(1)} %`,
    ],
    [
      'JS before first screen, gzip',
      kb(shell.first.gzipBytes),
      kb(stock.first.gzipBytes),
      `${((100 * shell.first.gzipBytes) / stock.first.gzipBytes).toFixed(1)} %`,
    ],
    [
      `click to catalog content, warm (median of ${RUNS})`,
      ms(median(shell.clicks)),
      ms(median(stock.clicks)),
      `${((100 * median(shell.clicks)) / median(stock.clicks)).toFixed(0)} %`,
    ],
    [
      '  min .. max',
      `${ms(Math.min(...shell.clicks))} .. ${ms(Math.max(...shell.clicks))}`,
      `${ms(Math.min(...stock.clicks))} .. ${ms(Math.max(...stock.clicks))}`,
      '',
    ],
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map(row => row[column].length)));
  const line = (row: string[]) =>
    `| ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' | ')} |`;
  process.stdout.write(
    `\n${line(rows[0])}\n|${widths.map(width => '-'.repeat(width + 2)).join('|')}|\n${rows.slice(1).map(line).join('\n')}\n`,
  );
  process.stdout.write(
    `\nKB = 1000 bytes; gzip = Node's zlib at its default level, file by file, as a server would send them.\n` +
      `Same machine, same backend (${BACKEND_URL}), same Chromium, localhost. Not assertions: figures vary between machines.\n`,
  );
}
