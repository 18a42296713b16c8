import { expect, type Page, test } from '@playwright/test';
import { nav } from '../support/remotePages';
import { signInAs } from '../support/signInAs';

/** What the sample organisation says about payment intents, by location. */
const PAYMENTS_API = '/catalog/default/component/payments-api';
const PAYMENTS_REST = '/catalog/default/api/payments-rest';

function results(page: Page) {
  return page.getByTestId('search-result');
}

/** Searches from the search page, waiting for the index to hold `expected` (it is rebuilt on a schedule). */
async function searchUntil(page: Page, term: string, expected: string) {
  await nav(page).getByRole('link', { name: 'Search', exact: true }).click();
  await expect(async () => {
    await page.goto(`/search?q=${encodeURIComponent(term)}`);
    await expect(page.locator(`[data-testid="search-result"][data-location="${expected}"]`)).toBeVisible({
      timeout: 2_000,
    });
  }).toPass({ timeout: 90_000 });
}

/**
 * The search remote shows each user only what the permission policy lets them read: the same
 * query finds the payments team's component for Ada (platform engineer) and not for Sven
 * (search team), who still finds the payments API, which every team may read.
 */
test('search finds only what the signed-in user may read', async ({ browser }) => {
  const ada = await (await browser.newContext()).newPage();
  const sven = await (await browser.newContext()).newPage();
  try {
    await signInAs(ada, 'ada');
    await signInAs(sven, 'sven');
    await searchUntil(ada, 'intents', PAYMENTS_API);
    await expect(ada.getByRole('heading', { name: 'Payments API', exact: true })).toBeVisible();

    await searchUntil(sven, 'intents', PAYMENTS_REST);
    const found = await results(sven).evaluateAll(items => items.map(item => item.getAttribute('data-location')));
    expect(found).not.toContain(PAYMENTS_API);
    await expect(sven.getByRole('heading', { name: 'Payments REST API', exact: true })).toBeVisible();
    await expect(sven.getByRole('heading', { name: 'Payments API', exact: true })).toHaveCount(0);

    // Typing searches too (debounced), and the term is kept in the URL.
    await sven.getByTestId('search-input').fill('payments-api');
    await expect(sven).toHaveURL(/q=payments-api/);
    await expect(sven.getByTestId('search-status')).not.toHaveText('Searching…');
    await expect(sven.locator(`[data-location="${PAYMENTS_API}"]`)).toHaveCount(0);

    // Only docs: nothing (and no failure while no docs are indexed).
    await sven.getByTestId('search-type').selectOption('techdocs');
    await expect(sven).toHaveURL(/type=techdocs/);
    await expect(sven.getByTestId('search-status')).toHaveText(/Nothing found/);
  } finally {
    await ada.context().close();
    await sven.context().close();
  }
});
