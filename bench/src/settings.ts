/*
 * Where the bench finds the repository, which ports it uses and how many warm runs it makes:
 * read once from the environment (see runBench.ts).
 */
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');
export const STOCK_DIR = join(ROOT, 'bench', 'stock-app');
export const RUNS = Number(process.env.BENCH_RUNS ?? 9);
export const BACKEND_PORT = process.env.BENCH_BACKEND_PORT ?? '7407';
export const SHELL_PORT = process.env.BENCH_SHELL_PORT ?? '3407';
export const STOCK_PORT = process.env.BENCH_STOCK_PORT ?? '3408';
export const BACKEND_URL = `http://localhost:${BACKEND_PORT}`;
export const SHELL_URL = `http://localhost:${SHELL_PORT}`;
export const STOCK_URL = `http://localhost:${STOCK_PORT}`;

export function log(message: string) {
  process.stderr.write(`[bench] ${message}\n`);
}
