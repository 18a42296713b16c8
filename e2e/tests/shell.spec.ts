import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { HOSTED, hostFixtureRemotes, publishHosted } from '../support/fixtureRemotes';
import { nav } from '../support/remotePages';
import { rewriteManifest } from '../support/rewriteManifest';
import { signIn } from '../support/signIn';

/** Serious and critical accessibility violations on the current page, as axe-core sees them. */
async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter(violation => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      violation =>
        `${violation.id}: ${violation.help} (${violation.nodes.map(node => node.target.join(' ')).join(', ')})`,
    );
}

test('nothing of a remote is fetched before its visit, except on hover or focus of its link', async ({ page }) => {
  const assets: string[] = [];
  page.on('request', request => {
    if (request.url().includes('/api/registry/assets/')) assets.push(new URL(request.url()).pathname);
  });
  await signIn(page);
  await expect(nav(page).getByRole('link', { name: 'Payments', exact: true })).toBeVisible();
  expect(assets).toEqual([]);

  // Hovering a link prefetches that remote's entry, and only that one.
  await nav(page).getByRole('link', { name: 'Payments', exact: true }).hover();
  await expect.poll(() => assets.filter(path => path.includes('/team_payments/'))).not.toEqual([]);
  expect(assets.every(path => path.includes('/team_payments/'))).toBe(true);

  // So does keyboard focus.
  await nav(page).getByRole('link', { name: 'Catalog', exact: true }).focus();
  await expect.poll(() => assets.some(path => path.includes('/platform_catalog/'))).toBe(true);
});

test('the navigation is grouped by domain, from the catalog', async ({ page }) => {
  await signIn(page);
  const commerce = nav(page).getByRole('region', { name: 'Commerce' });
  await expect(commerce.getByRole('link', { name: 'Payments', exact: true })).toBeVisible();
  const platform = nav(page).getByRole('region', { name: 'Developer platform' });
  await expect(platform.getByRole('link', { name: 'Catalog', exact: true })).toBeVisible();
});

test('a new live version while the portal is open shows a non-blocking notice that reloads', async ({ page }) => {
  test.setTimeout(180_000);
  const host = await hostFixtureRemotes();
  await signIn(page, '/catalog');
  await expect(page.getByRole('cell', { name: 'payments-api', exact: true })).toBeVisible();
  await expect(page.getByTestId('update-notice')).toHaveCount(0);

  const version = `1.0.${Date.now() % 100000}`;
  await publishHosted(host, HOSTED.hosted, version);
  const notice = page.getByTestId('update-notice');
  await expect(notice).toContainText(`Hosted ${version} is live`);
  await expect(notice).toHaveAttribute('role', 'status');

  // Non-blocking: the portal keeps working under it.
  await nav(page).getByRole('link', { name: 'Payments', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Payments', level: 1 })).toBeVisible();

  await notice.getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByRole('heading', { name: 'Payments', level: 1 })).toBeVisible();
  await expect(page.getByTestId('update-notice')).toHaveCount(0);
  await page.goto('/');
  await expect(page.locator(`[data-testid="remote-card"][data-remote="${HOSTED.hosted.name}"]`)).toContainText(version);
});

test('themes follow the OS, and a choice in the user menu wins and is remembered', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await signIn(page);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(await background()).toBe('rgb(15, 20, 28)');

  await page.getByTestId('user-menu').getByRole('button', { expanded: false }).click();
  await page.getByRole('radio', { name: 'Light' }).check();
  expect(await background()).toBe('rgb(246, 247, 249)');
  await page.reload();
  await expect(nav(page)).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
  expect(await background()).toBe('rgb(246, 247, 249)');

  await page.getByTestId('user-menu').getByRole('button', { expanded: false }).click();
  await page.getByRole('radio', { name: 'System' }).check();
  expect(await background()).toBe('rgb(15, 20, 28)');
});

