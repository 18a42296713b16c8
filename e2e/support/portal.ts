import { join, resolve } from 'node:path';

/** Where the e2e portal runs: its own ports and a fresh data folder, away from `npm start`'s. */
export const ROOT = resolve(__dirname, '..', '..');
/** Scratch space of one run (its data folder, copied remotes); PORTICO_E2E_TMP lets two runs coexist. */
export const E2E_TMP = process.env.PORTICO_E2E_TMP ?? join(ROOT, 'e2e', '.tmp');
export const DATA_DIR = join(E2E_TMP, 'data');
export const BACKEND_PORT = process.env.PORTICO_E2E_BACKEND_PORT ?? '7107';
export const SHELL_PORT = process.env.PORTICO_E2E_SHELL_PORT ?? '3107';
export const BACKEND_URL = `http://localhost:${BACKEND_PORT}`;
export const SHELL_URL = `http://localhost:${SHELL_PORT}`;
/** The publish token the e2e portal accepts (the start script takes it from the environment). */
export const PUBLISH_TOKEN = 'e2e-publish-token-not-a-secret';
