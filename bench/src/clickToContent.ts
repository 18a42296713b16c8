/* The warm measurement: from the click on the Catalog link to the catalog's data on screen. */
import type { Browser } from '@playwright/test';
import type { AppUnderTest } from './apps';
import { RUNS } from './settings';

/**
 * In-page script: resolves with the milliseconds from the next click to the first animation frame
 * after a table cell reading `text` appeared. A string, so that no bundler helper leaks into it.
 */
function watchForRow(text: string): string {
  const cells = `[...document.querySelectorAll('td, [role="cell"]')]`;
  return `new Promise(resolve => {
    let clickedAt = 0;
    document.addEventListener('click', event => { clickedAt = event.timeStamp; }, { capture: true, once: true });
    const found = () => ${cells}.some(cell => cell.textContent.trim() === ${JSON.stringify(text)});
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
export async function measureClickToContent(browser: Browser, app: AppUnderTest): Promise<number[]> {
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
