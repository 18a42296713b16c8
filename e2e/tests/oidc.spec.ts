import { expect, test, type Page } from '@playwright/test';
import { OIDC_ACCOUNTS, OIDC_TITLE } from '../support/oidcProvider';
import { BACKEND_URL } from '../support/portal';
import { nav } from '../support/remotePages';

/**
 * Production sign-in in a real browser: the shell's OIDC button opens Backstage's popup, which
 * goes through a real OpenID Connect provider (started by the global setup) and back to the
 * backend, which resolves the account to a catalog user by e-mail.
 */

const REFRESH_COOKIE = 'oidc-refresh-token';
const oidcButton = (page: Page) => page.getByRole('button', { name: `Sign in with ${OIDC_TITLE}` });

/** Clicks the OIDC button and signs in at the provider's form in the popup; answers the popup. */
async function signInAtProvider(page: Page, login: string, password: string): Promise<Page> {
  await page.goto('/');
  const popupOpened = page.waitForEvent('popup');
  await oidcButton(page).click();
  const popup = await popupOpened;
  await expect(popup.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await popup.locator('input[name="login"]').fill(login);
  await popup.locator('input[name="password"]').fill(password);
  await popup.getByRole('button', { name: 'Sign in' }).click();
  return popup;
}

async function refreshCookies(page: Page): Promise<string[]> {
  const cookies = await page.context().cookies(`${BACKEND_URL}/api/auth/oidc`);
  return cookies.map(cookie => cookie.name).filter(name => name.startsWith(REFRESH_COOKIE));
}

/** Nobody is signed in: the sign-in page, no user menu, nothing remembered, no refresh cookie. */
async function expectNoSession(page: Page) {
  await expect(page.getByRole('heading', { name: 'Sign in to Portico' })).toBeVisible();
  await expect(page.getByTestId('user-menu')).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.getItem('portico.signInProvider'))).toBeNull();
  expect(await refreshCookies(page)).toEqual([]);
}

test('signs in through the identity provider as the catalog user, stays signed in on reload, and signs out', async ({
  page,
}) => {
  const popup = await signInAtProvider(page, 'linus', OIDC_ACCOUNTS.linus.password);
  await expect(popup.getByRole('heading', { name: /^Allow/ })).toBeVisible();
  await popup.getByRole('button', { name: 'Allow' }).click();

  // The backend's handler page posts the identity to the shell and closes the popup.
  await expect(page.getByTestId('user-display-name')).toHaveText('Linus Chen');
  await expect.poll(() => popup.isClosed()).toBe(true);
  await expect(page.getByRole('heading', { name: 'Welcome, Linus Chen' })).toBeVisible();
  await expect(nav(page).getByRole('link', { name: 'Payments', exact: true })).toBeVisible();
  await page.getByTestId('user-menu').getByRole('button', { expanded: false }).click();
  await expect(page.getByTestId('user-menu-panel')).toContainText('user:default/linus');
  await page.keyboard.press('Escape');
  expect(await refreshCookies(page)).toEqual([REFRESH_COOKIE]);

  // The token is Linus's, with the payments team's memberships: the catalog shows what they may read.
  await nav(page).getByRole('link', { name: 'Catalog', exact: true }).click();
  await expect(page.getByRole('cell', { name: 'payments-api', exact: true })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'search-indexer', exact: true })).toHaveCount(0);

  // A reload signs in again silently, through the backend's refresh cookie.
  const refreshed = page.waitForResponse(response => response.url().startsWith(`${BACKEND_URL}/api/auth/oidc/refresh`));
  await page.reload();
  expect((await refreshed).status()).toBe(200);
  await expect(page.getByTestId('user-display-name')).toHaveText('Linus Chen');
  await expect(page.getByRole('cell', { name: 'payments-api', exact: true })).toBeVisible();

  // Sign-out returns to the sign-in page and ends the backend's session: its cookie is cleared.
  const loggedOut = page.waitForResponse(response => response.url().startsWith(`${BACKEND_URL}/api/auth/oidc/logout`));
  await page.getByTestId('user-menu').getByRole('button', { expanded: false }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  expect((await loggedOut).status()).toBe(200);
  await expect(oidcButton(page)).toBeVisible();
  await expectNoSession(page);
  await page.reload();
  await expectNoSession(page);
});

test('an account whose e-mail is no catalog user is refused with a clear error and no session', async ({ page }) => {
  const popup = await signInAtProvider(page, 'mallory', OIDC_ACCOUNTS.mallory.password);
  await popup.getByRole('button', { name: 'Allow' }).click();

  const error = page.getByRole('alert');
  await expect(error).toContainText(/Could not sign in: .*unable to resolve user identity/i);
  await expect(error).toHaveAttribute('data-testid', 'sign-in-error');
  await expect.poll(() => popup.isClosed()).toBe(true);
  await expect(oidcButton(page)).toBeEnabled();
  await expectNoSession(page);
});

test('a wrong password stays at the identity provider; closing its window says so and leaves no session', async ({
  page,
}) => {
  const popup = await signInAtProvider(page, 'linus', 'not the password');
  await expect(popup.getByText('Wrong login or password.')).toBeVisible();
  await expect(page.getByTestId('sign-in-oidc')).toHaveText('Signing in…');
  await expect(page.getByTestId('sign-in-oidc')).toBeDisabled();
  await popup.close();

  await expect(page.getByTestId('sign-in-error')).toHaveText(
    'Could not sign in: The sign-in window was closed before signing in finished.',
  );
  await expect(oidcButton(page)).toBeEnabled();
  await expectNoSession(page);
});

test('a blocked popup says so', async ({ page }) => {
  // What a browser's popup blocker does: window.open answers null.
  await page.addInitScript(() => {
    window.open = () => null;
  });
  await page.goto('/');
  await oidcButton(page).click();
  await expect(page.getByTestId('sign-in-error')).toContainText(
    'The browser blocked the sign-in window. Allow pop-ups',
  );
  await expectNoSession(page);
});
