import { expect, test } from '@playwright/test';
import { signIn } from '../support/signIn';

test('after sign-in the navigation lists both remotes, drawn from the manifest alone', async ({ page }) => {
  const remoteScripts: string[] = [];
  page.on('request', request => {
    if (request.url().includes('/api/registry/assets/')) remoteScripts.push(request.url());
  });
  await signIn(page);
  const nav = page.getByRole('navigation', { name: 'Remotes' });
  await expect(nav.getByRole('link', { name: 'Catalog' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Payments' })).toBeVisible();
  // The first screen never pays for remotes: nothing of theirs is fetched before a visit.
  expect(remoteScripts).toEqual([]);
});

test('the catalog remote renders real catalog data, filtered by kind', async ({ page }) => {
  await signIn(page);
  await page.getByRole('navigation', { name: 'Remotes' }).getByRole('link', { name: 'Catalog' }).click();
  await expect(page).toHaveURL(/\/catalog/);
  await expect(page.getByRole('heading', { name: 'Catalog' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'payments-api', exact: true })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'search-indexer', exact: true })).toBeVisible();

  await page.getByLabel('Kind').selectOption('Group');
  await expect(page.getByRole('cell', { name: 'platform-engineers', exact: true })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'payments-api', exact: true })).toHaveCount(0);
});

test("the payments remote lists the team's components with lifecycle and docs", async ({ page }) => {
  await signIn(page);
  await page.getByRole('navigation', { name: 'Remotes' }).getByRole('link', { name: 'Payments' }).click();
  await expect(page.getByRole('heading', { name: 'Payments', level: 1 })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: 'payments-api' });
  await expect(row).toContainText('production');
  await expect(page.getByRole('row').filter({ hasText: 'fraud-scorer' })).toContainText('experimental');
  // Only the payments team's components.
  await expect(page.getByText('search-indexer')).toHaveCount(0);

  await row.getByRole('link', { name: /docs/i }).click();
  const docs = page.frameLocator('iframe');
  await expect(docs.getByRole('heading', { name: 'Payments API' }).first()).toBeVisible({ timeout: 60_000 });
});

test('React is downloaded once, however many remotes are visited', async ({ page }) => {
  const bodies: Promise<string>[] = [];
  page.on('response', response => {
    const type = response.headers()['content-type'] ?? '';
    if (type.includes('javascript')) bodies.push(response.text().catch(() => ''));
  });
  await signIn(page);
  const nav = page.getByRole('navigation', { name: 'Remotes' });
  await nav.getByRole('link', { name: 'Catalog' }).click();
  await expect(page.getByRole('cell', { name: 'payments-api', exact: true })).toBeVisible();
  await nav.getByRole('link', { name: 'Payments' }).click();
  await expect(page.getByRole('heading', { name: 'Payments', level: 1 })).toBeVisible();

  const scripts = await Promise.all(bodies);
  // Markers that survive minification: React's public `createFactory` export, and the
  // `__reactFiber$` key React DOM stamps on nodes.
  const reactCopies = scripts.filter(body => body.includes('createFactory') && body.includes('forwardRef'));
  const reactDomCopies = scripts.filter(body => body.includes('__reactFiber$'));
  expect(reactCopies).toHaveLength(1);
  expect(reactDomCopies).toHaveLength(1);
});
