import { existsSync } from 'node:fs';

/** Chromium flags for this kind of machine: no sandbox as root, no calls to the internet. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Playwright cannot download its own browsers here, so the suite drives a system Chromium:
 * PORTICO_CHROMIUM if set, else Debian's /usr/bin/chromium.
 */
export function findChromium(): string {
  const candidates = [process.env.PORTICO_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((path): path is string => Boolean(path && existsSync(path)));
  if (!found) {
    throw new Error(
      'No Chromium found for the e2e suite. Install one with `sudo apt-get install -y chromium` ' +
        '(Debian/Ubuntu), or set PORTICO_CHROMIUM to the path of a Chromium or Chrome binary.',
    );
  }
  return found;
}
