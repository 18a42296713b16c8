import { expect, test } from '@playwright/test';
import { portico } from '../support/publish';
import { nav } from '../support/remotePages';
import { signInAs } from '../support/signInAs';

/**
 * Two real identities from the catalog see two different portals: the registry console limited
 * to platform engineers, and the catalog filtered by the permission policy.
 */
test('two users see different navigation and different catalog contents', async ({ browser }) => {
  await portico('visibility', 'platform_registry', 'group:default/platform-engineers');
  const ada = await (await browser.newContext()).newPage();
  const sven = await (await browser.newContext()).newPage();
  try {
    await signInAs(ada, 'ada');
    await signInAs(sven, 'sven');
    await expect(nav(ada).getByRole('link', { name: 'Registry', exact: true })).toBeVisible();
    await expect(nav(sven).getByRole('link', { name: 'Catalog', exact: true })).toBeVisible();
    await expect(nav(sven).getByRole('link', { name: 'Registry', exact: true })).toHaveCount(0);

    // A remote the manifest does not list for Sven does not exist for him.
    await sven.goto('/registry');
    await expect(sven.getByTestId('not-found')).toBeVisible();
    await expect(sven.getByTestId('remote-outlet')).toHaveCount(0);

    for (const page of [ada, sven]) {
      await page.goto('/catalog');
      await expect(page.getByRole('cell', { name: 'search-indexer', exact: true })).toBeVisible();
    }
    // Ada (platform-engineers) reads everything; Sven (search-team) not the payments team's components.
    await expect(ada.getByRole('cell', { name: 'payments-api', exact: true })).toBeVisible();
    await expect(sven.getByRole('cell', { name: 'payments-api', exact: true })).toHaveCount(0);
    await expect(sven.getByRole('cell', { name: 'payments-db', exact: true })).toHaveCount(0);
  } finally {
    await ada.context().close();
    await sven.context().close();
    await portico('visibility', 'platform_registry');
  }
});