test('the user menu shows who is signed in, closes on Escape and signs out', async ({ page }) => {
  await signIn(page);
  const menuButton = page.getByTestId('user-menu').getByRole('button', { expanded: false });
  await expect(page.getByTestId('user-display-name')).toHaveText('Ada Lovelace');
  await menuButton.click();
  const panel = page.getByTestId('user-menu-panel');
  await expect(panel).toContainText('user:default/ada');
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(page.getByTestId('user-menu').getByRole('button', { expanded: false })).toBeFocused();

  await page.getByTestId('user-menu').getByRole('button', { expanded: false }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Portico' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in to Portico' })).toBeVisible();
});

test('an unknown path shows the 404 page, with a way home', async ({ page }) => {
  await signIn(page);
  await page.goto('/no/such/page');
  await expect(page.getByTestId('not-found')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Page not found', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'Go to the home page' }).click();
  await expect(page.getByRole('heading', { name: /^Welcome/ })).toBeVisible();
});

test('the portal works from the keyboard: skip link, navigation, focus moved to the page', async ({ page }) => {
  await signIn(page);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();

  // Tab to the Catalog link and open it with Enter; focus lands in the new page.
  const catalog = nav(page).getByRole('link', { name: 'Catalog', exact: true });
  await page.getByRole('link', { name: 'Skip to main content' }).focus();
  for (let presses = 0; presses < 20 && !(await catalog.evaluate(link => link === document.activeElement)); presses++) {
    await page.keyboard.press('Tab');
  }
  await expect(catalog).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/catalog$/);
  await expect(catalog).toHaveAttribute('aria-current', 'page');
  await expect(page.locator('#main')).toBeFocused();
  await expect(page.getByRole('cell', { name: 'payments-api', exact: true })).toBeVisible();
});

/** Every remote `npm start` publishes, and what shows that it has rendered its content. */
const REMOTE_PAGES: Array<[path: string, ready: (page: Page) => ReturnType<Page['getByRole']>]> = [
  ['/catalog', page => page.getByRole('cell', { name: 'payments-api', exact: true })],
  ['/payments', page => page.getByRole('row').filter({ hasText: 'payments-api' })],
  ['/registry', page => page.getByTestId('registry-table')],
  ['/search?q=intents', page => page.getByRole('search')],
];

test('no serious accessibility violations: sign-in, home, every remote in both themes, an error card, 404', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Sign in as guest' })).toBeVisible();
  expect(await seriousViolations(page), 'sign-in page').toEqual([]);

  await signIn(page);
  await expect(page.getByTestId('remote-list')).toBeVisible();
  expect(await seriousViolations(page), 'home').toEqual([]);

  await page.getByTestId('user-menu').getByRole('button', { expanded: false }).click();
  expect(await seriousViolations(page), 'user menu open').toEqual([]);
  await page.keyboard.press('Escape');

  await nav(page).getByRole('link', { name: 'Payments', exact: true }).click();
  await expect(page.getByRole('row').filter({ hasText: 'payments-api' })).toBeVisible();
  expect(await seriousViolations(page), 'payments remote').toEqual([]);

  await page.goto('/nowhere');
  await expect(page.getByTestId('not-found')).toBeVisible();
  expect(await seriousViolations(page), '404').toEqual([]);

  // An error card: a remote whose manifest entry the shell cannot use.
  await rewriteManifest(page, remote =>
    remote.name === 'platform_catalog' ? { ...remote, entry: 'not a url' } : remote,
  );
  await page.goto('/catalog');
  await expect(page.getByTestId('remote-error')).toBeVisible();
  expect(await seriousViolations(page), 'error card').toEqual([]);
  await page.unrouteAll({ behavior: 'ignoreErrors' });

  // Every remote in both themes: each draws in the shell's palette (contrast is checked).
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    for (const [path, ready] of REMOTE_PAGES) {
      await page.goto(path);
      await expect(ready(page)).toBeVisible();
      await expect(page.getByTestId('remote-loading')).toHaveCount(0);
      expect(await seriousViolations(page), `${path}, ${colorScheme} theme`).toEqual([]);
    }
  }
  await page.goto('/');
  await expect(page.getByTestId('remote-list')).toBeVisible();
  expect(await seriousViolations(page), 'home, dark theme').toEqual([]);
});
