import { expect, type Locator, type Page } from '@playwright/test';
import { signIn } from './signIn';

export function nav(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Remotes' });
}

/** Signs in and clicks the remote's link in the navigation. */
export async function openRemote(page: Page, title: string) {
  await signIn(page);
  await nav(page).getByRole('link', { name: title, exact: true }).click();
}

/**
 * The error card of a remote: it names the remote (title and federation name), the cause and a
 * stable code, and offers Retry.
 */
export async function expectErrorCard(
  page: Page,
  expected: { name: string; title: string; code: string; cause: string | RegExp },
  options?: { timeout?: number },
): Promise<Locator> {
  const card = page.locator(`[data-testid="remote-error"][data-remote="${expected.name}"]`);
  await expect(card).toBeVisible(options);
  await expect(card).toHaveAttribute('role', 'alert');
  await expect(card).toHaveAttribute('data-error-code', expected.code);
  await expect(card.getByTestId('remote-error-code')).toHaveText(expected.code);
  await expect(card.getByRole('heading')).toContainText(expected.title);
  await expect(card).toContainText(expected.name);
  await expect(card.getByTestId('remote-error-cause')).toContainText(expected.cause);
  await expect(card.getByRole('button', { name: 'Retry' })).toBeEnabled();
  return card;
}

/** The portal survived: navigation works, and other remotes render real data. */
export async function expectOtherRemotesWork(page: Page) {
  await nav(page).getByRole('link', { name: 'Catalog', exact: true }).click();
  await expect(page.getByRole('cell', { name: 'payments-api', exact: true })).toBeVisible();
  await expect(page.getByTestId('remote-error')).toHaveCount(0);
  await nav(page).getByRole('link', { name: 'Payments', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Payments', level: 1 })).toBeVisible();
  await expect(page.getByTestId('remote-error')).toHaveCount(0);
}
