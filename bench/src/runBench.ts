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
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';
// The same Chromium and flags the e2e suite drives, so both measure one browser setup.
import { CHROMIUM_ARGS, findChromium } from '@portico/e2e/chromium';
import { createBuildCache, hashInputs } from '@portico/scripts/buildCache';
import { run } from '@portico/scripts/processes';

const ROOT = resolve(__dirname, '..', '..');
const STOCK_DIR = join(ROOT, 'bench', 'stock-app');
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const BACKEND_PORT = process.env.BENCH_BACKEND_PORT ?? '7407';
const SHELL_PORT = process.env.BENCH_SHELL_PORT ?? '3407';
const STOCK_PORT = process.env.BENCH_STOCK_PORT ?? '3408';
const BACKEND_URL = `http://localhost:${BACKEND_PORT}`;
const SHELL_URL = `http://localhost:${SHELL_PORT}`;
const STOCK_URL = `http://localhost:${STOCK_PORT}`;

function log(message: string) {
  process.stderr.write(`[bench] ${message}\n`);
}

/** How one app is driven: where it starts, what its first screen is, which link opens the catalog. */
interface AppUnderTest {
  label: string;
  url: string;
  /** Prepares a fresh context so that the first screen is the signed-in home, as on any later visit. */
  rememberSignIn?: string;
  firstScreen: (page: Page) => Promise<void>;
  catalogLink: (page: Page) => ReturnType<Page['getByRole']>;
  /**
   * The table cell that says the catalog answered: the row of portico-shell, a component Ada's
   * team owns (the stock page lists what you own by default, by title; Portico's catalog remote
   * lists every component, by name).
   */
  catalogCellText: string;
}

const APPS: AppUnderTest[] = [
  {
    label: 'Portico shell',
    url: SHELL_URL,
    rememberSignIn: "localStorage.setItem('portico.signInProvider', 'guest')",
    firstScreen: page =>
      page.getByRole('navigation', { name: 'Remotes' }).getByRole('link', { name: 'Catalog', exact: true }).waitFor(),
    catalogLink: page =>
      page.getByRole('navigation', { name: 'Remotes' }).getByRole('link', { name: 'Catalog', exact: true }),
    catalogCellText: 'portico-shell',
  },
  {
    label: 'Stock Backstage',
    url: STOCK_URL,
    // Its sign-in page (`auto`) signs in again with the provider remembered from the last visit.
    rememberSignIn: "localStorage.setItem('@backstage/core:SignInPage:provider', 'guest')",
    firstScreen: page => page.getByRole('link', { name: 'Catalog', exact: true }).first().waitFor(),
    catalogLink: page => page.getByRole('link', { name: 'Catalog', exact: true }).first(),
    catalogCellText: 'Portico shell',
  },
];

