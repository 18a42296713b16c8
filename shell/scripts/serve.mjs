// Serves the built shell (shell/dist) with a single-page-app fallback, the runtime config and a
// Content-Security-Policy. Every setting comes from the environment (see shell/README.md):
//
//   PORTICO_SHELL_PORT               port to listen on (default 3000)
//   PORTICO_BACKEND_URL              backend base URL handed to the browser (default http://localhost:7007)
//   PORTICO_REMOTE_ORIGINS           other origins remotes may be served from, comma-separated
//   PORTICO_REMOTE_LOAD_TIMEOUT_MS   a remote load that takes longer fails (default 15000)
//   PORTICO_REMOTE_LOAD_ATTEMPTS     attempts at a remote load when failures are transient (default 3)
//   PORTICO_REMOTE_RETRY_DELAY_MS    delay before the first automatic retry (default 300)
//   PORTICO_MANIFEST_POLL_MS         how often open portals look for new versions; 0 = never (default 30000)
//   PORTICO_SIGN_IN_PROVIDERS        sign-in buttons among guest, development, oidc (default guest,development)
//   PORTICO_AUTH_ENVIRONMENT         auth environment of the OIDC provider, ?env= (default development)
//   PORTICO_OIDC_TITLE               "Sign in with <title>" on the OIDC button (default Single sign-on)
//
// The bundle never changes between environments: everything environment-specific is in
// GET /config.json and the headers, which this server answers from its environment.
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import express from 'express';
import serverConfig from './serverConfig.cjs';

const { buildContentSecurityPolicy, readShellServerConfig, registryAssetsSource } = serverConfig;

const distDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const indexHtmlPath = path.join(distDir, 'index.html');

if (!fs.existsSync(indexHtmlPath)) {
  console.error(`shell/dist/index.html is missing: run "npm run build --workspace shell" first`);
  process.exit(1);
}

let settings;
try {
  settings = readShellServerConfig(process.env);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
const indexHtml = fs.readFileSync(indexHtmlPath, 'utf8');
const contentSecurityPolicy = buildContentSecurityPolicy({
  backendUrl: settings.runtimeConfig.backendBaseUrl,
  remoteOrigins: settings.remoteOrigins,
  indexHtml,
});
/** Files whose name carries a content hash never change, so browsers may keep them. */
const HASHED_FILE = /\.[0-9a-f]{16,}\.js(\.map)?$/;

const app = express();
app.disable('x-powered-by');

app.use((_req, res, next) => {
  res.set({
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
  });
  next();
});

app.get('/config.json', (_req, res) => {
  res.set('Cache-Control', 'no-store');
  res.json(settings.runtimeConfig);
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
      res.set('Cache-Control', HASHED_FILE.test(filePath) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  }),
);

// Single-page-app fallback: any other GET without a file extension is a client-side route.
// A missing file (say, a stale chunk) stays a 404 rather than HTML that would break a script.
app.get('*', (req, res, next) => {
  if (path.extname(req.path) !== '') return next();
  res.set('Cache-Control', 'no-cache');
  res.type('html').send(indexHtml);
});

app.use((_req, res) => {
  res.status(404).type('text/plain').send('Not found');
});

const server = app.listen(settings.port, () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : settings.port;
  console.log(
    `Portico shell listening on http://localhost:${actualPort} (backend ${settings.runtimeConfig.backendBaseUrl}; ` +
      `script sources: ${['self', registryAssetsSource(settings.runtimeConfig.backendBaseUrl), ...settings.remoteOrigins].join(', ')})`,
  );
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => server.close(() => process.exit(0)));
}
