/*
 * `npm run bench`: Portico's shell against the stock Backstage app, measured in the same run, on
 * the same backend, in the same Chromium.
 *
 * 1. Builds the stock app (bench/stock-app, skipped when unchanged); scripts/start.ts builds the
 *    shell and the remotes (skipped when unchanged) and starts the portal on spare ports with a
 *    fresh data folder. The backend's CORS admits both apps' origins.
 * 2. For each app, in a fresh browser context (cold HTTP cache): the JavaScript the browser fetched
 *    before the first screen (the signed-in home with its navigation), raw and gzipped.
 * 3. Then, warm (HTTP cache filled, page loaded): from the click on the Catalog link to the first
 *    row of catalog data on screen, several times; the median and the spread.
 *
 * Figures only, never assertions: timings vary from machine to machine. Environment:
 * BENCH_RUNS (warm runs per app, default 9), BENCH_BACKEND_PORT (7407), BENCH_SHELL_PORT (3407),
 * BENCH_STOCK_PORT (3408), PORTICO_CHROMIUM.
 *
 * This file runs the steps in order; the parts live beside it: settings.ts (paths, ports, runs),
 * servers.ts (the stock app's build and server, the portal's start and stop), apps.ts (how each
 * app is driven), firstScreen.ts (step 2), clickToContent.ts (step 3), table.ts (the report).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
// The same Chromium and flags the e2e suite drives, so both measure one browser setup.
import { CHROMIUM_ARGS, findChromium } from '@portico/e2e/chromium';
import { APPS } from './apps';
import { measureClickToContent } from './clickToContent';
import { measureFirstScreen } from './firstScreen';
import { buildStockApp, serveStockApp, startPortal, stopPortal } from './servers';
import { ROOT, RUNS, log } from './settings';
import { printTable, type AppResult } from './table';

async function main() {
  const chromiumPath = findChromium();
  await buildStockApp();
  const dataDir = await mkdtemp(join(tmpdir(), 'portico-bench-'));
  let portal: ChildProcess | undefined;
  let stockServer: Server | undefined;
  let browser: Browser | undefined;
  try {
    portal = await startPortal(dataDir);
    stockServer = await serveStockApp();
    browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
    const results: AppResult[] = [];
    for (const app of APPS) {
      log(`${app.label}: first screen (cold)`);
      const first = await measureFirstScreen(browser, app);
      log(`${app.label}: click to content, warm, ${RUNS} runs`);
      const clicks = await measureClickToContent(browser, app);
      results.push({ app, first, clicks });
    }
    printTable(results);
    const shellVersion = JSON.parse(await readFile(join(ROOT, 'shell', 'package.json'), 'utf8')).version;
    log(`done (shell ${shellVersion}, Chromium ${browser.version()})`);
  } finally {
    await browser?.close();
    stockServer?.close();
    await stopPortal(portal);
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch(error => {
  process.stderr.write(`[bench] ${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
