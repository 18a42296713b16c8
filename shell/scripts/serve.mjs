// Serves the built shell (shell/dist) with a single-page-app fallback and the runtime config.
//
//   PORTICO_SHELL_PORT   port to listen on (default 3000)
//   PORTICO_BACKEND_URL  backend base URL handed to the browser (default http://localhost:7007)
//
// The bundle never changes between environments: everything environment-specific is in
// GET /config.json, which this server answers from its environment.
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import express from 'express';

const DEFAULT_PORT = 3000;
const DEFAULT_BACKEND_URL = 'http://localhost:7007';
const APP_TITLE = 'Portico';

const distDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const indexHtml = path.join(distDir, 'index.html');

function readPort() {
  const raw = process.env.PORTICO_SHELL_PORT;
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORTICO_SHELL_PORT must be a port number, got "${raw}"`);
  }
  return port;
}

function readBackendUrl() {
  const raw = process.env.PORTICO_BACKEND_URL || DEFAULT_BACKEND_URL;
  try {
    return new URL(raw).toString().replace(/\/+$/, '');
  } catch {
    throw new Error(`PORTICO_BACKEND_URL must be an absolute URL, got "${raw}"`);
  }
}

if (!fs.existsSync(indexHtml)) {
  console.error(`shell/dist/index.html is missing: run "npm run build --workspace shell" first`);
  process.exit(1);
}

const port = readPort();
const runtimeConfig = { backendBaseUrl: readBackendUrl(), appTitle: APP_TITLE };
/** Files whose name carries a content hash never change, so browsers may keep them. */
const HASHED_FILE = /\.[0-9a-f]{16,}\.js(\.map)?$/;

const app = express();
app.disable('x-powered-by');

app.get('/config.json', (_req, res) => {
  res.set('Cache-Control', 'no-store');
  res.json(runtimeConfig);
});

app.use(
  express.static(distDir, {
    index: false,
    setHeaders(res, filePath) {
      if (/\.js(\.map)?$/.test(filePath)) {
        // Scripts may be loaded with crossorigin="anonymous" (SRI), which needs CORS even
        // on the same origin.
        res.set('Access-Control-Allow-Origin', '*');
      }
      res.set(
        'Cache-Control',
        HASHED_FILE.test(filePath) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  }),
);

// Single-page-app fallback: any other GET without a file extension is a client-side route.
// A missing file (say, a stale chunk) stays a 404 rather than HTML that would break a script.
app.get('*', (req, res, next) => {
  if (path.extname(req.path) !== '') return next();
  res.set('Cache-Control', 'no-cache');
  res.sendFile(indexHtml);
});

app.use((_req, res) => {
  res.status(404).type('text/plain').send('Not found');
});

const server = app.listen(port, () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  console.log(
    `Portico shell listening on http://localhost:${actualPort} (backend ${runtimeConfig.backendBaseUrl})`,
  );
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => server.close(() => process.exit(0)));
}
