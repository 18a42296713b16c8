import { expect, test } from '@playwright/test';
import { buildPaymentsNext, PAYMENTS_HEADING, PAYMENTS_NEXT_HEADING, PAYMENTS_VERSION } from '../support/paymentsNext';
import { portico } from '../support/publish';
import { signIn } from '../support/signIn';

test.describe.configure({ mode: 'serial' });

test('the registry console rolls a remote back, and the portal shows it after a reload', async ({ page }) => {
  test.setTimeout(240_000);
  // Payments 1.1.0 live over the version the portal started with (publishing is idempotent if another test did it already).
  await portico('publish', await buildPaymentsNext());

  // A visit to payments first, so that browsers have reported a load time the console shows.
  await signIn(page, '/payments');
  await expect(page.getByRole('heading', { name: PAYMENTS_NEXT_HEADING })).toBeVisible();
  await page.goto('/registry');
  await expect(page.getByTestId('registry-table')).toBeVisible();
  const row = page.locator('[data-testid="registry-remote"][data-remote="team_payments"]');
  await expect(row.getByTestId('live-version')).toHaveText('1.1.0');
  await expect(async () => {
    await page.reload();
    await expect(row.getByTestId('load-times')).toContainText(/1\.1\.0 p50 \d+ ms · p95 \d+ ms/, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await row.getByRole('button', { name: 'Roll back' }).click();
  await expect(row.getByRole('status')).toHaveText('Rolled back');
  await expect(row.getByTestId('live-version')).toHaveText(PAYMENTS_VERSION);

  await page.goto('/payments');
  await expect(page.getByRole('heading', { name: PAYMENTS_HEADING, exact: true })).toBeVisible();

  // And forward again from the console, for whoever runs next.
  await page.goto('/registry');
  await row.getByLabel('Version of Payments to promote').selectOption('1.1.0');
  await row.getByRole('button', { name: 'Promote' }).click();
  await expect(row.getByTestId('live-version')).toHaveText('1.1.0');
  await page.goto('/payments');
  await expect(page.getByRole('heading', { name: PAYMENTS_NEXT_HEADING })).toBeVisible();
});