async function buildStockApp() {
  const cache = createBuildCache(join(ROOT, 'node_modules', '.cache', 'portico'));
  const hash = await hashInputs(ROOT, ['bench/stock-app', 'package-lock.json']);
  if (await cache.isFresh('bench-stock-app', hash, join(STOCK_DIR, 'dist', 'index.html'))) {
    log('stock app: unchanged, not rebuilt');
    return;
  }
  log('stock app: building (about a minute)');
  const started = Date.now();
  await run(
    process.execPath,
    [join(ROOT, 'node_modules/webpack-cli/bin/cli.js'), '--config', 'stock-app/webpack.config.js'],
    {
      cwd: join(ROOT, 'bench'),
      label: 'build the stock app',
    },
  );
  await cache.record('bench-stock-app', hash);
  log(`stock app: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.html': 'text/html',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/** Serves the stock app's dist folder with a single-page-app fallback and its configuration. */
function serveStockApp(): Promise<Server> {
  const dist = join(STOCK_DIR, 'dist');
  const config = JSON.stringify({
    app: { title: 'Backstage', baseUrl: STOCK_URL },
    backend: { baseUrl: BACKEND_URL },
  });
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', STOCK_URL).pathname);
    if (path === '/bench-config.json') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(config);
      return;
    }
    const file = join(dist, path);
    const isFile =
      file.startsWith(dist) &&
      (await stat(file).then(
        s => s.isFile(),
        () => false,
      ));
    if (!isFile && extname(path) !== '') {
      res.writeHead(404).end();
      return;
    }
    const target = isFile ? file : join(dist, 'index.html');
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(target)] ?? 'application/octet-stream',
      // Like the shell's server: hashed files are immutable, the page is revalidated.
      'Cache-Control': /\.[0-9a-f]{16,}\./.test(target) ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    createReadStream(target).pipe(res);
  });
  return new Promise(resolveServer => server.listen(Number(STOCK_PORT), () => resolveServer(server)));
}

/** Starts the portal with the same script `npm start` uses, and resolves when it is ready. */
async function startPortal(dataDir: string): Promise<ChildProcess> {
  const portal = spawn(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/start.ts'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORTICO_DATA_DIR: dataDir,
      PORTICO_BACKEND_PORT: BACKEND_PORT,
      PORTICO_SHELL_PORT: SHELL_PORT,
      // The stock app calls the same backend from its own origin.
      APP_CONFIG_backend_cors_origin: JSON.stringify([SHELL_URL, STOCK_URL]),
    },
  });
  let output = '';
  await new Promise<void>((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`the portal did not start:\n${output.slice(-3000)}`)), 8 * 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(`Portico is running at ${SHELL_URL}`)) {
        clearTimeout(timer);
        resolveReady();
      }
    };
    portal.stdout?.on('data', onData);
    portal.stderr?.on('data', onData);
    portal.once('exit', code => {
      clearTimeout(timer);
      reject(new Error(`the portal exited with ${code}:\n${output.slice(-3000)}`));
    });
  });
  portal.removeAllListeners('exit');
  log('portal is running');
  return portal;
}

interface FirstScreen {
  files: number;
  rawBytes: number;
  gzipBytes: number;
}

/** JavaScript fetched before the first screen, in a fresh context (cold HTTP cache). */
async function measureFirstScreen(browser: Browser, app: AppUnderTest): Promise<FirstScreen> {
  const context = await browser.newContext();
  if (app.rememberSignIn) await context.addInitScript(app.rememberSignIn);
  const page = await context.newPage();
  const bodies: Array<Promise<Buffer | undefined>> = [];
  let counting = true;
  page.on('response', response => {
    const type = response.headers()['content-type'] ?? '';
    if (counting && (type.includes('javascript') || response.url().endsWith('.js'))) {
      bodies.push(response.body().catch(() => undefined));
    }
  });
  await page.goto(app.url);
  await app.firstScreen(page);
  counting = false;
  const scripts = (await Promise.all(bodies)).filter((body): body is Buffer => body !== undefined);
  await context.close();
  return {
    files: scripts.length,
    rawBytes: scripts.reduce((sum, body) => sum + body.length, 0),
    gzipBytes: scripts.reduce((sum, body) => sum + gzipSync(body).length, 0),
  };
}

/**
 * In-page script: resolves with the milliseconds from the next click to the first animation frame
 * after a table cell reading `text` appeared. A string, so that no bundler helper leaks into it.
 */
function watchForRow(text: string): string {
  return `new Promise(resolve => {
    let clickedAt = 0;
    document.addEventListener('click', event => { clickedAt = event.timeStamp; }, { capture: true, once: true });
    const found = () => [...document.querySelectorAll('td, [role="cell"]')].some(cell => cell.textContent.trim() === ${JSON.stringify(text)});
    const observer = new MutationObserver(() => {
      if (clickedAt && found()) {
        observer.disconnect();
        requestAnimationFrame(() => resolve(performance.now() - clickedAt));
      }
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  })`;
}

/**
 * Warm click-to-content: the HTTP cache is filled by a first visit; each run loads the app, waits
 * for its first screen, clicks the Catalog link and waits for a catalog row to be on screen. The
 * time runs from the click event to the first animation frame after the row appeared.
 */
async function measureClickToContent(browser: Browser, app: AppUnderTest): Promise<number[]> {
  const context = await browser.newContext();
  if (app.rememberSignIn) await context.addInitScript(app.rememberSignIn);
  const page = await context.newPage();
  const times: number[] = [];
  for (let runNumber = 0; runNumber <= RUNS; runNumber++) {
    await page.goto(app.url);
    await app.firstScreen(page);
    const done = page.evaluate(watchForRow(app.catalogCellText)) as Promise<number>;
    done.catch(() => undefined);
    await app.catalogLink(page).click();
    const elapsed = await done;
    // The first run fills the cache (and the remote's registration); it is not counted.
    if (runNumber > 0) times.push(elapsed);
  }
  await context.close();
  return times;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
const ms = (value: number) => `${value.toFixed(0)} ms`;

function printTable(results: Array<{ app: AppUnderTest; first: FirstScreen; clicks: number[] }>) {
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
    const results = [];
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
    if (portal?.pid && portal.exitCode === null) {
      const exited = new Promise(resolveExit => portal!.once('exit', resolveExit));
      try {
        process.kill(-portal.pid, 'SIGTERM');
        await Promise.race([exited, new Promise(resolveWait => setTimeout(resolveWait, 10_000))]);
      } catch {
        // already gone
      }
    }
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch(error => {
  process.stderr.write(`[bench] ${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
