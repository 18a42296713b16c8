/* The cold measurement: how much JavaScript an app makes the browser fetch before its first screen. */
import { gzipSync } from 'node:zlib';
import type { Browser } from '@playwright/test';
import type { AppUnderTest } from './apps';

export interface FirstScreen {
  files: number;
  rawBytes: number;
  gzipBytes: number;
}

/** JavaScript fetched before the first screen, in a fresh context (cold HTTP cache). */
export async function measureFirstScreen(browser: Browser, app: AppUnderTest): Promise<FirstScreen> {
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
